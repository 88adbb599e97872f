/**
 * Random variates. The host turns each distribution into (kind, a, b) once, so no draw
 * recomputes parameters: lognormal arrives as (μ, σ) of the underlying normal, empirical as
 * (offset into SAMPLES, sample count).
 */
import { pSamples } from './layout';
import { uniform } from './rng';
import { standardExponential, standardNormal } from './ziggurat';

export const DIST_DETERMINISTIC: i32 = 0;
export const DIST_EXPONENTIAL: i32 = 1;
export const DIST_NORMAL: i32 = 2;
export const DIST_LOGNORMAL: i32 = 3;
export const DIST_EMPIRICAL: i32 = 4;

/**
 * One draw of kind with parameters a, b from `stream`:
 * deterministic a; exponential with mean a; normal N(a, b²) truncated at zero by resampling
 * (the model requires a > 0, so at least half the draws are kept); lognormal exp(a + b·Z);
 * empirical: a uniformly chosen sample (bootstrap of the observed times).
 */
export function sample(kind: i32, a: f64, b: f64, stream: i32): f64 {
  switch (kind) {
    case DIST_EXPONENTIAL:
      return a * standardExponential(stream);
    case DIST_NORMAL: {
      let x = a + b * standardNormal(stream);
      while (x < 0) x = a + b * standardNormal(stream);
      return x;
    }
    case DIST_LOGNORMAL:
      return Math.exp(a + b * standardNormal(stream));
    case DIST_EMPIRICAL: {
      const n = <i32>b;
      let i = <i32>(uniform(stream) * <f64>n);
      if (i >= n) i = n - 1;
      return load<f64>(pSamples + (<usize>(<i32>a + i) << 3));
    }
    default:
      return a;
  }
}

/** `sample` with the exponential case inline (the common processing time; no call, no switch). */
@inline export function draw(kind: i32, a: f64, b: f64, stream: i32): f64 {
  return kind == DIST_EXPONENTIAL ? a * standardExponential(stream) : sample(kind, a, b, stream);
}

/**
 * The rest of an activity of kind (a, b) that has already lasted `age`: a draw conditioned on
 * exceeding the age, minus the age. Exponential times are memoryless and deterministic ones
 * known; otherwise draws are rejected up to 64 times, and an activity older than all of them is
 * taken to end at once (it has outlived nearly every time of its distribution).
 */
export function residual(kind: i32, a: f64, b: f64, age: f64, stream: i32): f64 {
  if (age <= 0 || kind == DIST_EXPONENTIAL) return sample(kind, a, b, stream);
  if (kind == DIST_DETERMINISTIC) return a > age ? a - age : 0;
  for (let i = 0; i < 64; i++) {
    const x = sample(kind, a, b, stream);
    if (x > age) return x - age;
  }
  return 0;
}
