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

type SourceRow = typeof dataSources.$inferSelect;

export interface DataSourceInput {
  name: string;
  kind: SourceRow['kind'];
  scope: { siteId: string } | { areaId: string } | { lineId: string };
  ownerId: string;
  escalationGroupId?: string | null;
  expectedRefreshSeconds: number;
  maxLatencySeconds: number;
}

/** The site a scope lies in; it must be one of the program's sites. */
async function scopeColumns(db: Db, programId: string, scope: DataSourceInput['scope']) {
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

export async function createDataSource(w: Write, programId: string, input: DataSourceInput) {
  await findActive(w.tx, programs, 'program', programId);
  await checkRefs(w.tx, programId, input);
  const { scope, ...fields } = input;
  const [row] = await w.tx
    .insert(dataSources)
    .values({ ...fields, ...(await scopeColumns(w.tx, programId, scope)), programId, createdAt: w.now, updatedAt: w.now })
    .returning();
  await audit(w, { entityType: 'data_source', entityId: row.id, action: 'create', after: row });
  return sourceView(row, w.now);
}

export async function updateDataSource(w: Write, id: string, patch: Partial<DataSourceInput>) {
  const before = await findActive(w.tx, dataSources, 'data source', id, { forUpdate: true });
  await checkRefs(w.tx, before.programId, patch);
  const { scope, ...fields } = patch;
  const scopeFields = scope ? await scopeColumns(w.tx, before.programId, scope) : {};
  const [after] = await w.tx
    .update(dataSources)
    .set({ ...fields, ...scopeFields, version: nextVersion(dataSources), updatedAt: w.now })
    .where(eq(dataSources.id, id))
    .returning();
  await audit(w, { entityType: 'data_source', entityId: id, action: 'update', before, after });
  return sourceView(after, w.now);
}

// Tolerated clock skew of a source ahead of the server.
const MAX_SOURCE_AHEAD_MS = 5 * 60_000;

/**
 * Records that a source delivered data (or a heartbeat): the arrival time, the newest value's
 * source timestamp and its quality. Acts on the freshness at once, as the sweep would.
 */
export async function recordHeartbeat(w: Write, id: string, input: { sourceTimestamp?: string; quality?: 'good' | 'uncertain' | 'bad' }) {
  await findActive(w.tx, dataSources, 'data source', id, { forUpdate: true });
  const sourceTimestamp = input.sourceTimestamp ? new Date(input.sourceTimestamp) : w.now;
  if (sourceTimestamp.getTime() > w.now.getTime() + MAX_SOURCE_AHEAD_MS)
    throw invalidInput('body.sourceTimestamp', 'lies more than 5 minutes in the future');
  const [after] = await w.tx
    .update(dataSources)
    .set({ lastReceivedAt: w.now, lastSourceTimestamp: sourceTimestamp, lastQuality: input.quality ?? 'good', updatedAt: w.now })
    .where(eq(dataSources.id, id))
    .returning();
  const outcome = await checkSourceFreshness(w, after);
  return { ...sourceView(after, w.now), escalation: outcome };
}

/** Declares that a use case depends on a source (required or not). */
export async function linkDataSource(w: Write, useCaseId: string, input: { dataSourceId: string; required: boolean }) {
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
  return useCaseTrust(w.tx, useCaseId, w.now);
}

export async function unlinkDataSource(w: Write, useCaseId: string, dataSourceId: string) {
  await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  await findOrNotFound(w.tx, dataSources, 'data source', dataSourceId);
  const removed = await w.tx
    .delete(useCaseDataSources)
    .where(and(eq(useCaseDataSources.useCaseId, useCaseId), eq(useCaseDataSources.dataSourceId, dataSourceId)))
    .returning();
  // The dependency named in the path does not exist: not found, like any id that names nothing.
  if (!removed.length) throw new NotFoundError('the use case does not depend on that data source');
  await audit(w, { entityType: 'use_case', entityId: useCaseId, action: 'unlink-data-source', before: removed[0] });
  return useCaseTrust(w.tx, useCaseId, w.now);
}

/** A source as it is read and written: its scope as one object, as the input gives it, and its freshness. */
export function sourceView(row: SourceRow, now: Date) {
  const { scopeSiteId, scopeAreaId, scopeLineId, ...rest } = row;
  const scope = scopeLineId ? { lineId: scopeLineId } : scopeAreaId ? { areaId: scopeAreaId } : { siteId: scopeSiteId as string };
  return { ...rest, scope, freshness: freshness(row, now) };
}

export async function getDataSource(db: Db, id: string, now: Date) {
  return sourceView(await findOrNotFound(db, dataSources, 'data source', id), now);
}

export async function listDataSources(db: Db, programId: string, now: Date, filter: { archived?: ArchivedFilter } = {}) {
  await findOrNotFound(db, programs, 'program', programId);
  const rows = await db
    .select()
    .from(dataSources)
    .where(and(eq(dataSources.programId, programId), archivedWhere(dataSources.archivedAt, filter.archived)))
    .orderBy(asc(dataSources.name));
  return rows.map((r) => sourceView(r, now));
}

const untrusted: FreshnessStatus[] = ['stale', 'never_received'];

/** Trust in use cases' answers: degraded while a required source is stale or never delivered. */
export async function trustOf(db: Db, useCaseIds: string[], now: Date) {
  if (!useCaseIds.length) return new Map<string, ReturnType<typeof trustView>>();
  const links = await db
    .select({ useCaseId: useCaseDataSources.useCaseId, required: useCaseDataSources.required, source: dataSources })
    .from(useCaseDataSources)
    .innerJoin(dataSources, eq(dataSources.id, useCaseDataSources.dataSourceId))
    .where(inArray(useCaseDataSources.useCaseId, useCaseIds))
    .orderBy(asc(dataSources.name));
  return new Map(
    useCaseIds.map((id) => [
      id,
      trustView(
        links.filter((l) => l.useCaseId === id),
        now,
      ),
    ]),
  );
}

function trustView(links: { required: boolean; source: SourceRow }[], now: Date) {
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
  return { trust: reasons.length ? ('degraded' as const) : ('ok' as const), reasons, sources };
}

export async function useCaseTrust(db: Db, useCaseId: string, now: Date) {
  await findOrNotFound(db, useCases, 'use case', useCaseId);
  return { useCaseId, ...(await trustOf(db, [useCaseId], now)).get(useCaseId)! };
}

/** The data dependency map of a program: each source, its freshness and the use cases on it. */
export async function dataMap(db: Db, programId: string, now: Date) {
  const sources = await listDataSources(db, programId, now);
  const cases = await db
    .select({ id: useCases.id, title: useCases.title, status: useCases.status })
    .from(useCases)
    .where(eq(useCases.programId, programId))
    .orderBy(asc(useCases.createdAt));
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
  );
  return {
    programId,
    sources: sources.map((s) => ({
      ...s,
      dependents: links
        .filter((l) => l.dataSourceId === s.id)
        .map((l) => ({ useCaseId: l.useCaseId, title: cases.find((c) => c.id === l.useCaseId)?.title ?? '', required: l.required })),
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
 * Archives a source the plant no longer runs: it is no longer swept for freshness and takes no
 * heartbeats or new links. Refused while a use case still in use relies on it, whose trust
 * would otherwise rest on a source nobody watches.
 */
export async function archiveDataSource(w: Write, id: string, archived: boolean) {
  const row = await setArchived(w, sourceTarget, id, archived, {
    dependents: [liveDependents(id)],
    instead: 'unlink it from them or retire them first',
  });
  return sourceView(row, w.now);
}

/** Deletes a source created by mistake: nothing may rely on it, and no escalation may be about it. */
export async function deleteDataSource(w: Write, id: string) {
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
