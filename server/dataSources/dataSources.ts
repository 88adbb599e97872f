import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  areas,
  dataSources,
  escalations,
  lines,
  people,
  programSites,
  programs,
  sites,
  useCaseDataSources,
  useCases,
  userGroups,
} from '../../db/schema/index.ts';
import { invalidInput, NotFoundError, ruleViolation } from '../core/errors.ts';
import { checkSourceFreshness } from './sweep.ts';
import { freshness, type FreshnessStatus } from './freshness.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, coverage, forbidden, mayChange, visibilityFor, type Viewer, type Visibility } from '../access/index.ts';
import {
  archivedWhere,
  deleteUnlessUsed,
  findActive,
  rowsOf,
  setArchived,
  type ArchivedFilter,
  type LifecycleTarget,
} from '../core/lifecycle.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';
import { CLOCK_SKEW_MS } from '../core/calendar.ts';

type SourceRow = typeof dataSources.$inferSelect;

export interface DataSourceInput {
  name: string;
  /** What machine events name as their `source`; unique in the program. */
  code?: string | null;
  kind: SourceRow['kind'];
  scope: { siteId: string } | { areaId: string } | { lineId: string };
  ownerId: string;
  escalationGroupId?: string | null;
  expectedRefreshSeconds: number;
  maxLatencySeconds: number;
}

/** The site a scope lies in; it must be one of the program's sites, and in the caller's scope. */
async function scopeColumns(db: Db, viewer: Viewer, programId: string, scope: DataSourceInput['scope']) {
  if ('siteId' in scope) await checkSees(db, viewer, 'site', scope.siteId, 'body.scope.siteId');
  else if ('areaId' in scope) await checkSees(db, viewer, 'area', scope.areaId, 'body.scope.areaId');
  else await checkSees(db, viewer, 'line', scope.lineId, 'body.scope.lineId');
  let siteId: string;
  if ('siteId' in scope) siteId = (await findOrNotFound(db, sites, 'site', scope.siteId, { field: 'body.scope.siteId' })).id;
  else {
    const areaId =
      'areaId' in scope ? scope.areaId : (await findOrNotFound(db, lines, 'line', scope.lineId, { field: 'body.scope.lineId' })).areaId;
    siteId = (await findOrNotFound(db, areas, 'area', areaId, { field: 'body.scope.areaId' })).siteId;
  }
  const covered = await db
    .select()
    .from(programSites)
    .where(and(eq(programSites.programId, programId), eq(programSites.siteId, siteId)));
  if (!covered.length)
    throw ruleViolation('the scope lies outside the sites this program covers', {}, [
      { path: 'body.scope', message: 'outside the program sites' },
    ]);
  return {
    scopeSiteId: 'siteId' in scope ? scope.siteId : null,
    scopeAreaId: 'areaId' in scope ? scope.areaId : null,
    scopeLineId: 'lineId' in scope ? scope.lineId : null,
  };
}

async function checkRefs(db: Db, programId: string, input: Partial<DataSourceInput>): Promise<void> {
  if (input.ownerId) await findActive(db, people, 'person', input.ownerId, { field: 'body.ownerId' });
  if (input.escalationGroupId) {
    const group = await findActive(db, userGroups, 'user group', input.escalationGroupId, { field: 'body.escalationGroupId' });
    if (group.programId !== programId)
      throw ruleViolation('the group belongs to another program', {}, [
        { path: 'body.escalationGroupId', message: 'group of another program' },
      ]);
  }
}

/** Adds a source to a program: an admin or the program's sponsor, or an owner adding one they will own. */
export async function createDataSource(w: Write, programId: string, input: DataSourceInput) {
  const anchor = await checkSees(w.tx, w.actor, 'program', programId);
  const addsOwn = w.actor.role === 'owner' && input.ownerId === w.actor.personId;
  if (!addsOwn && !(await mayChange(w.tx, w.actor, anchor, w.now, { owners: false }))) throw forbidden('program', { owners: false });
  await findActive(w.tx, programs, 'program', programId);
  await checkRefs(w.tx, programId, input);
  const { scope, ...fields } = input;
  const [row] = await w.tx
    .insert(dataSources)
    .values({ ...fields, ...(await scopeColumns(w.tx, w.actor, programId, scope)), programId, createdAt: w.now, updatedAt: w.now })
    .returning();
  await audit(w, { entityType: 'data_source', entityId: row.id, action: 'create', after: row });
  return sourceView(row, w.now);
}

