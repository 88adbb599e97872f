import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../deps.ts';
import { ProblemError } from './problem.ts';

/** The largest JSON body of the management API: a full line model or problem fits many times over. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** The largest uploaded file (an `.alb` or CSV line, an import of orders) or batch of machine events. */
export const UPLOAD_BODY_LIMIT = 16 * 1024 * 1024;

// Routes that take files; everything else under /api/v1 takes at most a JSON body.
const uploadRoutes = [/^\/api\/v1\/balancing-runs\/upload$/, /^\/api\/v1\/ingest$/, /^\/api\/v1\/lines\/[^/]+\/(work-)?orders$/];

const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;

/**
 * Refuses a body larger than the route takes with 413, before it is read: a declared length is
 * checked at once, a streamed body is counted as it arrives and cut off at the limit.
 */
export function limitBodies(): MiddlewareHandler<AppEnv> {
  const json = limitOf(JSON_BODY_LIMIT);
  const upload = limitOf(UPLOAD_BODY_LIMIT);
  return async function limitBody(c, next) {
    const path = new URL(c.req.url).pathname;
    return (uploadRoutes.some((r) => r.test(path)) ? upload : json)(c, next);
  };
}

/** A body limit of `maxSize` bytes that answers 413 with the limit. */
export function limitOf(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ProblemError(413, 'too-large', `the request body is larger than this route takes (${mib(maxSize)})`, undefined, {
        limitBytes: maxSize,
      });
    },
  });
}
