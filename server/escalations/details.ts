import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, dataSources, escalationEvents, kpis, lines, milestones, people, programs, useCases } from '../../db/schema/index.ts';
import type { SubjectType } from './subjects.ts';

/**
 * What the pages show about escalations beyond their own rows, read for a whole list at once (a
 * handful of queries, whatever its length): what each is about and which page opens it, the
 * program's name and calendar zone, the names of the people on it, and its timeline. No access
 * check: callers pass escalations the viewer sees (from `inbox`, `listEscalations`, `getEscalation`).
 */

type EventRow = typeof escalationEvents.$inferSelect;

export interface EscalationLike {
  id: string;
  programId: string;
  subjectType: SubjectType;
  subjectId: string;
  assigneeId: string;
  raisedById: string | null;
}

/** What an escalation is about, as a page links to it; `siteIds` are where it lies (for who may take it). */
export interface SubjectInfo {
  type: SubjectType;
  name: string;
  href: string;
  /** The sites the subject lies in; null for a program-wide one (then the program's sites count). */
  siteId: string | null;
}

export interface EscalationDetails {
  subject: SubjectInfo;
  program: { id: string; name: string; timezone: string };
  events: EventRow[];
}

export interface DetailsOfMany {
  of(id: string): EscalationDetails;
  /** The name of a person named on any of the escalations or their events. */
  name(personId: string | null): string | null;
}

const byIds = <T>(ids: string[], query: (ids: string[]) => Promise<T[]>) => (ids.length ? query(ids) : Promise.resolve([]));

function idsOf(rows: EscalationLike[], type: SubjectType): string[] {
  return [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
}

/** The site of a row scoped to a site, an area or a line. */
function siteResolver(areaRows: { id: string; siteId: string }[], lineRows: { id: string; areaId: string }[]) {
  const areaSite = new Map(areaRows.map((a) => [a.id, a.siteId]));
  const lineArea = new Map(lineRows.map((l) => [l.id, l.areaId]));
  return (row: { scopeSiteId?: string | null; scopeAreaId?: string | null; scopeLineId?: string | null }) =>
    row.scopeLineId
      ? (areaSite.get(lineArea.get(row.scopeLineId) ?? '') ?? null)
      : row.scopeAreaId
        ? (areaSite.get(row.scopeAreaId) ?? null)
        : (row.scopeSiteId ?? null);
}

async function subjectsOf(db: Db, rows: EscalationLike[]): Promise<Map<string, SubjectInfo>> {
  const [cases, kpiRows, milestoneRows, sources, areaRows, lineRows] = await Promise.all([
    byIds(idsOf(rows, 'use_case'), (ids) => db.select().from(useCases).where(inArray(useCases.id, ids))),
    byIds(idsOf(rows, 'kpi'), (ids) =>
      db
        .select({ id: kpis.id, name: kpis.name, useCase: useCases })
        .from(kpis)
        .innerJoin(useCases, eq(useCases.id, kpis.useCaseId))
        .where(inArray(kpis.id, ids)),
    ),
    byIds(idsOf(rows, 'milestone'), (ids) =>
      db
        .select({ id: milestones.id, title: milestones.title, programId: milestones.programId, useCase: useCases })
        .from(milestones)
        .leftJoin(useCases, eq(useCases.id, milestones.useCaseId))
        .where(inArray(milestones.id, ids)),
    ),
    byIds(idsOf(rows, 'data_source'), (ids) => db.select().from(dataSources).where(inArray(dataSources.id, ids))),
    db.select({ id: areas.id, siteId: areas.siteId }).from(areas),
    db.select({ id: lines.id, areaId: lines.areaId }).from(lines),
  ]);
  const siteOf = siteResolver(areaRows, lineRows);
  const found = new Map<string, SubjectInfo>();
  for (const u of cases) found.set(`use_case:${u.id}`, { type: 'use_case', name: u.title, href: `/use-cases/${u.id}`, siteId: siteOf(u) });
  for (const k of kpiRows)
    found.set(`kpi:${k.id}`, { type: 'kpi', name: k.name, href: `/use-cases/${k.useCase.id}#kpi-${k.id}`, siteId: siteOf(k.useCase) });
  for (const m of milestoneRows) {
    // A use case's milestone opens with its use case; a program-wide one with the program.
    const href = m.useCase ? `/use-cases/${m.useCase.id}` : `/programs/${m.programId}`;
    found.set(`milestone:${m.id}`, { type: 'milestone', name: m.title, href, siteId: m.useCase ? siteOf(m.useCase) : null });
  }
  for (const s of sources) {
    // A line's source shows on the line page; a site's or an area's with its program.
    const href = s.scopeLineId ? `/lines/${s.scopeLineId}` : `/programs/${s.programId}`;
    found.set(`data_source:${s.id}`, { type: 'data_source', name: s.name, href, siteId: siteOf(s) });
  }
  return found;
}

/** The subjects, programs, people and timelines of some escalations, in six queries. */
export async function escalationDetails(db: Db, rows: EscalationLike[]): Promise<DetailsOfMany> {
  const ids = rows.map((r) => r.id);
  const programIds = [...new Set(rows.map((r) => r.programId))];
  const [subjects, programRows, events] = await Promise.all([
    subjectsOf(db, rows),
    byIds(programIds, (pids) =>
      db.select({ id: programs.id, name: programs.name, timezone: programs.timezone }).from(programs).where(inArray(programs.id, pids)),
    ),
    byIds(ids, (eids) =>
      db.select().from(escalationEvents).where(inArray(escalationEvents.escalationId, eids)).orderBy(asc(escalationEvents.id)),
    ),
  ]);
  const personIds = new Set<string>();
  for (const r of rows) [r.assigneeId, r.raisedById].forEach((p) => p && personIds.add(p));
  for (const e of events) [e.actorId, e.fromAssigneeId, e.toAssigneeId].forEach((p) => p && personIds.add(p));
  const names = new Map(
    (
      await byIds([...personIds], (pids) => db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, pids)))
    ).map((p) => [p.id, p.name]),
  );
  const programOf = new Map(programRows.map((p) => [p.id, p]));
  const eventsOf = new Map<string, EventRow[]>();
  for (const e of events) eventsOf.set(e.escalationId, [...(eventsOf.get(e.escalationId) ?? []), e]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    of(id) {
      const row = byId.get(id);
      if (!row) throw new Error(`escalation ${id} was not read`);
      return {
        // A subject deleted since: named by its kind only, opened with its program.
        subject: subjects.get(`${row.subjectType}:${row.subjectId}`) ?? {
          type: row.subjectType,
          name: '–',
          href: `/programs/${row.programId}`,
          siteId: null,
        },
        program: programOf.get(row.programId) ?? { id: row.programId, name: '–', timezone: 'UTC' },
        events: eventsOf.get(id) ?? [],
      };
    },
    name: (personId) => (personId ? (names.get(personId) ?? null) : null),
  };
}
