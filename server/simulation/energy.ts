/**
 * Energy of one replication's measured period. Energy is exact from the accumulated time per
 * station and state times the power drawn in that state; peak demand is the largest average
 * power over the fixed metering windows (aligned at time 0, as utility meters align to the
 * clock) that lie wholly inside the measured period.
 */
import type { RunPlan } from './plan.ts';

export interface ReplicationEnergy {
  kwh: number;
  averageKw: number;
  /** Null when no whole window fits after the warm-up. */
  peakKw: number | null;
  /** Null when no part left the line. */
  kwhPerPart: number | null;
}

/**
 * `stateTime`: K × 5 time per station and state over the measured period (summed over each
 * station's machines); `windowEnergy`: cumulative kW × time unit at each window boundary.
 */
export function replicationEnergy(
  plan: RunPlan,
  stateTime: Float64Array,
  windowEnergy: Float64Array,
  warmup: number,
  departures: number,
): ReplicationEnergy {
  let kwUnits = 0;
  for (let i = 0; i < stateTime.length; i++) kwUnits += stateTime[i] * plan.line.power[i];
  const kwh = kwUnits * plan.hoursPerUnit;
  const duration = plan.horizon - warmup;
  let peak: number | null = null;
  const w = plan.windowWidth;
  for (let i = Math.ceil(warmup / w - 1e-9); i + 1 < windowEnergy.length; i++) {
    const kw = (windowEnergy[i + 1] - windowEnergy[i]) / w;
    if (peak === null || kw > peak) peak = kw;
  }
  return {
    kwh,
    averageKw: kwUnits / duration,
    peakKw: peak,
    kwhPerPart: departures > 0 ? kwh / departures : null,
  };
}
