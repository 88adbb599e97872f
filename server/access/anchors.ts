import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  areas,
  balancingRuns,
  dataSources,
  decisions,
  escalations,
  kpiMeasurements,
  kpis,
  lines,
  milestones,
  programSites,
  programs,
  reviews,
  simulationRuns,
  stations,
  usageEvents,
  useCases,
  userGroups,
} from '../../db/schema/index.ts';
import { notFound } from '../core/errors.ts';
import { isUuid } from '../core/lookup.ts';

/**
 * Where an entity sits, for access checks: the sites it is tied to (null: none, an ad-hoc run),
 * its program (whose sponsor manages it) and the people who own it.
 */
export interface Anchor {
  siteIds: string[] | null;
  programId: string | null;
  ownerIds: string[];
}

export type AnchoredKind =
  | 'site'
  | 'area'
  | 'line'
  | 'station'
  | 'program'
  | 'user_group'
  | 'use_case'
  | 'decision'
  | 'kpi'
  | 'kpi_measurement'
  | 'milestone'
  | 'review'
  | 'usage_event'
  | 'data_source'
  | 'escalation'
  | 'balancing_run'
  | 'simulation_run';

const names: Record<AnchoredKind, string> = {
  site: 'site',
  area: 'area',
  line: 'line',
  station: 'station',
  program: 'program',
  user_group: 'user group',
  use_case: 'use case',
  decision: 'decision',
  kpi: 'kpi',
  kpi_measurement: 'measurement',
  milestone: 'milestone',
  review: 'review',
  usage_event: 'usage event',
  data_source: 'data source',
  escalation: 'escalation',
  balancing_run: 'balancing run',
  simulation_run: 'simulation run',
};

