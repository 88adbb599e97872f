import { and, asc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  apiTokens,
  auditLog,
  dataSources,
  enterprises,
  escalationRouteSteps,
  escalations,
  kpis,
  milestones,
  people,
  personSites,
  programs,
  sites,
  sessions,
  standIns,
  usageEvents,
  useCases,
  userGroupMembers,
} from '../../db/schema/index.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import type { AccessRole, Actor } from '../deps.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { scopeFrom, siteIdsOf, systemViewer, type Scope, type Viewer } from '../access/scope.ts';
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
import { checkGrantable, checkManages, defaultScopeFor, manages } from './management.ts';

export interface PersonInput {
  name: string;
  email: string;
  roles: AccessRole[];
  /** What they may see; the whole installation when not given. */
  scope?: Scope;
}

type PersonRow = typeof people.$inferSelect;

/** Stores a person's scope: their sites, or the enterprise, or (neither) the installation. */
async function setScope(w: Write, personId: string, scope: Scope): Promise<void> {
  if (scope.kind === 'enterprise')
    await findOrNotFound(w.tx, enterprises, 'enterprise', scope.enterpriseId, { field: 'body.scope.enterpriseId' });
  if (scope.kind === 'sites') {
    for (const [i, siteId] of scope.siteIds.entries())
      await findOrNotFound(w.tx, sites, 'site', siteId, { field: `body.scope.siteIds.${i}` });
  }
  await w.tx.delete(personSites).where(eq(personSites.personId, personId));
  if (scope.kind === 'sites') await w.tx.insert(personSites).values([...new Set(scope.siteIds)].map((siteId) => ({ personId, siteId })));
  await w.tx
    .update(people)
    .set({ scopeEnterpriseId: scope.kind === 'enterprise' ? scope.enterpriseId : null })
    .where(eq(people.id, personId));
}

/**
 * A person as others read them: with their scope, and their email only for admins and
 * themselves (an address is personal data; a name is enough to work together).
 */
export function personView(row: PersonRow, scope: Scope, viewer: Viewer) {
  const { scopeEnterpriseId: _scope, passwordHash, email, ...rest } = row;
  const seesEmail = viewer.role === 'admin' || viewer.personId === row.id;
  // The password hash never leaves the database; whether there is one is enough to manage sign-in.
  return { ...rest, email: seesEmail ? email : null, scope, hasPassword: passwordHash !== null };
}

