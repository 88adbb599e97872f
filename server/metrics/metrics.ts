import type { Db } from '../../db/client.ts';
import { stations } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { reasonNamer } from '../events/stopReasons.ts';
import { plannedTime, shiftAt } from '../schedules/index.ts';
import { stationElements, sumElements, type Cycle, type Elements, type StateChange } from './elements.ts';
import { derivedBuffer, type BufferLevel } from './buffers.ts';
import { currentStates, latestBuffers } from './liveState.ts';
import { cycleDistribution, elementView, oeeFigures, paretoOfStops, reliability, stateSeconds, type Figure } from './figures.ts';
import { eventsOf, idealOf, loadLine, plannedStopsOf, type LoadedLine } from './load.ts';

/** The longest window one metrics request covers. */
export const MAX_WINDOW_DAYS = 31;

export type NamedWindow = 'current-shift' | 'today' | '7d';
/** A request's window: `from` and `to`, or a named window. */
export type WindowQuery = { from?: string; to?: string; window?: NamedWindow };

/**
 * The window of a request: `from`/`to`, or a named one in the site's zone (the shift running now,
 * the site's calendar day so far, the last seven days); never past now.
 */
export function resolveWindow(
  input: { from?: string; to?: string; window?: NamedWindow },
  now: Date,
  shifts: LoadedLine['shifts'],
  zone: string,
): { start: number; end: number; name: string } {
  const t = now.getTime();
  if (input.from || input.to) {
    if (!input.from || !input.to) throw invalidInput(input.from ? 'query.to' : 'query.from', 'give both from and to, or a window');
    const start = Date.parse(input.from);
    const end = Math.min(Date.parse(input.to), t);
    if (end <= start) throw invalidInput('query.to', 'the window must end after it starts (and not start in the future)');
    if (end - start > MAX_WINDOW_DAYS * 86_400_000) throw invalidInput('query.from', `a window covers at most ${MAX_WINDOW_DAYS} days`);
    return { start, end, name: 'custom' };
  }
  const named = input.window ?? 'current-shift';
  if (named === '7d') return { start: t - 7 * 86_400_000, end: t, name: named };
  if (named === 'today') return { start: shiftAt(null, now, zone).start, end: t, name: named };
  const shift = shiftAt(shifts, now, zone);
  return { start: shift.start, end: Math.min(shift.end, t), name: `shift ${shift.name}` };
}

function absentUnless(value: number | null, reason: string): Figure {
  return value === null ? { value: null, reason } : { value };
}

/** The ISO 22400 elements of one station over a window, cut by the site's schedule and the planned stops. */
export function stationResult(
  loaded: LoadedLine,
  station: LoadedLine['stations'][number],
  data: Parameters<typeof stationElements>[0],
  window: { start: number; end: number },
  stopsOf: (id: string) => { start: number; end: number }[],
) {
  const planned = plannedTime(loaded.shifts, stopsOf(station.id), window, loaded.line.timezone);
  const elements = stationElements(data, {
    window,
    planned,
    microstopMs: loaded.line.microstopSeconds * 1000,
    ideal: idealOf(station, loaded.modelMeans),
  });
  return elements;
}

/**
 * The figures of a station, or of a line (`e` summed over its stations, `output` its exit
 * station's): throughput is the output over the planned busy time of whoever made it, not over
 * the stations' summed time.
 */
function detail(loaded: LoadedLine, e: Elements, output: { pq: number; gq: number; sq: number; pbtMs: number } = e) {
  const namer = reasonNamer(loaded.tree);
  const pbtHours = output.pbtMs / 3_600_000;
  return {
    elements: elementView(e, output),
    figures: oeeFigures(e, output),
    idealCycleTimeSources: e.idealSources,
    stateSeconds: stateSeconds(e.byClass),
    reliability: reliability(e),
    stopReasons: paretoOfStops(e.stops, (code, state) => namer(code, state)),
    cycleTime: cycleDistribution(e.cycleSeconds),
    throughput: { goodPerHour: pbtHours > 0 ? { value: output.gq / pbtHours } : { value: null, reason: 'no_planned_time' } },
    energy: {
      kwh: absentUnless(e.energyKwh, 'no_energy_data'),
      perGoodPart:
        e.energyKwh === null
          ? { value: null, reason: 'no_energy_data' }
          : output.gq > 0
            ? { value: e.energyKwh / output.gq }
            : { value: null, reason: 'no_good_output' },
    },
  };
}

function windowView(window: { start: number; end: number; name: string }, zone: string) {
  return { from: new Date(window.start).toISOString(), to: new Date(window.end).toISOString(), name: window.name, timezone: zone };
}

async function loadSeen(db: Db, viewer: Viewer, lineId: string) {
  await checkSees(db, viewer, 'line', lineId);
  const loaded = await loadLine(db, lineId);
  if (!loaded) throw notFound('line', lineId);
  return loaded;
}

