import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Actor, AppEnv } from '../deps.ts';
import { allows, type Policy } from '../auth/policies.ts';
import { sessionActor } from '../http/authenticate.ts';
import { ProblemError } from '../http/problem.ts';
import { SESSION_COOKIE } from '../sessions/index.ts';
import { ForbiddenError } from '../core/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Paths the web application's middleware leaves alone: the API, vendored and own assets, health. */
export const NOT_PAGES = /^\/(api|vendor|assets)(\/|$)|^\/healthz$/;

/** Thrown where a page needs a signed-in person and there is none: the page error handler sends them to sign in. */
export class SignInRequired extends Error {
  constructor(readonly next: string) {
    super('sign-in required');
  }
}

/**
 * The session of a page request, from the cookie only (pages take no bearer tokens). A change
 * must carry the session's CSRF token: htmx sends it as `X-CSRF-Token` (set once on <body>),
 * a plain form as its `_csrf` field. A cookie of a session that ended, or of a person who lost
 * the role, reads as signed out.
 */
export function pageSession(): MiddlewareHandler<AppEnv> {
  return async function resolvePageSession(c, next) {
    // Mounted at the root: the API authenticates on its own, assets need nobody.
    if (NOT_PAGES.test(c.req.path)) return next();
    c.set('actor', undefined);
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) {
      let given = { token: c.req.header('x-csrf-token'), place: 'header.X-CSRF-Token' };
      if (!SAFE_METHODS.has(c.req.method) && given.token === undefined && isForm(c)) {
        const field = (await c.req.parseBody())._csrf;
        given = { token: typeof field === 'string' ? field : undefined, place: 'body._csrf' };
      }
      try {
        c.set('actor', await sessionActor(c, secret, given));
      } catch (err) {
        if (!(err instanceof ProblemError) || err.status !== 401) throw err;
      }
    }
    await next();
  };
}

function isForm(c: Context): boolean {
  const type = c.req.header('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/** The signed-in person, or a redirect to the sign-in page that comes back here. */
export function signedIn(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) {
    const url = new URL(c.req.url);
    throw new SignInRequired(SAFE_METHODS.has(c.req.method) ? url.pathname + url.search : '/');
  }
  return actor;
}

/** The signed-in person when their role passes the policy (the same matrix as the API), else 403. */
export function signedInFor(c: Context<AppEnv>, policy: Policy): Actor {
  const actor = signedIn(c);
  if (!allows(policy, actor.role)) throw new ForbiddenError(`a ${actor.role} may not do this (policy ${policy})`);
  return actor;
}

/** Where each role lands after signing in. */
export function homeOf(role: Actor['role']): string {
  if (role === 'owner') return '/inbox';
  if (role === 'planner') return '/lines';
  return '/';
}
