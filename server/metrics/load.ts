import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, lineSimulationModels, lines, machineEvents, sites, stations, stopReasons, workSchedules } from '../../db/schema/index.ts';
import { normalize, type Interval } from '../core/intervals.ts';
import { plannedStopsOfLine } from '../schedules/index.ts';
import { SECONDS_PER_TIME_UNIT } from '../simulation/index.ts';
import type { StateClass } from '../events/index.ts';
import type { Cycle, Ideal, StateChange } from './elements.ts';
import { energyByStation } from './energy.ts';
import { statesBefore } from './liveState.ts';

/** A line with what its metrics need: stations in order, the site's zone and schedule, the model's times. */
export async function loadLine(db: Db, lineId: string) {
  const [line] = await db
    .select({
      id: lines.id,
      code: lines.code,
      name: lines.name,
      microstopSeconds: lines.microstopSeconds,
      siteId: sites.id,
      timezone: sites.timezone,
    })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .where(eq(lines.id, lineId));
  if (!line) return undefined;
  const lineStations = await db.select().from(stations).where(eq(stations.lineId, lineId)).orderBy(asc(stations.position));
  const [schedule] = await db.select().from(workSchedules).where(eq(workSchedules.siteId, line.siteId));
  const [model] = await db.select().from(lineSimulationModels).where(eq(lineSimulationModels.lineId, lineId));
  const tree = await db.select().from(stopReasons).where(eq(stopReasons.siteId, line.siteId));
  return {
    line,
    stations: lineStations,
    shifts: schedule?.shifts ?? null,
    /** The stored simulation model as stored (null: none), and its mean times in seconds by station code. */
    model: model?.model ?? null,
    modelMeans: modelMeanSeconds(model?.model),
    tree,
  };
}

export type LoadedLine = NonNullable<Awaited<ReturnType<typeof loadLine>>>;

/** Mean processing time in seconds of each machine of a line's simulation model, by machine name (the station code). */
function modelMeanSeconds(model: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const m = model as
    | { timeUnit?: keyof typeof SECONDS_PER_TIME_UNIT; machines?: { name: string; processTime?: { mean?: number; samples?: number[] } }[] }
    | undefined;
  const unit = SECONDS_PER_TIME_UNIT[m?.timeUnit ?? 'min'] ?? 60;
  for (const machine of m?.machines ?? []) {
    const p = machine.processTime;
    const mean = p?.mean ?? (p?.samples?.length ? p.samples.reduce((a, b) => a + b, 0) / p.samples.length : undefined);
    if (mean !== undefined && mean > 0) out.set(machine.name, mean * unit);
  }
  return out;
}

/** The ideal cycle time of a product at a station: its own for the product, the station's, else the line model's mean. */
export function idealOf(station: typeof stations.$inferSelect, modelMeans: Map<string, number>) {
  return (product: string | null): Ideal | null => {
    const own = product !== null ? station.idealCycleByProduct[product] : undefined;
    if (own) return { seconds: own, source: 'product' };
    if (station.idealCycleSeconds) return { seconds: station.idealCycleSeconds, source: 'station' };
    const mean = modelMeans.get(station.code);
    return mean ? { seconds: mean, source: 'line_model' } : null;
  };
}

/** The planned stops that touch a station in a window: the site's, its line's and its own. */
export async function plannedStopsOf(db: Db, siteId: string, lineId: string, window: Interval) {
  const rows = await plannedStopsOfLine(db, siteId, lineId, window);
  return (stationId: string) =>
    normalize(
      rows
        .filter((r) => r.stationId === null || r.stationId === stationId)
        .map((r) => ({ start: r.startsAt.getTime(), end: r.endsAt.getTime() })),
    );
}

type LoadedKind = 'state' | 'cycle' | 'energy';

/**
 * The machine events of stations in a window, by station (of the kinds asked for, all three by
 * default); each station's states start with the last one before it.
 */
export async function eventsOf(
  db: Db,
  stationIds: string[],
  window: Interval,
  kinds: readonly LoadedKind[] = ['state', 'cycle', 'energy'],
) {
  const from = new Date(window.start);
  const to = new Date(window.end);
  const byStation = new Map<string, { states: StateChange[]; cycles: Cycle[]; energyKwh: number | null }>(
    stationIds.map((id) => [id, { states: [], cycles: [], energyKwh: null }]),
  );
  if (!stationIds.length) return byStation;
  if (kinds.includes('state')) {
    for (const [id, before] of await statesBefore(db, stationIds, from)) byStation.get(id)!.states.push(before);
  }
  const rowKinds = kinds.filter((k) => k !== 'energy');
  const rows = rowKinds.length
    ? await db
        .select({
          stationId: machineEvents.stationId,
          ts: machineEvents.ts,
          kind: machineEvents.kind,
          state: machineEvents.state,
          reason: machineEvents.reason,
          product: machineEvents.product,
          cycleSeconds: machineEvents.cycleSeconds,
          good: machineEvents.good,
          scrap: machineEvents.scrap,
        })
        .from(machineEvents)
        .where(
          and(
            inArray(machineEvents.stationId, stationIds),
            gte(machineEvents.ts, from),
            lt(machineEvents.ts, to),
            inArray(machineEvents.kind, rowKinds),
          ),
        )
        .orderBy(asc(machineEvents.stationId), asc(machineEvents.ts), asc(machineEvents.eventId))
    : [];
  for (const r of rows) {
    const target = byStation.get(r.stationId)!;
    const ts = r.ts.getTime();
    if (r.kind === 'state') target.states.push({ ts, state: r.state as StateClass, reason: r.reason });
    else target.cycles.push({ ts, product: r.product, cycleSeconds: r.cycleSeconds, good: r.good ?? 0, scrap: r.scrap ?? 0 });
  }
  // Energy comes summed per station, not as its many readings (see energyByStation).
  if (kinds.includes('energy')) {
    for (const [id, kwh] of await energyByStation(db, stationIds, window)) byStation.get(id)!.energyKwh = kwh;
  }
  return byStation;
}