/** Changes a source: its owner or their stand-in, the program's sponsor or an admin. */
export async function updateDataSource(w: Write, id: string, patch: Partial<DataSourceInput>) {
  await checkMayChange(w, 'data_source', id);
  const before = await findActive(w.tx, dataSources, 'data source', id, { forUpdate: true });
  await checkRefs(w.tx, before.programId, patch);
  const { scope, ...fields } = patch;
  const scopeFields = scope ? await scopeColumns(w.tx, w.actor, before.programId, scope) : {};
  const [after] = await w.tx
    .update(dataSources)
    .set({ ...fields, ...scopeFields, version: nextVersion(dataSources), updatedAt: w.now })
    .where(eq(dataSources.id, id))
    .returning();
  await audit(w, { entityType: 'data_source', entityId: id, action: 'update', before, after });
  return sourceView(after, w.now);
}

/**
 * Records that a source delivered data (or a heartbeat): the arrival time, the newest value's
 * source timestamp and its quality. Acts on the freshness at once, as the sweep would.
 */
export async function recordHeartbeat(w: Write, id: string, input: { sourceTimestamp?: string; quality?: 'good' | 'uncertain' | 'bad' }) {
  // Any caller allowed to send data may report a source in their scope (a gateway's token, typically).
  await checkSees(w.tx, w.actor, 'data_source', id);
  await findActive(w.tx, dataSources, 'data source', id, { forUpdate: true });
  const sourceTimestamp = input.sourceTimestamp ? new Date(input.sourceTimestamp) : w.now;
  if (sourceTimestamp.getTime() > w.now.getTime() + CLOCK_SKEW_MS)
    throw invalidInput('body.sourceTimestamp', 'lies more than 5 minutes in the future');
  const [after] = await w.tx
    .update(dataSources)
    .set({
      lastReceivedAt: w.now,
      lastSourceTimestamp: sourceTimestamp,
      lastQuality: input.quality ?? 'good',
      lastQualityNote: null,
      updatedAt: w.now,
    })
    .where(eq(dataSources.id, id))
    .returning();
  const outcome = await checkSourceFreshness(w, after);
  return { ...sourceView(after, w.now), escalation: outcome };
}

/**
 * Declares that a use case depends on a source (required or not): whoever may change the use case,
 * and only on a source they see.
 */
export async function linkDataSource(w: Write, useCaseId: string, input: { dataSourceId: string; required: boolean }) {
  await checkMayChange(w, 'use_case', useCaseId);
  await checkSees(w.tx, w.actor, 'data_source', input.dataSourceId, 'body.dataSourceId');
  const uc = await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  const source = await findActive(w.tx, dataSources, 'data source', input.dataSourceId, { field: 'body.dataSourceId' });
  if (source.programId !== uc.programId)
    throw ruleViolation('the data source belongs to another program', {}, [
      { path: 'body.dataSourceId', message: 'source of another program' },
    ]);
  await w.tx
    .insert(useCaseDataSources)
    .values({ useCaseId, dataSourceId: source.id, required: input.required })
    .onConflictDoUpdate({ target: [useCaseDataSources.useCaseId, useCaseDataSources.dataSourceId], set: { required: input.required } });
  await audit(w, { entityType: 'use_case', entityId: useCaseId, action: 'link-data-source', after: input });
  return useCaseTrust(w.tx, w.actor, useCaseId, w.now);
}

