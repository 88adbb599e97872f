/**
 * Sources checked against each other (issue 15): the same quantity from two sources per period —
 * produced parts by the PLC's cycles against the MES count, good parts against the quality
 * system's, planned against produced — compared within a rule's tolerance. This is the comparison
 * alone; reading the two sides per period from the events and orders comes with the rules.
 */

/** How far two counts of one period may differ: the larger of an absolute and a relative allowance. */
export interface Tolerance {
  /** Parts (or units) either way. */
  absolute: number;
  /** A share of the larger of the two counts, 0–1. */
  relative: number;
}

/** One period's two counts; null where a side sent nothing for it. */
export interface PeriodCounts {
  from: string;
  to: string;
  a: number | null;
  b: number | null;
}

export type PeriodVerdict = 'consistent' | 'inconsistent' | 'one_side_missing' | 'no_data';

export interface PeriodComparison extends PeriodCounts {
  /** a − b; null unless both sides counted. */
  difference: number | null;
  /** What the tolerance allowed for this period. */
  allowed: number | null;
  verdict: PeriodVerdict;
}

/** The allowance for two counts: max(absolute, relative × the larger). */
export function allowanceOf(a: number, b: number, tolerance: Tolerance): number {
  return Math.max(tolerance.absolute, tolerance.relative * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * Each period judged: consistent when |a − b| is within its allowance, inconsistent beyond it; a
 * period only one side counted is `one_side_missing` (a source that stops counting is a finding of
 * its own, not agreement), one neither counted `no_data`.
 */
export function comparePeriods(periods: readonly PeriodCounts[], tolerance: Tolerance): PeriodComparison[] {
  return periods.map((p) => {
    if (p.a === null || p.b === null)
      return { ...p, difference: null, allowed: null, verdict: p.a === null && p.b === null ? 'no_data' : 'one_side_missing' };
    const difference = p.a - p.b;
    const allowed = allowanceOf(p.a, p.b, tolerance);
    return { ...p, difference, allowed, verdict: Math.abs(difference) <= allowed ? 'consistent' : 'inconsistent' };
  });
}

/** The breaches among compared periods, newest first: what a data-quality finding lists. */
export function breachesOf(compared: readonly PeriodComparison[]): PeriodComparison[] {
  return compared
    .filter((p) => p.verdict === 'inconsistent' || p.verdict === 'one_side_missing')
    .sort((x, y) => y.from.localeCompare(x.from));
}
