import type { ShiftDefinition } from '../../db/schema/schedules.ts';
import { addDays, dateIn, midnightIn } from '../core/calendar.ts';
import type { Interval } from '../core/intervals.ts';
import { periodStart, nextPeriodStart, type Frequency } from '../programs/adoption.ts';
import { shiftsIn } from '../schedules/index.ts';

/** The calendars a use's period is read on. */
export interface UsageCalendar {
  /** The program's zone: its days, weeks and months. */
  zone: string;
  /** The use case's site: its zone and its shifts (null: it has no schedule). */
  siteZone: string;
  shifts: readonly ShiftDefinition[] | null;
  /** The program's shifts per day, for a site without a schedule. */
  shiftsPerDay: number;
}

const DAY_MS = 86_400_000;

function dayOf(date: string, zone: string): Interval {
  return { start: midnightIn(date, zone).getTime(), end: midnightIn(addDays(date, 1), zone).getTime() };
}

/** The shift running at `t` at the site; between shifts the gap to the next; without shifts, an equal share of the day. */
function shiftPeriod(t: number, c: UsageCalendar): Interval {
  const day = dayOf(dateIn(new Date(t), c.siteZone), c.siteZone);
  if (!c.shifts?.length) {
    const slot = (day.end - day.start) / c.shiftsPerDay;
    const start = day.start + Math.floor((t - day.start) / slot) * slot;
    return { start, end: Math.min(day.end, start + slot) };
  }
  const around = shiftsIn(c.shifts, { start: t - 2 * DAY_MS, end: t + 2 * DAY_MS }, c.siteZone);
  const running = around.filter((o) => o.start <= t && t < o.end).pop();
  if (running) return { start: running.start, end: running.end };
  const before = around.filter((o) => o.end <= t).map((o) => o.end);
  const after = around.filter((o) => o.start > t).map((o) => o.start);
  return { start: before.length ? Math.max(...before) : day.start, end: after.length ? Math.min(...after) : day.end };
}

/**
 * The period within which a person's decisions on a use case count as one use of it, that of the
 * frequency their group is expected to use the twin at (so that recording decisions cannot raise
 * adoption above one use per expected use): per shift, the shift running at the use case's site
 * (between two shifts, the gap between them; at a site without a schedule, the day cut into the
 * program's shifts per day from midnight); daily, the program's calendar day; weekly, its ISO week
 * from Monday; monthly, its calendar month.
 */
export function usagePeriod(frequency: Frequency, at: Date, calendar: UsageCalendar): Interval {
  const t = at.getTime();
  if (frequency === 'per_shift') return shiftPeriod(t, calendar);
  const today = dateIn(at, calendar.zone);
  if (frequency === 'daily') return dayOf(today, calendar.zone);
  const period = frequency === 'weekly' ? 'week' : 'month';
  const start = periodStart(period, today);
  return { start: midnightIn(start, calendar.zone).getTime(), end: midnightIn(nextPeriodStart(period, start), calendar.zone).getTime() };
}

/** Most frequent first: the group whose period a person's decisions count in, when they belong to several. */
export const frequencyOrder: readonly Frequency[] = ['per_shift', 'daily', 'weekly', 'monthly'];
