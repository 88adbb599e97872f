import type { MiddlewareHandler } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { ProblemError } from './problem.ts';
import { allows, type Policy } from '../auth/policies.ts';

/** Route middleware enforcing one policy; the route's handler can then rely on an actor. */
export function authorize(policy: Policy): MiddlewareHandler<AppEnv> {
  return async function authorizePolicy(c, next) {
    const actor = c.var.actor;
    if (!actor) throw new ProblemError(401, 'unauthenticated', 'this API needs a bearer token (Authorization: Bearer <token>)');
    if (!allows(policy, actor.role)) {
      throw new ProblemError(403, 'forbidden', `role '${actor.role}' may not do this (policy '${policy}')`, undefined, { policy });
    }
    await next();
  };
}

/** The actor of a request that passed `authorize`. */
export function actorOf(c: { var: { actor: Actor | undefined } }): Actor {
  const actor = c.var.actor;
  if (!actor) throw new ProblemError(401, 'unauthenticated', 'this API needs a bearer token');
  return actor;
}
