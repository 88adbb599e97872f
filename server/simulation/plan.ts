/**
 * A run plan: everything a replication needs, structured-cloneable so it can travel to a
 * worker. Snapshot times split the horizon into equal bins (the output series MSER-5 reads);
 * a fixed warm-up is added as one more snapshot time, so any warm-up is exact.
 */
import type { SimStartingState } from '../../wasm-core/sim.ts';
import { eventCap } from './estimate.ts';
import { flattenModel, type FlatLine } from './flatten.ts';
import type { SimulationModel } from './model.ts';
import { SimulationInputError } from './errors.ts';
import { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';

/** Bins of the output series: 100 batches of 5 for MSER-5. */
export const SERIES_BINS = 500;
/** Chunks per replication: run-until calls, progress reports and cancellation points. */
export const CHUNKS = 50;
/** Most energy windows a replication records. */
export const MAX_WINDOWS = 1 << 20;

export interface RunPlan {
  line: FlatLine;
  horizon: number;
  /** A fixed warm-up time, or 'auto' for MSER-5. */
  warmup: number | 'auto';
  snapshotTimes: Float64Array;
  /** Hours per model time unit (for kWh). */
  hoursPerUnit: number;
  peakIntervalMinutes: number;
  windowWidth: number;
  windowCount: number;
  seed: number;
  maxEvents: number;
  /** Planned-stop boundaries for the core's calendar (`calendarBoundaries`); none when absent. */
  calendar?: Float64Array;
  /** Where each replication starts (the line as it is now); an empty line when absent. */
  initial?: SimStartingState;
}

function snapshotTimes(horizon: number, warmup: number | 'auto'): Float64Array {
  const times = Array.from({ length: SERIES_BINS + 1 }, (_, i) => (i === SERIES_BINS ? horizon : (horizon * i) / SERIES_BINS));
  if (typeof warmup === 'number' && warmup > 0 && !times.includes(warmup)) {
    times.push(warmup);
    times.sort((a, b) => a - b);
  }
  return Float64Array.from(times);
}

/** Plans the replications of a checked model; refuses energy windows too fine for the horizon. */
export function planRun(model: SimulationModel): RunPlan {
  const maxEvents = eventCap(model);
  const line = flattenModel(model);
  const hoursPerUnit = SECONDS_PER_TIME_UNIT[model.timeUnit] / 3600;
  const peakIntervalMinutes = model.energy?.peakIntervalMinutes ?? 15;
  const windowWidth = peakIntervalMinutes / 60 / hoursPerUnit;
  const windowCount = line.hasEnergy ? Math.floor(model.horizon / windowWidth) + 1 : 0;
  if (windowCount > MAX_WINDOWS) {
    throw SimulationInputError.at(
      'energy.peakIntervalMinutes',
      `the horizon holds ${windowCount} intervals of ${peakIntervalMinutes} min; at most ${MAX_WINDOWS} are recorded`,
    );
  }
  return {
    line,
    horizon: model.horizon,
    warmup: model.warmup,
    snapshotTimes: snapshotTimes(model.horizon, model.warmup),
    hoursPerUnit,
    peakIntervalMinutes,
    windowWidth,
    windowCount,
    seed: model.seed,
    maxEvents,
  };
}
