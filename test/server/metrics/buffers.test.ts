import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedBuffer } from '../../../server/metrics/buffers.ts';
import type { Cycle } from '../../../server/metrics/elements.ts';

const cycle = (ts: number, good = 1, scrap = 0): Cycle => ({ ts, product: null, cycleSeconds: null, good, scrap });

describe('a buffer level derived from counts', () => {
  it('counts from the moment the buffer was last empty', () => {
    // Upstream finishes at 1, 2, 3, 4, 5; the station takes at 2.5 and 3.5 (and scraps one at 6).
    const level = derivedBuffer(
      [1, 2, 3, 4, 5].map((t) => cycle(t * 1000)),
      [cycle(2500), cycle(3500), cycle(6000, 0, 1)],
      0,
    );
    expect(level).toMatchObject({ level: 2, basis: 'derived', emptyAt: new Date(0).toISOString() });
    // Started with parts already waiting: the lowest point is taken as empty.
    const drained = derivedBuffer([cycle(5000)], [cycle(1000), cycle(2000), cycle(3000)], 0);
    expect(drained).toMatchObject({ level: 1, emptyAt: new Date(3000).toISOString() });
    expect(derivedBuffer([], [], 0)).toEqual({ level: null, reason: 'no_cycles' });
  });

  it('equals the true level whenever the buffer was empty at some moment of the window', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.array(fc.boolean(), { maxLength: 200 }), (initial, moves) => {
        // A buffer that starts with `initial` parts and drains to empty first, then moves at random.
        let level = initial;
        let t = 0;
        const up: Cycle[] = [];
        const own: Cycle[] = [];
        for (let i = 0; i < initial; i++) own.push(cycle(++t));
        level = 0;
        for (const arrive of moves) {
          t++;
          if (arrive) {
            up.push(cycle(t));
            level++;
          } else if (level > 0) {
            own.push(cycle(t));
            level--;
          }
        }
        const derived = derivedBuffer(up, own, 0);
        if (!up.length && !own.length) expect(derived.level).toBeNull();
        else expect(derived.level).toBe(level);
      }),
    );
  });
});
