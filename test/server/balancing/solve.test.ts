import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasScholl, schollDir as scholl } from '../../helpers/sharedData.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BalancingInputError,
  BalancingNoSolutionError,
  parseAlb,
  solveBalancing,
  type BalancingProblemInput,
  type BalancingResult,
} from '../../../server/balancing/index.ts';

type Pair = [string, string];
interface Zoned {
  tasks: { id: string; time: number; predecessors: string[] }[];
  mustShare: Pair[];
  mustNotShare: Pair[];
  fixed: { task: string; station: number }[];
}

/** Stations are feasible: precedence, capacity, zoning. */
function expectFeasible(p: Zoned, r: BalancingResult, cycle: number): void {
  const station = new Map(r.taskIds.map((id, j) => [id, r.assignment[j]]));
  const loads = new Map<number, number>();
  for (const t of p.tasks) {
    const s = station.get(t.id)!;
    expect(s).toBeGreaterThanOrEqual(1);
    expect(s).toBeLessThanOrEqual(r.stations);
    loads.set(s, (loads.get(s) ?? 0) + t.time);
    for (const q of t.predecessors) expect(station.get(q)!).toBeLessThanOrEqual(s);
  }
  for (const load of loads.values()) expect(load).toBeLessThanOrEqual(cycle + 1e-9);
  for (const [a, b] of p.mustShare) expect(station.get(a)).toBe(station.get(b));
  for (const [a, b] of p.mustNotShare) expect(station.get(a)).not.toBe(station.get(b));
  for (const { task, station: s } of p.fixed) expect(station.get(task)).toBe(s);
}

/** Brute force over the original tasks: breadth-first, one station per level, any subset as load. */
function bruteStations(p: Zoned, cycle: number, cap: number): number | null {
  const n = p.tasks.length;
  const index = new Map(p.tasks.map((t, j) => [t.id, j]));
  const bit = (id: string) => 1 << index.get(id)!;
  const predMask = p.tasks.map((t) => t.predecessors.reduce((m, q) => m | bit(q), 0));
  const fixed = new Map(p.fixed.map((f) => [index.get(f.task)!, f.station]));
  const full = (1 << n) - 1;
  let frontier = new Set([0]);
  for (let k = 0; k <= Math.min(cap, n + Math.max(0, ...fixed.values())); k++) {
    if (frontier.has(full)) return k;
    const next = new Set<number>();
    for (const mask of frontier) {
      const rest = full & ~mask;
      for (let load = rest; ; load = (load - 1) & rest) {
        const done = mask | load;
        let ok = p.tasks.reduce((s, t, j) => s + ((load >> j) & 1) * t.time, 0) <= cycle;
        for (let j = 0; ok && j < n; j++) {
          const f = fixed.get(j) ?? 0;
          if ((load >> j) & 1) ok = (predMask[j] & ~done) === 0 && (f === 0 || f === k + 1);
          else if (!((mask >> j) & 1)) ok = f === 0 || f > k + 1;
        }
        ok &&= p.mustShare.every(([a, b]) => ((load & bit(a)) === 0) === ((load & bit(b)) === 0));
        ok &&= p.mustNotShare.every(([a, b]) => (load & bit(a)) === 0 || (load & bit(b)) === 0);
        if (ok) next.add(done);
        if (load === 0) break;
      }
    }
    frontier = next;
  }
  return null;
}

