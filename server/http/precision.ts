import type { MiddlewareHandler } from 'hono';

/** Significant digits of a non-integer number in an API answer (integers are always exact). */
export const SIGNIFICANT_DIGITS = 12;

/**
 * Rounds a number for presentation: binary floating point leaves noise in the last digits
 * (0.1 + 0.3 = 0.4000000000000001), which answers must not carry. 12 significant digits keep
 * small rates exact (a failure rate of 1.234e-7 per second stays 1.234e-7) and every integer as it is.
 */
export function presentNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

const replacer = (_key: string, value: unknown) => (typeof value === 'number' ? presentNumber(value) : value);

/**
 * The presentation edge of every JSON answer: computations keep full precision, and only what
 * leaves the service is rounded, in this one place.
 */
export function roundJsonNumbers(): MiddlewareHandler {
  return async function presentJson(c, next) {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!/^application\/(problem\+)?json/.test(type)) return;
    const text = await c.res.text();
    const body = JSON.stringify(JSON.parse(text), replacer);
    c.res = new Response(body, { status: c.res.status, headers: c.res.headers });
    c.res.headers.delete('content-length');
  };
}
