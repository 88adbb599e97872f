/**
 * Confidence intervals over independent replications: x̄ ± t(0.975, n−1)·s/√n (Law, Simulation
 * Modeling and Analysis, 5th ed., §9.4.1). Paired differences on common random numbers use the
 * same interval on the per-replication differences (§10.2.1, the paired-t approach).
 */
import { tQuantile } from './tdist.ts';

/** A mean with its 95 % confidence interval. */
export interface Estimate {
  mean: number;
  ciHalfWidth: number;
  ciLow: number;
  ciHigh: number;
  stdDev: number;
  n: number;
}

/** Sample mean and standard deviation (Welford's update, stable for large means). */
export function meanAndStdDev(values: readonly number[]): { mean: number; stdDev: number } {
  let mean = 0;
  let m2 = 0;
  values.forEach((v, i) => {
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  });
  return { mean, stdDev: values.length > 1 ? Math.sqrt(m2 / (values.length - 1)) : 0 };
}

/** The 95 % t interval of the mean of `values` (at least two values). */
export function estimate(values: readonly number[], confidence = 0.95): Estimate {
  const n = values.length;
  const { mean, stdDev } = meanAndStdDev(values);
  const ciHalfWidth = n > 1 ? (tQuantile(1 - (1 - confidence) / 2, n - 1) * stdDev) / Math.sqrt(n) : Number.NaN;
  return { mean, ciHalfWidth, ciLow: mean - ciHalfWidth, ciHigh: mean + ciHalfWidth, stdDev, n };
}

/** The interval of the mean paired difference variant − baseline. */
export function pairedDifference(variant: readonly number[], baseline: readonly number[]): Estimate {
  if (variant.length !== baseline.length) throw new Error('paired difference needs as many variant as baseline values');
  return estimate(variant.map((v, i) => v - baseline[i]));
}

/** CI half-width relative to the mean (∞ when the mean is 0). */
export function relativeHalfWidth(e: Estimate): number {
  return e.mean === 0 ? Number.POSITIVE_INFINITY : e.ciHalfWidth / Math.abs(e.mean);
}