/**
 * A line's ISO 22400 figures over a window: its time elements summed over its stations, its
 * output that of its exit station (the last), and each station's own figures beside.
 */
export async function lineMetrics(db: Db, viewer: Viewer, lineId: string, query: WindowQuery, now: Date) {
  const loaded = await loadSeen(db, viewer, lineId);
  const window = resolveWindow(query, now, loaded.shifts, loaded.line.timezone);
  const ids = loaded.stations.map((s) => s.id);
  return metricsOf(db, loaded, window, await eventsOf(db, ids, window));
}

type LineEvents = Awaited<ReturnType<typeof eventsOf>>;

/** A line's figures over a window from the events already read for it. */
async function metricsOf(db: Db, loaded: LoadedLine, window: ReturnType<typeof resolveWindow>, events: LineEvents) {
  const lineId = loaded.line.id;
  const stopsOf = await plannedStopsOf(db, loaded.line.siteId, lineId, window);
  const perStation = loaded.stations.map((s) => ({ station: s, e: stationResult(loaded, s, events.get(s.id)!, window, stopsOf) }));
  const exit = perStation[perStation.length - 1]?.e;
  const summed = sumElements(perStation.map((p) => p.e));
  const output = exit ? { pq: exit.pq, gq: exit.gq, sq: exit.sq, pbtMs: exit.pbtMs } : { pq: 0, gq: 0, sq: 0, pbtMs: 0 };
  const all = { ...summed, stops: perStation.flatMap((p) => p.e.stops), cycleSeconds: exit?.cycleSeconds ?? [] };
  return {
    lineId,
    window: windowView(window, loaded.line.timezone),
    exitStationId: perStation[perStation.length - 1]?.station.id ?? null,
    ...detail(loaded, all, output),
    stations: perStation.map(({ station, e }) => ({ stationId: station.id, code: station.code, name: station.name, ...detail(loaded, e) })),
  };
}

/**
 * The observed station loads of a line over a window (the last 7 days by default): each station's
 * cycle-time distribution from its cycles, in flow order, for the comparison of the line as it
 * runs with a proposed balance.
 */
export async function lineStationLoads(db: Db, viewer: Viewer, lineId: string, query: WindowQuery, now: Date) {
  const loaded = await loadSeen(db, viewer, lineId);
  const window = resolveWindow({ window: '7d', ...query }, now, loaded.shifts, loaded.line.timezone);
  const events = await eventsOf(
    db,
    loaded.stations.map((s) => s.id),
    window,
    ['cycle'],
  );
  return {
    lineId,
    window: windowView(window, loaded.line.timezone),
    stations: loaded.stations.map((s) => ({
      stationId: s.id,
      code: s.code,
      name: s.name,
      position: s.position,
      cycleTime: cycleDistribution(
        events
          .get(s.id)!
          .cycles.map((c) => c.cycleSeconds)
          .filter((x): x is number => x !== null),
      ),
    })),
  };
}

/** One station's ISO 22400 figures over a window. */
export async function stationMetrics(db: Db, viewer: Viewer, stationId: string, query: WindowQuery, now: Date) {
  await checkSees(db, viewer, 'station', stationId);
  const station = await findOrNotFound(db, stations, 'station', stationId);
  const loaded = (await loadLine(db, station.lineId))!;
  const window = resolveWindow(query, now, loaded.shifts, loaded.line.timezone);
  const events = await eventsOf(db, [stationId], window);
  const stopsOf = await plannedStopsOf(db, loaded.line.siteId, station.lineId, window);
  const e = stationResult(loaded, station, events.get(stationId)!, window, stopsOf);
  return {
    stationId,
    lineId: station.lineId,
    code: station.code,
    name: station.name,
    window: windowView(window, loaded.line.timezone),
    ...detail(loaded, e),
  };
}

/**
 * Each station's state now (with its reason and since when it has been in it), and the line's
 * output this shift against plan: the exit station's planned busy time so far ÷ the longest ideal
 * cycle time of the line's stations, its bottleneck at ideal speed (until planned orders exist).
 */
export async function lineLive(db: Db, viewer: Viewer, lineId: string, now: Date) {
  const loaded = await loadSeen(db, viewer, lineId);
  const window = resolveWindow({ window: 'current-shift' }, now, loaded.shifts, loaded.line.timezone);
  // States and cycles only: the live view needs no energy readings, the most numerous rows.
  const ids = loaded.stations.map((s) => s.id);
  return liveOf(db, loaded, window.end > window.start ? await eventsOf(db, ids, window, ['state', 'cycle']) : new Map(), now);
}

/**
 * The live state and the figures of the shift running now, from one read of its events: what the
 * line's page shows (the same as `lineLive` and `lineMetrics` for the current shift).
 */
