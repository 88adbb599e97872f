import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  dataSources,
  escalationRouteSteps,
  escalations,
  people,
  programs,
  usageEvents,
  useCaseGroups,
  userGroupMembers,
  userGroups,
} from '../../db/schema/index.ts';
import { NotFoundError, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, systemViewer, type Viewer } from '../access/index.ts';
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
import { countChange, nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

type Kind = (typeof userGroups.$inferSelect)['kind'];
type Frequency = (typeof userGroups.$inferSelect)['expectedFrequency'];

export interface UserGroupInput {
  kind: Kind;
  name: string;
  valuePath: string;
  expectedFrequency: Frequency;
  memberIds?: string[];
  /** People asked in turn when an escalation of this group is not resolved in time. */
  escalationRoute?: string[];
}

/** The longest escalation route: past ten people, nobody owns the question. */
export const MAX_ROUTE = 10;

async function checkPeople(db: Db, ids: string[], field: string): Promise<void> {
  for (const [i, id] of ids.entries()) await findActive(db, people, 'person', id, { field: `${field}.${i}` });
}

async function replaceLinks(w: Write, groupId: string, memberIds?: string[], route?: string[]): Promise<void> {
  if (memberIds) {
    await checkPeople(w.tx, memberIds, 'body.memberIds');
    await w.tx.delete(userGroupMembers).where(eq(userGroupMembers.groupId, groupId));
    if (memberIds.length) await w.tx.insert(userGroupMembers).values(memberIds.map((personId) => ({ groupId, personId })));
  }
  if (route) {
    await checkPeople(w.tx, route, 'body.escalationRoute');
    await w.tx.delete(escalationRouteSteps).where(eq(escalationRouteSteps.groupId, groupId));
    if (route.length) {
      await w.tx.insert(escalationRouteSteps).values(route.map((personId, i) => ({ groupId, step: i + 1, personId })));
    }
  }
}

/** Groups are the sponsor's to arrange (and admins'), not their members'. */
const sponsors = { owners: false } as const;

/** Creates a stakeholder group of a program with its members and escalation route. */
export async function createUserGroup(w: Write, programId: string, input: UserGroupInput) {
  await checkMayChange(w, 'program', programId, sponsors);
  await findActive(w.tx, programs, 'program', programId);
  const { memberIds, escalationRoute, ...fields } = input;
  const [row] = await w.tx
    .insert(userGroups)
    .values({ ...fields, programId, createdAt: w.now, updatedAt: w.now })
    .returning();
  await replaceLinks(w, row.id, memberIds ?? [], escalationRoute ?? []);
  const after = await getUserGroup(w.tx, systemViewer, row.id);
  await audit(w, { entityType: 'user_group', entityId: row.id, action: 'create', after });
  return after;
}

/** Updates a group; `memberIds` and `escalationRoute`, when given, replace the lists. */
export async function updateUserGroup(w: Write, id: string, patch: Partial<UserGroupInput>) {
  await checkMayChange(w, 'user_group', id, sponsors);
  const before = await getUserGroup(w.tx, systemViewer, id, true);
  refuseArchived(before, `user group '${before.name}'`);
  const { memberIds, escalationRoute, ...fields } = patch;
  await replaceLinks(w, id, memberIds, escalationRoute);
  await w.tx
    .update(userGroups)
    .set({ ...fields, version: nextVersion(userGroups), updatedAt: w.now })
    .where(eq(userGroups.id, id));
  const after = await getUserGroup(w.tx, systemViewer, id);
  await audit(w, { entityType: 'user_group', entityId: id, action: 'update', before, after });
  return after;
}

/** A group with its member ids and its escalation route in order. */
export async function getUserGroup(db: Db, viewer: Viewer, id: string, forUpdate = false) {
  await checkSees(db, viewer, 'user_group', id);
  const row = await findOrNotFound(db, userGroups, 'user group', id, { forUpdate });
  const [withLinks] = await attachLinks(db, [row]);
  return withLinks;
}

export async function listUserGroups(db: Db, viewer: Viewer, programId: string, filter: { archived?: ArchivedFilter } = {}) {
  await checkSees(db, viewer, 'program', programId);
  const rows = await db
    .select()
    .from(userGroups)
    .where(and(eq(userGroups.programId, programId), archivedWhere(userGroups.archivedAt, filter.archived)))
    .orderBy(asc(userGroups.name));
  return attachLinks(db, rows);
}

async function attachLinks(db: Db, rows: (typeof userGroups.$inferSelect)[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const members = await db.select().from(userGroupMembers).where(inArray(userGroupMembers.groupId, ids));
  const steps = await db
    .select()
    .from(escalationRouteSteps)
    .where(inArray(escalationRouteSteps.groupId, ids))
    .orderBy(asc(escalationRouteSteps.step));
  return rows.map((r) => ({
    ...r,
    memberIds: members
      .filter((m) => m.groupId === r.id)
      .map((m) => m.personId)
      .sort(),
    escalationRoute: steps.filter((s) => s.groupId === r.id).map((s) => s.personId),
  }));
}

const groupTarget: LifecycleTarget<typeof userGroups> = { table: userGroups, entityType: 'user_group', entity: 'user group' };

/**
 * Archives a group the program no longer serves: its usage history stays, it takes no new
 * members, use cases or uses, and adoption leaves it out.
 */
export async function archiveUserGroup(w: Write, id: string, archived: boolean) {
  await checkMayChange(w, 'user_group', id, sponsors);
  await setArchived(w, groupTarget, id, archived);
  return getUserGroup(w.tx, systemViewer, id);
}

/** Deletes a group created by mistake: members and route go with it, but nothing else may depend on it. */
export async function deleteUserGroup(w: Write, id: string) {
  await checkMayChange(w, 'user_group', id, sponsors);
  await deleteUnlessUsed(
    w,
    groupTarget,
    id,
    [
      rowsOf('use cases served', useCaseGroups, eq(useCaseGroups.groupId, id)),
      rowsOf('recorded uses', usageEvents, eq(usageEvents.groupId, id)),
      rowsOf('data sources routed to it', dataSources, eq(dataSources.escalationGroupId, id)),
      rowsOf('escalations routed to it', escalations, eq(escalations.routeGroupId, id)),
    ],
    'archive it instead',
  );
}

// Members and the escalation route can also be changed one person at a time: two people adding
// different members at once both keep theirs, where two whole-list PATCHes would lose one.

/** Locks a group for a change of its lists; an archived group takes none. */
async function lockForChange(w: Write, id: string) {
  await checkMayChange(w, 'user_group', id, sponsors);
  const before = await getUserGroup(w.tx, systemViewer, id, true);
  refuseArchived(before, `user group '${before.name}'`);
  return before;
}

/** Counts the change on the group (its version) and audits it with the lists before and after. */
async function changed(w: Write, before: Awaited<ReturnType<typeof getUserGroup>>, action: string) {
  await countChange(w, userGroups, before.id);
  const after = await getUserGroup(w.tx, systemViewer, before.id);
  await audit(w, { entityType: 'user_group', entityId: before.id, action, before, after });
  return after;
}

/** Adds a member; adding one who is already a member changes nothing. */
export async function addMember(w: Write, groupId: string, personId: string) {
  const before = await lockForChange(w, groupId);
  await findActive(w.tx, people, 'person', personId, { field: 'body.personId' });
  if (before.memberIds.includes(personId)) return before;
  await w.tx.insert(userGroupMembers).values({ groupId, personId });
  return changed(w, before, 'add-member');
}

export async function removeMember(w: Write, groupId: string, personId: string) {
  const before = await lockForChange(w, groupId);
  if (!before.memberIds.includes(personId)) throw new NotFoundError('the person is not a member of the group');
  await w.tx.delete(userGroupMembers).where(and(eq(userGroupMembers.groupId, groupId), eq(userGroupMembers.personId, personId)));
  return changed(w, before, 'remove-member');
}

/** Puts a person on the escalation route, at a step (1 = asked first) or last. */
export async function addRouteStep(w: Write, groupId: string, input: { personId: string; step?: number }) {
  const before = await lockForChange(w, groupId);
  await findActive(w.tx, people, 'person', input.personId, { field: 'body.personId' });
  const route = [...before.escalationRoute];
  const at = route.indexOf(input.personId);
  if (at >= 0) {
    throw ruleViolation(`the person is already step ${at + 1} of the route; remove them first to move them`, {}, [
      { path: 'body.personId', message: 'already on the route' },
    ]);
  }
  if (route.length >= MAX_ROUTE) throw ruleViolation(`a route has at most ${MAX_ROUTE} steps`);
  route.splice(Math.min(input.step ?? route.length + 1, route.length + 1) - 1, 0, input.personId);
  await replaceLinks(w, groupId, undefined, route);
  return changed(w, before, 'add-route-step');
}

export async function removeRouteStep(w: Write, groupId: string, personId: string) {
  const before = await lockForChange(w, groupId);
  if (!before.escalationRoute.includes(personId)) throw new NotFoundError('the person is not on the escalation route');
  await replaceLinks(
    w,
    groupId,
    undefined,
    before.escalationRoute.filter((p) => p !== personId),
  );
  return changed(w, before, 'remove-route-step');
}
