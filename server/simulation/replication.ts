/**
 * One replication: run the core in chunks (progress, cancellation, event cap), then reduce its
 * snapshots to the measured period after the warm-up.
 */
import { SimRun, snapshotOffsets, STATES, type SimInput, type SimOutput } from '../../wasm-core/sim.ts';
import { replicationEnergy, type ReplicationEnergy } from './energy.ts';
import { SimulationLimitError } from './errors.ts';
import type { FlatLine } from './flatten.ts';
import { mserTruncation } from './mser.ts';
import { CHUNKS, SERIES_BINS, type RunPlan } from './plan.ts';

/** What one replication measured after its warm-up. */
export interface ReplicationSummary {
  replication: number;
  warmup: number;
  throughput: number;
  departures: number;
  productThroughput: number[];
  /** K rows of fractions: processing, starved, blocked, down, changeover. */
  states: number[][];
  bufferLevels: number[];
  wip: number;
  /** Mean time from entering the first station to leaving the last; null without departures. */
  leadTime: number | null;
  soleBottleneck: number[];
  shiftingBottleneck: number[];
  energy: ReplicationEnergy | null;
  events: number;
}

/** What one replication sets on top of the line: snapshot times, energy windows, seed and number. */
export type ReplicationSettings = Pick<
  SimInput,
  'snapshotTimes' | 'windowWidth' | 'windowCount' | 'seed' | 'replication' | 'calendar' | 'initial'
>;

/** The core's input for one replication of a flattened line. */
export function simInput(line: FlatLine, settings: ReplicationSettings): SimInput {
  return {
    stationCount: line.stationNames.length,
    machineCount: line.machineCount,
    productCount: line.productNames.length,
    stations: line.stations,
    buffers: line.buffers,
    distributions: line.distributions,
    samples: line.samples,
    mix: line.mix,
    sequence: line.sequence,
    changeover: line.changeover,
    snapshotTimes: settings.snapshotTimes,
    windowWidth: settings.windowWidth,
    windowCount: settings.windowCount,
    seed: settings.seed,
    replication: settings.replication,
    calendar: settings.calendar,
    initial: settings.initial,
  };
}

/** Runs replication `replication` of a plan; `onChunk` sees the simulated time after each chunk. */
export async function runReplication(
  plan: RunPlan,
  replication: number,
  onChunk?: (simulatedTime: number) => void | Promise<void>,
): Promise<ReplicationSummary> {
  const run = SimRun.start(simInput(plan.line, { ...plan, replication }));
  for (let c = 1; c <= CHUNKS; c++) {
    const until = c === CHUNKS ? plan.horizon : (plan.horizon * c) / CHUNKS;
    if (!run.runUntil(until, plan.maxEvents)) {
      throw new SimulationLimitError(
        `replication ${replication} stopped at the event cap of ${plan.maxEvents} events at simulated time ${run.clock.toPrecision(6)} of ${plan.horizon}; ` +
          'the model produces events far faster than its rates suggest (set limits.maxEventsPerReplication to allow more)',
        'events',
        plan.maxEvents,
      );
    }
    await onChunk?.(until);
  }
  return summarize(plan, replication, run.finish());
}

/** Index of the warm-up snapshot: the fixed time, or MSER-5 on throughput and on WIP (the later). */
function warmupIndex(plan: RunPlan, out: SimOutput, k: number): number {
  if (plan.warmup !== 'auto') return plan.snapshotTimes.indexOf(plan.warmup);
  const o = snapshotOffsets(k);
  const w = out.snapshotWidth;
  const perBin = (offset: number) =>
    Array.from({ length: SERIES_BINS }, (_, i) => out.snapshots[(i + 1) * w + offset] - out.snapshots[i * w + offset]);
  return Math.max(mserTruncation(perBin(o.departures)), mserTruncation(perBin(o.wipArea)));
}

function summarize(plan: RunPlan, replication: number, out: SimOutput): ReplicationSummary {
  const k = plan.line.stationNames.length;
  const o = snapshotOffsets(k);
  const w = out.snapshotWidth;
  const start = Math.max(0, warmupIndex(plan, out, k));
  const last = plan.snapshotTimes.length - 1;
  const warmup = plan.snapshotTimes[start];
  const duration = plan.horizon - warmup;
  const diff = (offset: number) => out.snapshots[last * w + offset] - out.snapshots[start * w + offset];
  const departures = diff(o.departures);
  const stateTime = Float64Array.from({ length: STATES.length * k }, (_, i) => diff(o.stateTime + i));
  const sole = new Array<number>(k).fill(0);
  const shifting = new Array<number>(k).fill(0);
  for (let bin = start; bin < last; bin++) {
    for (let s = 0; s < k; s++) {
      sole[s] += out.credits[(bin * k + s) * 2];
      shifting[s] += out.credits[(bin * k + s) * 2 + 1];
    }
  }
  return {
    replication,
    warmup,
    throughput: departures / duration,
    departures,
    productThroughput: plan.line.productNames.map((_, p) => diff(o.productDepartures + p) / duration),
    states: Array.from({ length: k }, (_, s) => STATES.map((_, j) => stateTime[s * STATES.length + j] / (plan.line.counts[s] * duration))),
    bufferLevels: Array.from({ length: k - 1 }, (_, j) => diff(o.bufferArea + j) / duration),
    wip: diff(o.wipArea) / duration,
    leadTime: departures > 0 ? diff(o.leadTimeSum) / departures : null,
    soleBottleneck: sole.map((t) => t / duration),
    shiftingBottleneck: shifting.map((t) => t / duration),
    energy: plan.line.hasEnergy ? replicationEnergy(plan, stateTime, out.windowEnergy, warmup, departures) : null,
    events: out.events,
  };
}
