import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, normalize, subtract, totalMs, type Interval } from '../../../server/core/intervals.ts';

// Against a bitmap of unit cells on a small range: the algebra must agree with set operations.
const interval = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const set = fc.array(interval, { maxLength: 8 });
const cells = (xs: readonly Interval[]) => new Set(xs.flatMap((i) => Array.from({ length: i.end - i.start }, (_, k) => i.start + k)));

describe('interval algebra', () => {
  it('agrees with set union, intersection and difference, and stays sorted and disjoint', () => {
    fc.assert(
      fc.property(set, set, (a, b) => {
        const na = normalize(a);
        const nb = normalize(b);
        for (const [result, expected] of [
          [na, cells(a)],
          [intersect(na, nb), new Set([...cells(a)].filter((c) => cells(b).has(c)))],
          [subtract(na, nb), new Set([...cells(a)].filter((c) => !cells(b).has(c)))],
        ] as const) {
          expect(cells(result)).toEqual(expected);
          expect(totalMs(result)).toBe(expected.size);
          for (let i = 1; i < result.length; i++) expect(result[i].start).toBeGreaterThan(result[i - 1].end - 1);
          for (const r of result) expect(r.end).toBeGreaterThan(r.start);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
