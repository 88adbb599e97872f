import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { limitOf, JSON_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../http/limits.ts';
import { ProblemError } from '../http/problem.ts';
import { NOT_PAGES } from './session.ts';

// Page forms are small; the balance page's upload takes a line's file, as the API's upload does.
const uploadPages = [/^\/lines\/[^/]+\/balance\/upload$/];

/**
 * The edge checks of the API, for the pages: a body larger than the page takes is refused (413)
 * before it is read, and a form field holding a NUL (which PostgreSQL text cannot store) is
 * refused with its name (400) instead of failing in the database.
 */
export function limitPageBodies(): MiddlewareHandler<AppEnv> {
  const form = limitOf(JSON_BODY_LIMIT);
  const upload = limitOf(UPLOAD_BODY_LIMIT);
  return async function limitPageBody(c, next) {
    if (NOT_PAGES.test(c.req.path) || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = uploadPages.some((r) => r.test(c.req.path)) ? upload : form;
    return limit(c, async () => {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        const body = await c.req.parseBody({ all: true });
        for (const [name, value] of Object.entries(body)) {
          const values = Array.isArray(value) ? value : [value];
          if (name.includes('\0') || values.some((v) => typeof v === 'string' && v.includes('\0'))) {
            const field = name.replaceAll('\0', '\\u0000');
            throw new ProblemError(400, 'validation', `invalid body.${field}: text must not contain NUL characters`, [
              { path: `body.${field}`, message: 'must not contain NUL (U+0000) characters' },
            ]);
          }
        }
      }
      await next();
    });
  };
}
