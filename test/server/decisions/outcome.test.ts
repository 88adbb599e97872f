import { describe, expect, it } from 'vitest';
import { dueAtOf, outcomeOf, type LiveCheck, type MeasuredPeriod, type OutcomeInput } from '../../../server/decisions/outcome.ts';

const week = (start: string, end: string, value: number, i = 0): MeasuredPeriod => ({
  id: `m${i}-${start}`,
  periodStart: start,
  periodEnd: end,
  value,
  recordedBy: 'person',
});

// A weekly KPI measured Monday to Sunday; the decision takes effect on Monday 30 November 2026 at 06:00 in Prague.
const series: MeasuredPeriod[] = [
  week('2026-11-16', '2026-11-22', 60, 1),
  week('2026-11-23', '2026-11-29', 61, 2),
  week('2026-11-30', '2026-12-06', 66, 3),
  week('2026-12-07', '2026-12-13', 70, 4),
];
const input = (overrides: Partial<OutcomeInput> = {}): OutcomeInput => ({
  prediction: { value: 65, low: 63, high: 67 },
  cadence: 'weekly',
  effectiveFrom: new Date('2026-11-30T05:00:00Z'),
  zone: 'Europe/Prague',
  now: new Date('2026-12-08T12:00:00Z'),
  measurements: series,
  live: { bound: false, check: null, checkedAt: null },
  ...overrides,
});

describe('the outcome of a prediction on hand-made KPI series', () => {
  it('is due one cadence after the effect, at the same time of day in the program’s zone', () => {
    expect(dueAtOf(new Date('2026-11-30T05:00:00Z'), 'weekly', 'Europe/Prague').toISOString()).toBe('2026-12-07T05:00:00.000Z');
    // Across the change to summer time the wall clock stays 06:00 (04:00Z after it).
    expect(dueAtOf(new Date('2027-03-15T05:00:00Z'), 'monthly', 'Europe/Prague').toISOString()).toBe('2027-04-15T04:00:00.000Z');
    expect(dueAtOf(new Date('2026-11-30T05:00:00Z'), 'quarterly', 'Europe/Prague').toISOString()).toBe('2027-02-28T05:00:00.000Z');
  });

  it('is pending until due, showing nothing realised', () => {
    const o = outcomeOf(input({ now: new Date('2026-12-07T04:59:59Z') }));
    expect(o).toMatchObject({ status: 'pending', realised: null, inside: null, dueAt: '2026-12-07T05:00:00.000Z' });
  });

  it('takes the mean of the periods that begin within the first cadence after the effect: inside', () => {
    const o = outcomeOf(input());
    expect(o.measurements).toMatchObject({ from: '2026-11-30', until: '2026-12-06', count: 1, mean: 66 });
    expect(o).toMatchObject({ status: 'checked', realised: 66, realisedFrom: 'measurements', inside: true, bias: 1 });
    expect(o.relativeBias).toBeCloseTo(1 / 65, 12);
  });

  it('judges a realised value outside the interval, with the bias signed realised − predicted', () => {
    const o = outcomeOf(input({ prediction: { value: 70, low: 68, high: 72 } }));
    expect(o).toMatchObject({ status: 'checked', realised: 66, inside: false, bias: -4 });
    expect(o.relativeBias).toBeCloseTo(-4 / 70, 12);
    // The interval's ends are inside.
    expect(outcomeOf(input({ prediction: { value: 65, low: 60, high: 66 } })).inside).toBe(true);
  });

  it('averages several measurements of the cadence (daily values of a weekly KPI), mid-week effect included', () => {
    const daily = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09'].map((d, i) => week(d, d, 60 + i, i));
    // Effective Wednesday 2 December: the days from then to Tuesday 8 December count, not the 9th.
    const o = outcomeOf(
      input({ effectiveFrom: new Date('2026-12-02T05:00:00Z'), now: new Date('2026-12-10T00:00:00Z'), measurements: daily }),
    );
    expect(o.measurements.count).toBe(5);
    expect(o.realised).toBe((60 + 61 + 62 + 63 + 64) / 5);
  });

  it('has no data when nothing was measured for the periods, until something is', () => {
    const early = series.slice(0, 2);
    expect(outcomeOf(input({ measurements: early }))).toMatchObject({ status: 'no_data', realised: null });
  });

  it('falls back on the live window after the effect, and waits for the live check of a live KPI', () => {
    const check: LiveCheck = {
      metric: 'throughput',
      metricUnit: 'parts/h',
      scale: 1,
      plannedHours: 112.5,
      before: null,
      after: {
        from: 'a',
        to: 'b',
        plannedHours: 112.5,
        value: 64.5,
        reason: null,
        counts: { events: 1, produced: 1, good: 1, scrap: 0, plannedBusyHours: 112.5, energyKwh: null },
      },
      effect: null,
      reason: null,
    };
    const measurementsOnlyBefore = series.slice(0, 2);
    const awaiting = outcomeOf(input({ measurements: measurementsOnlyBefore, live: { bound: true, check: null, checkedAt: null } }));
    expect(awaiting.status).toBe('pending');
    const checked = outcomeOf(
      input({ measurements: measurementsOnlyBefore, live: { bound: true, check, checkedAt: new Date('2026-12-07T06:00:00Z') } }),
    );
    expect(checked).toMatchObject({ status: 'checked', realised: 64.5, realisedFrom: 'live_data', inside: true });
    expect(checked.liveData).toMatchObject({ checkedAt: '2026-12-07T06:00:00.000Z', plannedHours: 112.5 });
    // Measurements come first where both exist.
    expect(outcomeOf(input({ live: { bound: true, check, checkedAt: new Date() } })).realisedFrom).toBe('measurements');
  });

  it('has no relative bias for a predicted zero', () => {
    const o = outcomeOf(input({ prediction: { value: 0, low: -1, high: 100 } }));
    expect([o.bias, o.relativeBias]).toEqual([66, null]);
  });
});
