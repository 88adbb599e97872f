import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowanceOf, breachesOf, comparePeriods, type PeriodCounts } from '../../../server/consistency/compare.ts';

const hour = (h: number, a: number | null, b: number | null): PeriodCounts => ({
  from: `2026-12-07T${String(h).padStart(2, '0')}:00:00Z`,
  to: `2026-12-07T${String(h + 1).padStart(2, '0')}:00:00Z`,
  a,
  b,
});

describe('comparing two sources per period', () => {
  const tolerance = { absolute: 2, relative: 0.02 };

  it('finds a breach beyond the tolerance and lets a difference within it pass', () => {
    const [small, edge, large, breach] = comparePeriods(
      [hour(6, 58, 57), hour(7, 200, 196), hour(8, 200, 195), hour(9, 30, 40)],
      tolerance,
    );
    // 1 part off, 2 allowed (2 % of 58 is less than the absolute 2).
    expect(small).toMatchObject({ difference: 1, allowed: 2, verdict: 'consistent' });
    // 4 parts off, 2 % of 200 = 4 allowed: on the edge is within.
    expect(edge).toMatchObject({ difference: 4, allowed: 4, verdict: 'consistent' });
    expect(large).toMatchObject({ difference: 5, allowed: 4, verdict: 'inconsistent' });
    expect(breach).toMatchObject({ difference: -10, verdict: 'inconsistent' });
  });

  it('tells a side that sent nothing from a period nobody counted', () => {
    const compared = comparePeriods([hour(6, 40, null), hour(7, null, 40), hour(8, null, null)], tolerance);
    expect(compared.map((p) => p.verdict)).toEqual(['one_side_missing', 'one_side_missing', 'no_data']);
    expect(compared.every((p) => p.difference === null && p.allowed === null)).toBe(true);
  });

  it('lists the breaches newest first', () => {
    const compared = comparePeriods([hour(6, 10, 30), hour(7, 50, 50), hour(8, 5, null), hour(9, null, null)], tolerance);
    expect(breachesOf(compared).map((p) => p.from)).toEqual(['2026-12-07T08:00:00Z', '2026-12-07T06:00:00Z']);
  });

  it('judges the same either way round, and never a difference within the absolute allowance', () => {
    const count = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null });
    const tol = fc.record({ absolute: fc.integer({ min: 0, max: 100 }), relative: fc.double({ min: 0, max: 0.5, noNaN: true }) });
    fc.assert(
      fc.property(count, count, tol, (a, b, t) => {
        const [ab] = comparePeriods([hour(6, a, b)], t);
        const [ba] = comparePeriods([hour(6, b, a)], t);
        expect(ab.verdict).toBe(ba.verdict);
        if (a !== null && b !== null) {
          expect(ab.difference).toBe(-ba.difference! || 0);
          expect(ab.allowed).toBe(allowanceOf(a, b, t));
          if (Math.abs(a - b) <= t.absolute) expect(ab.verdict).toBe('consistent');
        }
      }),
    );
  });
});
