import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../core/lookup.ts';
import { areas, dataSources, enterprises, lines, sites, stations } from '../../db/schema/index.ts';

/** A station as ingest needs it: where it is, and which data source feeds it by default. */
export interface StationTarget {
  id: string;
  lineId: string;
  areaId: string;
  siteId: string;
  /** `enterprise/site/area/line/station` in Unified Namespace codes. */
  path: string;
}

/**
 * Finds the stations a batch names, by id or by UNS path, in one query; names that match nothing,
 * or a station outside the sites the caller sees, are left out (the caller rejects those events
 * alike, so a token learns nothing about other sites).
 */
export async function resolveStations(
  db: Db,
  names: Iterable<string>,
  siteIds: readonly string[] | null,
): Promise<Map<string, StationTarget>> {
  const wanted = [...new Set(names)];
  const ids = wanted.filter((n) => isUuid(n)).map((n) => n.toLowerCase());
  const paths = wanted.filter((n) => !isUuid(n));
  const found = new Map<string, StationTarget>();
  if (!ids.length && !paths.length) return found;
  const path = sql<string>`${enterprises.code} || '/' || ${sites.code} || '/' || ${areas.code} || '/' || ${lines.code} || '/' || ${stations.code}`;
  const rows = await db
    .select({ id: stations.id, lineId: lines.id, areaId: areas.id, siteId: sites.id, path })
    .from(stations)
    .innerJoin(lines, eq(lines.id, stations.lineId))
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .innerJoin(enterprises, eq(enterprises.id, sites.enterpriseId))
    .where(or(ids.length ? inArray(stations.id, ids) : undefined, paths.length ? inArray(path, paths) : undefined));
  for (const row of rows) {
    if (siteIds !== null && !siteIds.includes(row.siteId)) continue;
    found.set(row.path, row);
    found.set(row.id, row);
  }
  // Ids as sent may be upper case.
  for (const n of wanted) if (isUuid(n) && found.has(n.toLowerCase())) found.set(n, found.get(n.toLowerCase())!);
  return found;
}

/** A data source that can take events: active, with where it applies. */
export interface SourceTarget {
  id: string;
  code: string | null;
  kind: string;
  scopeSiteId: string | null;
  scopeAreaId: string | null;
  scopeLineId: string | null;
}

/** The active data sources of the given sites (by their site, area or line scope). */
export async function sourcesOfSites(db: Db, siteIdsOfBatch: string[]): Promise<SourceTarget[]> {
  if (!siteIdsOfBatch.length) return [];
  const siteAreas = db.select({ id: areas.id }).from(areas).where(inArray(areas.siteId, siteIdsOfBatch));
  const siteLines = db
    .select({ id: lines.id })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .where(inArray(areas.siteId, siteIdsOfBatch));
  return db
    .select({
      id: dataSources.id,
      code: dataSources.code,
      kind: dataSources.kind,
      scopeSiteId: dataSources.scopeSiteId,
      scopeAreaId: dataSources.scopeAreaId,
      scopeLineId: dataSources.scopeLineId,
    })
    .from(dataSources)
    .where(
      and(
        isNull(dataSources.archivedAt),
        or(
          inArray(dataSources.scopeSiteId, siteIdsOfBatch),
          inArray(dataSources.scopeAreaId, siteAreas),
          inArray(dataSources.scopeLineId, siteLines),
        ),
      ),
    )
    .orderBy(dataSources.createdAt, dataSources.id);
}

/** How closely a source's scope fits a station: its line 3, its area 2, its site 1, else 0. */
export function fit(source: SourceTarget, station: StationTarget): number {
  if (source.scopeLineId === station.lineId) return 3;
  if (source.scopeAreaId === station.areaId) return 2;
  if (source.scopeSiteId === station.siteId) return 1;
  return 0;
}

/**
 * The source an event refreshes: the one it names (by id or code) among those that cover its
 * station, or by default the station's PLC source (`plc_sensor`), the narrowest first. Undefined
 * when it names one that does not cover the station; null when none feeds it by default.
 */
export function sourceFor(sources: SourceTarget[], station: StationTarget, named: string | null): SourceTarget | null | undefined {
  const covering = sources.filter((s) => fit(s, station) > 0).sort((a, b) => fit(b, station) - fit(a, station));
  if (named !== null) return covering.find((s) => s.id === named.toLowerCase() || s.code === named);
  return covering.find((s) => s.kind === 'plc_sensor') ?? null;
}
