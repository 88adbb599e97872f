/**
 * What the simulation core does for runs against the plant: the event trace, the calendar of
 * planned stops and the starting state, each against a hand-computed timeline.
 */
import { describe, expect, it } from 'vitest';
import {
  calendarBoundaries,
  INITIAL_FIELDS,
  MachineState,
  SimRun,
  STATES,
  StationField,
  STATION_FIELDS,
  TraceKind,
  traceRecords,
  type SimInput,
  type TraceRecord,
} from '../../wasm-core/sim.ts';
import type { SimulationModelInput } from '../../server/simulation/model.ts';
import { busyLine, coreInput, finalTotals } from '../server/simulation/lines.ts';

const { processing: PROCESSING, blocked: BLOCKED, down: DOWN, changeover: CHANGEOVER, planned: PLANNED } = MachineState;

function run(input: SimInput): { totals: ReturnType<typeof finalTotals>; trace: TraceRecord[]; flat: Float64Array } {
  const sim = SimRun.start(input);
  expect(sim.runUntil(input.snapshotTimes[input.snapshotTimes.length - 1], 1e12)).toBe(true);
  const flat = sim.takeTrace();
  const out = sim.finish();
  return { totals: finalTotals(input, out), trace: traceRecords(flat), flat };
}

const deterministic = (means: number[], buffers: number[], horizon: number, extra: Partial<SimulationModelInput> = {}) =>
  coreInput(
    {
      machines: means.map((mean, i) => ({ name: `S${i + 1}`, processTime: { dist: 'deterministic' as const, mean } })),
      buffers,
      warmup: 0,
      horizon,
      ...extra,
    },
    0,
    1,
  );

const states = (trace: TraceRecord[], station = 0) =>
  trace.filter((r) => r.kind === TraceKind.state && r.station === station).map((r) => [r.time, r.v1, r.v2]);

/** Every 1000 time units a 120-unit break for the whole line and, at Weld only, 300 units of maintenance every 3000. */
function busyCalendar(): Float64Array {
  const stops = [];
  for (let t = 500; t < 15_000; t += 1000) for (let s = 0; s < 3; s++) stops.push({ station: s, start: t, end: t + 120, reason: 1 });
  for (let t = 2000; t < 15_000; t += 3000) stops.push({ station: 1, start: t, end: t + 300, reason: 2 });
  return calendarBoundaries(stops);
}

