import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { apiTokens, people } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import type { AccessRole, Actor, AppEnv } from '../deps.ts';
import { hashToken } from '../auth/tokens.ts';
import { scopeOf, siteIdsOf } from '../access/scope.ts';
import { keepReadsFor } from '../access/requestReads.ts';
import { defaultSessionSettings, liveSession, SESSION_COOKIE } from '../sessions/index.ts';
import { ProblemError } from './problem.ts';

const LAST_USED_PRECISION_MS = 3_600_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The actor a credential acts as, from its person as they are now: refused for an archived
 * person or a role they no longer hold; their scope read afresh (narrowed to a token's sites).
 */
async function actorOf(
  db: Db,
  credential: { personId: string; role: AccessRole; narrowTo: readonly string[] | null; tokenId: string | null; sessionId?: string },
  method: string,
): Promise<Actor> {
  const [person] = await db.select().from(people).where(eq(people.id, credential.personId)).limit(1);
  if (!person) throw new ProblemError(401, 'unauthenticated', 'the credential belongs to nobody');
  if (person.archivedAt) throw new ProblemError(401, 'unauthenticated', 'the credential belongs to an archived person');
  if (!person.roles.includes(credential.role)) {
    throw new ProblemError(401, 'unauthenticated', `the role '${credential.role}' is no longer one of its person's roles`);
  }
  const scope = await scopeOf(db, person);
  const siteIds = await siteIdsOf(db, scope, credential.narrowTo);
  const actor: Actor = {
    personId: person.id,
    name: person.name,
    role: credential.role,
    tokenId: credential.tokenId,
    ...(credential.sessionId ? { sessionId: credential.sessionId } : {}),
    scope,
    siteIds,
  };
  if (SAFE_METHODS.has(method)) keepReadsFor(actor);
  return actor;
}

async function bearerActor(c: Context<AppEnv>, header: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ProblemError(401, 'unauthenticated', 'the Authorization header must be `Bearer <token>`');
  const { db } = c.var.deps;
  const [token] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(match[1])), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!token) throw new ProblemError(401, 'unauthenticated', 'the bearer token is unknown or revoked');
  const now = c.var.deps.clock();
  if (token.expiresAt && token.expiresAt <= now) {
    throw new ProblemError(401, 'unauthenticated', `the token expired at ${token.expiresAt.toISOString()}`);
  }
  const actor = await actorOf(db, { personId: token.personId, role: token.role, narrowTo: token.siteIds, tokenId: token.id }, c.req.method);
  // "Last used" is for spotting dead tokens; hourly precision spares a write per request.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  }
  return actor;
}

/** Compares secrets in constant time, so the comparison's duration tells nothing. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The actor of a session cookie, or undefined when the cookie names no live session (the request
 * then goes on unauthenticated, so that signing in again works). A change made with the cookie
 * must carry the session's CSRF token (`given`: the `X-CSRF-Token` header, or a page form's
 * `_csrf` field), which another site cannot read.
 */
export async function sessionActor(
  c: Context<AppEnv>,
  secret: string,
  given: { token: string | undefined; place: string } = { token: c.req.header('x-csrf-token'), place: 'header.X-CSRF-Token' },
): Promise<Actor | undefined> {
  const { db, clock } = c.var.deps;
  const session = await liveSession(db, secret, clock(), c.var.deps.sessions ?? defaultSessionSettings);
  if (!session) return undefined;
  if (!SAFE_METHODS.has(c.req.method) && !sameSecret(given.token, session.csrfToken)) {
    throw new ProblemError(403, 'csrf', 'a change made with a session cookie needs its CSRF token in the X-CSRF-Token header', [
      { path: given.place, message: given.token ? 'not this session’s token' : 'missing' },
    ]);
  }
  const actor = await actorOf(
    db,
    { personId: session.personId, role: session.role, narrowTo: null, tokenId: null, sessionId: session.id },
    c.req.method,
  );
  actor.csrfToken = session.csrfToken;
  return actor;
}

/**
 * Resolves the caller: `Authorization: Bearer <token>` first (a wrong token is a 401 at once,
 * whatever cookie comes with it), else the session cookie. Without either the actor stays unset
 * and each route's policy refuses.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateCaller(c, next) {
    c.set('actor', undefined);
    const header = c.req.header('authorization');
    const cookie = header === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    if (header !== undefined) c.set('actor', await bearerActor(c, header));
    else if (cookie) c.set('actor', await sessionActor(c, cookie));
    await next();
  };
}
