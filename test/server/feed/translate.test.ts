import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarBoundaries, MachineState, SimRun, TraceKind } from '../../../wasm-core/sim.ts';
import { TraceTranslator, type FeedEvent } from '../../../server/feed/index.ts';
import { parseEvent } from '../../../server/events/eventInput.ts';
import { isRejection } from '../../../server/events/eventInput.ts';
import { busyLine, coreInput } from '../simulation/lines.ts';

const { processing, blocked, down, changeover, planned } = MachineState;
const origin = Date.parse('2026-11-25T06:00:00Z');
const reasons = { failure: ['E1', 'E2'], changeover: 'CO', planned: ['BRK', 'NOSHIFT', 'PM'] };

function translator(counts: number[], extra: Partial<ConstructorParameters<typeof TraceTranslator>[0]> = {}) {
  return new TraceTranslator({
    idPrefix: 'x',
    originMs: origin,
    unitMs: 1000,
    stations: counts.map((_, i) => `e/s/a/l/st${i + 1}`),
    counts,
    products: ['A'],
    reasons,
    scrapRate: 0,
    countPeriodMs: 0,
    ...extra,
  });
}
const record = (t: number, kind: number, station: number, slot: number, v1: number, v2: number) => [t, kind, station, slot, v1, v2];
const flat = (...records: number[][]) => Float64Array.from(records.flat());
const brief = (events: FeedEvent[]) =>
  events.map((e) => [e.ts.slice(11, 19), e.station.slice(-3), e.kind, e.state ?? e.cycleSeconds ?? e.kwh, e.reason ?? null]);

describe('trace to machine events', () => {
  it('reports one state per station and instant, the most telling of its machines', () => {
    const tr = translator([2, 1]);
    const events = tr.translate(
      flat(
        record(0, TraceKind.state, 0, 0, processing, -1),
        record(0, TraceKind.state, 0, 1, processing, -1),
        // A part handed on and the next taken at the same instant: no state of its own.
        record(5, TraceKind.state, 1, 0, processing, -1),
        record(5, TraceKind.state, 1, 0, blocked, -1),
        record(5, TraceKind.state, 1, 0, processing, -1),
        record(7, TraceKind.state, 0, 0, down, -1),
        record(9, TraceKind.state, 0, 1, changeover, 0),
        record(12, TraceKind.cycle, 1, 0, 0, 4.25),
        record(20, TraceKind.state, 0, 0, planned, 0),
        record(20, TraceKind.state, 0, 1, planned, 0),
        record(60, TraceKind.energy, 0, -1, 7200, 3),
      ),
    );
    expect(brief([...events, ...tr.settle(60)])).toEqual([
      ['06:00:00', 'st1', 'state', 'running', null],
      ['06:00:00', 'st2', 'state', 'starved', null],
      ['06:00:05', 'st2', 'state', 'running', null],
      // One machine of the pair down while the other runs: the station still runs.
      ['06:00:09', 'st1', 'state', 'unplanned_stop', expect.stringMatching(/^E[12]$/)],
      ['06:00:12', 'st2', 'cycle', 4.25, null],
      ['06:00:20', 'st1', 'state', 'planned_stop', 'BRK'],
      ['06:01:00', 'st1', 'energy', 2, null],
    ]);
  });

  it('counts the exit station’s good and scrapped parts per MES period', () => {
    const tr = translator([1], { countPeriodMs: 60_000, scrapRate: 0.5, countSource: 'mes' });
    const cycles = Array.from({ length: 100 }, (_, i) => record(i + 0.5, TraceKind.cycle, 0, 0, 0, 1));
    const events = [...tr.translate(flat(...cycles)), ...tr.settle(120)];
    const counts = events.filter((e) => e.kind === 'count');
    expect(counts.map((c) => [c.from, c.ts])).toEqual([
      ['2026-11-25T06:00:00.000Z', '2026-11-25T06:01:00.000Z'],
      ['2026-11-25T06:01:00.000Z', '2026-11-25T06:02:00.000Z'],
    ]);
    const good = events.filter((e) => e.kind === 'cycle' && e.good === 1).length;
    expect(counts.reduce((n, c) => n + (c.good as number), 0)).toBe(good);
    expect(counts.reduce((n, c) => n + (c.good as number) + (c.scrap as number), 0)).toBe(100);
    expect(good).toBeGreaterThan(30);
    expect(good).toBeLessThan(70);
    expect(counts[0].source).toBe('mes');
  });

  it('sends a cycle whose time rounds to nothing without a time: ingest takes only positive ones', () => {
    const events = translator([1]).translate(
      flat(record(3, TraceKind.cycle, 0, 0, 0, 0.0004), record(4, TraceKind.cycle, 0, 0, 0, 0.0006)),
    );
    expect(events.filter((e) => e.kind === 'cycle').map((e) => e.cycleSeconds)).toEqual([undefined, 0.001]);
    for (const [i, e] of events.entries()) expect(isRejection(parseEvent(e, i, {}))).toBe(false);
  });

  it('makes only events that ingest accepts, in time order, never two states of a station at one instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 2000 }), (seed, chunk) => {
        const stops = [0, 1, 2].map((station) => ({ station, start: 3000, end: 3400, reason: station % 3 }));
        const input = { ...coreInput({ ...busyLine, seed, horizon: 8000 }, 0, 1), calendar: calendarBoundaries(stops), traceCapacity: 1 };
        const run = SimRun.start(input);
        const tr = translator([1, 2, 1], { products: ['A', 'B'], countPeriodMs: 600_000, unitMs: 60_000 });
        const events: FeedEvent[] = [];
        for (let t = chunk; ; t = Math.min(8000, t + chunk)) {
          run.runUntil(t, 1e12);
          events.push(...tr.translate(run.takeTrace()), ...tr.settle(t));
          if (t === 8000) break;
        }
        const lastState = new Map<string, string>();
        let previous = '';
        events.forEach((e, i) => {
          const parsed = parseEvent(e, i, {});
          expect(isRejection(parsed)).toBe(false);
          expect(e.ts >= previous).toBe(true);
          previous = e.ts;
          if (e.kind === 'state') {
            expect(lastState.get(e.station)).not.toBe(e.ts);
            lastState.set(e.station, e.ts);
          }
        });
        expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
        expect(events.some((e) => e.state === 'planned_stop')).toBe(true);
        expect(events.some((e) => e.state === 'setup')).toBe(true);
      }),
      // Seed 620 with chunks of 1 drew an exponential time that rounded to 0 ms; seed 712 two
      // state changes of one station within one millisecond.
      {
        numRuns: 5,
        examples: [
          [620, 1],
          [712, 1],
        ],
      },
    );
  });
});
