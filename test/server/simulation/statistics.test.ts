import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate, meanAndStdDev, pairedDifference } from '../../../server/simulation/intervals.ts';
import { mserTruncation } from '../../../server/simulation/mser.ts';
import { tCdf, tQuantile } from '../../../server/simulation/tdist.ts';

/** A seeded uniform generator for synthetic series (mulberry32). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('output analysis', () => {
  it('matches published t quantiles', () => {
    // Two-sided 95 % and 99 % critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    const table: [number, number, number][] = [
      [1, 12.706, 63.657],
      [2, 4.303, 9.925],
      [5, 2.571, 4.032],
      [9, 2.262, 3.25],
      [29, 2.045, 2.756],
      [100, 1.984, 2.626],
    ];
    for (const [df, q95, q99] of table) {
      expect(tQuantile(0.975, df)).toBeCloseTo(q95, 3);
      expect(tQuantile(0.995, df)).toBeCloseTo(q99, 3);
    }
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('inverts its own CDF', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
        expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 9);
      }),
    );
  });

  it('builds t intervals and paired differences', () => {
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    expect(e.stdDev).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(e.ciHalfWidth).toBeCloseTo((2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5), 8);
    const d = pairedDifference([2, 3, 5], [1, 2, 4]);
    expect(d.mean).toBe(1);
    expect(d.ciHalfWidth).toBe(0);
    expect(meanAndStdDev([1e9 + 1, 1e9 + 2, 1e9 + 3]).stdDev).toBeCloseTo(1, 9);
  });

  it('cuts a warm-up transient with MSER-5 and leaves a stationary series almost whole', () => {
    const u = uniforms(12345);
    const noise = () => (u() + u() + u() - 1.5) * 2;
    // A ramp over the first 120 observations, then noise around 10.
    const ramped = Array.from({ length: 1000 }, (_, i) => (i < 120 ? (10 * i) / 120 : 10) + noise());
    const cut = mserTruncation(ramped);
    expect(cut % 5).toBe(0);
    expect(cut).toBeGreaterThanOrEqual(80);
    expect(cut).toBeLessThanOrEqual(200);
    const flat = Array.from({ length: 1000 }, () => 10 + noise());
    expect(mserTruncation(flat)).toBeLessThan(100);
    expect(mserTruncation([5, 5, 5])).toBe(0);
  });

  it('never truncates more than half of the batches', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 400 }), (series) => {
        const cut = mserTruncation(series);
        expect(cut % 5).toBe(0);
        expect(cut).toBeLessThanOrEqual(5 * Math.floor(Math.floor(series.length / 5) / 2));
      }),
    );
  });
});
