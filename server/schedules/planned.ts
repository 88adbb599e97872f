import type { ShiftDefinition } from '../../db/schema/schedules.ts';
import { addDays, dateIn, isoWeekday, midnightIn, wallTimeIn } from '../core/calendar.ts';
import { intersect, normalize, subtract, type Interval } from '../core/intervals.ts';

/** `HH:MM` to minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export interface ShiftOccurrence {
  name: string;
  start: number;
  end: number;
  breaks: Interval[];
}

/**
 * The shifts of a schedule that overlap a window, with their breaks, as instants in the site's
 * zone (a shift that starts on Monday at 22:00 runs into Tuesday; on the night a clock moves, the
 * shift is an hour shorter or longer, as it is for the people working it).
 */
export function shiftsIn(shifts: readonly ShiftDefinition[], window: Interval, zone: string): ShiftOccurrence[] {
  const out: ShiftOccurrence[] = [];
  // A shift that began the day before the window may still be running in it.
  const last = dateIn(new Date(window.end), zone);
  for (let date = addDays(dateIn(new Date(window.start), zone), -1); date <= last; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    for (const shift of shifts) {
      if (!shift.days.includes(weekday)) continue;
      const startMin = minutesOf(shift.start);
      const endMin = minutesOf(shift.end);
      const start = wallTimeIn(date, startMin, zone).getTime();
      const end = wallTimeIn(endMin <= startMin ? addDays(date, 1) : date, endMin, zone).getTime();
      if (end <= window.start || start >= window.end) continue;
      const breaks = shift.breaks.map((b) => {
        // A break's time belongs to the day of the shift's part it falls in.
        const bStart = minutesOf(b.start);
        const bEnd = minutesOf(b.end);
        const startDay = bStart < startMin ? addDays(date, 1) : date;
        const endDay = bEnd <= bStart ? addDays(startDay, 1) : startDay;
        return { start: wallTimeIn(startDay, bStart, zone).getTime(), end: wallTimeIn(endDay, bEnd, zone).getTime() };
      });
      out.push({ name: shift.name, start, end, breaks: intersect(normalize(breaks), [{ start, end }]) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The planned time of a window and what is taken out of it. */
export interface PlannedTime {
  /** Planned operation time: the shifts (the whole window without a schedule). */
  operation: Interval[];
  /** Breaks and planned stops inside the shifts. */
  plannedDown: Interval[];
  /** Planned operation time minus the planned downtime: when the station is meant to work. */
  busy: Interval[];
}

/**
 * Cuts a window by a site's schedule: shifts give the planned operation time, breaks and the
 * calendar's planned stops are taken out of it. Without shifts the whole window is planned time.
 */
export function plannedTime(
  shifts: readonly ShiftDefinition[] | null,
  plannedStops: readonly Interval[],
  window: Interval,
  zone: string,
): PlannedTime {
  const occurrences = shifts && shifts.length ? shiftsIn(shifts, window, zone) : null;
  const operation = occurrences
    ? intersect(normalize(occurrences.map((o) => ({ start: o.start, end: o.end }))), [window])
    : [{ ...window }];
  const breaks = occurrences ? occurrences.flatMap((o) => o.breaks) : [];
  const plannedDown = intersect(normalize([...breaks, ...plannedStops]), operation);
  return { operation, plannedDown, busy: subtract(operation, plannedDown) };
}

/**
 * The shift running at an instant (or the last one that ended before it, within a day), with its
 * start and end; without a schedule, the site's calendar day.
 */
export function shiftAt(shifts: readonly ShiftDefinition[] | null, at: Date, zone: string): { name: string; start: number; end: number } {
  const t = at.getTime();
  if (shifts && shifts.length) {
    const around = shiftsIn(shifts, { start: t - 86_400_000, end: t + 1 }, zone);
    const running = around.filter((o) => o.start <= t && t < o.end).pop();
    if (running) return { name: running.name, start: running.start, end: running.end };
    const ended = around.filter((o) => o.end <= t).pop();
    if (ended) return { name: ended.name, start: ended.start, end: ended.end };
  }
  const today = dateIn(at, zone);
  return { name: today, start: midnightIn(today, zone).getTime(), end: midnightIn(addDays(today, 1), zone).getTime() };
}
