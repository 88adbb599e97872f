import { addDays, addMonths, dateToUtc, isoWeekday } from '../core/calendar.ts';

export type Frequency = 'per_shift' | 'daily' | 'weekly' | 'monthly';
export type AdoptionPeriod = 'week' | 'month';

/** How many shifts, and whether a working day, each calendar day holds for a program. */
export interface WorkCalendar {
  /** Shifts starting on a day (ISO date): whole numbers from schedules, the average for the program's setting. */
  shiftsOn(day: string): number;
  /** 1 for a working day and 0 for another; the average share of working days for the program's setting. */
  workingDay(day: string): number;
  /** Where the shift count comes from. */
  source: 'site_schedules' | 'program_setting';
}

/** The program's own setting: so many shifts on so many working days a week, spread evenly. */
export function settingCalendar(setting: { shiftsPerDay: number; workingDaysPerWeek: number }): WorkCalendar {
  return {
    shiftsOn: () => (setting.shiftsPerDay * setting.workingDaysPerWeek) / 7,
    workingDay: () => setting.workingDaysPerWeek / 7,
    source: 'program_setting',
  };
}

/**
 * The program's sites' work schedules: a day holds as many shifts as the site with most shifts
 * starting on it that weekday (a program-wide group is expected once per shift of its busiest
 * site), and is a working day when any site works.
 */
export function scheduleCalendar(schedules: readonly { days: number[] }[][]): WorkCalendar {
  const shiftsOn = (day: string) =>
    Math.max(0, ...schedules.map((shifts) => shifts.filter((s) => s.days.includes(isoWeekday(day))).length));
  return { shiftsOn, workingDay: (day) => (shiftsOn(day) > 0 ? 1 : 0), source: 'site_schedules' };
}

/**
 * Expected uses on a day for a frequency: per shift = the day's shifts, daily = once per working
 * day, weekly = 1/7, monthly = 12/365.
 */
export function expectedOn(frequency: Frequency, calendar: WorkCalendar, day: string): number {
  switch (frequency) {
    case 'per_shift':
      return calendar.shiftsOn(day);
    case 'daily':
      return calendar.workingDay(day);
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
  let expected = 0;
  for (let day = a; day <= lastDay; day = addDays(day, 1)) expected += expectedOn(frequency, calendar, day);
  return expected;
}
