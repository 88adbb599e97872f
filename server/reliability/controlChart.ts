/**
 * The reliability engineer's anomaly method: a robust Shewhart chart per station and quantity
 * (cycle time, energy per good part, stop frequency), its centre and spread taken from a baseline
 * of the same shift (median and MAD, so that the very anomalies it looks for do not widen its
 * limits), and the Western Electric run rules over the points watched, each point standardised by
 * its own shift's baseline.
 *
 * On stable, independent, normal data the four rules together first fire after about 92 points when
 * the limits are known (their average run length of 91.75); with limits from a baseline they fire
 * more often: `FALSE_ALARM_RATE` is the documented bound the tests hold them to.
 */

/** A point of a quantity's series: when, its value, and its shift (the baseline it is judged by). */
export interface SeriesPoint {
  at: string;
  value: number;
  group: string;
}

/** The centre and spread of a baseline: its median and 1.4826 × its median absolute deviation. */
export interface ChartLimits {
  center: number;
  sigma: number;
  /** How many points the baseline had. */
  count: number;
}

export type RunRule = 'beyond_3_sigma' | 'two_of_three_beyond_2_sigma' | 'four_of_five_beyond_1_sigma' | 'eight_on_one_side';

/** A rule that fired at a point: the point's index among those watched, the rule, and the side. */
export interface RuleSignal {
  index: number;
  rule: RunRule;
  side: 'high' | 'low';
}

/**
 * Fewer baseline points than this give no limits: limits from a short baseline are loose estimates,
 * and the rules then flag stable points far more often (about 4 % at 30 points; five days of hourly
 * points of a shift are 40).
 */
export const MIN_BASELINE_POINTS = 40;
/**
 * The share of stable points the rules may flag with a baseline of MIN_BASELINE_POINTS: measured
 * about 3.5 % on independent normal data (about 1.3 % with a baseline of thousands, as a run of
 * points near a 1 or 2 σ limit fires again at each next point); the tests hold it.
 */
export const FALSE_ALARM_RATE = 0.04;
/** Makes the MAD an estimate of the standard deviation of normal data. */
const MAD_TO_SIGMA = 1.4826;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The limits of a baseline, or null with fewer than MIN_BASELINE_POINTS finite values. A baseline
 * whose values are more than half equal has a MAD of 0: its spread is then the mean absolute
 * deviation from the median (× 1.2533, the normal data's factor), and 0 only when all are equal.
 */
export function robustLimits(values: readonly number[]): ChartLimits | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length < MIN_BASELINE_POINTS) return null;
  const center = median(finite);
  const deviations = finite.map((v) => Math.abs(v - center)).sort((a, b) => a - b);
  const mad = median(deviations);
  const sigma = mad > 0 ? MAD_TO_SIGMA * mad : (1.2533 * deviations.reduce((s, d) => s + d, 0)) / deviations.length;
  return { center, sigma, count: finite.length };
}

/** How many spreads a value lies from the centre; with no spread, any difference is infinitely far. */
export function zScore(value: number, limits: ChartLimits): number {
  const d = value - limits.center;
  if (limits.sigma > 0) return d / limits.sigma;
  return d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
}

/**
 * The Western Electric rules over standardised points, in time order; each point gets the most
 * severe rule it completes (in the order listed), on the side of the run:
 * 1. one point beyond 3 σ;
 * 2. two of three consecutive points beyond 2 σ on the same side;
 * 3. four of five consecutive points beyond 1 σ on the same side;
 * 4. eight consecutive points on the same side of the centre.
 * A rule fires at the point that completes it, and only if that point is itself on the run's side;
 * a run of eight fires once, at its eighth point.
 */
export function runRuleSignals(z: readonly number[]): RuleSignal[] {
  const signals: RuleSignal[] = [];
  const count = (from: number, to: number, test: (x: number) => boolean) => {
    let n = 0;
    for (let j = Math.max(0, from); j <= to; j++) if (test(z[j])) n++;
    return n;
  };
  for (let i = 0; i < z.length; i++) {
    const x = z[i];
    if (Number.isNaN(x)) continue;
    for (const side of ['high', 'low'] as const) {
      const s = side === 'high' ? 1 : -1;
      const beyond = (k: number) => (v: number) => s * v > k;
      let rule: RunRule | null = null;
      if (beyond(3)(x)) rule = 'beyond_3_sigma';
      // Near the start, the points there are so far stand for the window.
      else if (beyond(2)(x) && count(i - 2, i, beyond(2)) >= 2) rule = 'two_of_three_beyond_2_sigma';
      else if (beyond(1)(x) && count(i - 4, i, beyond(1)) >= 4) rule = 'four_of_five_beyond_1_sigma';
      // A run fires once, at its eighth point: the ninth is the same run, not a new finding.
      else if (beyond(0)(x) && i >= 7 && count(i - 7, i, beyond(0)) === 8 && !(i >= 8 && beyond(0)(z[i - 8]))) rule = 'eight_on_one_side';
      if (rule) signals.push({ index: i, rule, side });
    }
  }
  return signals;
}

/** A watched point as the chart shows it: its value against its shift's limits. */
export interface ChartPoint extends SeriesPoint {
  /** Its shift's limits; null when that shift's baseline is too short to judge. */
  limits: ChartLimits | null;
  /** Null without limits. */
  z: number | null;
}

/**
 * The chart of a quantity: the limits of each shift from its baseline points, the watched points
 * standardised by their own shift's, and the run rules over the points that have limits (in time
 * order; a point without limits neither fires nor breaks a run). `signals` index into `points`.
 */
export function controlChart(baseline: readonly SeriesPoint[], watched: readonly SeriesPoint[]) {
  const byGroup = new Map<string, number[]>();
  for (const p of baseline) {
    const values = byGroup.get(p.group);
    if (values) values.push(p.value);
    else byGroup.set(p.group, [p.value]);
  }
  const limitsOf = new Map([...byGroup].map(([group, values]) => [group, robustLimits(values)]));
  const points: ChartPoint[] = [...watched]
    .filter((p) => Number.isFinite(p.value))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((p) => {
      const limits = limitsOf.get(p.group) ?? null;
      return { ...p, limits, z: limits ? zScore(p.value, limits) : null };
    });
  const judged = points.map((p, i) => ({ i, z: p.z })).filter((p): p is { i: number; z: number } => p.z !== null);
  const signals = runRuleSignals(judged.map((p) => p.z)).map((s) => ({ ...s, index: judged[s.index].i }));
  return { points, signals };
}
