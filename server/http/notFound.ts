import type { Context, Hono } from 'hono';
import { toProblem } from './errors.ts';
import { ProblemError } from './problem.ts';

/**
 * The answer for a request no route takes: 405 with `Allow` when the path exists under other
 * methods (RFC 9110, 15.5.6), 404 otherwise.
 */
export function answerUnrouted(app: Pick<Hono, 'routes'>) {
  let table: { method: string; pattern: RegExp }[] | undefined;
  return function unrouted(c: Context): Response {
    // Built on first use: every route is registered by then.
    table ??= app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/\*/g, '.*').replace(/:[^/]+/g, '[^/]+')}$`) }));
    const { pathname } = new URL(c.req.url);
    const allowed = [...new Set(table.filter((r) => r.pattern.test(pathname)).map((r) => r.method))].sort();
    if (!allowed.length) return toProblem(new ProblemError(404, 'not-found', `no route for ${c.req.method} ${pathname}`), c);
    const res = toProblem(
      new ProblemError(405, 'method-not-allowed', `${c.req.method} is not allowed on ${pathname}; use ${allowed.join(', ')}`, undefined, {
        allow: allowed,
      }),
      c,
    );
    res.headers.set('allow', allowed.join(', '));
    return res;
  };
}
