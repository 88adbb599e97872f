/**
 * Host binding of the simulation core: one fresh instance per replication, inputs written as
 * flat Float64Arrays into the regions described in `assembly/sim/layout.ts`, outputs copied out
 * with `.slice()` so they outlive the instance. Only numbers cross the boundary.
 */
import { instantiateCore } from './index.ts';

/** Must equal `layoutVersion()` of `assembly/sim/index.ts`. */
export const SIM_LAYOUT_VERSION = 4;

/** Station input record (f64 fields), mirroring `layout.ts`. */
export const STATION_FIELDS = 12;
export const StationField = { count: 0, failMode: 1, mtbf: 2, repairKind: 3, repairA: 4, repairB: 5, power: 6 } as const;
/** Failure modes: none, operation-dependent (fails only while processing), calendar time. */
export const FailMode = { none: 0, operating: 1, calendar: 2 } as const;
/** Distribution kinds with their (a, b) parameters. */
export const DistKind = { deterministic: 0, exponential: 1, normal: 2, lognormal: 3, empirical: 4 } as const;
export const DIST_FIELDS = 3;
/** Machine states in accumulator and power order (`STATE_COUNT` in `layout.ts`). */
export const STATES = ['processing', 'starved', 'blocked', 'down', 'changeover', 'planned'] as const;
export const MachineState = { processing: 0, starved: 1, blocked: 2, down: 3, changeover: 4, planned: 5 } as const;

/** Trace records (`assembly/sim/trace.ts`): time, kind, station, machine slot, v1, v2. */
export const TRACE_FIELDS = 6;
export const TraceKind = { state: 0, cycle: 1, energy: 2 } as const;
/** Starting-state record per machine: state, age in it, product (−1: none), last product (−1: none). */
export const INITIAL_FIELDS = 4;

const Region = {
  stations: 0,
  buffers: 1,
  dists: 2,
  samples: 3,
  mix: 4,
  sequence: 5,
  changeover: 6,
  snapTimes: 7,
  snapshots: 8,
  credits: 9,
  windows: 10,
  calendar: 11,
  initial: 12,
  initSlots: 13,
  trace: 14,
} as const;

interface SimExports {
  layoutVersion(): number;
  configure(
    k: number,
    n: number,
    p: number,
    l: number,
    e: number,
    snapshots: number,
    windows: number,
    slots: number,
    calendar: number,
    trace: number,
    initial: number,
  ): number;
  traceMinimum(k: number, n: number): number;
  traceCount(): number;
  traceClear(): void;
  region(id: number): number;
  snapshotWidth(): number;
  start(seedHigh: number, seedLow: number, replication: number, windowWidth: number): void;
  runUntil(until: number, maxEvents: number): number;
  finish(): void;
  eventCount(): number;
  clock(): number;
}

/** The arrays that describe the line, each written to its own input region (shapes in `layout.ts`). */
export interface SimLineArrays {
  /** K × STATION_FIELDS. */
  stations: Float64Array;
  /** K − 1 capacities. */
  buffers: Float64Array;
  /** K × P × DIST_FIELDS. */
  distributions: Float64Array;
  samples: Float64Array;
  /** P cumulative proportions. */
  mix: Float64Array;
  /** Fixed product sequence (empty: draw from the mix). */
  sequence: Float64Array;
  /** K × P × P changeover times. */
  changeover: Float64Array;
}

/** Everything one replication needs: the line's arrays, its sizes and the run's settings. */
export interface SimInput extends SimLineArrays {
  stationCount: number;
  machineCount: number;
  productCount: number;
  /** Strictly increasing, from 0 to the horizon. */
  snapshotTimes: Float64Array;
  /** Energy window width in model time units, and the number of window boundaries to record. */
  windowWidth: number;
  windowCount: number;
  /** Integer in [0, 2^53). */
  seed: number;
  replication: number;
  /** Planned-stop boundaries, C × CALENDAR_FIELDS (`calendarBoundaries`); none when absent. */
  calendar?: Float64Array;
  /** Where the run starts; an empty line when absent. */
  initial?: SimStartingState;
  /** Trace records the core holds between drains (raised to its minimum); no trace when absent or 0. */
  traceCapacity?: number;
}

