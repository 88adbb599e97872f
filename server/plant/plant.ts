import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, enterprises, lines, sites, stations } from '../../db/schema/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { ForbiddenError, notFound } from '../core/errors.ts';
import { checkSees, seesSites, visibilityFor, type Viewer } from '../access/index.ts';
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

/**
 * Whether the viewer sees an enterprise: they have no site limit, or one of its sites is theirs.
 * Out of sight, it names nothing (404).
 */
export async function checkSeesEnterprise(db: Db, viewer: Viewer, enterpriseId: string, field?: string): Promise<void> {
  const enterprise = await findOrNotFound(db, enterprises, 'enterprise', enterpriseId, { field });
  if (viewer.siteIds === null) return;
  const own = await db.select({ id: sites.id }).from(sites).where(eq(sites.enterpriseId, enterprise.id));
  if (
    !seesSites(
      viewer,
      own.map((s) => s.id),
    )
  )
    throw notFound('enterprise', enterpriseId, field);
}

/**
 * The plant above a site (enterprises, and which sites an enterprise has) is kept by admins who
 * see the whole enterprise (their scope is it or the installation, and their token is not narrowed
 * to some of its sites); an admin of some sites keeps only those.
 */
export async function checkKeepsEnterprise(w: Write, enterpriseId: string | null): Promise<void> {
  const { scope, siteIds } = w.actor;
  if (siteIds === null) return;
  if (enterpriseId !== null && scope.kind === 'enterprise' && scope.enterpriseId === enterpriseId) {
    const own = await w.tx.select({ id: sites.id }).from(sites).where(eq(sites.enterpriseId, enterpriseId));
    if (own.every((s) => siteIds.includes(s.id))) return;
  }
  throw new ForbiddenError('only an admin of the whole enterprise changes enterprises and their sites');
}

/** Creates an enterprise, the root of a plant hierarchy. */
export async function createEnterprise(w: Write, input: NodeInput) {
  await checkKeepsEnterprise(w, null);
  const [row] = await w.tx
    .insert(enterprises)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'enterprise', row);
}

/** Creates a site of an enterprise. */
export async function createSite(w: Write, input: NodeInput & { enterpriseId: string; timezone?: string; peakLimitKw?: number | null }) {
  await checkSeesEnterprise(w.tx, w.actor, input.enterpriseId, 'body.enterpriseId');
  await checkKeepsEnterprise(w, input.enterpriseId);
  const [row] = await w.tx
    .insert(sites)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'site', row);
}

/** Creates an area of a site. */
export async function createArea(w: Write, input: NodeInput & { siteId: string }) {
  await checkSees(w.tx, w.actor, 'site', input.siteId, 'body.siteId');
  await findOrNotFound(w.tx, sites, 'site', input.siteId, { field: 'body.siteId' });
  const [row] = await w.tx
    .insert(areas)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'area', row);
}

/** Creates a production line (ISA-95 work centre) in an area. */
export async function createLine(w: Write, input: NodeInput & { areaId: string }) {
  await checkSees(w.tx, w.actor, 'area', input.areaId, 'body.areaId');
  await findOrNotFound(w.tx, areas, 'area', input.areaId, { field: 'body.areaId' });
  const [row] = await w.tx
    .insert(lines)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'line', row);
}

/** Creates a station (work cell) at a position along a line. */
export async function createStation(w: Write, input: NodeInput & { lineId: string; position: number }) {
  await checkSees(w.tx, w.actor, 'line', input.lineId, 'body.lineId');
  await findOrNotFound(w.tx, lines, 'line', input.lineId, { field: 'body.lineId' });
  const [row] = await w.tx
    .insert(stations)
    .values({ ...input, createdAt: w.now, updatedAt: w.now })
    .returning();
  return created(w, 'station', row);
}

/** The enterprises the viewer sees, by name. */
export async function listEnterprises(db: Db, viewer: Viewer) {
  const rows = await db.select().from(enterprises).orderBy(asc(enterprises.name));
  if (viewer.siteIds === null) return rows;
  const siteRows = await db.select({ id: sites.id, enterpriseId: sites.enterpriseId }).from(sites);
  return rows.filter((e) => siteRows.some((s) => s.enterpriseId === e.id && seesSites(viewer, [s.id])));
}

/** The UNS path of a line and its ancestors' ids. */
export async function linePath(db: Db, viewer: Viewer, lineId: string) {
  await checkSees(db, viewer, 'line', lineId);
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
export async function getLine(db: Db, viewer: Viewer, lineId: string) {
  const { line, path } = await linePath(db, viewer, lineId);
  const rows = await db.select().from(stations).where(eq(stations.lineId, lineId)).orderBy(asc(stations.position));
  return { ...line, path, stations: rows.map((s) => ({ ...s, path: `${path}/${s.code}` })) };
}

/** The whole hierarchy of an enterprise as a tree, each node with its UNS path. */
export async function getHierarchy(db: Db, viewer: Viewer, enterpriseId: string) {
  await checkSeesEnterprise(db, viewer, enterpriseId);
  const enterprise = await findOrNotFound(db, enterprises, 'enterprise', enterpriseId);
  // Only the viewer's sites, and everything under them.
  const siteRows = (await db.select().from(sites).where(eq(sites.enterpriseId, enterpriseId)).orderBy(asc(sites.code))).filter((s) =>
    seesSites(viewer, [s.id]),
  );
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
export async function listSites(db: Db, viewer: Viewer, enterpriseId?: string) {
  if (enterpriseId) await checkSeesEnterprise(db, viewer, enterpriseId, 'query.enterpriseId');
  const rows = await db
    .select()
    .from(sites)
    .where(enterpriseId ? eq(sites.enterpriseId, enterpriseId) : undefined)
    .orderBy(asc(sites.code), asc(sites.id));
  return rows.filter((s) => seesSites(viewer, [s.id]));
}

/** The areas, of one site when given, by code. */
export async function listAreas(db: Db, viewer: Viewer, siteId?: string) {
  if (siteId) {
    await checkSees(db, viewer, 'site', siteId, 'query.siteId');
    await findOrNotFound(db, sites, 'site', siteId, { field: 'query.siteId' });
  }
  const sees = await visibilityFor(db, viewer);
  const rows = await db
    .select()
    .from(areas)
    .where(siteId ? eq(areas.siteId, siteId) : undefined)
    .orderBy(asc(areas.code), asc(areas.id));
  return rows.filter((a) => sees.area(a.id));
}

/** The lines, of one area when given, by code. */
export async function listLines(db: Db, viewer: Viewer, areaId?: string) {
  if (areaId) await checkSees(db, viewer, 'area', areaId, 'query.areaId');
  const sees = await visibilityFor(db, viewer);
  const rows = await db
    .select()
    .from(lines)
    .where(areaId ? eq(lines.areaId, areaId) : undefined)
    .orderBy(asc(lines.code), asc(lines.id));
  return rows.filter((l) => sees.line(l.id));
}

/** The stations, of one line when given (in flow order), else by line and position. */
export async function listStations(db: Db, viewer: Viewer, lineId?: string) {
  if (lineId) await checkSees(db, viewer, 'line', lineId, 'query.lineId');
  const sees = await visibilityFor(db, viewer);
  const rows = await db
    .select()
    .from(stations)
    .where(lineId ? eq(stations.lineId, lineId) : undefined)
    .orderBy(asc(stations.lineId), asc(stations.position), asc(stations.id));
  return rows.filter((st) => sees.station(st.id));
}
