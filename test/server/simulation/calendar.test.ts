import { describe, expect, it } from 'vitest';
import { coreCalendar } from '../../../server/simulation/calendar.ts';

const HOUR = 3_600_000;
const origin = Date.parse('2026-12-07T05:00:00Z');
const at = (hours: number) => origin + hours * HOUR;
const records = (flat: Float64Array) => Array.from({ length: flat.length / 4 }, (_, i) => Array.from(flat.slice(4 * i, 4 * i + 4)));

describe('maintenance placed in the core’s calendar', () => {
  // Model time in minutes; station op10 fails every 600 min on average, op20 never.
  const stations = ['op10', 'op20', 'op30'];
  const mtbf = [600, null, 900];
  const breaks = [{ stationId: null, start: at(4), end: at(4.5), category: 'break' as const }];
  const reasonOf = () => 1;

  it('stops the station while the work lasts and ends preventive work with MTBF ÷ factor, compounding', () => {
    const flat = coreCalendar(breaks, stations, origin, 60_000, reasonOf, {
      mtbf,
      reason: 9,
      work: [
        { stationId: 'op10', start: at(1), end: at(2), failureRateFactor: 0.5 },
        { stationId: 'op10', start: at(6), end: at(6.5), failureRateFactor: 0.5 },
        // Inspection: a stop without effect; a station that never fails keeps no MTBF.
        { stationId: 'op30', start: at(1), end: at(1.5), failureRateFactor: null },
        { stationId: 'op20', start: at(2), end: at(3), failureRateFactor: 0.8 },
        // Work on a station the model does not hold is left out.
        { stationId: 'op99', start: at(2), end: at(3), failureRateFactor: 0.5 },
      ],
    });
    expect(records(flat)).toEqual([
      [60, 0, 9, 0],
      [60, 2, 9, 0],
      [90, 2, -1, 0],
      [120, 0, -1, 1200],
      [120, 1, 9, 0],
      [180, 1, -1, 0],
      [240, 0, 1, 0],
      [240, 1, 1, 0],
      [240, 2, 1, 0],
      [270, 0, -1, 0],
      [270, 1, -1, 0],
      [270, 2, -1, 0],
      [360, 0, 9, 0],
      [390, 0, -1, 2400],
    ]);
  });

  it('keeps the effect when the work runs into a break and the two merge', () => {
    const flat = coreCalendar(breaks, stations, origin, 60_000, reasonOf, {
      mtbf,
      reason: 9,
      work: [{ stationId: 'op30', start: at(3.5), end: at(4.25), failureRateFactor: 0.75 }],
    });
    expect(records(flat).filter((r) => r[1] === 2)).toEqual([
      [210, 2, 9, 0],
      [270, 2, -1, 1200],
    ]);
  });
});
