import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, lines, sparkplugMappings, sparkplugNodes, stations, type SparkplugMetricNames } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { notFound } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';

/** The metric names an edge node uses when a mapping does not say otherwise. */
export const defaultMetricNames: SparkplugMetricNames = {
  state: 'State',
  good: 'Counts/Good',
  scrap: 'Counts/Scrap',
  cycleSeconds: 'CycleTime',
  kw: 'Power',
  kwh: 'Energy',
  buffer: 'Buffer',
};

/** The stations a viewer sees, of the given ones. */
async function visibleStations(db: Db, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: stations.id, siteId: areas.siteId })
    .from(stations)
    .innerJoin(lines, eq(lines.id, stations.lineId))
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .where(inArray(stations.id, ids));
  return new Set(rows.filter((r) => viewer.siteIds === null || viewer.siteIds.includes(r.siteId)).map((r) => r.id));
}

/** The mappings of stations the viewer sees. */
export async function listMappings(db: Db, viewer: Viewer) {
  const rows = await db
    .select()
    .from(sparkplugMappings)
    .orderBy(asc(sparkplugMappings.groupId), asc(sparkplugMappings.edgeNode), asc(sparkplugMappings.device));
  const seen = await visibleStations(db, viewer, [...new Set(rows.map((r) => r.stationId))]);
  return rows.filter((r) => seen.has(r.stationId));
}

export async function addMapping(
  w: Write,
  input: { groupId: string; edgeNode: string; device?: string; stationId: string; metrics?: SparkplugMetricNames },
) {
  await checkSees(w.tx, w.actor, 'station', input.stationId, 'body.stationId');
  await findOrNotFound(w.tx, stations, 'station', input.stationId, { field: 'body.stationId' });
  const [row] = await w.tx
    .insert(sparkplugMappings)
    .values({
      groupId: input.groupId,
      edgeNode: input.edgeNode,
      device: input.device ?? '',
      stationId: input.stationId,
      metrics: { ...defaultMetricNames, ...input.metrics },
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await audit(w, { entityType: 'station', entityId: input.stationId, action: 'map-sparkplug', after: row });
  return row;
}

export async function removeMapping(w: Write, id: string) {
  const before = await findOrNotFound(w.tx, sparkplugMappings, 'sparkplug mapping', id, { forUpdate: true });
  if (!(await visibleStations(w.tx, w.actor, [before.stationId])).has(before.stationId)) throw notFound('sparkplug mapping', id);
  await w.tx.delete(sparkplugMappings).where(eq(sparkplugMappings.id, id));
  await audit(w, { entityType: 'station', entityId: before.stationId, action: 'unmap-sparkplug', before });
}

/** The edge nodes the host has heard of that feed a station the viewer sees (all of them for a viewer of the whole installation). */
export async function listNodes(db: Db, viewer: Viewer) {
  const nodes = await db.select().from(sparkplugNodes).orderBy(asc(sparkplugNodes.groupId), asc(sparkplugNodes.edgeNode));
  if (viewer.siteIds === null) return nodes;
  const mapped = await listMappings(db, viewer);
  const keys = new Set(mapped.map((m) => `${m.groupId}/${m.edgeNode}`));
  return nodes.filter((n) => keys.has(`${n.groupId}/${n.edgeNode}`));
}
