/**
 * Where a question's runs start: the line as it is now, read from its live data (each station's
 * state, how long it has been in it and the product it works on; each buffer's parts), kept in
 * the run's input so that the answer can be traced to the state it started from, and turned into
 * the core's starting state for a model.
 */
import { INITIAL_FIELDS, MachineState, type SimStartingState } from '../../wasm-core/sim.ts';
import type { Db } from '../../db/client.ts';
import type { Viewer } from '../access/index.ts';
import type { StateClass } from '../events/index.ts';
import { lineLive } from '../metrics/index.ts';
import { latestProducts } from '../metrics/liveState.ts';
import type { FlatLine } from '../simulation/flatten.ts';

export interface LiveStation {
  code: string;
  /** Null: the station never reported a state. */
  state: StateClass | null;
  since: string | null;
  /** The product of its newest cycle (null: none seen). */
  product: string | null;
}

export interface LiveStart {
  asOf: string;
  stations: LiveStation[];
  /** Parts waiting before each station after the first (null: not known), and how it is known. */
  buffers: { before: string; level: number | null; basis: 'measured' | 'derived' | 'unknown' }[];
}

/** The line's live state now, as the line's page shows it, with each station's newest product. */
export async function readLiveStart(db: Db, viewer: Viewer, lineId: string, now: Date): Promise<LiveStart> {
  const live = await lineLive(db, viewer, lineId, now);
  const products = await latestProducts(
    db,
    live.stations.map((s) => s.stationId),
    now,
  );
  return {
    asOf: now.toISOString(),
    stations: live.stations.map((s) => ({
      code: s.code,
      state: s.known ? s.state : null,
      since: s.since,
      product: products.get(s.stationId) ?? null,
    })),
    buffers: live.stations.slice(1).map((s) => ({
      before: s.code,
      level: s.buffer.level,
      basis: s.buffer.level === null ? ('unknown' as const) : s.buffer.basis,
    })),
  };
}

/**
 * The core's state for a live state class: running (at any speed) is processing; an unplanned stop
 * is down; set-up is a changeover; a planned stop, offline or no state at all is an idle machine
 * (a planned stop in progress is the station's calendar, which holds it from time 0).
 */
export function coreStateOf(state: StateClass | null): number {
  switch (state) {
    case 'running':
    case 'reduced_speed':
      return MachineState.processing;
    case 'blocked':
      return MachineState.blocked;
    case 'unplanned_stop':
      return MachineState.down;
    case 'setup':
      return MachineState.changeover;
    default:
      return MachineState.starved;
  }
}

/**
 * The starting state of a model from a live state. Stations are matched by code (the model's
 * machine names); each machine of a station takes the station's state and age, in model time
 * units of `unitMs` (the residual times are drawn per machine, so parallel machines do not finish
 * together). The part in work is the station's newest product, or the model's first product when
 * that product is not in the model; the parts waiting in a buffer are those of the station
 * upstream, capped at the buffer's capacity. What had to be assumed is returned in words.
 */
export function startingState(line: FlatLine, start: LiveStart, unitMs: number): { state: SimStartingState; assumptions: string[] } {
  const assumptions: string[] = [];
  const asOf = Date.parse(start.asOf);
  const byCode = new Map(start.stations.map((s) => [s.code, s]));
  const productIndex = (name: string | null) => {
    const i = name === null ? -1 : line.productNames.indexOf(name);
    // A one-product model names its product as it likes; the plant's name is that product.
    return i >= 0 ? i : line.productNames.length === 1 ? 0 : -1;
  };
  const machines = new Float64Array(line.machineCount * INITIAL_FIELDS);
  let m = 0;
  line.stationNames.forEach((code, k) => {
    const live = byCode.get(code);
    if (!live || live.state === null) assumptions.push(`${code} has reported no state: it starts idle`);
    else if (live.state === 'offline') assumptions.push(`${code} is offline: it starts idle`);
    const state = coreStateOf(live?.state ?? null);
    const age = live?.since ? Math.max(0, (asOf - Date.parse(live.since)) / unitMs) : 0;
    let product = productIndex(live?.product ?? null);
    if (product < 0 && state !== MachineState.starved && state !== MachineState.down) {
      product = 0;
      if (live?.product)
        assumptions.push(`${code} works on ${live.product}, which the model does not make: taken as ${line.productNames[0]}`);
    }
    // A blocked machine holds a finished part; one without a known product holds the first.
    if (state === MachineState.blocked && product < 0) product = 0;
    for (let i = 0; i < line.counts[k]; i++, m++) {
      machines.set([state, age, state === MachineState.starved ? -1 : product, product], m * INITIAL_FIELDS);
    }
  });
  const capacities = Array.from(line.buffers);
  const slots = new Float64Array(capacities.reduce((a, b) => a + b, 0)).fill(-1);
  let offset = 0;
  capacities.forEach((capacity, j) => {
    const known = start.buffers.find((b) => b.before === line.stationNames[j + 1]);
    const level = known?.level ?? 0;
    if (known?.level === null || !known) assumptions.push(`the buffer before ${line.stationNames[j + 1]} is not known: it starts empty`);
    if (level > capacity)
      assumptions.push(`the buffer before ${line.stationNames[j + 1]} holds ${level} parts, more than the model's ${capacity}: capped`);
    const upstream = productIndex(byCode.get(line.stationNames[j])?.product ?? null);
    slots.fill(Math.max(0, upstream), offset, offset + Math.min(level, capacity));
    offset += capacity;
  });
  return { state: { machines, slots }, assumptions };
}
