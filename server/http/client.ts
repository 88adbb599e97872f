import type { Context } from 'hono';

/**
 * Who is on the other end of a request: the socket's address, or, when the socket is one of the
 * configured trusted proxies, the nearest address in `X-Forwarded-For` that is not a trusted
 * proxy (anything further left could be forged by the client). Requests made in-process (tests)
 * have no socket and count as one address, `local`.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const env = c.env as
    { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const socket = (env?.server ?? env)?.incoming?.socket?.remoteAddress ?? 'local';
  if (!trustedProxies.includes(socket)) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trustedProxies.includes(forwarded[i])) return forwarded[i];
  return socket;
}

/** Whether the browser reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isHttps(c: Context, trustedProxies: readonly string[]): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'local';
  return trustedProxies.includes(socket) && c.req.header('x-forwarded-proto') === 'https';
}
