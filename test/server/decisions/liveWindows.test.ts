import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShiftDefinition } from '../../../db/schema/schedules.ts';
import { totalMs, type Interval } from '../../../server/core/intervals.ts';
import { matchedWindows } from '../../../server/decisions/liveWindows.ts';
import { usagePeriod, type UsageCalendar } from '../../../server/decisions/usagePeriod.ts';
import { plannedTime } from '../../../server/schedules/index.ts';

const zone = 'Europe/Prague';
// Three shifts Monday to Friday, a 30-minute break in each: 22.5 planned hours a day, none at the weekend.
const shifts: ShiftDefinition[] = [
  { name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '10:00', end: '10:30' }] },
  { name: 'late', start: '14:00', end: '22:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '18:00', end: '18:30' }] },
  { name: 'night', start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '02:00', end: '02:30' }] },
];
const busyIn =
  (stops: Interval[] = []) =>
  (w: Interval) =>
    totalMs(plannedTime(shifts, stops, w, zone).busy);
const hour = 3_600_000;
const day = 24 * hour;

describe('the matched windows of live data before and after a decision', () => {
  it('matches a week after the effect with the week before when the schedule repeats', () => {
    const eff = Date.parse('2026-12-07T05:00:00Z'); // Monday 06:00 in Prague
    const w = matchedWindows(busyIn(), eff, eff + 7 * day, 21 * day);
    expect(w.plannedMs).toBe(5 * 22.5 * hour);
    expect(w.before).toEqual({ start: Date.parse('2026-11-30T05:00:00Z'), end: eff });
  });

  it('reaches further back over a planned stop so that both hold the same production time', () => {
    const eff = Date.parse('2026-12-07T05:00:00Z');
    const holiday = { start: Date.parse('2026-12-02T05:00:00Z'), end: Date.parse('2026-12-03T05:00:00Z') };
    const w = matchedWindows(busyIn([holiday]), eff, eff + 7 * day, 21 * day);
    // The lost Wednesday is made up by the Friday of the week before, from 06:00 (the night shift before belongs to Thursday).
    expect(new Date(w.before!.start).toISOString()).toBe('2026-11-27T05:00:00.000Z');
    expect(busyIn([holiday])(w.before!)).toBe(w.plannedMs);
  });

  it('has no before window where none holds as much in reach, and none at all without planned time after', () => {
    const eff = Date.parse('2026-12-07T05:00:00Z');
    expect(matchedWindows(busyIn(), eff, eff + 7 * day, 3 * day).before).toBeNull();
    const saturday = Date.parse('2026-12-05T05:00:00Z');
    expect(matchedWindows(busyIn(), saturday, saturday + day, 7 * day)).toMatchObject({ plannedMs: 0, before: null });
  });

  it('always holds as much planned time before as after, to the second (property)', () => {
    const start = Date.parse('2026-11-02T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 24 }), fc.integer({ min: 1, max: 14 * 24 }), (h, length) => {
        const eff = start + 30 * day + h * hour;
        const w = matchedWindows(busyIn(), eff, eff + length * hour, 60 * day);
        if (!w.before) {
          expect(w.plannedMs).toBe(0);
        } else {
          const before = busyIn()(w.before);
          expect(before).toBeGreaterThanOrEqual(w.plannedMs);
          expect(before - w.plannedMs).toBeLessThanOrEqual(1000);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the period a decision counts as one use in', () => {
  const calendar: UsageCalendar = { zone, siteZone: zone, shifts, shiftsPerDay: 3 };
  const iso = (i: Interval) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()];

  it('is the shift running then, for a group expected per shift', () => {
    // 13:00 in Prague: the early shift, 06:00 to 14:00.
    expect(iso(usagePeriod('per_shift', new Date('2026-12-07T12:00:00Z'), calendar))).toEqual([
      '2026-12-07T05:00:00.000Z',
      '2026-12-07T13:00:00.000Z',
    ]);
    // Saturday: between Friday's night shift and Monday's early one.
    expect(iso(usagePeriod('per_shift', new Date('2026-12-05T12:00:00Z'), calendar))).toEqual([
      '2026-12-05T05:00:00.000Z',
      '2026-12-07T05:00:00.000Z',
    ]);
  });

  it('cuts the day into the program’s shifts at a site without a schedule', () => {
    const plain = { ...calendar, shifts: null };
    expect(iso(usagePeriod('per_shift', new Date('2026-12-07T12:00:00Z'), plain))).toEqual([
      '2026-12-07T07:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
    ]);
  });

  it('is the program’s day, ISO week or month for the other frequencies', () => {
    const at = new Date('2026-12-09T23:30:00Z'); // Thursday 10 December, 00:30 in Prague
    expect(iso(usagePeriod('daily', at, calendar))).toEqual(['2026-12-09T23:00:00.000Z', '2026-12-10T23:00:00.000Z']);
    expect(iso(usagePeriod('weekly', at, calendar))).toEqual(['2026-12-06T23:00:00.000Z', '2026-12-13T23:00:00.000Z']);
    expect(iso(usagePeriod('monthly', at, calendar))).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  });

  it('always contains the instant it is asked for (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('per_shift', 'daily', 'weekly', 'monthly' as const),
        fc.boolean(),
        (at, frequency, scheduled) => {
          const p = usagePeriod(frequency, at, scheduled ? calendar : { ...calendar, shifts: null });
          expect(p.start).toBeLessThanOrEqual(at.getTime());
          expect(at.getTime()).toBeLessThan(p.end);
        },
      ),
    );
  });
});