describe('simulation core: event trace', () => {
  it('reports a deterministic machine’s state and every cycle', () => {
    const { trace } = run({ ...deterministic([2], [], 10), traceCapacity: 1 });
    expect(trace.map((r) => [r.time, r.kind, r.station, r.slot, r.v1, r.v2])).toEqual([
      [0, TraceKind.state, 0, 0, PROCESSING, -1],
      ...[2, 4, 6, 8, 10].map((t) => [t, TraceKind.cycle, 0, 0, 0, 2]),
    ]);
  });

  it('is complete: replaying its state changes gives the accumulated state times, and its exit cycles the departures', () => {
    const input = { ...coreInput(busyLine, 0, 1), calendar: busyCalendar(), traceCapacity: 1 };
    const { totals, trace } = run(input);
    const horizon = 15_000;
    const counts = [1, 2, 1];
    const time = counts.map(() => STATES.map(() => 0));
    const open = new Map<string, { since: number; state: number }>();
    for (let s = 0; s < 3; s++) for (let m = 0; m < counts[s]; m++) open.set(`${s}/${m}`, { since: 0, state: MachineState.starved });
    for (const r of trace.filter((x) => x.kind === TraceKind.state)) {
      const key = `${r.station}/${r.slot}`;
      const was = open.get(key)!;
      expect(r.v1).not.toBe(was.state);
      time[r.station][was.state] += r.time - was.since;
      open.set(key, { since: r.time, state: r.v1 });
    }
    for (const [key, o] of open) time[Number(key.split('/')[0])][o.state] += horizon - o.since;
    for (let s = 0; s < 3; s++) STATES.forEach((_, j) => expect(time[s][j]).toBeCloseTo(totals.stateTime(s, j), 6));
    expect(trace.filter((r) => r.kind === TraceKind.cycle && r.station === 2)).toHaveLength(totals.departures);
    expect(totals.stateTime(1, PLANNED)).toBeGreaterThan(0);
    // Records come in time order, and a changeover names the product it changes to.
    for (let i = 1; i < trace.length; i++) expect(trace[i].time).toBeGreaterThanOrEqual(trace[i - 1].time);
    const changeovers = trace.filter((r) => r.kind === TraceKind.state && r.v1 === CHANGEOVER);
    expect(changeovers.length).toBeGreaterThan(0);
    for (const c of changeovers) expect([0, 1]).toContain(c.v2);
  });

  it('meters each station’s energy at every window boundary', () => {
    const input = { ...coreInput(busyLine, 0, 1), calendar: busyCalendar(), traceCapacity: 1 };
    const { totals, trace } = run(input);
    const power = [
      [12, 3, 2, 0.5, 6, 1],
      [20, 4, 4, 1, 0, 4],
      [5, 1, 0, 0, 0, 1],
    ];
    const energy = trace.filter((r) => r.kind === TraceKind.energy);
    expect(energy).toHaveLength(3 * input.windowCount);
    for (let s = 0; s < 3; s++) {
      const readings = energy.filter((r) => r.station === s);
      const last = readings[readings.length - 1];
      expect(last.time).toBe(15_000);
      expect(last.slot).toBe(-1);
      const expected = STATES.reduce((sum, _, j) => sum + totals.stateTime(s, j) * power[s][j], 0);
      expect(last.v1).toBeCloseTo(expected, 4);
      for (let i = 1; i < readings.length; i++) expect(readings[i].v1).toBeGreaterThanOrEqual(readings[i - 1].v1 - 1e-9);
    }
  });

  it('leaves the run’s path alone: with or without a trace, the same bits; drained in small pieces, the same trace', () => {
    const base = { ...coreInput(busyLine, 0, 10), calendar: busyCalendar() };
    const without = SimRun.start(base);
    without.runUntil(15_000, 1e12);
    const plain = without.finish();
    const small = SimRun.start({ ...base, traceCapacity: 1 });
    small.runUntil(15_000, 1e12);
    const smallTrace = small.takeTrace();
    const traced = small.finish();
    expect(Buffer.from(traced.snapshots.buffer).equals(Buffer.from(plain.snapshots.buffer))).toBe(true);
    expect(Buffer.from(traced.credits.buffer).equals(Buffer.from(plain.credits.buffer))).toBe(true);
    const large = SimRun.start({ ...base, traceCapacity: 10_000_000 });
    large.runUntil(15_000, 1e12);
    const largeTrace = large.takeTrace();
    expect(smallTrace.length).toBeGreaterThan(100_000);
    expect(Buffer.from(smallTrace.buffer).equals(Buffer.from(largeTrace.buffer))).toBe(true);
    // The same seed gives the same trace; another replication another one.
    const again = SimRun.start({ ...base, traceCapacity: 1 });
    again.runUntil(15_000, 1e12);
    expect(Buffer.from(again.takeTrace().buffer).equals(Buffer.from(smallTrace.buffer))).toBe(true);
    const other = SimRun.start({ ...coreInput(busyLine, 1, 10), calendar: busyCalendar(), traceCapacity: 1 });
    other.runUntil(15_000, 1e12);
    expect(Buffer.from(other.takeTrace().buffer).equals(Buffer.from(smallTrace.buffer))).toBe(false);
  });
});

