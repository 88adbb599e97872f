import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, lines, programSites, stations } from '../../db/schema/index.ts';
import { readOnce } from './requestReads.ts';
import { seesSites, type Viewer } from './scope.ts';

/**
 * What a viewer sees, for filtering lists and aggregates in one pass: the plant's areas, lines and
 * stations and the programs' sites are loaded once (small tables), then each row is tested
 * without a query. A viewer without a site limit loads nothing.
 */
export interface Visibility {
  /** False when the viewer sees everything: nothing is ever left out. */
  readonly limited: boolean;
  site(id: string): boolean;
  area(id: string): boolean;
  line(id: string): boolean;
  station(id: string): boolean;
  /** A program is seen when one of its sites is. */
  program(id: string): boolean;
  /** A row scoped to an area or a line (use cases, data sources also to a site). */
  scoped(row: { scopeSiteId?: string | null; scopeAreaId?: string | null; scopeLineId?: string | null }): boolean;
}

const everything: Visibility = {
  limited: false,
  site: () => true,
  area: () => true,
  line: () => true,
  station: () => true,
  program: () => true,
  scoped: () => true,
};

export async function visibilityFor(db: Db, viewer: Viewer): Promise<Visibility> {
  if (viewer.siteIds === null) return everything;
  return readOnce(viewer, 'visibility', () => loadVisibility(db, viewer));
}

async function loadVisibility(db: Db, viewer: Viewer): Promise<Visibility> {
  const [areaRows, lineRows, stationRows, programRows] = await Promise.all([
    db.select({ id: areas.id, siteId: areas.siteId }).from(areas),
    db.select({ id: lines.id, siteId: areas.siteId }).from(lines).innerJoin(areas, eq(areas.id, lines.areaId)),
    db
      .select({ id: stations.id, siteId: areas.siteId })
      .from(stations)
      .innerJoin(lines, eq(lines.id, stations.lineId))
      .innerJoin(areas, eq(areas.id, lines.areaId)),
    db.select().from(programSites),
  ]);
  const site = (id: string | undefined) => id !== undefined && seesSites(viewer, [id]);
  const areaSite = new Map(areaRows.map((r) => [r.id, r.siteId]));
  const lineSite = new Map(lineRows.map((r) => [r.id, r.siteId]));
  const stationSite = new Map(stationRows.map((r) => [r.id, r.siteId]));
  const programs = new Set(programRows.filter((r) => site(r.siteId)).map((r) => r.programId));
  return {
    limited: true,
    site: (id) => site(id),
    area: (id) => site(areaSite.get(id)),
    line: (id) => site(lineSite.get(id)),
    station: (id) => site(stationSite.get(id)),
    program: (id) => programs.has(id),
    scoped: (row) =>
      row.scopeLineId
        ? site(lineSite.get(row.scopeLineId))
        : row.scopeAreaId
          ? site(areaSite.get(row.scopeAreaId))
          : site(row.scopeSiteId ?? undefined),
  };
}

/**
 * How much of an aggregate the viewer may not see: said beside every total, so a figure over part
 * of a program never passes for the whole.
 */
export interface Coverage {
  complete: boolean;
  leftOut: Record<string, number>;
}

/** The coverage of an aggregate from the counts of what was left out, by kind. */
export function coverage(leftOut: Record<string, number>): Coverage {
  const counted = Object.fromEntries(Object.entries(leftOut).filter(([, n]) => n > 0));
  return { complete: Object.keys(counted).length === 0, leftOut: counted };
}
