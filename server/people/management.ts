import type { Db } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { scopeOf, siteIdsOf, type Scope } from '../access/index.ts';
import { ForbiddenError } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';

/**
 * An admin manages the people within their own scope: an admin of some sites cannot mint tokens
 * for, reset, archive or re-scope someone who sees more than they do, nor widen anyone's scope
 * (their own included) beyond theirs. Otherwise a site admin could make themselves installation-wide.
 */

/** Whether every site of `inner` lies in `outer` (null: every site). */
export function within(inner: readonly string[] | null, outer: readonly string[] | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  return inner.every((id) => outer.includes(id));
}

/** Whether the person sees nothing the viewer does not. */
export async function manages(db: Db, viewer: { siteIds: readonly string[] | null }, personId: string): Promise<boolean> {
  if (viewer.siteIds === null) return true;
  const person = await findOrNotFound(db, people, 'person', personId);
  return within(await siteIdsOf(db, await scopeOf(db, person)), viewer.siteIds);
}

/** Refuses (403) when the person sees something the acting admin does not. */
export async function checkManages(w: Write, personId: string): Promise<void> {
  if (!(await manages(w.tx, w.actor, personId))) {
    const person = await findOrNotFound(w.tx, people, 'person', personId);
    throw new ForbiddenError(`${person.name} sees more of the plant than you do; an admin of the whole of it manages them`);
  }
}

/** Refuses (403, naming the field) a scope wider than the acting admin's. */
export async function checkGrantable(w: Write, scope: Scope, field = 'body.scope'): Promise<void> {
  if (!within(await siteIdsOf(w.tx, scope), w.actor.siteIds)) {
    throw new ForbiddenError('you can give only a scope within your own', [{ path: field, message: 'wider than your scope' }]);
  }
}

/** The scope a person gets when none is given: the acting admin's own, as far as it reaches. */
export async function defaultScopeFor(db: Db, actor: Write['actor']): Promise<Scope | undefined> {
  if (actor.siteIds === null) return undefined;
  return within(await siteIdsOf(db, actor.scope), actor.siteIds) ? actor.scope : { kind: 'sites', siteIds: [...actor.siteIds] };
}
