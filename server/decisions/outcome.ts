import { addDays, dateIn, midnightIn } from '../core/calendar.ts';
import { addCadence, type Cadence } from '../kpis/index.ts';
import type { LiveValue } from '../metrics/index.ts';

/** One matched window of live data and the KPI's value over it (in the KPI's unit). */
export interface LiveWindowValue {
  from: string;
  to: string;
  plannedHours: number;
  value: number | null;
  /** Why there is no value (`no_live_data`, `no_planned_time`, …); null with a value. */
  reason: string | null;
  counts: LiveValue['counts'];
}

/** The live-data check of a prediction, computed once when it fell due (liveCheck.ts). */
export interface LiveCheck {
  metric: string;
  metricUnit: string;
  /** KPI units per metric unit. */
  scale: number;
  /** Planned busy hours of each window: the after window's, matched before. */
  plannedHours: number;
  /** Null when no window of as many planned hours lies within reach before (a new line); `reason` says so. */
  before: LiveWindowValue | null;
  after: LiveWindowValue | null;
  /** after − before, in the KPI's unit; null unless both have a value. */
  effect: number | null;
  reason: string | null;
}

export interface MeasuredPeriod {
  id: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  recordedBy: 'person' | 'twin';
}

export interface OutcomeInput {
  prediction: { value: number; low: number; high: number };
  cadence: Cadence;
  effectiveFrom: Date;
  /** The program's calendar. */
  zone: string;
  now: Date;
  /** The KPI's measurements (any; those of the outcome's periods are picked here). */
  measurements: readonly MeasuredPeriod[];
  /** Whether the prediction is of a live-bound KPI, and its live check once made. */
  live: { bound: boolean; check: LiveCheck | null; checkedAt: Date | null };
}

export type OutcomeStatus = 'pending' | 'checked' | 'no_data';

/** When a prediction's outcome is due: one cadence of its KPI after the decision took effect, at the same time of day in the program's zone. */
export function dueAtOf(effectiveFrom: Date, cadence: Cadence, zone: string): Date {
  const day = dateIn(effectiveFrom, zone);
  const intoDay = effectiveFrom.getTime() - midnightIn(day, zone).getTime();
  return new Date(midnightIn(addCadence(cadence, day), zone).getTime() + intoDay);
}

/**
 * The outcome of one prediction, as of `now`:
 * - `pending` until it is due (dueAtOf), and while a live-bound KPI's live check is still to be made;
 * - then the realised value is the mean of the KPI's measurements whose periods begin within the
 *   first cadence after the effect (on or after the effective day, before the due day), else the
 *   KPI's value over the live window after the effect (a live-bound KPI's check), else none:
 *   `no_data` (which turns `checked` once such a measurement is recorded);
 * - `checked`: realised against the predicted interval (inside when low ≤ realised ≤ high), the
 *   bias realised − predicted and the bias relative to the predicted value (null when that is 0).
 */
export function outcomeOf(input: OutcomeInput) {
  const { prediction, zone } = input;
  const dueAt = dueAtOf(input.effectiveFrom, input.cadence, zone);
  const from = dateIn(input.effectiveFrom, zone);
  const until = dateIn(dueAt, zone);
  const periods = input.measurements.filter((m) => m.periodStart >= from && m.periodStart < until);
  const mean = periods.length ? periods.reduce((s, m) => s + m.value, 0) / periods.length : null;
  const measurements = { from, until: addDays(until, -1), count: periods.length, mean, periods };
  const liveData = input.live.bound ? { checkedAt: input.live.checkedAt?.toISOString() ?? null, ...(input.live.check ?? {}) } : null;
  const base = { dueAt: dueAt.toISOString(), measurements, liveData };
  const empty = { realised: null, realisedFrom: null, inside: null, bias: null, relativeBias: null };
  if (input.now < dueAt) return { status: 'pending' as OutcomeStatus, ...empty, ...base };
  const live = input.live.check?.after?.value ?? null;
  const realised = mean ?? live;
  if (realised === null) {
    const awaiting = input.live.bound && !input.live.checkedAt;
    return { status: (awaiting ? 'pending' : 'no_data') as OutcomeStatus, ...empty, ...base };
  }
  const bias = realised - prediction.value;
  return {
    status: 'checked' as OutcomeStatus,
    realised,
    realisedFrom: (mean !== null ? 'measurements' : 'live_data') as 'measurements' | 'live_data',
    inside: prediction.low <= realised && realised <= prediction.high,
    bias,
    relativeBias: prediction.value === 0 ? null : bias / Math.abs(prediction.value),
    ...base,
  };
}

export type Outcome = ReturnType<typeof outcomeOf>;
