import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, enterprises, lines, sites, stations } from '../../db/schema/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type AuditEntityType, type Write } from '../core/write.ts';

// ISA-95 equipment hierarchy. Every node is keyed by its Unified Namespace path
// `enterprise/site/area/line/station`, built from the codes.

interface NodeInput {
  code: string;
  name: string;
}

async function created<T extends { id: string }>(w: Write, entityType: AuditEntityType, row: T): Promise<T> {
  await audit(w, { entityType, entityId: row.id, action: 'create', after: row });
  return row;
}

/** Creates an enterprise, the root of a plant hierarchy. */
export async function createEnterprise(w: Write, input: NodeInput) {
  const [row] = await w.tx
    .insert(enterprises)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'enterprise', row);
}

/** Creates a site of an enterprise. */
export async function createSite(w: Write, input: NodeInput & { enterpriseId: string; timezone?: string }) {
  await findOrNotFound(w.tx, enterprises, 'enterprise', input.enterpriseId, { field: 'body.enterpriseId' });
  const [row] = await w.tx
    .insert(sites)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'site', row);
}

/** Creates an area of a site. */
export async function createArea(w: Write, input: NodeInput & { siteId: string }) {
  await findOrNotFound(w.tx, sites, 'site', input.siteId, { field: 'body.siteId' });
  const [row] = await w.tx
    .insert(areas)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'area', row);
}

/** Creates a production line (ISA-95 work centre) in an area. */
export async function createLine(w: Write, input: NodeInput & { areaId: string }) {
  await findOrNotFound(w.tx, areas, 'area', input.areaId, { field: 'body.areaId' });
  const [row] = await w.tx
    .insert(lines)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'line', row);
}

/** Creates a station (work cell) at a position along a line. */
export async function createStation(w: Write, input: NodeInput & { lineId: string; position: number }) {
  await findOrNotFound(w.tx, lines, 'line', input.lineId, { field: 'body.lineId' });
  const [row] = await w.tx
    .insert(stations)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'station', row);
}

export function listEnterprises(db: Db) {
  return db.select().from(enterprises).orderBy(asc(enterprises.name));
}

/** The UNS path of a line and its ancestors' ids. */
export async function linePath(db: Db, lineId: string) {
  const line = await findOrNotFound(db, lines, 'line', lineId);
  const [row] = await db
    .select({ enterprise: enterprises.code, site: sites.code, area: areas.code, siteId: sites.id, enterpriseId: enterprises.id })
    .from(areas)
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .innerJoin(enterprises, eq(enterprises.id, sites.enterpriseId))
    .where(eq(areas.id, line.areaId));
  return { line, path: `${row.enterprise}/${row.site}/${row.area}/${line.code}`, siteId: row.siteId, enterpriseId: row.enterpriseId };
}

/** A line with its ordered stations and UNS path. */
export async function getLine(db: Db, lineId: string) {
  const { line, path } = await linePath(db, lineId);
  const rows = await db.select().from(stations).where(eq(stations.lineId, lineId)).orderBy(asc(stations.position));
  return { ...line, path, stations: rows.map((s) => ({ ...s, path: `${path}/${s.code}` })) };
}

/** The whole hierarchy of an enterprise as a tree, each node with its UNS path. */
export async function getHierarchy(db: Db, enterpriseId: string) {
  const enterprise = await findOrNotFound(db, enterprises, 'enterprise', enterpriseId);
  const siteRows = await db.select().from(sites).where(eq(sites.enterpriseId, enterpriseId)).orderBy(asc(sites.code));
  const areaRows = siteRows.length
    ? await db
        .select()
        .from(areas)
        .where(
          inArray(
            areas.siteId,
            siteRows.map((s) => s.id),
          ),
        )
        .orderBy(asc(areas.code))
    : [];
  const lineRows = areaRows.length
    ? await db
        .select()
        .from(lines)
        .where(
          inArray(
            lines.areaId,
            areaRows.map((a) => a.id),
          ),
        )
        .orderBy(asc(lines.code))
    : [];
  const stationRows = lineRows.length
    ? await db
        .select()
        .from(stations)
        .where(
          inArray(
            stations.lineId,
            lineRows.map((l) => l.id),
          ),
        )
        .orderBy(asc(stations.position))
    : [];
  const e = enterprise.code;
  return {
    ...enterprise,
    path: e,
    sites: siteRows.map((s) => ({
      ...s,
      path: `${e}/${s.code}`,
      areas: areaRows
        .filter((a) => a.siteId === s.id)
        .map((a) => ({
          ...a,
          path: `${e}/${s.code}/${a.code}`,
          lines: lineRows
            .filter((l) => l.areaId === a.id)
            .map((l) => ({
              ...l,
              path: `${e}/${s.code}/${a.code}/${l.code}`,
              stations: stationRows
                .filter((st) => st.lineId === l.id)
                .map((st) => ({
                  ...st,
                  path: `${e}/${s.code}/${a.code}/${l.code}/${st.code}`,
                })),
            })),
        })),
    })),
  };
}

/** The sites of the plant, of one enterprise when given, by code. */
export async function listSites(db: Db, enterpriseId?: string) {
  if (enterpriseId) await findOrNotFound(db, enterprises, 'enterprise', enterpriseId, { field: 'query.enterpriseId' });
  return db
    .select()
    .from(sites)
    .where(enterpriseId ? eq(sites.enterpriseId, enterpriseId) : undefined)
    .orderBy(asc(sites.code), asc(sites.id));
}

/** The areas, of one site when given, by code. */
export async function listAreas(db: Db, siteId?: string) {
  if (siteId) await findOrNotFound(db, sites, 'site', siteId, { field: 'query.siteId' });
  return db
    .select()
    .from(areas)
    .where(siteId ? eq(areas.siteId, siteId) : undefined)
    .orderBy(asc(areas.code), asc(areas.id));
}

/** The lines, of one area when given, by code. */
export async function listLines(db: Db, areaId?: string) {
  if (areaId) await findOrNotFound(db, areas, 'area', areaId, { field: 'query.areaId' });
  return db
    .select()
    .from(lines)
    .where(areaId ? eq(lines.areaId, areaId) : undefined)
    .orderBy(asc(lines.code), asc(lines.id));
}

/** The stations, of one line when given (in flow order), else by line and position. */
export async function listStations(db: Db, lineId?: string) {
  if (lineId) await findOrNotFound(db, lines, 'line', lineId, { field: 'query.lineId' });
  return db
    .select()
    .from(stations)
    .where(lineId ? eq(stations.lineId, lineId) : undefined)
    .orderBy(asc(stations.lineId), asc(stations.position), asc(stations.id));
}