async function scopesOf(db: Db, rows: PersonRow[]): Promise<Map<string, Scope>> {
  const links = rows.length
    ? await db
        .select()
        .from(personSites)
        .where(
          inArray(
            personSites.personId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return new Map(
    rows.map((r) => [
      r.id,
      scopeFrom(
        links.filter((l) => l.personId === r.id).map((l) => l.siteId),
        r.scopeEnterpriseId,
      ),
    ]),
  );
}

async function viewOf(db: Db, row: PersonRow, viewer: Viewer) {
  return personView(row, (await scopesOf(db, [row])).get(row.id)!, viewer);
}

export async function createPerson(w: Write, input: PersonInput) {
  if (input.scope) await checkGrantable(w, input.scope);
  const { scope = await defaultScopeFor(w.tx, w.actor), ...fields } = input;
  const [row] = await w.tx
    .insert(people)
    .values({ ...fields, createdAt: w.now, updatedAt: w.now })
    .returning();
  if (scope) await setScope(w, row.id, scope);
  const after = await viewOf(w.tx, (await findOrNotFound(w.tx, people, 'person', row.id))!, systemViewer);
  await audit(w, { entityType: 'person', entityId: row.id, action: 'create', after });
  return viewOf(w.tx, (await findOrNotFound(w.tx, people, 'person', row.id))!, w.actor);
}

export async function updatePerson(w: Write, id: string, patch: Partial<PersonInput>) {
  await checkManages(w, id);
  if (patch.scope) await checkGrantable(w, patch.scope);
  const row = await findOrNotFound(w.tx, people, 'person', id, { forUpdate: true });
  refuseArchived(row, `${row.name}'s record`);
  const before = await viewOf(w.tx, row, systemViewer);
  const { scope, ...fields } = patch;
  await w.tx
    .update(people)
    .set({ ...fields, version: nextVersion(people), updatedAt: w.now })
    .where(eq(people.id, id));
  if (scope) await setScope(w, id, scope);
  const updated = await findOrNotFound(w.tx, people, 'person', id);
  await audit(w, { entityType: 'person', entityId: id, action: 'update', before, after: await viewOf(w.tx, updated, systemViewer) });
  return viewOf(w.tx, updated, w.actor);
}

export async function listPeople(db: Db, viewer: Viewer, filter: { archived?: ArchivedFilter } = {}) {
  const rows = await db.select().from(people).where(archivedWhere(people.archivedAt, filter.archived)).orderBy(asc(people.name));
  const scopes = await scopesOf(db, rows);
  return rows.map((r) => personView(r, scopes.get(r.id)!, viewer));
}

export async function getPerson(db: Db, viewer: Viewer, id: string) {
  return viewOf(db, await findOrNotFound(db, people, 'person', id), viewer);
}

/**
 * Who the caller is: their person, the role they act in, all their roles and their scope; with
 * the expiry of their token, or the CSRF token of their browser session.
 */
export async function whoAmI(db: Db, actor: Actor) {
  const person = await findOrNotFound(db, people, 'person', actor.personId);
  const [token] = actor.tokenId
    ? await db.select({ expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.id, actor.tokenId))
    : [];
  const [session] = actor.sessionId
    ? await db
        .select({ csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.id, actor.sessionId))
    : [];
  return {
    personId: actor.personId,
    name: actor.name,
    email: person.email,
    role: actor.role,
    roles: person.roles,
    scope: actor.scope,
    // What this credential reaches: the scope's sites, narrowed by a token (null: every site).
    siteIds: actor.siteIds,
    tokenId: actor.tokenId,
    tokenExpiresAt: token?.expiresAt ?? null,
    sessionId: actor.sessionId ?? null,
    sessionExpiresAt: session?.expiresAt ?? null,
    csrfToken: session?.csrfToken ?? null,
  };
}

export interface TokenInput {
  role: AccessRole;
  label: string;
  /** Limits the token to these sites inside its person's scope (machine tokens of one plant). */
  siteIds?: string[] | null;
  /** When it stops working; never (until revoked) when not given. */
  expiresAt?: string | null;
}

/** Issues a token for a person in one of their roles; the secret is returned once, never stored. */
export async function issueToken(w: Write, personId: string, input: TokenInput) {
  await checkManages(w, personId);
  const person = await findActive(w.tx, people, 'person', personId);
  if (!person.roles.includes(input.role)) {
    throw ruleViolation(`${person.name} does not hold the role '${input.role}'`, {}, [
      { path: 'body.role', message: `not one of the person's roles (${person.roles.join(', ')})` },
    ]);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= w.now) throw invalidInput('body.expiresAt', 'must lie in the future');
  const siteIds = input.siteIds ? [...new Set(input.siteIds)] : null;
  if (siteIds) {
    const covered = await siteIdsOf(w.tx, (await scopesOf(w.tx, [person])).get(person.id)!);
    for (const [i, siteId] of siteIds.entries()) {
      await findOrNotFound(w.tx, sites, 'site', siteId, { field: `body.siteIds.${i}` });
      if (covered && !covered.includes(siteId)) throw invalidInput(`body.siteIds.${i}`, `outside ${person.name}'s scope`);
      if (w.actor.siteIds && !w.actor.siteIds.includes(siteId)) throw invalidInput(`body.siteIds.${i}`, 'outside your scope');
    }
  }
  const secret = generateToken();
  const [row] = await w.tx
    .insert(apiTokens)
    .values({ personId, role: input.role, label: input.label, tokenHash: hashToken(secret), siteIds, expiresAt, createdAt: w.now })
    .returning({
      id: apiTokens.id,
      personId: apiTokens.personId,
      role: apiTokens.role,
      label: apiTokens.label,
      siteIds: apiTokens.siteIds,
      expiresAt: apiTokens.expiresAt,
      createdAt: apiTokens.createdAt,
    });
  await audit(w, { entityType: 'api_token', entityId: row.id, action: 'create', after: row });
  return { ...row, token: secret };
}

/** Revokes a token; it stops working on the next request. */
export async function revokeToken(w: Write, tokenId: string) {
  const before = await findOrNotFound(w.tx, apiTokens, 'token', tokenId, { forUpdate: true });
  await checkManages(w, before.personId);
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

/** Tokens, of one person when given (never their hashes), oldest first. */
export async function listTokens(db: Db, viewer: Viewer, personId?: string, filter: { active?: boolean } = {}) {
  if (personId) await findOrNotFound(db, people, 'person', personId);
  const conditions = [
    personId ? eq(apiTokens.personId, personId) : undefined,
    filter.active === undefined ? undefined : filter.active ? isNull(apiTokens.revokedAt) : isNotNull(apiTokens.revokedAt),
  ].filter((c) => c !== undefined);
  const rows = await db
    .select({
      id: apiTokens.id,
      personId: apiTokens.personId,
      role: apiTokens.role,
      label: apiTokens.label,
      siteIds: apiTokens.siteIds,
      expiresAt: apiTokens.expiresAt,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  // An admin of some sites sees the tokens of the people they manage.
  if (viewer.siteIds === null) return rows;
  const managed = new Map<string, boolean>();
  for (const r of rows) if (!managed.has(r.personId)) managed.set(r.personId, await manages(db, viewer, r.personId));
  return rows.filter((r) => managed.get(r.personId));
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
  await checkManages(w, id);
  return setArchived(w, personTarget, id, archived, { dependents: responsibilities(id), instead: 'hand them over first' });
}

/** Deletes a person entered by mistake: only one with no tokens, no role in anything and no recorded action. */
export async function deletePerson(w: Write, id: string) {
  await checkManages(w, id);
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
      rowsOf('stand-ins', standIns, or(eq(standIns.personId, id), eq(standIns.standInId, id))),
      rowsOf('programs sponsored', programs, eq(programs.sponsorId, id)),
      rowsOf('use cases owned', useCases, eq(useCases.ownerId, id)),
      rowsOf('KPIs owned', kpis, eq(kpis.ownerId, id)),
      rowsOf('milestones owned', milestones, eq(milestones.ownerId, id)),
      rowsOf('data sources owned', dataSources, eq(dataSources.ownerId, id)),
    ],
    'archive them instead',
  );
}
