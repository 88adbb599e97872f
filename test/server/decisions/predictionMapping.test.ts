import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPrediction, runPredictions, throughputPrediction, type MappedRun } from '../../../server/decisions/predictionMapping.ts';

const at = new Date('2026-11-25T08:00:00Z');
const run = (kind: string, result: unknown, extra: Partial<MappedRun> = {}): MappedRun => ({
  id: `${kind}-1`,
  kind,
  lineId: 'line-1',
  title: 'Crankshaft 1: throughput',
  input: {},
  result,
  finishedAt: at,
  ...extra,
});
const estimate = (mean: number, half: number) => ({ mean, ciLow: mean - half, ciHigh: mean + half, ciHalfWidth: half, stdDev: 1, n: 10 });

describe('the rule that maps a run onto live metrics', () => {
  it('reads a simulation’s throughput per model time unit as parts per hour of planned production, steady state', () => {
    const [p] = runPredictions(run('simulation', { throughput: estimate(1.2, 0.1), timeUnit: 'min' }));
    expect(p).toMatchObject({
      metric: 'throughput',
      stationCode: null,
      scenario: 'Crankshaft 1: throughput',
      unit: 'parts/h',
      runId: 'simulation-1',
      lineId: 'line-1',
    });
    expect([p.value, p.low, p.high].map((x) => Number(x.toFixed(9)))).toEqual([72, 66, 78]);
    expect(p.window).toEqual({ start: at.toISOString(), end: at.toISOString(), kind: 'steady_state' });
  });

  it('takes the time unit from the result, else from the model, else minutes', () => {
    const perSecond = runPredictions(run('simulation', { throughput: estimate(0.02, 0.001) }, { input: { model: { timeUnit: 's' } } }));
    expect(perSecond[0].value).toBeCloseTo(72, 9);
    const perHour = runPredictions(
      run('simulation', { throughput: estimate(72, 1), timeUnit: 'h' }, { input: { model: { timeUnit: 's' } } }),
    );
    expect(perHour[0].value).toBeCloseTo(72, 9);
    expect(runPredictions(run('simulation', { throughput: estimate(1, 0.1) }))[0].value).toBeCloseTo(60, 9);
  });

  it('names a comparison’s scenarios as the comparison does', () => {
    const result = {
      baseline: { name: 'as is', result: { throughput: estimate(1, 0.05), timeUnit: 'min' } },
      variants: [{ name: 'bigger buffer', result: { throughput: estimate(1.1, 0.05), timeUnit: 'min' } }],
    };
    expect(runPredictions(run('comparison', result)).map((p) => [p.scenario, Math.round(p.value)])).toEqual([
      ['as is', 60],
      ['bigger buffer', 66],
    ]);
  });

  it('takes the daily questions’ predictions as they are, leaving out what is not one', () => {
    const good = {
      metric: 'oee',
      stationCode: 'op20',
      scenario: 'forecast',
      window: { start: 'a', end: 'b', kind: 'shift' },
      value: 0.7,
      low: 0.6,
      high: 0.8,
      unit: 'ratio',
    };
    const odd = [
      { ...good, metric: 'speed' },
      { ...good, value: 'high' },
      { ...good, low: 0.75 },
    ];
    const predictions = runPredictions(run('next_shift', { predictions: [good, ...odd] }));
    expect(predictions).toEqual([{ ...good, runId: 'next_shift-1', lineId: 'line-1' }]);
  });

  it('finds nothing in a calibration, a run without a result, or a result without an interval', () => {
    expect(runPredictions(run('calibration', { throughput: estimate(1, 0.1) }))).toEqual([]);
    expect(runPredictions(run('simulation', null))).toEqual([]);
    expect(runPredictions(run('simulation', { throughput: { mean: 1, ciLow: Number.NaN, ciHigh: Number.NaN } }))).toEqual([]);
  });

  it('scales every value of a throughput by the same factor (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.constantFrom('s', 'min', 'h' as const),
        (mean, half, unit) => {
          const p = throughputPrediction({ mean, ciLow: mean - half, ciHigh: mean + half }, unit, 'x', at.toISOString());
          const f = { s: 3600, min: 60, h: 1 }[unit];
          expect(p.value).toBeCloseTo(mean * f, 6);
          expect(p.low).toBeLessThanOrEqual(p.value);
          expect(p.value).toBeLessThanOrEqual(p.high);
        },
      ),
    );
  });
});

describe('matching a KPI’s prediction', () => {
  const target = { metric: 'throughput' as const, lineId: 'line-1', stationCode: null };
  const forecast = runPredictions(run('next_shift', { predictions: [] }));
  const comparison = runPredictions(
    run('comparison', {
      baseline: { name: 'as is', result: { throughput: estimate(1, 0.05) } },
      variants: [{ name: 'bigger buffer', result: { throughput: estimate(1.1, 0.05) } }],
    }),
  );

  it('takes the only one, the one named, or says which there are', () => {
    const single = runPredictions(run('simulation', { throughput: estimate(1, 0.1) }));
    expect(matchPrediction(single, target, null).kind).toBe('match');
    expect(matchPrediction(comparison, target, null)).toEqual({
      kind: 'ambiguous',
      scenarios: ['as is', 'bigger buffer'],
      runIds: ['comparison-1'],
    });
    const named = matchPrediction(comparison, target, 'bigger buffer');
    expect(named.kind === 'match' && named.prediction.scenario).toBe('bigger buffer');
    expect(matchPrediction(comparison, target, 'smaller buffer').kind).toBe('none');
    expect(matchPrediction(forecast, target, null).kind).toBe('none');
  });

  it('matches only the KPI’s metric, line and station', () => {
    expect(matchPrediction(comparison, { ...target, lineId: 'line-2' }, 'as is').kind).toBe('none');
    expect(matchPrediction(comparison, { ...target, stationCode: 'op20' }, 'as is').kind).toBe('none');
    expect(matchPrediction(comparison, { ...target, metric: 'oee' }, 'as is').kind).toBe('none');
  });

  it('is ambiguous when two runs predict the scenario named', () => {
    const again = comparison.map((p) => ({ ...p, runId: 'comparison-2' }));
    const m = matchPrediction([...comparison, ...again], target, 'as is');
    expect(m).toEqual({ kind: 'ambiguous', scenarios: ['as is'], runIds: ['comparison-1', 'comparison-2'] });
  });
});