describe('simulation core: calendar of planned stops', () => {
  it('holds a part in work through a stop and resumes it with the time it had left', () => {
    const input = {
      ...deterministic([2], [], 20),
      calendar: calendarBoundaries([{ station: 0, start: 5, end: 8, reason: 7 }]),
      traceCapacity: 1,
    };
    const { totals, trace } = run(input);
    // Parts at 2 and 4; the third starts at 4, holds at 5 with 1 left, and ends at 9; then 11 … 19.
    expect(totals.departures).toBe(8);
    expect(totals.stateTime(0, PROCESSING)).toBe(17);
    expect(totals.stateTime(0, PLANNED)).toBe(3);
    expect(states(trace)).toEqual([
      [0, PROCESSING, -1],
      [5, PLANNED, 7],
      [8, PROCESSING, -1],
    ]);
    expect(trace.filter((r) => r.kind === TraceKind.cycle).map((r) => r.time)).toEqual([2, 4, 9, 11, 13, 15, 17, 19]);
  });

  it('merges overlapping stops of a station and orders every boundary by time', () => {
    const flat = calendarBoundaries([
      { station: 1, start: 10, end: 20, reason: 3 },
      { station: 0, start: -5, end: 4, reason: 1 },
      { station: 1, start: 15, end: 30, reason: 4 },
      { station: 1, start: 30, end: 35, reason: 5 },
      { station: 0, start: 7, end: 7, reason: 1 },
    ]);
    expect(Array.from(flat)).toEqual([0, 0, 1, 0, 4, 0, -1, 0, 10, 1, 3, 0, 35, 1, -1, 0]);
  });

  it('stops failure clocks: no failure starts inside a stop, and a repair under way finishes there', () => {
    const model: SimulationModelInput = {
      machines: [
        { name: 'A', processTime: { dist: 'exponential', mean: 1 }, failure: { mtbf: 5, mttr: 3, basis: 'calendar' } },
        { name: 'B', processTime: { dist: 'exponential', mean: 1 }, failure: { mtbf: 4, mttr: 2 } },
      ],
      buffers: [2],
      warmup: 0,
      horizon: 20_000,
    };
    const stops = [];
    for (let t = 50; t < 20_000; t += 100) for (let s = 0; s < 2; s++) stops.push({ station: s, start: t, end: t + 40, reason: 0 });
    const { totals, trace } = run({ ...coreInput(model, 0, 1), calendar: calendarBoundaries(stops), traceCapacity: 1 });
    const inStop = (t: number) => t % 100 > 50 && t % 100 < 90;
    const downs = trace.filter((r) => r.kind === TraceKind.state && r.v1 === DOWN);
    expect(downs.length).toBeGreaterThan(1000);
    expect(downs.filter((r) => inStop(r.time))).toEqual([]);
    // Each stop lasts 40 per station: planned and repair time in stops make up all of it.
    for (let s = 0; s < 2; s++) {
      const planned = totals.stateTime(s, PLANNED);
      expect(planned).toBeGreaterThan(0.5 * 200 * 40);
      expect(planned).toBeLessThanOrEqual(200 * 40 + 1e-6);
    }
    // Repairs that run into a stop end there, and the machine then waits in the stop.
    const repairedInStop = trace.filter((r) => r.kind === TraceKind.state && r.v1 === PLANNED && inStop(r.time));
    expect(repairedInStop.length).toBeGreaterThan(10);
  });
});

describe('simulation core: maintenance that lowers the failure rate', () => {
  const oneMachine = (basis: 'calendar' | 'operating'): SimulationModelInput => ({
    machines: [{ name: 'A', processTime: { dist: 'deterministic', mean: 1 }, failure: { mtbf: 50, mttr: 5, basis } }],
    buffers: [],
    warmup: 0,
    horizon: 200_000,
  });
  const failures = (trace: TraceRecord[]) => trace.filter((r) => r.kind === TraceKind.state && r.v1 === DOWN).map((r) => r.time);

  it('carries the MTBF after a stop on its end, the part of a merged stop ending last that names one winning', () => {
    const flat = calendarBoundaries([
      { station: 0, start: 10, end: 20, reason: 2, mtbfAfter: 300 },
      { station: 0, start: 15, end: 25, reason: 2, mtbfAfter: 400 },
      { station: 1, start: 5, end: 8, reason: 1 },
      { station: 1, start: 40, end: 60, reason: 2, mtbfAfter: 500 },
      { station: 1, start: 45, end: 50, reason: 2, mtbfAfter: 600 },
      { station: 1, start: 55, end: 70, reason: 1 },
    ]);
    expect(Array.from(flat)).toEqual([5, 1, 1, 0, 8, 1, -1, 0, 10, 0, 2, 0, 25, 0, -1, 400, 40, 1, 2, 0, 70, 1, -1, 500]);
  });

  for (const basis of ['calendar', 'operating'] as const) {
    it(`scales the failure clock the stop held by new ÷ old MTBF, and draws later failures at the new rate (${basis} time)`, () => {
      const stop = { station: 0, start: 0, end: 10, reason: 3 };
      const input = { ...coreInput(oneMachine(basis), 0, 1), traceCapacity: 1 };
      const plain = failures(run({ ...input, calendar: calendarBoundaries([stop]) }).trace);
      const maintained = failures(run({ ...input, calendar: calendarBoundaries([{ ...stop, mtbfAfter: 150 }]) }).trace);
      // The same random numbers: the first time to failure, held through the stop, is three times as long.
      expect(maintained[0] - 10).toBeCloseTo(3 * (plain[0] - 10), 6);
      // Later draws come at the new rate: about 1 failure per 150 + 5 time units against 1 per 50 + 5.
      expect(plain.length).toBeGreaterThan(0.9 * (200_000 / 55));
      expect(plain.length).toBeLessThan(1.1 * (200_000 / 55));
      expect(maintained.length).toBeGreaterThan(0.9 * (200_000 / 155));
      expect(maintained.length).toBeLessThan(1.1 * (200_000 / 155));
    });
  }
});

