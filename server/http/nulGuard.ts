import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.ts';

// PostgreSQL text and jsonb cannot hold U+0000, so a body carrying it would fail in the
// database after validation passed. Refuse it at the edge instead, naming the field.

function pathOfNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\0')) return `${path}.${key.replaceAll('\0', '\\u0000')}`;
      const found = pathOfNul(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Routes that check each item of a batch themselves, so that one bad item does not refuse the rest. */
const checkedPerItem = new Set(['/api/v1/ingest']);

/** Rejects request bodies with NUL characters with a 400 naming where the NUL is. */
export function rejectNul(): MiddlewareHandler {
  return async function nulGuard(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !checkedPerItem.has(new URL(c.req.url).pathname)) {
      const text = await c.req.text();
      if (text.includes('\0') || text.includes('\\u0000')) {
        let path = 'body';
        try {
          path = pathOfNul(JSON.parse(text), 'body') ?? 'body';
        } catch {
          // not JSON: the whole body is the field
        }
        throw new ProblemError(400, 'validation', `invalid ${path}: text must not contain NUL characters`, [
          { path, message: 'must not contain NUL (U+0000) characters' },
        ]);
      }
    }
    await next();
  };
}
