import { addDays, addMonths, daysBetween } from '../core/calendar.ts';

// KPI progress rules. Pure functions: the routes, the ROI view and the early warnings
// all call these, so "progress" means one thing everywhere.

export type Direction = 'higher_is_better' | 'lower_is_better';
export type Cadence = 'weekly' | 'monthly' | 'quarterly';

/**
 * Share of the baseline → target gap closed by `current`: 0 at baseline, 1 at target, above 1
 * beyond it, negative when worse than baseline. Sign-correct for both directions because the
 * gap itself carries the sign (target − baseline). Undefined without a baseline or a gap.
 */
export function gapClosed(baseline: number | null, target: number, current: number | null): number | null {
  if (baseline === null || current === null) return null;
  const gap = target - baseline;
  if (gap === 0) return null;
  const share = (current - baseline) / gap;
  return share === 0 ? 0 : share; // no -0 when the gap is negative
}

/** True when `target` improves on `baseline` in the KPI's direction. */
export function targetImproves(direction: Direction, baseline: number, target: number): boolean {
  return direction === 'higher_is_better' ? target > baseline : target < baseline;
}

export interface Point {
  /** ISO date the value is attributed to (the end of its measurement period). */
  date: string;
  value: number;
}

export type TrendLabel = 'improving' | 'worsening' | 'flat' | 'insufficient_data';

/**
 * Trend over the last `window` measurements: least-squares slope in units per 30 days, and
 * its meaning in the KPI's direction. "Flat" when the fitted change over the window is under
 * 2 % of the baseline → target gap (or of the mean level when there is no gap).
 */
export function trend(points: Point[], direction: Direction, gap: number | null, window = 6) {
  const last = points.slice(-window);
  if (last.length < 2) return { slopePer30Days: null, label: 'insufficient_data' as TrendLabel, window: last.length };
  const x = last.map((p) => daysBetween(last[0].date, p.date));
  const y = last.map((p) => p.value);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (sxx === 0) return { slopePer30Days: null, label: 'insufficient_data' as TrendLabel, window: last.length };
  const slopePerDay = sxy / sxx;
  const span = x[x.length - 1] - x[0];
  const scale = Math.abs(gap ?? 0) || Math.abs(my) || 1;
  const change = slopePerDay * span;
  const sign = direction === 'higher_is_better' ? 1 : -1;
  const label: TrendLabel = Math.abs(change) < 0.02 * scale ? 'flat' : change * sign > 0 ? 'improving' : 'worsening';
  return { slopePer30Days: slopePerDay * 30, label, window: last.length };
}

/** Days allowed after a period's cadence has elapsed before its measurement is overdue. */
export const measurementGraceDays: Record<Cadence, number> = { weekly: 2, monthly: 7, quarterly: 14 };

/**
 * When the next measurement is due: one cadence after the end of the last measured period
 * (or of the baseline period, or the KPI's creation when nothing was measured yet), plus grace.
 */
export function nextMeasurementDue(cadence: Cadence, lastPeriodEnd: string): string {
  const next = cadence === 'weekly' ? addDays(lastPeriodEnd, 7) : addMonths(lastPeriodEnd, cadence === 'monthly' ? 1 : 3);
  return addDays(next, measurementGraceDays[cadence]);
}

/**
 * The share of the baseline → target gap a straight-line plan has closed by `at`: 0 at the end of
 * the baseline period, 1 on the target date. Null without a baseline period or with a target date
 * that does not lie after it.
 */
export function plannedShare(baselinePeriodEnd: string | null, targetDate: string, at: string): number | null {
  if (baselinePeriodEnd === null) return null;
  const span = daysBetween(baselinePeriodEnd, targetDate);
  if (span <= 0) return null;
  return Math.min(1, Math.max(0, daysBetween(baselinePeriodEnd, at) / span));
}