/** Removes a dependency: whoever may change the use case. */
export async function unlinkDataSource(w: Write, useCaseId: string, dataSourceId: string) {
  await checkMayChange(w, 'use_case', useCaseId);
  await checkSees(w.tx, w.actor, 'data_source', dataSourceId);
  await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  await findOrNotFound(w.tx, dataSources, 'data source', dataSourceId);
  const removed = await w.tx
    .delete(useCaseDataSources)
    .where(and(eq(useCaseDataSources.useCaseId, useCaseId), eq(useCaseDataSources.dataSourceId, dataSourceId)))
    .returning();
  // The dependency named in the path does not exist: not found, like any id that names nothing.
  if (!removed.length) throw new NotFoundError('the use case does not depend on that data source');
  await audit(w, { entityType: 'use_case', entityId: useCaseId, action: 'unlink-data-source', before: removed[0] });
  return useCaseTrust(w.tx, w.actor, useCaseId, w.now);
}

/** A source as it is read and written: its scope as one object, as the input gives it, and its freshness. */
export function sourceView(row: SourceRow, now: Date) {
  const { scopeSiteId, scopeAreaId, scopeLineId, ...rest } = row;
  const scope = scopeLineId ? { lineId: scopeLineId } : scopeAreaId ? { areaId: scopeAreaId } : { siteId: scopeSiteId as string };
  return { ...rest, scope, freshness: freshness(row, now) };
}

export async function getDataSource(db: Db, viewer: Viewer, id: string, now: Date) {
  await checkSees(db, viewer, 'data_source', id);
  return sourceView(await findOrNotFound(db, dataSources, 'data source', id), now);
}

/** The sources of a program (all, or only those the viewer sees), by name. */
async function programSources(db: Db, programId: string, filter: { archived?: ArchivedFilter } = {}) {
  return db
    .select()
    .from(dataSources)
    .where(and(eq(dataSources.programId, programId), archivedWhere(dataSources.archivedAt, filter.archived)))
    .orderBy(asc(dataSources.name));
}

/** The sources of a program the viewer sees (those of their sites), by name. */
export async function listDataSources(db: Db, viewer: Viewer, programId: string, now: Date, filter: { archived?: ArchivedFilter } = {}) {
  await checkSees(db, viewer, 'program', programId);
  const sees = await visibilityFor(db, viewer);
  return (await programSources(db, programId, filter)).filter((r) => sees.scoped(r)).map((r) => sourceView(r, now));
}

const untrusted: FreshnessStatus[] = ['stale', 'never_received'];

/**
 * Trust in use cases' answers: degraded while a required source is stale or never delivered.
 * Given what a viewer sees, it is judged over the sources they see, and the coverage says how
 * many it left out (a source of another site the use case relies on).
 */
export async function trustOf(db: Db, useCaseIds: string[], now: Date, sees?: Visibility) {
  if (!useCaseIds.length) return new Map<string, ReturnType<typeof trustView>>();
  const links = await db
    .select({ useCaseId: useCaseDataSources.useCaseId, required: useCaseDataSources.required, source: dataSources })
    .from(useCaseDataSources)
    .innerJoin(dataSources, eq(dataSources.id, useCaseDataSources.dataSourceId))
    .where(inArray(useCaseDataSources.useCaseId, useCaseIds))
    .orderBy(asc(dataSources.name));
  return new Map(
    useCaseIds.map((id) => {
      const mine = links.filter((l) => l.useCaseId === id);
      const seen = sees ? mine.filter((l) => sees.scoped(l.source)) : mine;
      return [id, trustView(seen, mine.length - seen.length, now)];
    }),
  );
}

function trustView(links: { required: boolean; source: SourceRow }[], leftOut: number, now: Date) {
  const sources = links.map((l) => ({
    dataSourceId: l.source.id,
    name: l.source.name,
    kind: l.source.kind,
    required: l.required,
    freshness: freshness(l.source, now),
  }));
  const reasons = sources
    .filter((s) => s.required && untrusted.includes(s.freshness.status))
    .map((s) => ({
      dataSourceId: s.dataSourceId,
      name: s.name,
      status: s.freshness.status,
      message: `required source '${s.name}' is ${s.freshness.status.replace('_', ' ')}: ${s.freshness.reason}`,
    }));
  return {
    trust: reasons.length ? ('degraded' as const) : ('ok' as const),
    reasons,
    sources,
    coverage: coverage({ sources: leftOut }),
  };
}

