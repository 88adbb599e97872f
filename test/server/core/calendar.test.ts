import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateIn, midnightIn } from '../../../server/core/calendar.ts';

// Zones with daylight saving on both hemispheres, half- and quarter-hour offsets, one that skips
// midnight itself (Santiago moves 00:00 to 01:00), and one that once skipped a whole day (Apia).
const zones = [
  'UTC',
  'Europe/Prague',
  'America/Detroit',
  'America/Santiago',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'Pacific/Apia',
];
const instants = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true });

describe('dates on a zone’s calendar', () => {
  it('puts every instant inside the day dateIn names, from its midnight to the next', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (t, zone) => {
        const day = dateIn(t, zone);
        expect(midnightIn(day, zone).getTime()).toBeLessThanOrEqual(t.getTime());
        expect(midnightIn(addDays(day, 1), zone).getTime()).toBeGreaterThan(t.getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('starts each day at the first instant that is on it', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (t, zone) => {
        const day = dateIn(t, zone);
        const start = midnightIn(day, zone);
        expect(dateIn(start, zone)).toBe(day);
        expect(dateIn(new Date(start.getTime() - 1), zone) < day).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('knows the examples plants live with', () => {
    expect(dateIn(new Date('2026-11-24T23:30:00Z'), 'Europe/Prague')).toBe('2026-11-25');
    expect(dateIn(new Date('2026-11-25T03:00:00Z'), 'America/Detroit')).toBe('2026-11-24');
    expect(midnightIn('2026-03-29', 'Europe/Prague').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(midnightIn('2026-10-25', 'Europe/Prague').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    // Santiago skips 00:00–01:00 on 2026-09-06: the day starts at 01:00 local, 04:00 UTC.
    expect(midnightIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // Apia went from −11:30 to −11:00 at midnight of 1 January 1950: that day starts at 00:30 local.
    expect(midnightIn('1950-01-01', 'Pacific/Apia').toISOString()).toBe('1950-01-01T11:30:00.000Z');
    // Apia skipped 30 December 2011: the empty day ends where 31 December begins, at 10:00 UTC.
    expect(midnightIn('2011-12-30', 'Pacific/Apia').toISOString()).toBe(midnightIn('2011-12-31', 'Pacific/Apia').toISOString());
  });
});