describe('simulation core: starting state', () => {
  /** A starting state for the machines of a line, all starved unless given. */
  function startingState(input: SimInput, machines: Record<number, [number, number, number, number]>, slots: number[]) {
    const flat = new Float64Array(input.machineCount * INITIAL_FIELDS);
    for (let m = 0; m < input.machineCount; m++) flat.set(machines[m] ?? [MachineState.starved, 0, -1, -1], m * INITIAL_FIELDS);
    const places = input.buffers.reduce((a, b) => a + b, 0);
    return { machines: flat, slots: Float64Array.from({ length: places }, (_, i) => slots[i] ?? -1) };
  }

  it('starts from a blocked feeder, a full buffer and a part half done, as computed by hand', () => {
    const base = deterministic([1, 3], [2], 11);
    const input = {
      ...base,
      initial: startingState(base, { 0: [BLOCKED, 5, 0, 0], 1: [PROCESSING, 1, 0, 0] }, [0, 0]),
      traceCapacity: 1,
    };
    const { totals, trace } = run(input);
    // S2 ends its part at 2, then every 3; S1 refills the buffer in 1 and waits blocked.
    expect(trace.filter((r) => r.kind === TraceKind.cycle && r.station === 1).map((r) => r.time)).toEqual([2, 5, 8, 11]);
    expect(totals.departures).toBe(4);
    expect(totals.stateTime(0, PROCESSING)).toBe(3);
    expect(totals.stateTime(0, BLOCKED)).toBe(8);
    // Four parts in the line all along; the four that leave by 11 were all there at the start
    // (FIFO: the buffer's two, then the feeder's), and count their lead time from 0.
    expect(totals.wipArea).toBe(44);
    expect(totals.leadTimeSum).toBe(2 + 5 + 8 + 11);
  });

  it('finishes a changeover under way for the time it has left', () => {
    const base = coreInput(
      {
        products: [{ name: 'A' }, { name: 'B' }],
        sequence: ['B'],
        machines: [{ name: 'M', processTime: { dist: 'deterministic', mean: 1 }, changeover: { A: { B: 5 } } }],
        buffers: [],
        warmup: 0,
        horizon: 10,
      },
      0,
      1,
    );
    const { totals } = run({ ...base, initial: startingState(base, { 0: [CHANGEOVER, 2, 1, 0] }, []) });
    expect(totals.stateTime(0, CHANGEOVER)).toBe(3);
    expect(totals.departures).toBe(7);
  });

  it('repairs a machine that is down, through a planned stop, and then takes up its part', () => {
    const base = deterministic([2], [], 12);
    // No failures of its own; a fixed repair of 4, of which 1 has passed.
    const stations = base.stations.slice();
    stations[StationField.failMode] = 1;
    stations[StationField.mtbf] = 1e15;
    stations[StationField.repairKind] = 0;
    stations[StationField.repairA] = 4;
    expect(stations.length).toBe(STATION_FIELDS);
    const input = {
      ...base,
      stations,
      initial: startingState(base, { 0: [DOWN, 1, 0, 0] }, []),
      calendar: calendarBoundaries([{ station: 0, start: 2, end: 6, reason: 9 }]),
      traceCapacity: 1,
    };
    const { totals, trace } = run(input);
    expect(states(trace)).toEqual([
      [0, DOWN, -1],
      [3, PLANNED, 9],
      [6, PROCESSING, -1],
    ]);
    expect(totals.stateTime(0, DOWN)).toBe(3);
    expect(totals.stateTime(0, PLANNED)).toBe(3);
    expect(totals.departures).toBe(3);
  });

  it('settles a state reported out of step: a blocked machine with room downstream moves its part at once', () => {
    const base = deterministic([1, 3], [2], 4);
    const { trace } = run({
      ...base,
      initial: startingState(base, { 0: [BLOCKED, 5, 0, 0], 1: [PROCESSING, 0, 0, 0] }, [0]),
      traceCapacity: 1,
    });
    expect(states(trace, 0).slice(0, 3)).toEqual([
      [0, BLOCKED, -1],
      [0, PROCESSING, -1],
      [1, BLOCKED, -1],
    ]);
  });
});
