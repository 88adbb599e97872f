/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`): plain days, computed in UTC because a date
 * has no zone. Where an instant becomes a date (what day is today, on which day did a use
 * happen), the plant's IANA zone decides: `dateIn` and `midnightIn`.
 */

// `Date.UTC(y, …)` reads years 0–99 as 1900–1999; every date here is built through this instead.
function utcMidnight(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

const DAY_MS = 86_400_000;

/**
 * How far ahead of the server's clock another clock may be (machines, gateways, terminals and the
 * ERP drift): what they stamp up to this far ahead is taken as now, anything later is refused.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

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

// One formatter per zone: building an Intl.DateTimeFormat is far dearer than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const part = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(part.year),
    month: Number(part.month),
    day: Number(part.day),
    h: Number(part.hour),
    m: Number(part.minute),
    s: Number(part.second),
  };
}

/** The ISO date of an instant on the wall calendar of an IANA zone (`Europe/Prague`). */
export function dateIn(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds (whole seconds). */
function offsetAt(instant: Date, zone: string): number {
  const w = wallClock(instant, zone);
  const wall = utcMidnight(w.year, w.month - 1, w.day).getTime() + ((w.h * 60 + w.m) * 60 + w.s) * 1000;
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a date begins in a zone: its local midnight, or the first instant after it where a
 * change of the zone's offset skips midnight. A day of a zone is [midnightIn(d), midnightIn(d + 1)).
 */
export function midnightIn(date: string, zone: string): Date {
  const utc = dateToUtc(date).getTime();
  let instant = utc - offsetAt(new Date(utc), zone);
  // The offset at the result may differ from the first guess when a change lies between them.
  instant = utc - offsetAt(new Date(instant), zone);
  if (dateIn(new Date(instant), zone) >= date) return new Date(instant);
  // The clock jumped past midnight (an hour for daylight saving, half an hour for Apia in 1950, a
  // whole day for Apia in 2011): the day begins at the first instant on it, found to the millisecond.
  let before = instant;
  let on = instant + DAY_MS;
  while (on - before > 1) {
    const mid = Math.floor((before + on) / 2);
    if (dateIn(new Date(mid), zone) < date) before = mid;
    else on = mid;
  }
  return new Date(on);
}

/**
 * The instant a wall-clock time of a date has in a zone (`06:00` on 2026-12-03 in Europe/Prague).
 * In the hour a daylight-saving change skips, the time moves on by that hour, as clocks do.
 */
export function wallTimeIn(date: string, minutesOfDay: number, zone: string): Date {
  const wall = dateToUtc(date).getTime() + minutesOfDay * 60_000;
  let instant = wall - offsetAt(new Date(wall), zone);
  instant = wall - offsetAt(new Date(instant), zone);
  return new Date(instant);
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  return ((dateToUtc(date).getUTCDay() + 6) % 7) + 1;
}
