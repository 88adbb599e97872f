import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { systemResolve, webhookTarget, WebhookRefused, type ResolvedAddress, type ResolveHost } from './webhookAddress.ts';

/** The JSON a webhook receives: `text` for chat tools (Slack, Mattermost), the facts under `events`. */
export interface WebhookBody {
  text: string;
  digest: boolean;
  events: Record<string, unknown>[];
}

export interface WebhookOptions {
  deliveryId: string;
  timeoutMs: number;
  /** Hosts posted to whatever their address (WEBHOOK_ALLOWED_HOSTS); others only on public addresses. */
  allowedHosts?: readonly string[];
  /** How host names are resolved (node:dns by default). */
  resolve?: ResolveHost;
}

/** Why a request failed, in words: the HTTP status, or the network error's code. */
function reasonOf(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'the webhook did not answer in time';
  const code = (err as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  return `the webhook cannot be reached (${detail})`;
}

/** A lookup that answers the address already checked, whatever the name server would say now. */
function pinnedTo(target: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * POSTs a notification as JSON. Only a 2xx answer counts as delivered; a redirect is not
 * followed (the URL the person gave is the one posted to) and the answer's body is not read, so
 * nothing from the receiver ends up in twinward. `X-Twinward-Delivery` names the delivery, so a
 * receiver can drop a repeat after a retry. The host is resolved once and checked (see
 * `webhookTarget`), and the connection goes to that very address; a refused address throws
 * WebhookRefused before anything is sent.
 */
export async function postWebhook(url: string, body: WebhookBody, options: WebhookOptions): Promise<void> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const target = new URL(url);
  const payload = JSON.stringify(body);
  try {
    const address = await Promise.race([
      webhookTarget(target, options.allowedHosts ?? [], options.resolve ?? systemResolve),
      whenAborted(signal),
    ]);
    const status = await new Promise<number>((resolve, reject) => {
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'user-agent': 'twinward-notifications',
            'x-twinward-delivery': options.deliveryId,
          },
          lookup: pinnedTo(address),
          // A connection of its own: no pooled socket to an address checked for another request.
          agent: false,
          signal,
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    if (status < 200 || status > 299) throw new HttpStatus(status);
  } catch (err) {
    if (err instanceof WebhookRefused) throw err;
    if (err instanceof HttpStatus) throw new Error(`the webhook answered HTTP ${err.status}`);
    throw new Error(reasonOf(err, signal));
  }
}

class HttpStatus extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
