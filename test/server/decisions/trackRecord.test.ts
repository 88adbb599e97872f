import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultTrackRecordRule as rule,
  trackRecordOf,
  trendOf,
  verdictOf,
  type CheckedPrediction,
} from '../../../server/decisions/trackRecord.ts';

const checked = (inside: boolean, relativeBias: number | null, day = 1, decisionId = `d${day}`): CheckedPrediction => ({
  decisionId,
  kpiId: 'k',
  metric: 'throughput',
  effectiveFrom: `2026-01-${String(day).padStart(2, '0')}T06:00:00Z`,
  inside,
  relativeBias,
});

const prediction = fc.record({
  inside: fc.boolean(),
  relativeBias: fc.option(fc.double({ min: -2, max: 2, noNaN: true }), { nil: null }),
  day: fc.integer({ min: 1, max: 28 }),
});
const predictions = fc
  .array(prediction, { maxLength: 30 })
  .map((list) => list.map((p, i) => checked(p.inside, p.relativeBias, p.day, `d${i}`)));

describe('the track-record rule', () => {
  it('judges examples by hand: too few, poor by coverage, poor by bias, good, fair', () => {
    const of = (list: CheckedPrediction[]) => trackRecordOf(list).verdict;
    expect(of([checked(false, -0.3), checked(false, -0.3), checked(false, -0.3)])).toBe('too_few');
    expect(of([checked(true, 0), checked(false, 0), checked(false, 0), checked(false, 0)])).toBe('poor');
    // Every value inside its (wide) interval, but 12 % high on average: poor.
    expect(of([1, 2, 3, 4].map((d) => checked(true, -0.12, d)))).toBe('poor');
    expect(of([1, 2, 3, 4, 5].map((d) => checked(d !== 3, 0.01, d)))).toBe('good');
    expect(of([1, 2, 3, 4].map((d) => checked(d !== 3, 0.01, d)))).toBe('fair');
  });

  it('is poor exactly when enough are checked and coverage or bias fails (property)', () => {
    fc.assert(
      fc.property(predictions, (list) => {
        const r = trackRecordOf(list);
        const biases = list.map((c) => c.relativeBias).filter((b): b is number => b !== null);
        const bias = biases.length ? biases.reduce((a, b) => a + b, 0) / biases.length : 0;
        const share = list.filter((c) => c.inside).length / list.length;
        const poor = list.length >= rule.minChecked && (share < rule.poorBelowInsideShare || Math.abs(bias) > rule.poorAboveRelativeBias);
        const good =
          list.length >= rule.minChecked && !poor && share >= rule.goodFromInsideShare && Math.abs(bias) <= rule.goodUpToRelativeBias;
        expect(r.verdict === 'poor').toBe(poor);
        expect(r.verdict === 'good').toBe(good);
        expect(r.verdict === 'too_few').toBe(list.length < rule.minChecked);
      }),
    );
  });

  it('does not depend on the order predictions come in, and keeps shares between 0 and 1 (property)', () => {
    fc.assert(
      fc.property(predictions, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.decisionId.length * seed) % 7) - ((b.decisionId.length * seed) % 7));
        const a = trackRecordOf(list);
        const b = trackRecordOf(shuffled);
        expect([b.verdict, b.inside, b.predictionsChecked, b.trend.label]).toEqual([
          a.verdict,
          a.inside,
          a.predictionsChecked,
          a.trend.label,
        ]);
        if (a.insideShare !== null) expect(a.insideShare).toBeGreaterThanOrEqual(0);
        if (a.insideShare !== null) expect(a.insideShare).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never gets better by adding a miss biased the same way, further off (property)', () => {
    const order = { too_few: -1, poor: 0, fair: 1, good: 2 } as const;
    fc.assert(
      fc.property(predictions, (list) => {
        const before = trackRecordOf(list);
        if (before.verdict === 'too_few') return;
        // Biases lie within ±2: a miss of 2 the same way moves the mean away from 0 (a signed mean can cancel otherwise).
        const after = trackRecordOf([...list, checked(false, (before.meanRelativeBias ?? 0) < 0 ? -2 : 2, 28, 'worse')]);
        expect(order[after.verdict]).toBeLessThanOrEqual(order[before.verdict]);
      }),
    );
  });

  it('compares the latest five with those before for the trend', () => {
    const list = [...[1, 2, 3, 4, 5].map((d) => checked(false, 0.2, d)), ...[6, 7, 8, 9, 10].map((d) => checked(true, 0.01, d))];
    const trend = trendOf(list, rule);
    expect([trend.earlier.insideShare, trend.recent.insideShare, trend.label]).toEqual([0, 1, 'improving']);
    expect(
      trendOf(
        [...list].reverse().map((c, i) => ({ ...c, effectiveFrom: list[i].effectiveFrom })),
        rule,
      ).label,
    ).toBe('worsening');
    expect(trendOf(list.slice(0, 5), rule).label).toBe('too_few');
  });

  it('takes a program’s poor thresholds', () => {
    const stats = { checked: 3, inside: 1, insideShare: 1 / 3, meanRelativeBias: 0 };
    expect(verdictOf(stats, rule)).toBe('too_few');
    expect(verdictOf(stats, { ...rule, minChecked: 3 })).toBe('poor');
    expect(verdictOf(stats, { ...rule, minChecked: 3, poorBelowInsideShare: 0.3 })).toBe('fair');
  });

  it('counts decisions apart from predictions', () => {
    const r = trackRecordOf([checked(true, 0, 1, 'a'), checked(true, 0, 1, 'a'), checked(false, 0, 2, 'b')]);
    expect([r.decisionsChecked, r.predictionsChecked, r.inside]).toEqual([2, 3, 2]);
  });
});