describe('solveBalancing', () => {
  it('balances a small inline line with its metrics', () => {
    const tasks = [
      { id: 'A', time: 4, predecessors: [] },
      { id: 'B', time: 3, predecessors: ['A'] },
      { id: 'C', time: 5, predecessors: ['A'] },
      { id: 'D', time: 2, predecessors: ['B', 'C'] },
    ];
    const r = solveBalancing({ tasks, cycleTime: 6 });
    expect(r).toMatchObject({ problem: 'SALBP-1', stations: 3, provenOptimal: true, lowerBound: 3, cycleTime: 6 });
    expect(r.stationLoads.map((s) => s.load).sort()).toEqual([4, 5, 5]);
    expect(r.stationLoads.map((s) => s.idle).sort()).toEqual([1, 1, 2]);
    expect(r.lineEfficiency).toBeCloseTo(14 / 18, 12);
    expect(r.balanceDelay).toBeCloseTo(4 / 18, 12);
    expect(r.smoothnessIndex).toBeCloseTo(1, 12);
    expect(r.totalIdle).toBe(4);
    expectFeasible({ tasks, mustShare: [], mustNotShare: [], fixed: [] }, r, 6);
  });

  it.runIf(hasScholl)('reaches the proven optima of textbook instances (Scholl data set, where ../shared exists)', () => {
    const rows = readFileSync(join(scholl, 'instances.csv'), 'utf8').trim().split('\n').slice(1);
    const graphs = ['Bowman', 'Jackson', 'Jaeschke', 'Mansoor', 'Mertens', 'Mitchell', 'Roszieg', 'Heskiaoff'];
    let checked = 0;
    for (const [graph, c, optimum] of rows.map((row) => row.split(','))) {
      if (!graphs.includes(graph)) continue;
      const { tasks } = parseAlb(readFileSync(join(scholl, 'graphs', `${graph}.alb`), 'utf8'));
      const r = solveBalancing({ tasks, cycleTime: Number(c) });
      expect(r.stations, `${graph} c=${c}`).toBe(Number(optimum));
      expect(r.provenOptimal).toBe(true);
      expectFeasible({ tasks, mustShare: [], mustNotShare: [], fixed: [] }, r, Number(c));
      checked++;
    }
    expect(checked).toBe(39);
  });

  it('balances to takt × utilisation when demand and available time are given', () => {
    const tasks = [
      { id: 'A', time: 4, predecessors: [] },
      { id: 'B', time: 5.5, predecessors: ['A'] },
      { id: 'C', time: 1.2, predecessors: [] },
    ];
    const r = solveBalancing({ tasks, demand: 100, availableTime: 600, utilisation: 0.95 });
    expect(r).toMatchObject({ taktTime: 6, utilisation: 0.95, stations: 2, provenOptimal: true });
    expect(r.cycleTime).toBeCloseTo(5.7, 12);
    expect(r.stationLoads.map((s) => s.load).sort()).toEqual([5.2, 5.5]);
  });

  it('scales decimal times and reports loads in the input unit', () => {
    const tasks = [
      { id: 'x', time: 1.5, predecessors: [] },
      { id: 'y', time: 2.25, predecessors: [] },
      { id: 'z', time: 0.75, predecessors: ['x'] },
    ];
    const r = solveBalancing({ tasks, cycleTime: 2.25 });
    expect(r.stations).toBe(2);
    expect(r.stationLoads.map((s) => s.load)).toEqual([2.25, 2.25]);
    expect(r.lineEfficiency).toBe(1);
  });

  it('solves SALBP-2: the smallest cycle time for a station count', () => {
    // Eight tasks, optima checked by brute force: 4 stations need c = 7, 3 need 9, 2 need 12.
    const times = [3, 4, 2, 5, 1, 4, 3, 2];
    const arcs = [
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 6],
      [6, 7],
      [6, 8],
    ];
    const tasks = times.map((time, i) => ({
      id: String(i + 1),
      time,
      predecessors: arcs.filter(([, b]) => b === i + 1).map(([a]) => String(a)),
    }));
    for (const [m, c] of [
      [4, 7],
      [3, 9],
      [2, 12],
    ]) {
      const r = solveBalancing({ tasks, stations: m });
      expect(r).toMatchObject({ problem: 'SALBP-2', cycleTime: c, lowerBound: c, provenOptimal: true });
      expect(r.stations).toBeLessThanOrEqual(m);
      expectFeasible({ tasks, mustShare: [], mustNotShare: [], fixed: [] }, r, c);
    }
  });

  it('matches brute force with must-share, must-not-share, fixed stations and a cap', () => {
    const instance = fc
      .record({
        n: fc.integer({ min: 2, max: 9 }),
        times: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 9, maxLength: 9 }),
        arcs: fc.array(fc.boolean(), { minLength: 81, maxLength: 81 }),
        share: fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 2 }),
        apart: fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 3 }),
        fixed: fc.array(fc.tuple(fc.nat(8), fc.integer({ min: 1, max: 4 })), { maxLength: 2 }),
        extra: fc.integer({ min: 0, max: 12 }),
        cap: fc.integer({ min: 0, max: 5 }),
      })
      .map(({ n, times, arcs, share, apart, fixed, extra, cap }) => {
        const id = (j: number) => `T${j}`;
        const tasks = times.slice(0, n).map((time, j) => ({
          id: id(j),
          time,
          predecessors: Array.from({ length: j }, (_, i) => i)
            .filter((i) => arcs[i * 9 + j] && (i + j) % 3 === 0)
            .map(id),
        }));
        const pairs = (list: [number, number][]) =>
          list.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => [id(a), id(b)] as Pair);
        const fixedList = fixed.filter(([j]) => j < n).map(([j, station]) => ({ task: id(j), station }));
        const unique = fixedList.filter((f, k) => fixedList.findIndex((g) => g.task === f.task) === k);
        const p: Zoned = { tasks, mustShare: pairs(share), mustNotShare: pairs(apart), fixed: unique };
        return { p, cycle: Math.max(...times.slice(0, n)) + extra, cap };
      });
    fc.assert(
      fc.property(instance, ({ p, cycle, cap }) => {
        const input: BalancingProblemInput = {
          tasks: p.tasks,
          cycleTime: cycle,
          maxStations: cap === 0 ? undefined : cap,
          constraints: { mustShare: p.mustShare, mustNotShare: p.mustNotShare, fixed: p.fixed },
        };
        const expected = bruteStations(p, cycle, cap === 0 ? Infinity : cap);
        let r: BalancingResult;
        try {
          r = solveBalancing(input);
        } catch (err) {
          if (!(err instanceof BalancingInputError || err instanceof BalancingNoSolutionError)) throw err;
          expect(expected, err.message).toBeNull();
          return;
        }
        expect(r.stations).toBe(expected);
        expect(r.provenOptimal).toBe(true);
        expectFeasible(p, r, cycle);
      }),
      { numRuns: 500 },
    );
  });

  it('solves SALBP-2 with must-not-share pairs and fixed stations as brute force does', () => {
    const instance = fc
      .record({
        n: fc.integer({ min: 2, max: 7 }),
        times: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 7, maxLength: 7 }),
        arcs: fc.array(fc.boolean(), { minLength: 49, maxLength: 49 }),
        apart: fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 2 }),
        fixed: fc.option(fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
        m: fc.integer({ min: 1, max: 4 }),
      })
      .map(({ n, times, arcs, apart, fixed, m }) => {
        const id = (j: number) => `T${j}`;
        const tasks = times.slice(0, n).map((time, j) => ({
          id: id(j),
          time,
          predecessors: Array.from({ length: j }, (_, i) => i)
            .filter((i) => arcs[i * 7 + j])
            .map(id),
        }));
        const mustNotShare = apart.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => [id(a), id(b)] as Pair);
        const fixedList = fixed && fixed[0] < n && fixed[1] <= m ? [{ task: id(fixed[0]), station: fixed[1] }] : [];
        return { p: { tasks, mustShare: [], mustNotShare, fixed: fixedList } as Zoned, m };
      });
    fc.assert(
      fc.property(instance, ({ p, m }) => {
        // Smallest cycle time at which brute force fits the line into m stations.
        const total = p.tasks.reduce((s, t) => s + t.time, 0);
        let expected: number | null = null;
        for (let c = Math.max(...p.tasks.map((t) => t.time)); c <= total && expected === null; c++) {
          if (bruteStations(p, c, m) !== null) expected = c;
        }
        const input = { tasks: p.tasks, stations: m, constraints: { mustNotShare: p.mustNotShare, fixed: p.fixed } };
        if (expected === null) {
          expect(() => solveBalancing(input)).toThrow(BalancingNoSolutionError);
          return;
        }
        const r = solveBalancing(input);
        expect(r).toMatchObject({ problem: 'SALBP-2', cycleTime: expected, lowerBound: expected, provenOptimal: true });
        expect(r.stations).toBeLessThanOrEqual(m);
        expectFeasible(p, r, expected);
      }),
      { numRuns: 150 },
    );
  });

  it('stays honest when a 1 ms time limit ends the search on 400-task lines', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
        const tasks = Array.from({ length: 400 }, (_, j) => ({
          id: `t${j}`,
          time: 1 + Math.floor(next() * 60),
          predecessors: j > 0 && next() < 0.7 ? [`t${Math.floor(next() * j)}`] : [],
        }));
        const r = solveBalancing({ tasks, cycleTime: 97, timeLimitMs: 1 });
        expect(r.lowerBound).toBeLessThanOrEqual(r.stations);
        expect(r.provenOptimal).toBe(r.lowerBound === r.stations);
        expectFeasible({ tasks, mustShare: [], mustNotShare: [], fixed: [] }, r, 97);
      }),
      { numRuns: 5 },
    );
  });

  it.runIf(hasScholl)(
    'returns the best balance with an honest bound when the time limit ends the search (Wee-mag, where ../shared exists)',
    () => {
      const { tasks } = parseAlb(readFileSync(join(scholl, 'graphs', 'Wee-mag.alb'), 'utf8'));
      const r = solveBalancing({ tasks, cycleTime: 47, timeLimitMs: 1 });
      expect(r.provenOptimal).toBe(false);
      expect(r.lowerBound).toBeLessThan(r.stations);
      expectFeasible({ tasks, mustShare: [], mustNotShare: [], fixed: [] }, r, 47);
    },
  );
});
