/**
 * The track record of a use case's (or a line's) decisions: how often what happened fell inside
 * what was predicted, and how far off the predictions were on average, relative to the predicted
 * value so that KPIs in different units can be averaged (cf. prediction-interval coverage and mean
 * percentage error in forecasting practice). Pure functions of checked predictions.
 */

/** One checked prediction. */
export interface CheckedPrediction {
  decisionId: string;
  kpiId: string;
  /** The live metric of its KPI, if it is fed by one. */
  metric: string | null;
  effectiveFrom: string;
  inside: boolean;
  /** (realised − predicted) ÷ |predicted|; null for a predicted 0. */
  relativeBias: number | null;
}

/** What makes a record poor or good; a program may override the poor thresholds (its early-warning settings). */
export interface TrackRecordRule {
  /** Fewer checked predictions than this are too few to judge. */
  minChecked: number;
  /** Poor below this share inside the interval… */
  poorBelowInsideShare: number;
  /** …or with a mean relative bias larger than this, either way. */
  poorAboveRelativeBias: number;
  /** Good from this share inside… */
  goodFromInsideShare: number;
  /** …with a mean relative bias no larger than this. */
  goodUpToRelativeBias: number;
  /** The latest this many are compared with those before for the trend. */
  recent: number;
}

export const defaultTrackRecordRule: TrackRecordRule = {
  minChecked: 4,
  poorBelowInsideShare: 0.5,
  poorAboveRelativeBias: 0.1,
  goodFromInsideShare: 0.8,
  goodUpToRelativeBias: 0.05,
  recent: 5,
};

export type Verdict = 'poor' | 'good' | 'fair' | 'too_few';

interface Stats {
  checked: number;
  inside: number;
  insideShare: number | null;
  meanRelativeBias: number | null;
}

function statsOf(list: readonly CheckedPrediction[]): Stats {
  const biases = list.map((c) => c.relativeBias).filter((b): b is number => b !== null);
  const inside = list.filter((c) => c.inside).length;
  return {
    checked: list.length,
    inside,
    insideShare: list.length ? inside / list.length : null,
    meanRelativeBias: biases.length ? biases.reduce((a, b) => a + b, 0) / biases.length : null,
  };
}

/**
 * Poor: at least `minChecked` checked and under `poorBelowInsideShare` of them inside their interval,
 * or a mean relative bias beyond ±`poorAboveRelativeBias`. Good: at least `minChecked` checked, at
 * least `goodFromInsideShare` inside and a mean relative bias within ±`goodUpToRelativeBias`. Fair:
 * enough checked, neither. Too few: fewer checked.
 */
export function verdictOf(stats: Stats, rule: TrackRecordRule): Verdict {
  if (stats.checked < rule.minChecked || stats.insideShare === null) return 'too_few';
  const bias = Math.abs(stats.meanRelativeBias ?? 0);
  if (stats.insideShare < rule.poorBelowInsideShare || bias > rule.poorAboveRelativeBias) return 'poor';
  if (stats.insideShare >= rule.goodFromInsideShare && bias <= rule.goodUpToRelativeBias) return 'good';
  return 'fair';
}

/**
 * The trend: the latest `recent` checked predictions (by the date their decisions took effect)
 * against those before. Improving when the share inside rose by at least 20 points, worsening when
 * it fell by as much, steady between; too few without at least one before.
 */
export function trendOf(list: readonly CheckedPrediction[], rule: TrackRecordRule) {
  const sorted = [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const recent = statsOf(sorted.slice(-rule.recent));
  const earlier = statsOf(sorted.slice(0, Math.max(0, sorted.length - rule.recent)));
  const label =
    earlier.insideShare === null || recent.insideShare === null
      ? ('too_few' as const)
      : recent.insideShare - earlier.insideShare >= 0.2
        ? ('improving' as const)
        : earlier.insideShare - recent.insideShare >= 0.2
          ? ('worsening' as const)
          : ('steady' as const);
  return { recent, earlier, label };
}

/** The track record of some checked predictions under a rule. */
export function trackRecordOf(list: readonly CheckedPrediction[], rule: TrackRecordRule = defaultTrackRecordRule) {
  const stats = statsOf(list);
  return {
    decisionsChecked: new Set(list.map((c) => c.decisionId)).size,
    predictionsChecked: stats.checked,
    inside: stats.inside,
    insideShare: stats.insideShare,
    meanRelativeBias: stats.meanRelativeBias,
    trend: trendOf(list, rule),
    verdict: verdictOf(stats, rule),
    rule,
  };
}

export type TrackRecord = ReturnType<typeof trackRecordOf>;
