/**
 * A line as the feed needs it, read from the database: its simulation model, the UNS path of each
 * model station (machines are named by station code), the reason codes of its site's tree, the
 * data sources its energy readings and MES counts refresh, and its planned stops from the site's
 * schedule (no-shift time, breaks) and planned-stop calendar.
 */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, dataSources, enterprises, lines, lineSimulationModels, sites, stations, stopReasons } from '../../db/schema/index.ts';
import { lineStopsIn } from '../schedules/index.ts';
import { parseSimulationModel } from '../simulation/index.ts';
import type { FeedLine } from './feed.ts';
import type { FeedReasons } from './translate.ts';

/** UMH state codes stand in where a site's tree has no reason of a kind. */
const fallbackReasons = { technical: '180000', changeover: '100000', break: '150000', no_shift: '160000', planned_maintenance: '210000' };

async function reasonsOf(db: Db, siteId: string): Promise<FeedReasons> {
  const tree = await db.select().from(stopReasons).where(eq(stopReasons.siteId, siteId)).orderBy(asc(stopReasons.code));
  const codes = (stateClass: string, category?: string) =>
    tree.filter((r) => r.stateClass === stateClass && (!category || r.category === category)).map((r) => r.code);
  const failure = codes('unplanned_stop');
  return {
    failure: failure.length ? failure : [fallbackReasons.technical],
    changeover: codes('setup', 'changeover')[0] ?? fallbackReasons.changeover,
    planned: [
      codes('planned_stop', 'break')[0] ?? fallbackReasons.break,
      codes('planned_stop', 'no_shift')[0] ?? fallbackReasons.no_shift,
      codes('planned_stop', 'planned_maintenance')[0] ?? fallbackReasons.planned_maintenance,
    ],
  };
}

/**
 * The feed's view of each given line that has a simulation model whose machines all name a
 * station of the line; the others are left out with the reason (for the log).
 */
export async function feedLines(db: Db, lineIds: readonly string[]): Promise<{ lines: FeedLine[]; skipped: string[] }> {
  const out: FeedLine[] = [];
  const skipped: string[] = [];
  if (!lineIds.length) return { lines: out, skipped };
  const rows = await db
    .select({
      line: lines,
      area: areas.code,
      site: sites,
      enterprise: enterprises.code,
      model: lineSimulationModels.model,
    })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .innerJoin(enterprises, eq(enterprises.id, sites.enterpriseId))
    .leftJoin(lineSimulationModels, eq(lineSimulationModels.lineId, lines.id))
    .where(inArray(lines.id, [...lineIds]));
  for (const row of rows) {
    if (!row.model) {
      skipped.push(`${row.line.code}: no simulation model`);
      continue;
    }
    const model = parseSimulationModel(row.model);
    const list = await db.select().from(stations).where(eq(stations.lineId, row.line.id));
    const byCode = new Map(list.map((s) => [s.code, s]));
    const missing = model.machines.filter((m) => !byCode.has(m.name)).map((m) => m.name);
    if (missing.length) {
      skipped.push(`${row.line.code}: the model's ${missing.join(', ')} name no station of the line`);
      continue;
    }
    const modelStations = model.machines.map((m) => byCode.get(m.name)!);
    const sources = await db
      .select()
      .from(dataSources)
      .where(
        and(
          isNull(dataSources.archivedAt),
          or(
            eq(dataSources.scopeLineId, row.line.id),
            eq(dataSources.scopeAreaId, row.line.areaId),
            eq(dataSources.scopeSiteId, row.site.id),
          ),
        ),
      );
    // The narrowest source of a kind: the line's, then the area's, then the site's.
    const sourceOf = (kind: string) =>
      sources.find((s) => s.kind === kind && s.scopeLineId) ??
      sources.find((s) => s.kind === kind && s.scopeAreaId) ??
      sources.find((s) => s.kind === kind);
    const site = { id: row.site.id, timezone: row.site.timezone };
    const lineId = row.line.id;
    out.push({
      key: row.line.code,
      model,
      stations: modelStations.map((s) => `${row.enterprise}/${row.site.code}/${row.area}/${row.line.code}/${s.code}`),
      stationIds: modelStations.map((s) => s.id),
      reasons: await reasonsOf(db, site.id),
      energySource: sourceOf('historian')?.id,
      countSource: sourceOf('mes')?.id,
      plannedStops: (from, to) => lineStopsIn(db, site, lineId, { start: from, end: to }),
    });
  }
  return { lines: out, skipped };
}
