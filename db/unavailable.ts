// Errors that mean the database cannot be reached right now (down, restarting, the network): the
// work may succeed later. The HTTP layer answers 503 with Retry-After, never a 500; the MQTT
// subscriber holds its acknowledgements and tries again.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** Whether an error says the database is unavailable (connection refused or lost, server shutting down or starting). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now).
    if (unavailableCodes.has(code) || /^08...$/.test(code) || /^57P0[123]$/.test(code)) return true;
  }
  return false;
}
