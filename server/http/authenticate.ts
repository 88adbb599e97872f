import { and, eq, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { apiTokens, people } from '../../db/schema/index.ts';
import type { AppEnv } from '../deps.ts';
import { hashToken } from '../auth/tokens.ts';
import { ProblemError } from './problem.ts';

const LAST_USED_PRECISION_MS = 3_600_000;

/**
 * Resolves `Authorization: Bearer <token>` to the acting person and role. A missing header
 * leaves the actor unset (each route's policy then refuses); a wrong token is a 401 at once.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateBearer(c, next) {
    const header = c.req.header('authorization');
    c.set('actor', undefined);
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new ProblemError(401, 'unauthenticated', 'the Authorization header must be `Bearer <token>`');
      const { db } = c.var.deps;
      const [row] = await db
        .select({
          tokenId: apiTokens.id,
          role: apiTokens.role,
          personId: people.id,
          name: people.name,
          lastUsedAt: apiTokens.lastUsedAt,
          archivedAt: people.archivedAt,
          roles: people.roles,
        })
        .from(apiTokens)
        .innerJoin(people, eq(people.id, apiTokens.personId))
        .where(and(eq(apiTokens.tokenHash, hashToken(match[1])), isNull(apiTokens.revokedAt)))
        .limit(1);
      if (!row) throw new ProblemError(401, 'unauthenticated', 'the bearer token is unknown or revoked');
      // A token acts for its person as they are now: not after they were archived, not in a role they lost.
      if (row.archivedAt) throw new ProblemError(401, 'unauthenticated', 'the token belongs to an archived person');
      if (!row.roles.includes(row.role)) {
        throw new ProblemError(401, 'unauthenticated', `the token's role '${row.role}' is no longer one of its person's roles`);
      }
      const { lastUsedAt, archivedAt: _archived, roles: _roles, ...actor } = row;
      const now = c.var.deps.clock();
      // "Last used" is for spotting dead tokens; hourly precision spares a write per request.
      if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
      }
      c.set('actor', actor);
    }
    await next();
  };
}
