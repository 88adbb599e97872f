/**
 * Times in the exact core are integers. Planners write times like 12.5 s, so times with up to
 * three decimals are scaled by the smallest power of ten that makes them all integers, and
 * results are scaled back. Times with more decimals are rejected (a 0.0001 s distinction is
 * noise in a line balance, and scaling by 10⁴ would cost the search precision it cannot use).
 * A cycle time is rounded down to the scale: loads are integer multiples of it anyway.
 */
import { BalancingInputError } from './errors.ts';

export const MAX_DECIMALS = 3;
const MAX_TOTAL = 2 ** 31 - 1;

/**
 * Rounding noise of a scaled time x: binary fractions are off by a few ulps (0.1 × 10 =
 * 1.0000000000000002). It must stay far below one unit even for the largest times (2 × 10⁹
 * units), or a time one unit off a whole number would pass for whole: relative 10⁻¹².
 */
export function roundingNoise(x: number): number {
  return Math.max(1e-9, Math.abs(x) * 1e-12);
}

/** True if v·scale is (within rounding noise) an integer. */
function isWhole(v: number, scale: number): boolean {
  const x = v * scale;
  return Math.abs(x - Math.round(x)) <= roundingNoise(x);
}

/**
 * The power of ten (1, 10, 100 or 1000) that makes every time an integer. `fieldOf` names the
 * field of time i in an error (a task's `time`, or one model's entry of its `times`).
 */
export function timeScale(times: number[], fieldOf: (i: number) => string = (i) => `tasks.${i}.time`): number {
  let scale = 1;
  times.forEach((t, i) => {
    while (!isWhole(t, scale) && scale < 10 ** MAX_DECIMALS) scale *= 10;
    if (!isWhole(t, scale)) {
      throw new BalancingInputError(fieldOf(i), `task time ${t} has more than ${MAX_DECIMALS} decimal places`);
    }
  });
  const total = times.reduce((sum, t) => sum + Math.round(t * scale), 0);
  if (total > MAX_TOTAL) {
    throw new BalancingInputError('tasks', `the task times add up to ${total} units at scale ${scale}, above the core's ${MAX_TOTAL}`);
  }
  return scale;
}

/** A time in scaled integer units. */
export function toUnits(t: number, scale: number): number {
  return Math.round(t * scale);
}

/** A cycle time in scaled units, rounded down (with a tolerance for binary fractions). */
export function cycleToUnits(c: number, scale: number): number {
  return Math.floor(c * scale + roundingNoise(c * scale));
}
