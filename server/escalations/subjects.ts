import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dataSources, escalationRouteSteps, kpis, milestones, useCaseGroups, useCases, userGroups } from '../../db/schema/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { findActive } from '../core/lifecycle.ts';
import { visibilityFor, type Viewer } from '../access/index.ts';

export type SubjectType = 'use_case' | 'kpi' | 'milestone' | 'data_source';

export interface Subject {
  programId: string;
  label: string;
  /** Who takes the escalation first: the owner of the use case, KPI, milestone or source. */
  ownerId: string | null;
  /** The group whose route takes over when the owner does not resolve in time. */
  routeGroupId: string | null;
}

/** Groups that have a route, ordered by name; the first one owns escalations of a use case. */
async function groupWithRoute(db: Db, groupIds: string[]): Promise<string | null> {
  if (!groupIds.length) return null;
  const [row] = await db
    .select({ id: userGroups.id })
    .from(userGroups)
    .where(
      and(
        inArray(userGroups.id, groupIds),
        // An archived group routes no new escalations.
        isNull(userGroups.archivedAt),
        sql`exists (select 1 from ${escalationRouteSteps} where ${escalationRouteSteps.groupId} = ${userGroups.id})`,
      ),
    )
    .orderBy(asc(userGroups.name))
    .limit(1);
  return row?.id ?? null;
}

/** The program's fallback route: its plant-management group, else any group with a route. */
async function programRouteGroup(db: Db, programId: string): Promise<string | null> {
  const groups = await db.select({ id: userGroups.id, kind: userGroups.kind }).from(userGroups).where(eq(userGroups.programId, programId));
  const managers = await groupWithRoute(
    db,
    groups.filter((g) => g.kind === 'plant_managers').map((g) => g.id),
  );
  return (
    managers ??
    groupWithRoute(
      db,
      groups.map((g) => g.id),
    )
  );
}

async function useCaseRouteGroup(db: Db, useCaseId: string, programId: string): Promise<string | null> {
  const served = await db.select({ id: useCaseGroups.groupId }).from(useCaseGroups).where(eq(useCaseGroups.useCaseId, useCaseId));
  return (
    (await groupWithRoute(
      db,
      served.map((g) => g.id),
    )) ?? programRouteGroup(db, programId)
  );
}

/**
 * What a new escalation is about (never an archived KPI or data source), and from it the
 * program, the first assignee and the route.
 * `field` names the request field for a 404.
 */
export async function resolveSubject(db: Db, type: SubjectType, id: string, field = 'body.subjectId'): Promise<Subject> {
  switch (type) {
    case 'use_case': {
      const uc = await findOrNotFound(db, useCases, 'use case', id, { field });
      return {
        programId: uc.programId,
        label: `use case '${uc.title}'`,
        ownerId: uc.ownerId,
        routeGroupId: await useCaseRouteGroup(db, uc.id, uc.programId),
      };
    }
    case 'kpi': {
      const kpi = await findActive(db, kpis, 'kpi', id, { field });
      const uc = await findOrNotFound(db, useCases, 'use case', kpi.useCaseId);
      return {
        programId: uc.programId,
        label: `KPI '${kpi.name}'`,
        ownerId: kpi.ownerId,
        routeGroupId: await useCaseRouteGroup(db, uc.id, uc.programId),
      };
    }
    case 'milestone': {
      const m = await findOrNotFound(db, milestones, 'milestone', id, { field });
      const routeGroupId = m.useCaseId ? await useCaseRouteGroup(db, m.useCaseId, m.programId) : await programRouteGroup(db, m.programId);
      return { programId: m.programId, label: `milestone '${m.title}'`, ownerId: m.ownerId, routeGroupId };
    }
    case 'data_source': {
      const s = await findActive(db, dataSources, 'data source', id, { field });
      return {
        programId: s.programId,
        label: `data source '${s.name}'`,
        ownerId: s.ownerId,
        routeGroupId: s.escalationGroupId ?? (await programRouteGroup(db, s.programId)),
      };
    }
  }
}

/**
 * Which of these escalations a viewer sees: those whose subject lies in the viewer's scope (where
 * its use case, line, area or site is; a program-wide milestone where the program is). The
 * subjects are loaded in one query per kind, so a long list costs a handful of queries.
 */
export async function visibleSubjects<T extends { programId: string; subjectType: SubjectType; subjectId: string }>(
  db: Db,
  viewer: Viewer,
  rows: T[],
): Promise<T[]> {
  if (viewer.siteIds === null || !rows.length) return rows;
  const sees = await visibilityFor(db, viewer);
  const idsOf = (type: SubjectType) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const load = async <R>(type: SubjectType, query: (ids: string[]) => Promise<R[]>) => {
    const ids = idsOf(type);
    return ids.length ? query(ids) : [];
  };
  const [cases, kpiCases, milestoneRows, sources] = await Promise.all([
    load('use_case', (ids) => db.select().from(useCases).where(inArray(useCases.id, ids))),
    load('kpi', (ids) =>
      db
        .select({ id: kpis.id, useCase: useCases })
        .from(kpis)
        .innerJoin(useCases, eq(useCases.id, kpis.useCaseId))
        .where(inArray(kpis.id, ids)),
    ),
    load('milestone', (ids) =>
      db
        .select({ id: milestones.id, programId: milestones.programId, useCase: useCases })
        .from(milestones)
        .leftJoin(useCases, eq(useCases.id, milestones.useCaseId))
        .where(inArray(milestones.id, ids)),
    ),
    load('data_source', (ids) => db.select().from(dataSources).where(inArray(dataSources.id, ids))),
  ]);
  const seen = new Map<string, boolean>();
  for (const uc of cases) seen.set(`use_case:${uc.id}`, sees.scoped(uc));
  for (const k of kpiCases) seen.set(`kpi:${k.id}`, sees.scoped(k.useCase));
  for (const m of milestoneRows) seen.set(`milestone:${m.id}`, m.useCase ? sees.scoped(m.useCase) : sees.program(m.programId));
  for (const s of sources) seen.set(`data_source:${s.id}`, sees.scoped(s));
  // A subject that no longer exists: the escalation stays where its program is.
  return rows.filter((r) => seen.get(`${r.subjectType}:${r.subjectId}`) ?? sees.program(r.programId));
}

/** The ordered person ids of a group's escalation route. */
export async function routeOf(db: Db, groupId: string | null): Promise<string[]> {
  if (!groupId) return [];
  const steps = await db
    .select()
    .from(escalationRouteSteps)
    .where(eq(escalationRouteSteps.groupId, groupId))
    .orderBy(asc(escalationRouteSteps.step));
  return steps.map((s) => s.personId);
}