/** A starting state in the core's shape. */
export interface SimStartingState {
  /** N × INITIAL_FIELDS, machines in station order. */
  machines: Float64Array;
  /** One entry per buffer place (buffers in order, each `capacity` long): products waiting, then −1. */
  slots: Float64Array;
}

/** f64 fields of a calendar boundary: t, station, reason (−1: an end), MTBF after (0: unchanged). */
export const CALENDAR_FIELDS = 4;

/** A planned stop of one station, in model time; `reason` is a non-negative code the trace repeats. */
export interface PlannedStop {
  station: number;
  start: number;
  end: number;
  reason: number;
  /** Maintenance done in the stop: the station's MTBF from its end on (model time units). */
  mtbfAfter?: number;
}

/**
 * The calendar region from planned stops: per station, overlapping or touching stops merge (the
 * first one's reason wins, and the MTBF after of the part ending last that names one), parts before 0
 * are cut off, and all boundaries are sorted by time (a stop's end before another's start at the
 * same instant).
 */
export function calendarBoundaries(stops: PlannedStop[]): Float64Array {
  const byStation = new Map<number, PlannedStop[]>();
  for (const stop of stops) {
    const start = Math.max(0, stop.start);
    if (!(stop.end > start)) continue;
    const list = byStation.get(stop.station) ?? [];
    list.push({ ...stop, start });
    byStation.set(stop.station, list);
  }
  const boundaries: [number, number, number, number][] = [];
  for (const [station, list] of byStation) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let open = { ...list[0] };
    // The MTBF after a merged stop is that of the part ending last among those that name one.
    let effectEnd = open.mtbfAfter !== undefined ? open.end : -Infinity;
    const close = () => boundaries.push([open.start, station, open.reason, 0], [open.end, station, -1, open.mtbfAfter ?? 0]);
    for (const stop of list.slice(1)) {
      if (stop.start <= open.end) {
        open.end = Math.max(open.end, stop.end);
        if (stop.mtbfAfter !== undefined && stop.end >= effectEnd) {
          open.mtbfAfter = stop.mtbfAfter;
          effectEnd = stop.end;
        }
      } else {
        close();
        open = { ...stop };
        effectEnd = open.mtbfAfter !== undefined ? open.end : -Infinity;
      }
    }
    close();
  }
  boundaries.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
  return Float64Array.from(boundaries.flat());
}

/** Offsets inside one snapshot row for a line of K stations. */
export function snapshotOffsets(k: number) {
  const states = STATES.length * k;
  return {
    stateTime: 0,
    bufferArea: states,
    wipArea: states + k - 1,
    departures: states + k,
    leadTimeSum: states + k + 1,
    productDepartures: states + k + 2,
  };
}

/** Copied results of one replication. */
export interface SimOutput {
  snapshotWidth: number;
  /** (S + 1) × width cumulative accumulators. */
  snapshots: Float64Array;
  /** S × K × 2 bottleneck time per bin: sole, shifting. */
  credits: Float64Array;
  /** Cumulative energy (kW × time unit) at each window boundary. */
  windowEnergy: Float64Array;
  events: number;
}

/** One decoded trace record. */
export interface TraceRecord {
  time: number;
  kind: (typeof TraceKind)[keyof typeof TraceKind];
  station: number;
  /** Machine within the station; −1 for energy readings. */
  slot: number;
  v1: number;
  v2: number;
}

/** Decodes trace records (for tests and small runs; the feed reads the flat array directly). */
export function traceRecords(flat: Float64Array): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let i = 0; i + TRACE_FIELDS <= flat.length; i += TRACE_FIELDS) {
    out.push({
      time: flat[i],
      kind: flat[i + 1] as TraceRecord['kind'],
      station: flat[i + 2],
      slot: flat[i + 3],
      v1: flat[i + 4],
      v2: flat[i + 5],
    });
  }
  return out;
}

/** A replication in progress inside its own core instance. */
export class SimRun {
  /** Trace records drained while running, waiting for `takeTrace`. */
  private drained: Float64Array[] = [];