export async function lineShift(db: Db, viewer: Viewer, lineId: string, now: Date) {
  const loaded = await loadSeen(db, viewer, lineId);
  const window = resolveWindow({ window: 'current-shift' }, now, loaded.shifts, loaded.line.timezone);
  const events = await eventsOf(
    db,
    loaded.stations.map((s) => s.id),
    window,
  );
  return { live: await liveOf(db, loaded, events, now), metrics: await metricsOf(db, loaded, window, events) };
}

async function liveOf(db: Db, loaded: LoadedLine, events: LineEvents, now: Date) {
  const lineId = loaded.line.id;
  const namer = reasonNamer(loaded.tree);
  const zone = loaded.line.timezone;
  const shift = shiftAt(loaded.shifts, now, zone);
  const window = { start: shift.start, end: Math.min(shift.end, now.getTime()) };
  const measuredBuffers = await latestBuffers(
    db,
    loaded.stations.map((s) => s.id),
    now,
  );
  // The shift's events answer "since when" whenever the state changed in the shift; only a run
  // that began before it is looked up further back (for all such stations in one read).
  const runs = new Map(loaded.stations.map((s) => [s.id, stateRunOf(events.get(s.id)?.states ?? [])]));
  const further = await currentStates(
    db,
    loaded.stations.filter((s) => !runs.get(s.id)).map((s) => s.id),
    now,
  );
  const stationStates = [];
  for (const [i, station] of loaded.stations.entries()) {
    const current = runs.get(station.id) ?? further.get(station.id);
    const measured = measuredBuffers.get(station.id);
    const buffer: BufferLevel = measured
      ? measured
      : i === 0
        ? { level: null, reason: 'first_station' }
        : derivedBuffer(events.get(loaded.stations[i - 1].id)?.cycles ?? [], events.get(station.id)?.cycles ?? [], window.start);
    stationStates.push({
      buffer,
      stationId: station.id,
      code: station.code,
      name: station.name,
      state: current?.state ?? 'offline',
      reason: current?.reason ?? null,
      reasonName: current && current.state !== 'running' && current.reason !== null ? namer(current.reason, current.state).name : null,
      since: current ? new Date(current.since).toISOString() : null,
      lastEventAt: current ? new Date(current.latest).toISOString() : null,
      known: Boolean(current),
    });
  }
  const exit = loaded.stations[loaded.stations.length - 1];
  let output = { produced: 0, good: 0, scrap: 0 };
  let plan: Figure = { value: null, reason: 'no_stations' };
  let planShift: Figure = { value: null, reason: 'no_stations' };
  if (exit && window.end > window.start) {
    const cycles: Cycle[] = events.get(exit.id)?.cycles ?? [];
    output = {
      produced: cycles.reduce((s, c) => s + c.good + c.scrap, 0),
      good: cycles.reduce((s, c) => s + c.good, 0),
      scrap: cycles.reduce((s, c) => s + c.scrap, 0),
    };
    const stopsOf = await plannedStopsOf(db, loaded.line.siteId, lineId, { start: shift.start, end: shift.end });
    // A line makes no more than its slowest station at ideal speed lets through.
    const ideals = loaded.stations.map((st) => idealOf(st, loaded.modelMeans)(null));
    const ideal = ideals.every((i) => i !== null) ? ideals.reduce((a, b) => (b!.seconds > a!.seconds ? b : a)) : null;
    const busySoFar = plannedTime(loaded.shifts, stopsOf(exit.id), window, zone).busy;
    const busyShift = plannedTime(loaded.shifts, stopsOf(exit.id), { start: shift.start, end: shift.end }, zone).busy;
    const ms = (xs: { start: number; end: number }[]) => xs.reduce((s, i) => s + i.end - i.start, 0);
    plan = ideal ? { value: Math.floor(ms(busySoFar) / 1000 / ideal.seconds) } : { value: null, reason: 'no_ideal_cycle_time' };
    planShift = ideal ? { value: Math.floor(ms(busyShift) / 1000 / ideal.seconds) } : { value: null, reason: 'no_ideal_cycle_time' };
  }
  return {
    lineId,
    asOf: now.toISOString(),
    timezone: zone,
    stations: stationStates,
    shift: { name: shift.name, start: new Date(shift.start).toISOString(), end: new Date(shift.end).toISOString() },
    output: {
      ...output,
      planSoFar: plan,
      planShift,
      planBasis: 'planned busy time ÷ the longest ideal cycle time of the stations (the bottleneck)',
    },
  };
}

/**
 * A station's newest state and since when it has been in it, from its state changes in order
 * (the one before the window first): known when the run of equal states that ends the list
 * starts after its first entry; undefined when the whole list is one run, which may have begun
 * earlier still.
 */
export function stateRunOf(states: readonly StateChange[]) {
  const latest = states[states.length - 1];
  if (!latest) return undefined;
  let first = states.length - 1;
  while (first > 0 && states[first - 1].state === latest.state && states[first - 1].reason === latest.reason) first--;
  if (first === 0) return undefined;
  return { state: latest.state, reason: latest.reason, since: states[first].ts, latest: latest.ts };
}