const owners = (...ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

async function one<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

async function programSiteIds(db: Db, programId: string): Promise<string[]> {
  const rows = await db.select({ siteId: programSites.siteId }).from(programSites).where(eq(programSites.programId, programId));
  return rows.map((r) => r.siteId);
}

async function siteOfArea(db: Db, areaId: string): Promise<string[]> {
  const row = await one(db.select({ siteId: areas.siteId }).from(areas).where(eq(areas.id, areaId)));
  return row ? [row.siteId] : [];
}

async function siteOfLine(db: Db, lineId: string): Promise<string[]> {
  const row = await one(
    db.select({ siteId: areas.siteId }).from(lines).innerJoin(areas, eq(areas.id, lines.areaId)).where(eq(lines.id, lineId)),
  );
  return row ? [row.siteId] : [];
}

async function useCaseAnchor(db: Db, id: string): Promise<Anchor | undefined> {
  const uc = await one(db.select().from(useCases).where(eq(useCases.id, id)));
  if (!uc) return undefined;
  const siteIds = uc.scopeLineId ? await siteOfLine(db, uc.scopeLineId) : await siteOfArea(db, uc.scopeAreaId!);
  return { siteIds, programId: uc.programId, ownerIds: owners(uc.ownerId) };
}

async function kpiAnchor(db: Db, id: string): Promise<Anchor | undefined> {
  const kpi = await one(db.select({ useCaseId: kpis.useCaseId, ownerId: kpis.ownerId }).from(kpis).where(eq(kpis.id, id)));
  const uc = kpi && (await useCaseAnchor(db, kpi.useCaseId));
  // The use case's owner answers for its KPIs as well as the KPI's own owner.
  return uc && { ...uc, ownerIds: owners(kpi.ownerId, ...uc.ownerIds) };
}

async function anchorOrUndefined(db: Db, kind: AnchoredKind, id: string): Promise<Anchor | undefined> {
  switch (kind) {
    case 'site':
      return { siteIds: [id], programId: null, ownerIds: [] };
    case 'area': {
      const siteIds = await siteOfArea(db, id);
      return siteIds.length ? { siteIds, programId: null, ownerIds: [] } : undefined;
    }
    case 'line': {
      const siteIds = await siteOfLine(db, id);
      return siteIds.length ? { siteIds, programId: null, ownerIds: [] } : undefined;
    }
    case 'station': {
      const st = await one(db.select({ lineId: stations.lineId }).from(stations).where(eq(stations.id, id)));
      return st && { siteIds: await siteOfLine(db, st.lineId), programId: null, ownerIds: [] };
    }
    case 'program': {
      const p = await one(db.select({ id: programs.id, sponsorId: programs.sponsorId }).from(programs).where(eq(programs.id, id)));
      return p && { siteIds: await programSiteIds(db, p.id), programId: p.id, ownerIds: [] };
    }
    case 'user_group': {
      const g = await one(db.select({ programId: userGroups.programId }).from(userGroups).where(eq(userGroups.id, id)));
      return g && { siteIds: await programSiteIds(db, g.programId), programId: g.programId, ownerIds: [] };
    }
    case 'use_case':
      return useCaseAnchor(db, id);
    case 'decision': {
      // A decision is where its use case is, and answers to the use case's owner.
      const d = await one(db.select({ useCaseId: decisions.useCaseId }).from(decisions).where(eq(decisions.id, id)));
      return d && useCaseAnchor(db, d.useCaseId);
    }
    case 'kpi':
      return kpiAnchor(db, id);
    case 'kpi_measurement': {
      const m = await one(db.select({ kpiId: kpiMeasurements.kpiId }).from(kpiMeasurements).where(eq(kpiMeasurements.id, id)));
      return m && kpiAnchor(db, m.kpiId);
    }
    case 'milestone': {
      const m = await one(db.select().from(milestones).where(eq(milestones.id, id)));
      if (!m) return undefined;
      // A milestone of one use case is where that use case is; a program-wide one is where the program is.
      const siteIds = m.useCaseId ? ((await useCaseAnchor(db, m.useCaseId))?.siteIds ?? []) : await programSiteIds(db, m.programId);
      return { siteIds, programId: m.programId, ownerIds: owners(m.ownerId) };
    }
    case 'review': {
      const r = await one(db.select({ programId: reviews.programId }).from(reviews).where(eq(reviews.id, id)));
      return r && { siteIds: await programSiteIds(db, r.programId), programId: r.programId, ownerIds: [] };
    }
    case 'usage_event': {
      const u = await one(db.select({ useCaseId: usageEvents.useCaseId }).from(usageEvents).where(eq(usageEvents.id, id)));
      return u && useCaseAnchor(db, u.useCaseId);
    }
    case 'data_source': {
      const s = await one(db.select().from(dataSources).where(eq(dataSources.id, id)));
      if (!s) return undefined;
      const siteIds = s.scopeSiteId
        ? [s.scopeSiteId]
        : s.scopeAreaId
          ? await siteOfArea(db, s.scopeAreaId)
          : await siteOfLine(db, s.scopeLineId!);
      return { siteIds, programId: s.programId, ownerIds: owners(s.ownerId) };
    }
    case 'escalation': {
      const e = await one(db.select().from(escalations).where(eq(escalations.id, id)));
      if (!e) return undefined;
      const subject = await anchorOrUndefined(db, e.subjectType, e.subjectId);
      // Handled by its assignee and by whoever owns what it is about.
      return {
        siteIds: subject?.siteIds ?? (await programSiteIds(db, e.programId)),
        programId: e.programId,
        ownerIds: owners(e.assigneeId, ...(subject?.ownerIds ?? [])),
      };
    }
    case 'balancing_run':
    case 'simulation_run': {
      const table = kind === 'balancing_run' ? balancingRuns : simulationRuns;
      const run = await one(db.select({ lineId: table.lineId, createdById: table.createdById }).from(table).where(eq(table.id, id)));
      return run && { siteIds: run.lineId ? await siteOfLine(db, run.lineId) : null, programId: null, ownerIds: owners(run.createdById) };
    }
  }
}

/** The anchor of an entity, or a 404 naming it (and the request field it came from). */
export async function anchorOf(db: Db, kind: AnchoredKind, id: string, field?: string): Promise<Anchor> {
  const anchor = isUuid(id) ? await anchorOrUndefined(db, kind, id) : undefined;
  if (!anchor) throw notFound(names[kind], id, field);
  return anchor;
}

/** Display name of a kind, for messages. */
export function kindName(kind: AnchoredKind): string {
  return names[kind];
}
