import { describe, expect, it } from 'vitest';
import { plannedTime, shiftAt, shiftsIn } from '../../../server/schedules/planned.ts';

const ZONE = 'Europe/Prague';
const iso = (ms: number) => new Date(ms).toISOString();

describe('shifts in a site’s time zone', () => {
  const night = [{ name: 'night', start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '02:00', end: '02:30' }] }];

  it('runs a night shift past midnight, with its break on the next day', () => {
    // Thursday 3 December 2026, Prague is UTC+1.
    const found = shiftsIn(night, { start: Date.parse('2026-12-03T00:00:00Z'), end: Date.parse('2026-12-04T00:00:00Z') }, ZONE);
    expect(found.map((s) => [s.name, iso(s.start), iso(s.end), s.breaks.map((b) => iso(b.start))])).toEqual([
      ['night', '2026-12-02T21:00:00.000Z', '2026-12-03T05:00:00.000Z', ['2026-12-03T01:00:00.000Z']],
      ['night', '2026-12-03T21:00:00.000Z', '2026-12-04T05:00:00.000Z', ['2026-12-04T01:00:00.000Z']],
    ]);
  });

  it('makes the night the clocks go back an hour longer, as it is for the people working it', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET. The shift starting Saturday 24th at 22:00 is not
    // on a weekday; use a daily shift.
    const daily = [{ ...night[0], days: [1, 2, 3, 4, 5, 6, 7], breaks: [] }];
    const [s] = shiftsIn(daily, { start: Date.parse('2026-10-24T21:00:00Z'), end: Date.parse('2026-10-25T06:00:00Z') }, ZONE);
    expect((s.end - s.start) / 3_600_000).toBe(9);
  });

  it('cuts a window to the shifts minus breaks and planned stops; without shifts the window is planned time', () => {
    const window = { start: Date.parse('2026-12-03T00:00:00Z'), end: Date.parse('2026-12-03T12:00:00Z') };
    const stop = { start: Date.parse('2026-12-03T04:00:00Z'), end: Date.parse('2026-12-03T08:00:00Z') };
    const p = plannedTime(night, [stop], window, ZONE);
    // The night shift's part in the window: 00:00–05:00Z; the break 01:00–01:30Z; the stop's part 04:00–05:00Z.
    expect(p.busy.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-12-03T00:00:00.000Z', '2026-12-03T01:00:00.000Z'],
      ['2026-12-03T01:30:00.000Z', '2026-12-03T04:00:00.000Z'],
    ]);
    expect(plannedTime(null, [], window, ZONE).busy).toEqual([window]);
  });

  it('knows the shift running now, the last one between shifts, and the calendar day without a schedule', () => {
    expect(shiftAt(night, new Date('2026-12-03T03:00:00Z'), ZONE)).toMatchObject({
      name: 'night',
      start: Date.parse('2026-12-02T21:00:00Z'),
    });
    expect(shiftAt(night, new Date('2026-12-03T12:00:00Z'), ZONE)).toMatchObject({ end: Date.parse('2026-12-03T05:00:00Z') });
    expect(shiftAt(null, new Date('2026-12-03T12:00:00Z'), ZONE)).toEqual({
      name: '2026-12-03',
      start: Date.parse('2026-12-02T23:00:00Z'),
      end: Date.parse('2026-12-03T23:00:00Z'),
    });
  });
});
