import { and, asc, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  apiTokens,
  auditLog,
  dataSources,
  escalationRouteSteps,
  escalations,
  kpis,
  milestones,
  people,
  programs,
  usageEvents,
  useCases,
  userGroupMembers,
} from '../../db/schema/index.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import type { AccessRole } from '../deps.ts';
import { ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import {
  archivedWhere,
  deleteUnlessUsed,
  findActive,
  refuseArchived,
  rowsOf,
  setArchived,
  type ArchivedFilter,
  type LifecycleTarget,
} from '../core/lifecycle.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

export interface PersonInput {
  name: string;
  email: string;
  roles: AccessRole[];
}

export async function createPerson(w: Write, input: PersonInput) {
  const [row] = await w.tx
    .insert(people)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  await audit(w, { entityType: 'person', entityId: row.id, action: 'create', after: row });
  return row;
}

export async function updatePerson(w: Write, id: string, patch: Partial<PersonInput>) {
  const before = await findOrNotFound(w.tx, people, 'person', id, { forUpdate: true });
  refuseArchived(before, `${before.name}'s record`);
  const [after] = await w.tx
    .update(people)
    .set({ ...patch, version: nextVersion(people), updatedAt: w.now })
    .where(eq(people.id, id))
    .returning();
  await audit(w, { entityType: 'person', entityId: id, action: 'update', before, after });
  return after;
}

export function listPeople(db: Db, filter: { archived?: ArchivedFilter } = {}) {
  return db.select().from(people).where(archivedWhere(people.archivedAt, filter.archived)).orderBy(asc(people.name));
}

export function getPerson(db: Db, id: string) {
  return findOrNotFound(db, people, 'person', id);
}

/** Issues a token for a person in one of their roles; the secret is returned once, never stored. */
export async function issueToken(w: Write, personId: string, input: { role: AccessRole; label: string }) {
  const person = await findActive(w.tx, people, 'person', personId);
  if (!person.roles.includes(input.role)) {
    throw ruleViolation(`${person.name} does not hold the role '${input.role}'`, {}, [
      { path: 'body.role', message: `not one of the person's roles (${person.roles.join(', ')})` },
    ]);
  }
  const secret = generateToken();
  const [row] = await w.tx
    .insert(apiTokens)
    .values({ personId, role: input.role, label: input.label, tokenHash: hashToken(secret), createdAt: w.now })
    .returning({
      id: apiTokens.id,
      personId: apiTokens.personId,
      role: apiTokens.role,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
    });
  await audit(w, { entityType: 'api_token', entityId: row.id, action: 'create', after: row });
  return { ...row, token: secret };
}

/** Revokes a token; it stops working on the next request. */
export async function revokeToken(w: Write, tokenId: string) {
  const before = await findOrNotFound(w.tx, apiTokens, 'token', tokenId, { forUpdate: true });
  if (before.revokedAt) throw ruleViolation('the token is already revoked');
  const [after] = await w.tx
    .update(apiTokens)
    .set({ revokedAt: w.now })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning();
  const { tokenHash: _b, ...beforeSafe } = before;
  const { tokenHash: _a, ...afterSafe } = after;
  await audit(w, { entityType: 'api_token', entityId: tokenId, action: 'revoke', before: beforeSafe, after: afterSafe });
  return afterSafe;
}

/** A person's tokens, without their hashes: for spotting unused ones and revoking. */
/** Tokens, of one person when given (never their hashes), oldest first. */
export async function listTokens(db: Db, personId?: string, filter: { active?: boolean } = {}) {
  if (personId) await findOrNotFound(db, people, 'person', personId);
  const conditions = [
    personId ? eq(apiTokens.personId, personId) : undefined,
    filter.active === undefined ? undefined : filter.active ? isNull(apiTokens.revokedAt) : isNotNull(apiTokens.revokedAt),
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: apiTokens.id,
      personId: apiTokens.personId,
      role: apiTokens.role,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

const personTarget: LifecycleTarget<typeof people> = { table: people, entityType: 'person', entity: 'person' };

/** What a person is still responsible for: handed over before they may be archived. */
function responsibilities(id: string) {
  return [
    rowsOf('programs sponsored', programs, and(eq(programs.sponsorId, id), isNull(programs.archivedAt))),
    rowsOf('use cases owned', useCases, and(eq(useCases.ownerId, id), ne(useCases.status, 'retired'))),
    rowsOf('KPIs owned', kpis, and(eq(kpis.ownerId, id), isNull(kpis.archivedAt))),
    rowsOf('planned milestones owned', milestones, and(eq(milestones.ownerId, id), eq(milestones.status, 'planned'))),
    rowsOf('data sources owned', dataSources, and(eq(dataSources.ownerId, id), isNull(dataSources.archivedAt))),
    rowsOf('unresolved escalations assigned', escalations, and(eq(escalations.assigneeId, id), ne(escalations.status, 'resolved'))),
    rowsOf('places on an escalation route', escalationRouteSteps, eq(escalationRouteSteps.personId, id)),
  ];
}

/**
 * Archives a person who left: their tokens stop working and nobody can make them an owner,
 * sponsor, member or assignee, while what they did stays attributed. Refused while they still
 * hold responsibilities, which must be handed over first (nothing may route to someone gone).
 */
export async function archivePerson(w: Write, id: string, archived: boolean) {
  return setArchived(w, personTarget, id, archived, { dependents: responsibilities(id), instead: 'hand them over first' });
}

/** Deletes a person entered by mistake: only one with no tokens, no role in anything and no recorded action. */
export async function deletePerson(w: Write, id: string) {
  await deleteUnlessUsed(
    w,
    personTarget,
    id,
    [
      rowsOf('tokens', apiTokens, eq(apiTokens.personId, id)),
      rowsOf('group memberships', userGroupMembers, eq(userGroupMembers.personId, id)),
      rowsOf('recorded uses', usageEvents, eq(usageEvents.personId, id)),
      rowsOf('escalations raised or assigned', escalations, or(eq(escalations.raisedById, id), eq(escalations.assigneeId, id))),
      rowsOf('actions in the audit log', auditLog, eq(auditLog.actorId, id)),
      rowsOf('places on an escalation route', escalationRouteSteps, eq(escalationRouteSteps.personId, id)),
      rowsOf('programs sponsored', programs, eq(programs.sponsorId, id)),
      rowsOf('use cases owned', useCases, eq(useCases.ownerId, id)),
      rowsOf('KPIs owned', kpis, eq(kpis.ownerId, id)),
      rowsOf('milestones owned', milestones, eq(milestones.ownerId, id)),
      rowsOf('data sources owned', dataSources, eq(dataSources.ownerId, id)),
    ],
    'archive them instead',
  );
}
