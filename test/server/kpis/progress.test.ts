import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapClosed, nextMeasurementDue, targetImproves, trend } from '../../../server/kpis/progress.ts';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('gap closed', () => {
  it('is 0 at baseline, 1 at target, for both directions', () => {
    fc.assert(
      fc.property(value, value, (baseline, target) => {
        fc.pre(Math.abs(target - baseline) > 1e-6);
        expect(gapClosed(baseline, target, baseline)).toBe(0);
        expect(gapClosed(baseline, target, target)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('grows as the value moves toward the target, whichever direction is better', () => {
    fc.assert(
      fc.property(
        value,
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (baseline, size, higher, a, b) => {
          const target = higher ? baseline + size : baseline - size;
          expect(targetImproves(higher ? 'higher_is_better' : 'lower_is_better', baseline, target)).toBe(true);
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const at = (share: number) => baseline + (target - baseline) * share;
          expect(gapClosed(baseline, target, at(hi))!).toBeGreaterThanOrEqual(gapClosed(baseline, target, at(lo))! - 1e-9);
          // Worse than baseline is negative in both directions.
          expect(gapClosed(baseline, target, higher ? baseline - size : baseline + size)!).toBeCloseTo(-1, 9);
        },
      ),
    );
  });

  it('is undefined without a baseline, a value, or a gap', () => {
    expect(gapClosed(null, 10, 5)).toBeNull();
    expect(gapClosed(5, 10, null)).toBeNull();
    expect(gapClosed(5, 5, 7)).toBeNull();
  });
});

describe('trend', () => {
  const monthly = (values: number[]) => values.map((v, i) => ({ date: `2026-0${i + 1}-28`, value: v }));

  it('reads rising values as improving when higher is better, worsening when lower is better', () => {
    const points = monthly([60, 61, 62.5, 63, 64.2, 65]);
    expect(trend(points, 'higher_is_better', 10).label).toBe('improving');
    expect(trend(points, 'lower_is_better', -10).label).toBe('worsening');
    expect(trend(points, 'higher_is_better', 10).slopePer30Days).toBeGreaterThan(0.9);
  });

  it('calls small changes flat and too few points insufficient', () => {
    expect(trend(monthly([60, 60.05, 59.98, 60.02]), 'higher_is_better', 10).label).toBe('flat');
    expect(trend(monthly([60]), 'higher_is_better', 10).label).toBe('insufficient_data');
  });

  it('uses only the last window of measurements', () => {
    const points = monthly([80, 70, 60, 61, 62, 63, 64]);
    expect(trend(points, 'higher_is_better', 10, 5).label).toBe('improving');
  });
});

describe('next measurement due', () => {
  it('adds the cadence and its grace', () => {
    expect(nextMeasurementDue('weekly', '2026-11-22')).toBe('2026-12-01');
    expect(nextMeasurementDue('monthly', '2026-10-31')).toBe('2026-12-07');
    expect(nextMeasurementDue('monthly', '2026-01-31')).toBe('2026-03-07');
    expect(nextMeasurementDue('quarterly', '2026-09-30')).toBe('2027-01-13');
  });
});
