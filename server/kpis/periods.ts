import { addDays, addMonths, midnightIn } from '../core/calendar.ts';
import { periodStart } from '../programs/adoption.ts';
import type { Cadence } from './progress.ts';

/** A KPI's measured period: ISO dates, both days included (as kpi_measurements keeps them). */
export interface CadencePeriod {
  start: string;
  end: string;
}

/** The date one cadence after a date: a week, a calendar month, three (clamped to the month's end). */
export function addCadence(cadence: Cadence, date: string): string {
  return cadence === 'weekly' ? addDays(date, 7) : addMonths(date, cadence === 'monthly' ? 1 : 3);
}

/**
 * The period of a cadence containing a date, on the program's calendar: the ISO week from Monday
 * (as adoption counts weeks), the calendar month, the calendar quarter.
 */
export function cadencePeriodOf(cadence: Cadence, date: string): CadencePeriod {
  let start: string;
  if (cadence === 'weekly') start = periodStart('week', date);
  else if (cadence === 'monthly') start = periodStart('month', date);
  else start = `${date.slice(0, 5)}${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(addCadence(cadence, start), -1) };
}

/** The periods of a cadence that start on or after `from` and have ended before `today`, oldest first. */
export function finishedPeriods(cadence: Cadence, from: string, today: string): CadencePeriod[] {
  const out: CadencePeriod[] = [];
  let p = cadencePeriodOf(cadence, from);
  if (p.start < from) p = cadencePeriodOf(cadence, addDays(p.end, 1));
  for (; p.end < today; p = cadencePeriodOf(cadence, addDays(p.end, 1))) out.push(p);
  return out;
}

/** The instants a period covers in a zone: [its first day's midnight, the midnight after its last day). */
export function periodWindow(period: CadencePeriod, zone: string): { start: number; end: number } {
  return { start: midnightIn(period.start, zone).getTime(), end: midnightIn(addDays(period.end, 1), zone).getTime() };
}
