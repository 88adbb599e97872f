import { addDays, addMonths, dateToUtc, daysBetween } from '../core/calendar.ts';

export type Frequency = 'per_shift' | 'daily' | 'weekly' | 'monthly';
export type AdoptionPeriod = 'week' | 'month';

export interface WorkCalendar {
  shiftsPerDay: number;
  workingDaysPerWeek: number;
}

/**
 * Expected uses per calendar day for a frequency: per shift = shifts × working days ÷ 7,
 * daily = working days ÷ 7 (once per working day), weekly = 1/7, monthly = 12/365.
 */
export function expectedPerDay(frequency: Frequency, calendar: WorkCalendar): number {
  switch (frequency) {
    case 'per_shift':
      return (calendar.shiftsPerDay * calendar.workingDaysPerWeek) / 7;
    case 'daily':
      return calendar.workingDaysPerWeek / 7;
    case 'weekly':
      return 1 / 7;
    case 'monthly':
      return 12 / 365;
  }
}

/** The start of the period (ISO week from Monday, or calendar month) containing a date. */
export function periodStart(period: AdoptionPeriod, date: string): string {
  const d = dateToUtc(date);
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

export function nextPeriodStart(period: AdoptionPeriod, start: string): string {
  return period === 'week' ? addDays(start, 7) : addMonths(start, 1);
}

/** The periods overlapping [from, to], each as [start, end-exclusive). */
export function periodsBetween(period: AdoptionPeriod, from: string, to: string): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  for (let s = periodStart(period, from); s <= to; s = nextPeriodStart(period, s)) {
    out.push({ start: s, end: nextPeriodStart(period, s) });
  }
  return out;
}

export type AdoptionStatus = 'on_track' | 'below' | 'far_below' | 'not_started';

/** Observed ÷ expected uses; on track from 100 %, below from 50 %, far below under that. */
export function adoptionRatio(observed: number, expected: number) {
  const ratio = expected > 0 ? observed / expected : null;
  const status: AdoptionStatus = ratio === null ? 'not_started' : ratio >= 1 ? 'on_track' : ratio >= 0.5 ? 'below' : 'far_below';
  return { ratio, status };
}

/** Expected uses in [start, end) for a group, counting only days inside [from, to]. */
export function expectedInPeriod(
  frequency: Frequency,
  calendar: WorkCalendar,
  start: string,
  end: string,
  from: string,
  to: string,
): number {
  const a = start > from ? start : from;
  const lastDay = addDays(end, -1) < to ? addDays(end, -1) : to;
  const days = Math.max(0, daysBetween(a, lastDay) + 1);
  return expectedPerDay(frequency, calendar) * days;
}
