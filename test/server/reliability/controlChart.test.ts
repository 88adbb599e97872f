import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FALSE_ALARM_RATE,
  MIN_BASELINE_POINTS,
  controlChart,
  robustLimits,
  runRuleSignals,
  zScore,
  type SeriesPoint,
} from '../../../server/reliability/controlChart.ts';
import { seededRandom } from '../../../server/core/random.ts';

/** Standard normal draws from a seeded stream (Box–Muller). */
function normals(seed: number) {
  const random = seededRandom(seed);
  return () => {
    let u = 0;
    while (u === 0) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** `n` points of a shift from `start`, an hour apart, with values from `value(i)`. */
function series(group: string, n: number, value: (i: number) => number, start = 0): SeriesPoint[] {
  return Array.from({ length: n }, (_, i) => ({ at: `t${String(start + i).padStart(6, '0')}-${group}`, value: value(i), group }));
}

describe('robustLimits', () => {
  it('takes the median and 1.4826 × the median absolute deviation', () => {
    // 1 … 9 five times: median 5; deviations 0 (5 times) and 1, 2, 3, 4 (10 times each): MAD 2.
    const limits = robustLimits(Array.from({ length: 45 }, (_, i) => 1 + (i % 9)))!;
    expect(limits).toEqual({ center: 5, sigma: expect.closeTo(1.4826 * 2, 12), count: 45 });
    // The median of an even count is the mean of the middle two.
    expect(robustLimits(Array.from({ length: 40 }, (_, i) => 1 + (i % 9)))!.center).toBe(4.5);
  });

  it('gives no limits to a short baseline, and ignores values that are no numbers', () => {
    expect(robustLimits(Array(MIN_BASELINE_POINTS - 1).fill(3))).toBeNull();
    expect(robustLimits([...Array(MIN_BASELINE_POINTS - 1).fill(3), NaN, Infinity])).toBeNull();
  });

  it('falls back to the mean absolute deviation when most values are equal, and to 0 when all are', () => {
    // 38 × 5, one 6, one 9: MAD 0, mean absolute deviation 5 / 40.
    const limits = robustLimits([...Array(MIN_BASELINE_POINTS - 2).fill(5), 6, 9])!;
    expect(limits.center).toBe(5);
    expect(limits.sigma).toBeCloseTo((1.2533 * 5) / MIN_BASELINE_POINTS, 12);
    const flat = robustLimits(Array(MIN_BASELINE_POINTS).fill(5))!;
    expect(flat.sigma).toBe(0);
    expect(zScore(5, flat)).toBe(0);
    expect(zScore(5.1, flat)).toBe(Infinity);
    expect(zScore(4.9, flat)).toBe(-Infinity);
  });
});

describe('runRuleSignals', () => {
  it('fires each Western Electric rule at the point that completes it, on its side', () => {
    expect(runRuleSignals([0, 0.5, 3.2])).toEqual([{ index: 2, rule: 'beyond_3_sigma', side: 'high' }]);
    expect(runRuleSignals([-2.5, 0.1, -2.2])).toEqual([{ index: 2, rule: 'two_of_three_beyond_2_sigma', side: 'low' }]);
    expect(runRuleSignals([1.5, 1.2, 0.2, 1.1, 1.9])).toEqual([{ index: 4, rule: 'four_of_five_beyond_1_sigma', side: 'high' }]);
    expect(runRuleSignals(Array(9).fill(-0.4))).toEqual([{ index: 7, rule: 'eight_on_one_side', side: 'low' }]);
  });

  it('fires nothing on points that complete no rule, or whose own side is not the run’s', () => {
    expect(runRuleSignals([2.5, -0.1, -0.1])).toEqual([]);
    expect(runRuleSignals([2.5, 2.9, 1.9, -3.1])).toEqual([
      { index: 1, rule: 'two_of_three_beyond_2_sigma', side: 'high' },
      { index: 3, rule: 'beyond_3_sigma', side: 'low' },
    ]);
    expect(runRuleSignals([0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0])).toEqual([]);
    expect(runRuleSignals([NaN, 4])).toEqual([{ index: 1, rule: 'beyond_3_sigma', side: 'high' }]);
  });
});

describe('controlChart', () => {
  // Two shifts of one station whose cycle time differs by shift: the baseline is each shift's own.
  const noise = normals(11);
  const baseline = [...series('early', 120, () => 100 + 2 * noise()), ...series('late', 120, () => 110 + 2 * noise())];

  it('finds a spike, judged by the point’s own shift', () => {
    const late = series('late', 60, (i) => (i === 30 ? 110 + 2 * 5 : 110 + 2 * noise()), 1000);
    const chart = controlChart(baseline, late);
    expect(chart.signals).toContainEqual({ index: 30, rule: 'beyond_3_sigma', side: 'high' });
    expect(chart.points[30].limits!.center).toBeCloseTo(110, 0);
    // The late shift's normal level is no anomaly by its own baseline, though 5 σ above the early one's.
    expect(chart.signals.filter((s) => s.rule === 'beyond_3_sigma')).toHaveLength(1);
  });

  it('finds a sustained shift of 1.5 σ within a dozen points of its start', () => {
    const watched = series('early', 80, (i) => 100 + (i >= 40 ? 3 : 0) + 2 * noise(), 2000);
    const chart = controlChart(baseline, watched);
    const first = chart.signals.find((s) => s.index >= 40);
    expect(first?.side).toBe('high');
    expect(first!.index - 40).toBeLessThan(12);
  });

  it('judges no point of a shift without enough baseline, and does not let it break a run', () => {
    const short = [...baseline, ...series('night', MIN_BASELINE_POINTS - 1, () => 90)];
    const watched = series('night', 3, () => 500, 3000);
    const chart = controlChart(short, watched);
    expect(chart.points.every((p) => p.limits === null && p.z === null)).toBe(true);
    expect(chart.signals).toEqual([]);
  });

  it(`flags no more than ${FALSE_ALARM_RATE * 100} % of stable points with the shortest baseline it judges by`, () => {
    const draw = normals(20261208);
    let flagged = 0;
    let total = 0;
    for (let rep = 0; rep < 100; rep++) {
      const base = series('a', MIN_BASELINE_POINTS, () => 50 + 4 * draw());
      const watched = series('a', 400, () => 50 + 4 * draw(), 10_000);
      flagged += controlChart(base, watched).signals.length;
      total += watched.length;
    }
    expect(flagged / total).toBeLessThanOrEqual(FALSE_ALARM_RATE);
    // It is a chart that does flag: far from none.
    expect(flagged / total).toBeGreaterThan(0.005);
  });

  it('is unchanged by the unit and origin of the values, and a falling scale swaps the sides', () => {
    // Integers scaled by powers of two and shifted by integers: every step is exact in floating point.
    const value = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: MIN_BASELINE_POINTS, maxLength: 60 }),
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0.25, 0.5, 2, 8),
        fc.integer({ min: -1000, max: 1000 }),
        (base, watched, a, b) => {
          const signals = (scale: number, shift: number) =>
            controlChart(
              series('s', base.length, (i) => scale * base[i] + shift),
              series('s', watched.length, (i) => scale * watched[i] + shift, 500),
            ).signals.map((s) => `${s.index}:${s.rule}:${s.side}`);
          const plain = signals(1, 0);
          expect(signals(a, b)).toEqual(plain);
          const swapped = (list: string[]) => list.map((s) => s.replace(/high$|low$/, (side) => (side === 'high' ? 'low' : 'high')));
          expect(swapped(signals(-a, b))).toEqual(plain);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('only ever signals a watched point with limits, on the side its value lies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 0, maxLength: 80 }),
        fc.array(fc.tuple(fc.double({ min: -80, max: 80, noNaN: true }), fc.constantFrom('a', 'b')), { maxLength: 60 }),
        (base, watched) => {
          const chart = controlChart(
            series('a', base.length, (i) => base[i]),
            watched.map(([v, g], i) => ({ at: `w${String(i).padStart(4, '0')}`, value: v, group: g })),
          );
          for (const s of chart.signals) {
            const p = chart.points[s.index];
            expect(p.z).not.toBeNull();
            expect(s.side === 'high' ? p.z! > 0 : p.z! < 0).toBe(true);
          }
        },
      ),
    );
  });
});
