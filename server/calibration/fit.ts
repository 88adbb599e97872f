/**
 * Fitting the core's distributions to observed times by maximum likelihood, and choosing among
 * them by Akaike's information criterion (AIC = 2k − 2 ln L; Burnham & Anderson 2002), with the
 * Kolmogorov–Smirnov distance of each candidate reported as a check of the fit in absolute terms.
 *
 * The KS p-values use the asymptotic Kolmogorov distribution with Stephens' small-sample factor;
 * with parameters estimated from the same data they are optimistic (Lilliefors), so they flag
 * bad fits rather than prove good ones. When no candidate passes at the 1 % level and there are
 * enough samples, the observed times themselves (an empirical distribution) are used.
 */
import type { Distribution } from '../simulation/index.ts';

export type Family = 'deterministic' | 'exponential' | 'normal' | 'lognormal';

export interface Candidate {
  family: Family;
  distribution: Distribution;
  logLikelihood: number;
  aic: number;
  /** Kolmogorov–Smirnov distance between the sample and the fitted distribution, and its p-value. */
  ks: { d: number; p: number };
}

export interface FitResult {
  /** What the model uses. */
  distribution: Distribution;
  /** The family chosen by AIC, or `empirical` when none fits at the 1 % level. */
  chosen: Family | 'empirical';
  samples: number;
  mean: number;
  cv: number;
  candidates: Candidate[];
}

/** Fewest samples for the empirical fallback, and most samples it keeps (as quantiles). */
const EMPIRICAL_MIN = 100;
const EMPIRICAL_MAX = 1000;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 through erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** P(K > x) for the Kolmogorov distribution. */
function kolmogorovTail(x: number): number {
  if (x <= 0) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * x * x);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** KS distance of sorted samples from a CDF, and its asymptotic p-value (Stephens 1970). */
export function ksTest(sorted: readonly number[], cdf: (x: number) => number): { d: number; p: number } {
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  const root = Math.sqrt(n);
  return { d, p: kolmogorovTail((root + 0.12 + 0.11 / root) * d) };
}

function moments(xs: readonly number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  return { n, mean, sd: Math.sqrt(variance) };
}

/** Fits every family to positive times (at least 2) and picks one; see the module comment. */
export function fitTimes(times: readonly number[]): FitResult {
  const xs = times.filter((x) => x > 0 && Number.isFinite(x));
  if (xs.length < 2) throw new Error('fitting needs at least two positive times');
  const sorted = [...xs].sort((a, b) => a - b);
  const { n, mean, sd } = moments(xs);
  const cv = sd / mean;
  const round = (x: number) => Number(x.toPrecision(6));
  if (cv < 1e-6) {
    const distribution: Distribution = { dist: 'deterministic', mean: round(mean) };
    return { distribution, chosen: 'deterministic', samples: n, mean, cv, candidates: [] };
  }
  const candidates: Candidate[] = [];
  const add = (family: Family, distribution: Distribution, logLikelihood: number, k: number, cdf: (x: number) => number) =>
    candidates.push({ family, distribution, logLikelihood, aic: 2 * k - 2 * logLikelihood, ks: ksTest(sorted, cdf) });

  add('exponential', { dist: 'exponential', mean: round(mean) }, -n * Math.log(mean) - n, 1, (x) => 1 - Math.exp(-x / mean));
  add('normal', { dist: 'normal', mean: round(mean), sd: round(sd) }, (-n / 2) * Math.log(2 * Math.PI * sd * sd) - n / 2, 2, (x) =>
    normalCdf((x - mean) / sd),
  );
  const logs = xs.map(Math.log);
  const { mean: mu, sd: sigma } = moments(logs);
  const sumLogs = logs.reduce((a, b) => a + b, 0);
  add(
    'lognormal',
    { dist: 'lognormal', mean: round(Math.exp(mu + (sigma * sigma) / 2)), cv: round(Math.sqrt(Math.expm1(sigma * sigma))) },
    -sumLogs - (n / 2) * Math.log(2 * Math.PI * sigma * sigma) - n / 2,
    2,
    (x) => normalCdf((Math.log(x) - mu) / sigma),
  );
  candidates.sort((a, b) => a.aic - b.aic);
  const best = candidates[0];
  if (best.ks.p < 0.01 && n >= EMPIRICAL_MIN) {
    const keep = Math.min(n, EMPIRICAL_MAX);
    const samples = Array.from({ length: keep }, (_, i) => round(sorted[Math.min(n - 1, Math.floor(((i + 0.5) * n) / keep))]));
    return { distribution: { dist: 'empirical', samples }, chosen: 'empirical', samples: n, mean, cv, candidates };
  }
  return { distribution: best.distribution, chosen: best.family, samples: n, mean, cv, candidates };
}

/** Repair times: exponential or lognormal (the core's repair kinds), by AIC. */
export function fitRepairs(times: readonly number[]): {
  mttr: number;
  repair: 'exponential' | 'lognormal';
  repairCv: number;
  fit: FitResult;
} {
  const fit = fitTimes(times);
  const lognormal = fit.candidates.find((c) => c.family === 'lognormal');
  const exponential = fit.candidates.find((c) => c.family === 'exponential');
  const useLognormal = lognormal && exponential && lognormal.aic < exponential.aic;
  const repairCv = useLognormal && lognormal.distribution.dist === 'lognormal' ? lognormal.distribution.cv : 1;
  return {
    mttr: Number(fit.mean.toPrecision(6)),
    repair: useLognormal ? 'lognormal' : 'exponential',
    repairCv: Math.max(repairCv, 1e-3),
    fit,
  };
}
