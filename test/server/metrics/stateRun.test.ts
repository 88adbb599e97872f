import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateRunOf } from '../../../server/metrics/metrics.ts';
import type { StateChange } from '../../../server/metrics/elements.ts';

const change = fc.record({ state: fc.constantFrom('running', 'down', 'starved'), reason: fc.constantFrom(null, 'E-TOOL') });

describe('stateRunOf', () => {
  it('finds where the last run of equal states began, or says it may have begun before the list', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (items) => {
        const states = items.map((c, i) => ({ ts: 1000 * (i + 1), ...c })) as StateChange[];
        const run = stateRunOf(states);
        const last = states[states.length - 1];
        const same = (s: StateChange) => s.state === last.state && s.reason === last.reason;
        if (!states.length || states.every(same)) {
          expect(run).toBeUndefined();
          return;
        }
        const start = states.findIndex((s, i) => states.slice(i).every(same));
        expect(run).toEqual({ state: last.state, reason: last.reason, since: states[start].ts, latest: last.ts });
        expect(same(states[start - 1])).toBe(false);
      }),
    );
  });
});
