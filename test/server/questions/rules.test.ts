/** The questions' plain rules: where a job may be placed, the live state as the core's, shares with intervals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_FIELDS, MachineState } from '../../../wasm-core/sim.ts';
import { flattenModel } from '../../../server/simulation/flatten.ts';
import { parseSimulationModel } from '../../../server/simulation/index.ts';
import { placementsOf, PLACEMENTS_PER_KIND, type WorkOrderCandidate } from '../../../server/questions/placements.ts';
import { startingState } from '../../../server/questions/liveStart.ts';
import { proportion, plannedHours } from '../../../server/questions/common.ts';
import { causeOf } from '../../../server/questions/nextShift.ts';
import { tradeOffOf } from '../../../server/questions/mix.ts';
import type { LineStop } from '../../../server/schedules/index.ts';

const H = 3_600_000;
const estimate = (low: number, high: number) => ({
  mean: (low + high) / 2,
  ciLow: low,
  ciHigh: high,
  ciHalfWidth: (high - low) / 2,
  stdDev: 1,
  n: 10,
});

describe('placements of a work order', () => {
  const stop = fc
    .record({ start: fc.integer({ min: 0, max: 160 }), hours: fc.integer({ min: 1, max: 12 }), line: fc.boolean() })
    .map(({ start, hours, line }): LineStop => ({
      start: start * H,
      end: (start + hours) * H,
      category: hours >= 8 ? 'no_shift' : 'break',
      stationId: line ? null : 'st',
    }));
  const order = fc.record({
    earliest: fc.integer({ min: -24, max: 170 }),
    span: fc.integer({ min: 0, max: 100 }),
    minutes: fc.integer({ min: 10, max: 600 }),
  });

  it('start inside the work order’s window and end inside the week, once each, best kinds first', () => {
    fc.assert(
      fc.property(fc.array(stop, { maxLength: 12 }), order, (stops, o) => {
        const wo: WorkOrderCandidate = {
          externalId: 'WO',
          stationCode: 's',
          stationId: 'st',
          plannedMinutes: o.minutes,
          earliestStart: o.earliest * H,
          latestStart: (o.earliest + o.span) * H,
          failureRateFactor: 0.5,
        };
        const week = { start: 0, end: 168 * H };
        const placements = placementsOf(wo, stops, week);
        const duration = o.minutes * 60_000;
        expect(new Set(placements.map((p) => p.start)).size).toBe(placements.length);
        expect(placements.length).toBeLessThanOrEqual(
          PLACEMENTS_PER_KIND.fits + PLACEMENTS_PER_KIND.partial + PLACEMENTS_PER_KIND.production,
        );
        for (const p of placements) {
          expect(p.start).toBeGreaterThanOrEqual(Math.max(wo.earliestStart, week.start));
          expect(p.start).toBeLessThanOrEqual(wo.latestStart);
          expect(p.end - p.start).toBe(duration);
          expect(p.end).toBeLessThanOrEqual(week.end);
          const own = stops.filter((s) => s.stationId === null || s.stationId === 'st');
          const covering = own.some((s) => s.start <= p.start && p.start < s.end);
          if (p.kind === 'production') expect(covering).toBe(false);
          else expect(covering).toBe(true);
        }
        // Stops that hold the whole job come first, then those that do not, then production time.
        const rank = placements.map((p) => (p.fitsStop ? 0 : p.kind === 'production' ? 2 : 1));
        expect(rank).toEqual([...rank].sort());
        // Nothing when the job cannot start and end in the week.
        if (Math.min(wo.latestStart, week.end - duration) < Math.max(wo.earliestStart, week.start)) expect(placements).toEqual([]);
        else expect(placements.length).toBeGreaterThan(0);
      }),
    );
  });

  it('a stop of another station is not a stop of this one', () => {
    const wo: WorkOrderCandidate = {
      externalId: 'WO',
      stationCode: 's',
      stationId: 'st',
      plannedMinutes: 60,
      earliestStart: 0,
      latestStart: 48 * H,
      failureRateFactor: null,
    };
    const placements = placementsOf(wo, [{ start: 10 * H, end: 20 * H, category: 'planned_maintenance', stationId: 'other' }], {
      start: 0,
      end: 168 * H,
    });
    expect(placements).toEqual([{ start: 0, end: H, kind: 'production', fitsStop: false }]);
  });
});

describe('the live state as the core’s starting state', () => {
  const model = parseSimulationModel({
    timeUnit: 's',
    products: [{ name: 'A' }, { name: 'B' }],
    machines: [
      { name: 'm1', processTime: { dist: 'deterministic', mean: 10 } },
      { name: 'm2', count: 2, processTime: { dist: 'deterministic', mean: 10 } },
      { name: 'm3', processTime: { dist: 'deterministic', mean: 10 } },
    ],
    buffers: [2, 3],
    horizon: 100,
  });
  const line = flattenModel(model);
  const asOf = '2026-12-07T10:00:00.000Z';
  const since = (s: number) => new Date(Date.parse(asOf) - s * 1000).toISOString();

  it('maps each state, its age and product, and fills the buffers with the upstream product up to capacity', () => {
    const { state, assumptions } = startingState(
      line,
      {
        asOf,
        stations: [
          { code: 'm1', state: 'reduced_speed', since: since(4), product: 'B' },
          { code: 'm2', state: 'unplanned_stop', since: since(30), product: 'A' },
          { code: 'm3', state: 'offline', since: since(99), product: null },
        ],
        buffers: [
          { before: 'm2', level: 5, basis: 'derived' },
          { before: 'm3', level: 1, basis: 'measured' },
        ],
      },
      1000,
    );
    const machine = (m: number) => Array.from(state.machines.slice(m * INITIAL_FIELDS, (m + 1) * INITIAL_FIELDS));
    expect(machine(0)).toEqual([MachineState.processing, 4, 1, 1]);
    expect(machine(1)).toEqual([MachineState.down, 30, 0, 0]);
    expect(machine(2)).toEqual([MachineState.down, 30, 0, 0]);
    expect(machine(3)).toEqual([MachineState.starved, 99, -1, -1]);
    // Buffer m1→m2 holds 5 of capacity 2 (capped) of m1's product B; m2→m3 one A.
    expect(Array.from(state.slots)).toEqual([1, 1, 0, -1, -1]);
    expect(assumptions).toContain("the buffer before m2 holds 5 parts, more than the model's 2: capped");
    expect(assumptions).toContain('m3 is offline: it starts idle');
  });

  it('takes a product the model does not make as its first, and says so', () => {
    const { state, assumptions } = startingState(
      line,
      { asOf, stations: [{ code: 'm1', state: 'running', since: since(1), product: 'Z' }], buffers: [] },
      1000,
    );
    // The part in work is the model's first product, which it changes over from next.
    expect(Array.from(state.machines.slice(0, INITIAL_FIELDS))).toEqual([MachineState.processing, 1, 0, 0]);
    expect(assumptions.join(' ')).toContain('m1 works on Z, which the model does not make');
    expect(assumptions).toContain('m2 has reported no state: it starts idle');
  });
});

describe('shares, causes and trade-offs', () => {
  it('a share’s Wilson interval holds it and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        const hits = Math.round(p * n);
        const share = proportion(hits, n);
        expect(share.low).toBeGreaterThanOrEqual(0);
        expect(share.high).toBeLessThanOrEqual(1);
        expect(share.low).toBeLessThanOrEqual(share.value + 1e-12);
        expect(share.high).toBeGreaterThanOrEqual(share.value - 1e-12);
      }),
    );
    expect(proportion(20, 20).low).toBeGreaterThan(0.8);
  });

  it('names the largest part of a station’s active time', () => {
    expect(causeOf({ processing: 0.6, down: 0.3, changeover: 0.05 })).toBe('speed');
    expect(causeOf({ processing: 0.3, down: 0.5, changeover: 0.05 })).toBe('downtime');
    expect(causeOf({ processing: 0.2, down: 0.1, changeover: 0.4 })).toBe('changeovers');
  });

  it('flags a gain on one side paid for on the other', () => {
    const d = (output: [number, number], perPart: [number, number]) => ({
      output: estimate(...output),
      kwh: null,
      kwhPerPart: estimate(...perPart),
      peakKw: null,
    });
    expect(tradeOffOf(d([5, 10], [0.1, 0.2]), false)).toBe('more output, but more energy per part');
    expect(tradeOffOf(d([5, 10], [-0.2, -0.1]), true)).toBe('more output, but the peak demand crosses the site limit');
    expect(tradeOffOf(d([-10, -5], [-0.2, -0.1]), false)).toBe('less energy per part, but less output');
    expect(tradeOffOf(d([5, 10], [-0.2, -0.1]), false)).toBeNull();
    expect(tradeOffOf(d([-1, 1], [0.1, 0.2]), true)).toBeNull();
  });

  it('counts a station’s planned hours without the line’s and its own stops', () => {
    const stops: LineStop[] = [
      { start: 1 * H, end: 2 * H, category: 'break', stationId: null },
      { start: 1.5 * H, end: 3 * H, category: 'planned_maintenance', stationId: 'a' },
      { start: 5 * H, end: 6 * H, category: 'planned_maintenance', stationId: 'b' },
    ];
    // a: the break and its own stop overlap (1–3 h); b: the break and its own stop apart.
    expect(plannedHours(stops, 'a', { start: 0, end: 8 * H })).toBe(6);
    expect(plannedHours(stops, 'b', { start: 0, end: 8 * H })).toBe(6);
  });
});
