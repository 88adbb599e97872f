import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  areas,
  balancingRuns,
  dataSources,
  decisionPredictions,
  enterprises,
  kpis,
  lineSimulationModels,
  lineTasks,
  lines,
  people,
  personSites,
  plannedOrders,
  programSites,
  programs,
  simulationRuns,
  sites,
  stations,
  machineEvents,
  useCases,
  workOrders,
} from '../../db/schema/index.ts';
import { deleteUnlessUsed, rowsOf, type LifecycleTarget } from '../core/lifecycle.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkSees } from '../access/index.ts';
import { checkKeepsEnterprise, checkSeesEnterprise } from './plant.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type AuditEntityType, type Write } from '../core/write.ts';

// The plant is physical: a node is renamed (its code is its Unified Namespace segment, the key
// of live data topics, and never changes) and removed only while nothing refers to it.

type PlantTable = PgTable & { id: PgColumn; updatedAt: PgColumn; version: PgColumn };

async function updateNode<T extends PlantTable>(
  w: Write,
  target: LifecycleTarget<T>,
  id: string,
  patch: Record<string, unknown>,
): Promise<T['$inferSelect']> {
  await checkKeeps(w, target.entityType, id);
  const before = await findOrNotFound(w.tx, target.table, target.entity, id, { forUpdate: true });
  const [after] = await w.tx
    .update(target.table as PlantTable)
    .set({ ...patch, version: nextVersion(target.table), updatedAt: w.now } as never)
    .where(eq(target.table.id, id))
    .returning();
  await audit(w, { entityType: target.entityType, entityId: id, action: 'update', before, after });
  return after as T['$inferSelect'];
}

const target = <T extends PgTable>(table: T, entityType: AuditEntityType, entity: string): LifecycleTarget<T> => ({
  table,
  entityType,
  entity,
});
const enterpriseTarget = target(enterprises, 'enterprise', 'enterprise');
const siteTarget = target(sites, 'site', 'site');
const areaTarget = target(areas, 'area', 'area');
const lineTarget = target(lines, 'line', 'line');
const stationTarget = target(stations, 'station', 'station');

export const updateEnterprise = (w: Write, id: string, patch: { name?: string }) => updateNode(w, enterpriseTarget, id, patch);
/** A site's time zone may change (a wrong one was entered): dates already stored keep their day. */
export const updateSite = (w: Write, id: string, patch: { name?: string; timezone?: string; peakLimitKw?: number | null }) =>
  updateNode(w, siteTarget, id, patch);
export const updateArea = (w: Write, id: string, patch: { name?: string }) => updateNode(w, areaTarget, id, patch);
export const updateLine = (w: Write, id: string, patch: { name?: string; microstopSeconds?: number }) =>
  updateNode(w, lineTarget, id, patch);
export const updateStation = (
  w: Write,
  id: string,
  patch: { name?: string; idealCycleSeconds?: number | null; idealCycleByProduct?: Record<string, number> },
) => updateNode(w, stationTarget, id, patch);

const instead = 'remove what depends on it first';

/** An admin changes the plant in their scope; enterprises only an admin of the whole enterprise. */
async function checkKeeps(w: Write, entityType: AuditEntityType, id: string): Promise<void> {
  if (entityType === 'enterprise') {
    await checkSeesEnterprise(w.tx, w.actor, id);
    await checkKeepsEnterprise(w, id);
  } else {
    await checkSees(w.tx, w.actor, entityType as 'site' | 'area' | 'line' | 'station', id);
  }
}

export async function deleteEnterprise(w: Write, id: string) {
  await checkKeeps(w, 'enterprise', id);
  await deleteUnlessUsed(
    w,
    enterpriseTarget,
    id,
    [
      rowsOf('sites', sites, eq(sites.enterpriseId, id)),
      rowsOf('programs', programs, eq(programs.enterpriseId, id)),
      rowsOf('people scoped to it', people, eq(people.scopeEnterpriseId, id)),
    ],
    instead,
  );
}

/** Which sites an enterprise has is for an admin of the whole enterprise, as creating one is. */
export async function deleteSite(w: Write, id: string) {
  await checkKeeps(w, 'site', id);
  await checkKeepsEnterprise(w, (await findOrNotFound(w.tx, sites, 'site', id)).enterpriseId);
  await deleteUnlessUsed(
    w,
    siteTarget,
    id,
    [
      rowsOf('areas', areas, eq(areas.siteId, id)),
      rowsOf('programs covering it', programSites, eq(programSites.siteId, id)),
      rowsOf('data sources', dataSources, eq(dataSources.scopeSiteId, id)),
      rowsOf('people scoped to it', personSites, eq(personSites.siteId, id)),
    ],
    instead,
  );
}

export async function deleteArea(w: Write, id: string) {
  await checkKeeps(w, 'area', id);
  await deleteUnlessUsed(
    w,
    areaTarget,
    id,
    [
      rowsOf('lines', lines, eq(lines.areaId, id)),
      rowsOf('use cases', useCases, eq(useCases.scopeAreaId, id)),
      rowsOf('data sources', dataSources, eq(dataSources.scopeAreaId, id)),
    ],
    instead,
  );
}

export async function deleteLine(w: Write, id: string) {
  await checkKeeps(w, 'line', id);
  await deleteUnlessUsed(
    w,
    lineTarget,
    id,
    [
      rowsOf('stations', stations, eq(stations.lineId, id)),
      rowsOf('tasks', lineTasks, eq(lineTasks.lineId, id)),
      rowsOf('simulation models', lineSimulationModels, eq(lineSimulationModels.lineId, id)),
      rowsOf('balancing runs', balancingRuns, eq(balancingRuns.lineId, id)),
      rowsOf('simulation runs', simulationRuns, eq(simulationRuns.lineId, id)),
      rowsOf('use cases', useCases, eq(useCases.scopeLineId, id)),
      rowsOf('use cases answered by its questions', useCases, eq(useCases.boundLineId, id)),
      rowsOf('data sources', dataSources, eq(dataSources.scopeLineId, id)),
      rowsOf('planned orders', plannedOrders, eq(plannedOrders.lineId, id)),
      rowsOf('work orders', workOrders, eq(workOrders.lineId, id)),
      rowsOf('KPIs fed by it', kpis, eq(kpis.liveLineId, id)),
      rowsOf('decision predictions about it', decisionPredictions, eq(decisionPredictions.liveLineId, id)),
    ],
    instead,
  );
}

/** A station whose line has a simulation model is one of the model's machines: change the model first. */
export async function deleteStation(w: Write, id: string) {
  await checkKeeps(w, 'station', id);
  const station = await findOrNotFound(w.tx, stations, 'station', id);
  await deleteUnlessUsed(
    w,
    stationTarget,
    id,
    [
      rowsOf(
        'simulation models naming it',
        lineSimulationModels,
        and(
          eq(lineSimulationModels.lineId, station.lineId),
          sql`exists (select 1 from jsonb_array_elements(${lineSimulationModels.model} -> 'machines') m where m ->> 'name' = ${station.code})`,
        ),
      ),
      // Machine events name the station without a foreign key (see db/schema/machineEvents.ts).
      rowsOf('machine events', machineEvents, eq(machineEvents.stationId, id)),
      rowsOf('work orders', workOrders, eq(workOrders.stationId, id)),
      rowsOf('KPIs fed by it', kpis, eq(kpis.liveStationId, id)),
      rowsOf('decision predictions about it', decisionPredictions, eq(decisionPredictions.liveStationId, id)),
    ],
    instead,
  );
}
