/**
 * Host binding of the simulation core: one fresh instance per replication, inputs written as
 * flat Float64Arrays into the regions described in `assembly/sim/layout.ts`, outputs copied out
 * with `.slice()` so they outlive the instance. Only numbers cross the boundary.
 */
import { instantiateCore } from './index.ts';

/** Must equal `layoutVersion()` of `assembly/sim/index.ts`. */
export const SIM_LAYOUT_VERSION = 2;

/** Station input record (f64 fields), mirroring `layout.ts`. */
export const STATION_FIELDS = 11;
export const StationField = { count: 0, failMode: 1, mtbf: 2, repairKind: 3, repairA: 4, repairB: 5, power: 6 } as const;
/** Failure modes: none, operation-dependent (fails only while processing), calendar time. */
export const FailMode = { none: 0, operating: 1, calendar: 2 } as const;
/** Distribution kinds with their (a, b) parameters. */
export const DistKind = { deterministic: 0, exponential: 1, normal: 2, lognormal: 3, empirical: 4 } as const;
export const DIST_FIELDS = 3;
/** Machine states in accumulator and power order (`STATE_COUNT` in `layout.ts`). */
export const STATES = ['processing', 'starved', 'blocked', 'down', 'changeover'] as const;

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
} as const;

interface SimExports {
  layoutVersion(): number;
  configure(k: number, n: number, p: number, l: number, e: number, snapshots: number, windows: number, slots: number): number;
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

/** A replication in progress inside its own core instance. */
export class SimRun {
  private constructor(
    private readonly core: SimExports,
    private readonly memory: WebAssembly.Memory,
    private readonly input: SimInput,
  ) {}

  /** Instantiates a core, writes the inputs and builds the initial state. */
  static start(input: SimInput): SimRun {
    const { exports: core, memory } = instantiateCore<SimExports>('sim');
    if (core.layoutVersion() !== SIM_LAYOUT_VERSION) {
      throw new Error(`wasm-core sim: layout ${core.layoutVersion()} but the host expects ${SIM_LAYOUT_VERSION}; rebuild`);
    }
    const slots = input.buffers.reduce((sum, b) => sum + b, 0);
    const status = core.configure(
      input.stationCount,
      input.machineCount,
      input.productCount,
      input.sequence.length,
      input.samples.length,
      input.snapshotTimes.length,
      input.windowCount,
      slots,
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
    const high = Math.floor(input.seed / 2 ** 32);
    const low = input.seed % 2 ** 32;
    core.start(high | 0, low | 0, input.replication | 0, input.windowWidth);
    return new SimRun(core, memory, input);
  }

  /** Runs to simulated time `until`; false when the event cap stopped it first. */
  runUntil(until: number, maxEvents: number): boolean {
    return this.core.runUntil(until, maxEvents) === 0;
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
