import { and, asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  areas,
  decisions,
  escalations,
  kpis,
  lines,
  milestones,
  people,
  programSites,
  programs,
  simulationRuns,
  useCaseGroups,
  useCases,
  useCaseTransitions,
  usageEvents,
  userGroups,
} from '../../db/schema/index.ts';
import { forbidden, checkMayChange, checkSees, mayChange, systemViewer, visibilityFor, type Viewer } from '../access/index.ts';
import { NotFoundError, ruleViolation } from '../core/errors.ts';
import { allowedTransitions, missingForOperational, type UseCaseStatus } from './lifecycle.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { deleteUnlessUsed, findActive, rowsOf } from '../core/lifecycle.ts';
import { countChange, nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

type Frequency = (typeof useCases.$inferSelect)['decisionFrequency'];

export interface UseCaseInput {
  title: string;
  question: string;
  scope: { areaId: string } | { lineId: string };
  decisionFrequency: Frequency;
  ownerId?: string | null;
  groupIds?: string[];
}

/** The site a scope (area or line) belongs to; the scope must lie inside the program's sites. */
async function checkScope(
  db: Db,
  viewer: Viewer,
  programId: string,
  scope: UseCaseInput['scope'],
): Promise<{ scopeAreaId: string | null; scopeLineId: string | null }> {
  // A line or area out of the caller's scope names nothing for them.
  if ('lineId' in scope) await checkSees(db, viewer, 'line', scope.lineId, 'body.scope.lineId');
  else await checkSees(db, viewer, 'area', scope.areaId, 'body.scope.areaId');
  let areaId: string;
  if ('lineId' in scope) {
    const line = await findOrNotFound(db, lines, 'line', scope.lineId, { field: 'body.scope.lineId' });
    areaId = line.areaId;
  } else {
    areaId = scope.areaId;
  }
  const area = await findOrNotFound(db, areas, 'area', areaId, { field: 'body.scope.areaId' });
  const [covered] = await db
    .select({ n: count() })
    .from(programSites)
    .where(and(eq(programSites.programId, programId), eq(programSites.siteId, area.siteId)));
  if (covered.n === 0) {
    throw ruleViolation('the scope lies outside the sites this program covers', {}, [
      { path: 'body.scope', message: 'outside the program sites' },
    ]);
  }
  return 'lineId' in scope ? { scopeAreaId: null, scopeLineId: scope.lineId } : { scopeAreaId: scope.areaId, scopeLineId: null };
}

async function checkGroups(db: Db, programId: string, groupIds: string[], field = (i: number) => `body.groupIds.${i}`): Promise<void> {
  for (const [i, id] of groupIds.entries()) {
    const group = await findActive(db, userGroups, 'user group', id, { field: field(i) });
    if (group.programId !== programId) {
      throw ruleViolation(`group '${group.name}' belongs to another program`, {}, [
        { path: field(i), message: 'group of another program' },
      ]);
    }
  }
}

async function setGroups(w: Write, useCaseId: string, groupIds: string[]): Promise<void> {
  await w.tx.delete(useCaseGroups).where(eq(useCaseGroups.useCaseId, useCaseId));
  if (groupIds.length) await w.tx.insert(useCaseGroups).values(groupIds.map((groupId) => ({ useCaseId, groupId })));
}

/**
 * Creates a proposed use case; its first lifecycle step is recorded with the creator. Admins and the
 * program's sponsor create any; an owner proposes one that they will own.
 */
export async function createUseCase(w: Write, programId: string, input: UseCaseInput) {
  const anchor = await checkSees(w.tx, w.actor, 'program', programId);
  const proposesOwn = w.actor.role === 'owner' && input.ownerId === w.actor.personId;
  if (!proposesOwn && !(await mayChange(w.tx, w.actor, anchor, w.now, { owners: false }))) throw forbidden('program', { owners: false });
  await findActive(w.tx, programs, 'program', programId);
  const scope = await checkScope(w.tx, w.actor, programId, input.scope);
  if (input.ownerId) await findActive(w.tx, people, 'person', input.ownerId, { field: 'body.ownerId' });
  await checkGroups(w.tx, programId, input.groupIds ?? []);
  const [row] = await w.tx
    .insert(useCases)
    .values({
      programId,
      title: input.title,
      question: input.question,
      ...scope,
      decisionFrequency: input.decisionFrequency,
      ownerId: input.ownerId ?? null,
      status: 'proposed',
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await setGroups(w, row.id, input.groupIds ?? []);
  await w.tx
    .insert(useCaseTransitions)
    .values({ useCaseId: row.id, fromStatus: null, toStatus: 'proposed', actorId: w.actor.personId, at: w.now, note: 'created' });
  const after = await getUseCase(w.tx, systemViewer, row.id);
  await audit(w, { entityType: 'use_case', entityId: row.id, action: 'create', after });
  return after;
}

/** A retired use case is history: it keeps what it had and takes no changes or new KPIs. */
export function refuseRetired(useCase: { status: UseCaseStatus; title: string }): void {
  if (useCase.status === 'retired')
    throw ruleViolation(`use case '${useCase.title}' is retired and takes no changes`, { currentStatus: 'retired' });
}

/** Updates a use case. An operational use case cannot lose its owner. */
export async function updateUseCase(w: Write, id: string, patch: Partial<UseCaseInput>) {
  await checkMayChange(w, 'use_case', id);
  const before = await getUseCase(w.tx, systemViewer, id, true);
  refuseRetired(before);
  const fields: Partial<typeof useCases.$inferInsert> = {};
  if (patch.title !== undefined) fields.title = patch.title;
  if (patch.question !== undefined) fields.question = patch.question;
  if (patch.decisionFrequency !== undefined) fields.decisionFrequency = patch.decisionFrequency;
  if (patch.scope) Object.assign(fields, await checkScope(w.tx, w.actor, before.programId, patch.scope));
  if (patch.ownerId !== undefined) {
    if (patch.ownerId === null && before.status === 'operational') {
      throw ruleViolation('an operational use case must keep an accountable owner', { missing: ['owner'] }, [
        { path: 'body.ownerId', message: 'required while operational' },
      ]);
    }
    if (patch.ownerId) await findActive(w.tx, people, 'person', patch.ownerId, { field: 'body.ownerId' });
    fields.ownerId = patch.ownerId;
  }
  if (patch.groupIds) {
    await checkGroups(w.tx, before.programId, patch.groupIds);
    await setGroups(w, id, patch.groupIds);
  }
  await w.tx
    .update(useCases)
    .set({ ...fields, version: nextVersion(useCases), updatedAt: w.now })
    .where(eq(useCases.id, id));
  const after = await getUseCase(w.tx, systemViewer, id);
  await audit(w, { entityType: 'use_case', entityId: id, action: 'update', before, after });
  return after;
}

/**
 * Moves a use case along its lifecycle. Refuses (409) a step the lifecycle does not allow,
 * and the step to operational while the owner or a KPI with a baseline is missing.
 */
export async function transitionUseCase(w: Write, id: string, input: { to: UseCaseStatus; note?: string }) {
  await checkMayChange(w, 'use_case', id);
  const before = await getUseCase(w.tx, systemViewer, id, true);
  const from = before.status;
  if (!allowedTransitions[from].includes(input.to)) {
    throw ruleViolation(`a ${from} use case cannot become ${input.to}`, { from, to: input.to, allowed: allowedTransitions[from] });
  }
  if (input.to === 'operational') {
    const [withBaseline] = await w.tx
      .select({ n: count() })
      .from(kpis)
      .where(and(eq(kpis.useCaseId, id), isNotNull(kpis.baselineValue), isNull(kpis.archivedAt)));
    const missing = missingForOperational({ hasOwner: before.ownerId !== null, kpisWithBaseline: withBaseline.n });
    if (missing.length) {
      const words = { owner: 'an accountable owner', kpi_with_baseline: 'at least one KPI with a baseline' };
      throw ruleViolation(`the use case cannot become operational without ${missing.map((m) => words[m]).join(' and ')}`, { missing });
    }
  }
  await w.tx
    .update(useCases)
    .set({ status: input.to, version: nextVersion(useCases), updatedAt: w.now })
    .where(eq(useCases.id, id));
  const [transition] = await w.tx
    .insert(useCaseTransitions)
    .values({ useCaseId: id, fromStatus: from, toStatus: input.to, actorId: w.actor.personId, at: w.now, note: input.note ?? '' })
    .returning();
  const after = await getUseCase(w.tx, systemViewer, id);
  await audit(w, { entityType: 'use_case', entityId: id, action: `transition:${from}->${input.to}`, before, after });
  return { useCase: after, transition };
}

/** A use case as it is read and written: its scope as one object, as the input gives it, and its groups. */
function useCaseView(row: typeof useCases.$inferSelect, groupIds: string[]) {
  const { scopeAreaId, scopeLineId, ...rest } = row;
  const scope = scopeLineId ? { lineId: scopeLineId } : { areaId: scopeAreaId as string };
  return { ...rest, scope, groupIds };
}

/** A use case with the ids of the groups it serves. */
export async function getUseCase(db: Db, viewer: Viewer, id: string, forUpdate = false) {
  await checkSees(db, viewer, 'use_case', id);
  const row = await findOrNotFound(db, useCases, 'use case', id, { forUpdate });
  const groups = await db.select({ groupId: useCaseGroups.groupId }).from(useCaseGroups).where(eq(useCaseGroups.useCaseId, id));
  return useCaseView(row, groups.map((g) => g.groupId).sort());
}

/**
 * The use cases of a program that the viewer sees (those of their sites), oldest first, of one
 * stage and one owner when given.
 */
export async function listUseCases(db: Db, viewer: Viewer, programId: string, filter: { status?: UseCaseStatus; ownerId?: string } = {}) {
  await checkSees(db, viewer, 'program', programId);
  const sees = await visibilityFor(db, viewer);
  const where = and(
    eq(useCases.programId, programId),
    filter.status ? eq(useCases.status, filter.status) : undefined,
    filter.ownerId ? eq(useCases.ownerId, filter.ownerId) : undefined,
  );
  const rows = (await db.select().from(useCases).where(where).orderBy(asc(useCases.createdAt), asc(useCases.title))).filter((r) =>
    sees.scoped(r),
  );
  const links = rows.length
    ? await db
        .select()
        .from(useCaseGroups)
        .where(
          inArray(
            useCaseGroups.useCaseId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) =>
    useCaseView(
      r,
      links
        .filter((l) => l.useCaseId === r.id)
        .map((l) => l.groupId)
        .sort(),
    ),
  );
}

export async function listTransitions(db: Db, viewer: Viewer, useCaseId: string) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  return db.select().from(useCaseTransitions).where(eq(useCaseTransitions.useCaseId, useCaseId)).orderBy(asc(useCaseTransitions.id));
}

/**
 * Deletes a use case entered by mistake. Its own records (groups served, data-source links,
 * lifecycle steps) go with it; one with KPIs, uses, milestones or escalations is retired instead.
 */
export async function deleteUseCase(w: Write, id: string) {
  await checkMayChange(w, 'use_case', id);
  await deleteUnlessUsed(
    w,
    { table: useCases, entityType: 'use_case', entity: 'use case' },
    id,
    [
      rowsOf('KPIs', kpis, eq(kpis.useCaseId, id)),
      rowsOf('decisions', decisions, eq(decisions.useCaseId, id)),
      rowsOf('recorded uses', usageEvents, eq(usageEvents.useCaseId, id)),
      rowsOf('answers', simulationRuns, eq(simulationRuns.useCaseId, id)),
      rowsOf('milestones', milestones, eq(milestones.useCaseId, id)),
      rowsOf('escalations about it', escalations, and(eq(escalations.subjectType, 'use_case'), eq(escalations.subjectId, id))),
    ],
    'retire it instead',
  );
}

// The groups a use case serves can also be changed one at a time: two owners adding different
// groups at once both keep theirs, where two whole-list PATCHes would lose one.

async function groupsChanged(w: Write, before: Awaited<ReturnType<typeof getUseCase>>, action: string) {
  await countChange(w, useCases, before.id);
  const after = await getUseCase(w.tx, systemViewer, before.id);
  await audit(w, { entityType: 'use_case', entityId: before.id, action, before, after });
  return after;
}

/** Adds a group the use case serves; adding one it already serves changes nothing. */
export async function addServedGroup(w: Write, useCaseId: string, groupId: string) {
  await checkMayChange(w, 'use_case', useCaseId);
  const before = await getUseCase(w.tx, systemViewer, useCaseId, true);
  refuseRetired(before);
  await checkGroups(w.tx, before.programId, [groupId], () => 'body.groupId');
  if (before.groupIds.includes(groupId)) return before;
  await w.tx.insert(useCaseGroups).values({ useCaseId, groupId });
  return groupsChanged(w, before, 'add-group');
}

export async function removeServedGroup(w: Write, useCaseId: string, groupId: string) {
  await checkMayChange(w, 'use_case', useCaseId);
  const before = await getUseCase(w.tx, systemViewer, useCaseId, true);
  refuseRetired(before);
  if (!before.groupIds.includes(groupId)) throw new NotFoundError('the use case does not serve that group');
  await w.tx.delete(useCaseGroups).where(and(eq(useCaseGroups.useCaseId, useCaseId), eq(useCaseGroups.groupId, groupId)));
  return groupsChanged(w, before, 'remove-group');
}
