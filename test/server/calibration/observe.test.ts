import { describe, expect, it } from 'vitest';
import { observeStation } from '../../../server/calibration/observe.ts';

const t = (minute: number) => Date.parse('2026-11-25T06:00:00Z') + minute * 60_000;
const cycle = (minute: number, product: string) => ({ ts: t(minute), product, cycleSeconds: 50, good: 1, scrap: 0 });

describe('what a window of events says about a station', () => {
  it('counts stops as failures with their repair times, and setups between products as changeovers', () => {
    const o = observeStation(
      {
        states: [
          { ts: t(-5), state: 'running', reason: null },
          { ts: t(10), state: 'unplanned_stop', reason: 'E1' },
          // A reason that changes while down is still one stop.
          { ts: t(12), state: 'unplanned_stop', reason: 'E2' },
          { ts: t(15), state: 'running', reason: null },
          { ts: t(20), state: 'setup', reason: 'CO' },
          { ts: t(24), state: 'running', reason: null },
          { ts: t(30), state: 'setup', reason: 'CLEAN' },
          { ts: t(32), state: 'running', reason: null },
        ],
        cycles: [cycle(5, 'A'), cycle(20, 'A'), cycle(25, 'B'), cycle(29, 'B'), cycle(33, 'B')],
        energyKwh: null,
      },
      { start: t(0), end: t(60) },
    );
    expect(o.failures).toBe(1);
    expect(o.repairSeconds).toEqual([300]);
    expect(o.seconds.unplanned_stop).toBe(300);
    expect(o.seconds.setup).toBe(360);
    expect(o.seconds.running).toBe(3600 - 660);
    // The first setup lies between A and B; the second between two B cycles is no changeover.
    expect(o.changeovers).toEqual([{ from: 'A', to: 'B', seconds: 240 }]);
    expect(o.parts).toBe(5);
    expect(o.products).toEqual(['A', 'A', 'B', 'B', 'B']);
  });
});
