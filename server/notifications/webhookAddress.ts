import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Which addresses a webhook may be posted to. A person chooses their webhook's URL, and the
 * delivery job posts from inside the plant network: without this, any signed-in person could
 * have twinward probe its own machine, the cloud's metadata service or the plant's internal
 * hosts. Only public addresses are posted to, unless the installation allows a host by name
 * (WEBHOOK_ALLOWED_HOSTS), such as an internal Mattermost.
 */

/** The reason a refused webhook gives: the same whatever was refused, so it tells nothing of the network. */
export const NOT_ALLOWED = "the webhook's address is not allowed";

/** A webhook whose address is not allowed: refused before any connection, and not retried. */
export class WebhookRefused extends Error {
  constructor() {
    super(NOT_ALLOWED);
    this.name = 'WebhookRefused';
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (node:dns `lookup`, as connections would). */
export type ResolveHost = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolve: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

// IPv4 ranges that are not the public internet: [first address, prefix length].
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

// IPv6 ranges that are not the public internet.
const V6_BLOCKED: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed internally by some)
  ['fc00::', 7], // unique local
  ['ff00::', 8], // multicast
];

// IPv6 ranges that carry an IPv4 address, which is judged as such: [first address, prefix, bit offset of the IPv4].
const V6_EMBEDDING_V4: [string, number, number][] = [
  ['::ffff:0:0', 96, 96], // IPv4-mapped
  ['::', 96, 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96, 96], // NAT64
  ['2002::', 16, 16], // 6to4
];

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

/** The 128 bits of an IPv6 address (without a zone), the IPv4 tail form included. */
function v6ToBigInt(ip: string): bigint {
  let text = ip.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = v4ToBigInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function inRange(value: bigint, bits: number, first: bigint, prefix: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === first >> shift;
}

function v4Public(value: bigint): boolean {
  return !V4_BLOCKED.some(([first, prefix]) => inRange(value, 32, v4ToBigInt(first), prefix));
}

/**
 * True for an address on the public internet: not loopback, private, link-local, unique-local,
 * unspecified, multicast, carrier-grade NAT or reserved, nor an IPv6 form of such an IPv4
 * address. Anything that is not an IP address is not public.
 */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) return v4Public(v4ToBigInt(bare));
  if (family !== 6) return false;
  const value = v6ToBigInt(bare);
  if (V6_BLOCKED.some(([first, prefix]) => inRange(value, 128, v6ToBigInt(first), prefix))) return false;
  for (const [first, prefix, offset] of V6_EMBEDDING_V4) {
    if (inRange(value, 128, v6ToBigInt(first), prefix)) return v4Public((value >> BigInt(96 - offset)) & 0xffffffffn);
  }
  return true;
}

/** A URL's host as a name or a bare IP (no brackets, no trailing dot, lower case). */
export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

function sameHost(a: string, b: string): boolean {
  const x = a
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  const y = b
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIP(x) === 6 && isIP(y) === 6) return v6ToBigInt(x) === v6ToBigInt(y);
  return x === y;
}

/** Whether the installation allows this host whatever its address (WEBHOOK_ALLOWED_HOSTS). */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((allowed) => sameHost(allowed, host));
}

/**
 * True when a webhook URL names an IP address it may not be posted to, as can be told without
 * resolving a name: what the settings refuse when saved. Host names are judged at delivery.
 */
export function isRefusedLiteral(value: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = hostOf(url);
  return isIP(host) !== 0 && !isAllowedHost(host, allowedHosts) && !isPublicAddress(host);
}

/**
 * The address to connect to for a webhook URL: its IP, or its host name resolved. Refused
 * (WebhookRefused) when any address the name has is not public, unless the host is allowed: the
 * connection is then made to the address checked here, so that a second answer of the name
 * server (DNS rebinding) cannot send it elsewhere.
 */
export async function webhookTarget(
  url: URL,
  allowedHosts: readonly string[],
  resolve: ResolveHost = systemResolve,
): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : await resolve(host);
  if (!addresses.length) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
  if (!isAllowedHost(host, allowedHosts) && addresses.some((a) => !isPublicAddress(a.address))) throw new WebhookRefused();
  return addresses[0];
}