  private constructor(
    private readonly core: SimExports,
    private readonly memory: WebAssembly.Memory,
    private readonly input: SimInput,
    private readonly traceCapacity: number,
  ) {}

  /** Instantiates a core, writes the inputs and builds the initial state. */
  static start(input: SimInput): SimRun {
    const { exports: core, memory } = instantiateCore<SimExports>('sim');
    if (core.layoutVersion() !== SIM_LAYOUT_VERSION) {
      throw new Error(`wasm-core sim: layout ${core.layoutVersion()} but the host expects ${SIM_LAYOUT_VERSION}; rebuild`);
    }
    const slots = input.buffers.reduce((sum, b) => sum + b, 0);
    const minimum = 2 * core.traceMinimum(input.stationCount, input.machineCount);
    const traceCapacity = input.traceCapacity ? Math.max(input.traceCapacity, minimum) : 0;
    const calendar = input.calendar ?? new Float64Array(0);
    const status = core.configure(
      input.stationCount,
      input.machineCount,
      input.productCount,
      input.sequence.length,
      input.samples.length,
      input.snapshotTimes.length,
      input.windowCount,
      slots,
      calendar.length / CALENDAR_FIELDS,
      traceCapacity,
      input.initial ? 1 : 0,
    );
    if (status !== 0)
      throw new Error(
        'wasm-core sim: the model is larger than the core holds (stations, machines, products) or does not fit in WebAssembly memory',
      );
    const write = (id: number, values: Float64Array) => {
      new Float64Array(memory.buffer, core.region(id), values.length).set(values);
    };
    write(Region.stations, input.stations);
    write(Region.buffers, input.buffers);
    write(Region.dists, input.distributions);
    write(Region.samples, input.samples);
    write(Region.mix, input.mix);
    write(Region.sequence, input.sequence);
    write(Region.changeover, input.changeover);
    write(Region.snapTimes, input.snapshotTimes);
    write(Region.calendar, calendar);
    if (input.initial) {
      write(Region.initial, input.initial.machines);
      write(Region.initSlots, input.initial.slots);
    }
    const high = Math.floor(input.seed / 2 ** 32);
    const low = input.seed % 2 ** 32;
    core.start(high | 0, low | 0, input.replication | 0, input.windowWidth);
    return new SimRun(core, memory, input, traceCapacity);
  }

  /** Runs to simulated time `until` (draining the trace as it fills); false when the event cap stopped it first. */
  runUntil(until: number, maxEvents: number): boolean {
    for (;;) {
      const status = this.core.runUntil(until, maxEvents);
      if (status !== 2) return status === 0;
      this.drained.push(this.readTrace());
    }
  }

  private readTrace(): Float64Array {
    const n = this.core.traceCount() * TRACE_FIELDS;
    const copy = new Float64Array(this.memory.buffer, this.core.region(Region.trace), n).slice();
    this.core.traceClear();
    return copy;
  }

  /** The trace records written since the last call, in time order, as one flat array. */
  takeTrace(): Float64Array {
    if (!this.traceCapacity) return new Float64Array(0);
    const parts = [...this.drained, this.readTrace()];
    this.drained = [];
    if (parts.length === 1) return parts[0];
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** Events processed so far. */
  get events(): number {
    return this.core.eventCount();
  }

  /** Simulated time reached. */
  get clock(): number {
    return this.core.clock();
  }

  /** Closes the run at the current clock and copies the outputs. */
  finish(): SimOutput {
    this.core.finish();
    const width = this.core.snapshotWidth();
    const k = this.input.stationCount;
    const snaps = this.input.snapshotTimes.length;
    const read = (id: number, n: number) => new Float64Array(this.memory.buffer, this.core.region(id), n).slice();
    return {
      snapshotWidth: width,
      snapshots: read(Region.snapshots, snaps * width),
      credits: read(Region.credits, (snaps - 1) * k * 2),
      windowEnergy: read(Region.windows, this.input.windowCount),
      events: this.core.eventCount(),
    };
  }
}
