import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { stations as stationTable } from '../../db/schema/index.ts';
import { notFound } from '../core/errors.ts';
import type { Interval } from '../core/intervals.ts';
import { sumElements, type Cycle, type Elements, type StateChange } from './elements.ts';
import { energyByStation } from './energy.ts';
import { oeeFigures, type Figure } from './figures.ts';
import { LIVE_METRIC_UNITS, type LiveMetric } from './liveMetrics.ts';
import { eventsOf, loadLine, plannedStopsOf } from './load.ts';
import { stationResult } from './metrics.ts';

/** A live metric of one line (`lineId`) or one station (`stationId`): exactly one of the two is set. */
export interface LiveBinding {
  metric: LiveMetric;
  lineId: string | null;
  stationId: string | null;
}

/** A live metric's value over a window, in its unit (LIVE_METRIC_UNITS), with what it was computed from. */
export interface LiveValue {
  metric: LiveMetric;
  unit: string;
  window: { from: string; to: string };
  /** `no_live_data` when no station sent an event in the window; else a figure's reason (`no_planned_time`, …). */
  value: Figure;
  counts: {
    /** State changes and cycles of the stations inside the window. */
    events: number;
    produced: number;
    good: number;
    scrap: number;
    /** The planned busy time (PBT) of the exit station (or of the station), in hours. */
    plannedBusyHours: number;
    energyKwh: number | null;
  };
}

/** Windows longer than this are computed a day at a time, so that a month never sits in memory at once. */
const CHUNK_MS = 86_400_000;

/**
 * A station's events of one chunk from a read that looked past its end (to `readEnd`): its cycles
 * inside it, and its states inside it with the first one after, so that a stop running over the
 * chunk's end is judged on its whole length. Without a change before `readEnd`, the state is known
 * to last until then, which is enough: looking ahead by the microstop threshold, a stop that long is
 * no microstop either way. So chunked figures equal the figures of the whole window.
 */
function withinChunk(data: { states: StateChange[]; cycles: Cycle[] }, end: number, readEnd: number) {
  const cycles = data.cycles.filter((c) => c.ts < end);
  const after = data.states.findIndex((s) => s.ts >= end);
  if (after >= 0) return { states: data.states.slice(0, after + 1), cycles };
  const last = data.states.at(-1);
  const lasting = last && readEnd > end ? [{ ts: readEnd, state: last.state, reason: last.reason }] : [];
  return { states: [...data.states, ...lasting], cycles };
}

/**
 * The value of a live metric (definitions: server/metrics/liveMetrics.ts) over a window, from the
 * machine events of the line's stations (or the station's): each station's ISO 22400 elements cut
 * by the site's shifts and planned stops (`stationResult`, as the metrics routes compute them),
 * summed over stations for a line, the quantities taken at the exit station.
 */
export async function liveMetricValue(db: Db, binding: LiveBinding, window: Interval): Promise<LiveValue> {
  const loaded = await lineOfBinding(db, binding);
  const stations = binding.stationId ? loaded.stations.filter((s) => s.id === binding.stationId) : loaded.stations;
  const exit = stations[stations.length - 1];
  const ids = stations.map((s) => s.id);
  const stopsOf = await plannedStopsOf(db, loaded.line.siteId, loaded.line.id, window);
  const lookaheadMs = loaded.line.microstopSeconds * 1000;
  const all: Elements[] = [];
  const atExit: Elements[] = [];
  let events = 0;
  for (let start = window.start; start < window.end; start += CHUNK_MS) {
    const end = Math.min(start + CHUNK_MS, window.end);
    const readEnd = Math.min(end + lookaheadMs, window.end);
    const read = await eventsOf(db, ids, { start, end: readEnd }, ['state', 'cycle']);
    for (const station of stations) {
      const chunk = withinChunk(read.get(station.id)!, end, readEnd);
      events += chunk.cycles.length + chunk.states.filter((s) => s.ts >= start && s.ts < end).length;
      const e = stationResult(loaded, station, { ...chunk, energyKwh: null }, { start, end }, stopsOf);
      all.push(e);
      if (station === exit) atExit.push(e);
    }
  }
  const energies = [...(await energyByStation(db, ids, window)).values()];
  const energyKwh = energies.length ? energies.reduce((a, b) => a + b, 0) : null;
  const summed = sumElements(all);
  const x = sumElements(atExit);
  const counts = { events, produced: x.pq, good: x.gq, scrap: x.sq, plannedBusyHours: x.pbtMs / 3_600_000, energyKwh };
  const value: Figure = events === 0 ? { value: null, reason: 'no_live_data' } : metricFigure(binding.metric, summed, x, energyKwh);
  return {
    metric: binding.metric,
    unit: LIVE_METRIC_UNITS[binding.metric],
    window: { from: new Date(window.start).toISOString(), to: new Date(window.end).toISOString() },
    value,
    counts,
  };
}

type Summed = ReturnType<typeof sumElements>;

/** One metric from the summed elements (`e`) and the exit station's (`x`). */
function metricFigure(metric: LiveMetric, e: Summed, x: Summed, energyKwh: number | null): Figure {
  const figures = oeeFigures(e, x);
  switch (metric) {
    case 'throughput':
      return x.pbtMs > 0 ? { value: x.pq / (x.pbtMs / 3_600_000) } : { value: null, reason: 'no_planned_time' };
    case 'availability':
      return figures.availability;
    case 'performance':
      return figures.effectiveness;
    case 'quality':
      return figures.quality;
    case 'oee':
      return figures.oee;
    case 'scrap_rate':
      return x.pq > 0 ? { value: x.sq / x.pq } : { value: null, reason: 'no_output' };
    case 'energy_per_good_part':
      if (energyKwh === null) return { value: null, reason: 'no_energy_data' };
      return x.gq > 0 ? { value: energyKwh / x.gq } : { value: null, reason: 'no_good_output' };
  }
}

/** The line a binding reads, loaded for its metrics: the bound line, or the bound station's. */
export async function lineOfBinding(db: Db, binding: Pick<LiveBinding, 'lineId' | 'stationId'>) {
  let lineId = binding.lineId;
  if (!lineId) {
    const [row] = await db.select({ lineId: stationTable.lineId }).from(stationTable).where(eq(stationTable.id, binding.stationId!));
    if (!row) throw notFound('station', binding.stationId!);
    lineId = row.lineId;
  }
  const loaded = await loadLine(db, lineId);
  if (!loaded) throw notFound('line', lineId);
  return loaded;
}
