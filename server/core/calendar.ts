/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC: plain days, no time zones. */

// `Date.UTC(y, …)` reads years 0–99 as 1900–1999; every date here is built through this instead.
function utcMidnight(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD` to midnight UTC. */
export function dateToUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The ISO date of an instant in UTC. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcDate(new Date(dateToUtc(date).getTime() + days * DAY_MS));
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const d = dateToUtc(date);
  const day = d.getUTCDate();
  const target = utcMidnight(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const lastDay = utcMidnight(target.getUTCFullYear(), target.getUTCMonth() + 1, 0).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return utcDate(target);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtc(b).getTime() - dateToUtc(a).getTime()) / DAY_MS);
}

/** The last day of a calendar quarter `YYYY-Qn`. */
export function quarterEnd(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  return utcDate(utcMidnight(year, q * 3, 0));
}

/** The quarter `YYYY-Qn` a date falls in. */
export function quarterOf(date: string): string {
  const d = dateToUtc(date);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