/** Whether a use case's answers can be trusted, judged over the sources the viewer sees. */
export async function useCaseTrust(db: Db, viewer: Viewer, useCaseId: string, now: Date) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  const sees = await visibilityFor(db, viewer);
  return { useCaseId, ...(await trustOf(db, [useCaseId], now, sees)).get(useCaseId)! };
}

/**
 * The data dependency map of a program: each source, its freshness and the use cases on it, over
 * what the viewer sees; the coverage counts the sources and use cases left out.
 */
export async function dataMap(db: Db, viewer: Viewer, programId: string, now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const sees = await visibilityFor(db, viewer);
  const allSources = await programSources(db, programId);
  const sources = allSources.filter((s) => sees.scoped(s)).map((s) => sourceView(s, now));
  const allCases = await db.select().from(useCases).where(eq(useCases.programId, programId)).orderBy(asc(useCases.createdAt));
  const cases = allCases.filter((u) => sees.scoped(u)).map((u) => ({ id: u.id, title: u.title, status: u.status }));
  const links = sources.length
    ? await db
        .select()
        .from(useCaseDataSources)
        .where(
          inArray(
            useCaseDataSources.dataSourceId,
            sources.map((s) => s.id),
          ),
        )
    : [];
  const trust = await trustOf(
    db,
    cases.map((c) => c.id),
    now,
    sees,
  );
  const titles = new Map(cases.map((c) => [c.id, c.title]));
  return {
    programId,
    coverage: coverage({ sources: allSources.length - sources.length, useCases: allCases.length - cases.length }),
    sources: sources.map((s) => ({
      ...s,
      // Dependents out of the viewer's scope are left out (the coverage counts them).
      dependents: links
        .filter((l) => l.dataSourceId === s.id && titles.has(l.useCaseId))
        .map((l) => ({ useCaseId: l.useCaseId, title: titles.get(l.useCaseId)!, required: l.required })),
    })),
    useCases: cases.map((c) => ({ ...c, trust: trust.get(c.id)!.trust, reasons: trust.get(c.id)!.reasons })),
  };
}

const sourceTarget: LifecycleTarget<typeof dataSources> = { table: dataSources, entityType: 'data_source', entity: 'data source' };

/** The use cases still in use (not retired) that rely on a source. */
function liveDependents(id: string) {
  return rowsOf(
    'use cases relying on it',
    useCaseDataSources,
    and(
      eq(useCaseDataSources.dataSourceId, id),
      sql`exists (select 1 from ${useCases} where ${useCases.id} = ${useCaseDataSources.useCaseId} and ${useCases.status} <> 'retired')`,
    ),
  );
}

/**
 * Archives a source the plant no longer runs (whoever may change it): it is no longer swept for
 * freshness and takes no heartbeats or new links. Refused while a use case still in use relies on
 * it, whose trust would otherwise rest on a source nobody watches.
 */
export async function archiveDataSource(w: Write, id: string, archived: boolean) {
  await checkMayChange(w, 'data_source', id);
  const row = await setArchived(w, sourceTarget, id, archived, {
    dependents: [liveDependents(id)],
    instead: 'unlink it from them or retire them first',
  });
  return sourceView(row, w.now);
}

/**
 * Deletes a source created by mistake (whoever may change it): nothing may rely on it, and no
 * escalation may be about it.
 */
export async function deleteDataSource(w: Write, id: string) {
  await checkMayChange(w, 'data_source', id);
  await deleteUnlessUsed(
    w,
    sourceTarget,
    id,
    [
      rowsOf('use cases relying on it', useCaseDataSources, eq(useCaseDataSources.dataSourceId, id)),
      rowsOf('escalations about it', escalations, and(eq(escalations.subjectType, 'data_source'), eq(escalations.subjectId, id))),
    ],
    'archive it instead',
  );
}
