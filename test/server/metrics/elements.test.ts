import { describe, expect, it } from 'vitest';
import { stationElements, sumElements, type Cycle, type StateChange } from '../../../server/metrics/elements.ts';
import { cycleDistribution, elementView, oeeFigures, paretoOfStops, reliability } from '../../../server/metrics/figures.ts';
import { plannedTime } from '../../../server/schedules/planned.ts';
import type { StateClass } from '../../../server/events/index.ts';
import { expectedElements, shiftStates } from './shiftFixture.ts';

const at = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00Z`);
const ZONE = 'Europe/Prague'; // UTC+1 in December: the 06:00–14:00 shift is 05:00–13:00Z

// An early shift on Thursday 3 December 2026 with a half-hour break at 10:00 local.
const shifts = [{ name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '10:00', end: '10:30' }] }];
const window = { start: at('05:00'), end: at('13:00') };

const states: StateChange[] = shiftStates.map(([hhmm, state, reason]) => ({
  ts: at(hhmm),
  state: state as StateClass,
  reason: reason ?? null,
}));
const cycles: Cycle[] = [
  ...Array.from({ length: 370 }, (_, i) => ({ ts: window.start + i * 60_000, product: 'A', cycleSeconds: 60, good: 1, scrap: 0 })),
  ...Array.from({ length: 10 }, (_, i) => ({ ts: window.start + i * 61_000, product: 'A', cycleSeconds: 60, good: 0, scrap: 1 })),
];
// The energy comes summed from the database (energyByStation, tested in energy.test.ts).
const energyKwh = 2.5;

describe('ISO 22400 elements of a shift with a break, a microstop, a failure, a setup and a planned stop', () => {
  const planned = plannedTime(shifts, [], window, ZONE);
  const e = stationElements(
    { states, cycles, energyKwh },
    { window, planned, microstopMs: 120_000, ideal: () => ({ seconds: 60, source: 'station' }) },
  );

  it('cuts the window by the shift and its break', () => {
    expect(planned.operation).toEqual([window]);
    expect(planned.plannedDown).toEqual([{ start: at('09:00'), end: at('09:30') }]);
  });

  it('puts each state into its element, by hand: running 384 min, microstop 1, failure 20, setup 10, starved 10, planned stop 15, offline 10', () => {
    expect(e.byClass).toEqual({
      running: 384 * 60_000,
      reduced_speed: 0,
      microstop: 60_000,
      unplanned_stop: 20 * 60_000,
      setup: 10 * 60_000,
      starved: 10 * 60_000,
      blocked: 0,
      planned_stop: 15 * 60_000, // the break's planned_stop lies outside the busy time: not counted twice
      offline: 10 * 60_000,
    });
    expect(elementView(e)).toEqual(expectedElements);
    expect(e.aptMs + e.adetMs + e.asutMs + e.adotMs + e.offlineMs).toBe(e.pbtMs);
  });

  it('computes availability, effectiveness, quality and OEE from the elements', () => {
    const f = oeeFigures(e);
    expect(f.availability.value).toBeCloseTo(23_100 / 26_100, 12);
    expect(f.effectiveness.value).toBeCloseTo((60 * 380) / 23_100, 12);
    expect(f.quality.value).toBeCloseTo(370 / 380, 12);
    expect(f.oee.value).toBeCloseTo((23_100 / 26_100) * ((60 * 380) / 23_100) * (370 / 380), 12);
    expect(f.technicalEfficiency.value).toBeCloseTo(23_100 / 24_300, 12);
    expect(reliability(e)).toEqual({ failures: 1, mtbf: { value: 23_100 }, mttr: { value: 1_200 } });
  });

  it('ranks the stops by time and by count, naming unknown codes as unclassified', () => {
    const tree: Record<string, { name: string; category: string }> = {
      SPINDLE: { name: 'Spindle fault', category: 'technical' },
      CHG: { name: 'Product changeover', category: 'changeover' },
    };
    const pareto = paretoOfStops(e.stops, (code) =>
      code && tree[code] ? { ...tree[code], classified: true } : { name: 'unclassified stop', category: 'other', classified: false },
    );
    expect(pareto.byTime.map((g) => [g.reason, g.seconds, g.count, g.microstops])).toEqual([
      ['SPINDLE', 1200, 1, 0],
      ['CHG', 600, 1, 0],
      ['JAM', 60, 1, 1],
    ]);
    expect(pareto.unclassifiedSeconds).toBe(60);
  });

  it('says why a figure is absent instead of answering 0 or 1', () => {
    const idle = stationElements(
      { states: [], cycles: [], energyKwh: null },
      { window, planned: plannedTime(shifts, [], { start: at('00:00'), end: at('04:00') }, ZONE), microstopMs: 120_000, ideal: () => null },
    );
    expect(oeeFigures(idle)).toMatchObject({
      availability: { value: null, reason: 'no_planned_time' },
      effectiveness: { value: null, reason: 'no_production_time' },
      quality: { value: null, reason: 'no_output' },
      oee: { value: null, reason: 'no_planned_time' },
    });
    const noIdeal = stationElements({ states, cycles, energyKwh }, { window, planned, microstopMs: 120_000, ideal: () => null });
    expect(oeeFigures(noIdeal).effectiveness).toEqual({ value: null, reason: 'no_ideal_cycle_time' });
    expect(reliability(idle).mtbf).toEqual({ value: null, reason: 'no_failures' });
  });
});

describe('a line from its stations', () => {
  it('sums the time elements and takes the output of the exit station, never averaging OEE', () => {
    const planned = plannedTime(null, [], window, ZONE);
    const ideal = () => ({ seconds: 50, source: 'station' as const });
    const one = (stateList: StateChange[], made: number, good: number) =>
      stationElements(
        {
          states: stateList,
          cycles: Array.from({ length: made }, (_, i) => ({
            ts: window.start + i,
            product: null,
            cycleSeconds: 50,
            good: i < good ? 1 : 0,
            scrap: i < good ? 0 : 1,
          })),
          energyKwh: null,
        },
        { window, planned, microstopMs: 120_000, ideal },
      );
    // Station 1 runs all 8 h; station 2 (the exit) is down for 2 of them.
    const first = one([{ ts: window.start, state: 'running', reason: null }], 500, 500);
    const exit = one(
      [
        { ts: window.start, state: 'unplanned_stop', reason: 'X' },
        { ts: at('07:00'), state: 'running', reason: null },
      ],
      400,
      390,
    );
    const line = sumElements([first, exit]);
    const f = oeeFigures(line, { pq: exit.pq, gq: exit.gq });
    expect(f.availability.value).toBeCloseTo((8 + 6) / 16, 12);
    expect(f.effectiveness.value).toBeCloseTo((50 * 500 + 50 * 400) / ((8 + 6) * 3600), 12);
    expect(f.quality.value).toBeCloseTo(390 / 400, 12);
    const averaged = (oeeFigures(first).oee.value! + oeeFigures(exit).oee.value!) / 2;
    expect(f.oee.value).not.toBeCloseTo(averaged, 3);
  });
});

describe('the observed cycle-time distribution', () => {
  it('has the mean, coefficient of variation and percentiles of a spreadsheet', () => {
    const d = cycleDistribution(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(d.count).toBe(100);
    expect(d.mean.value).toBe(50.5);
    expect(d.cv.value).toBeCloseTo(Math.sqrt(841.6666666666666) / 50.5, 12);
    expect(d.p50.value).toBeCloseTo(50.5, 12);
    expect(d.p90.value).toBeCloseTo(90.1, 12);
    expect(d.p99.value).toBeCloseTo(99.01, 12);
    expect(cycleDistribution([]).mean).toEqual({ value: null, reason: 'no_cycles' });
  });
});
