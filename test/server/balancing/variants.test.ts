/**
 * The balancing variants against brute force on small instances (up to 8 tasks, 1–3 models):
 * mixed-model strict and average rules, U-lines and parallel stations, alone and combined,
 * types 1 and 2; and every returned balance checked against its rule by an independent check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BalancingInputError, parseModelShares, solveBalancing, type BalancingResult } from '../../../server/balancing/index.ts';

interface Small {
  /** times[j][m] */
  times: number[][];
  shares: number[];
  preds: number[][];
  rule: 'strict' | 'average';
  tolerance: number;
  uLine: boolean;
  maxReplicas: number;
  replicaCost: number;
}

const EPS = 1e-9;

function fits(p: Small, load: number[], cycle: number, k: number): boolean {
  const cap = k * cycle;
  if (p.rule === 'strict') return load.every((l) => l <= cap + EPS);
  const weighted = load.reduce((s, l, m) => s + p.shares[m] * l, 0);
  return weighted <= cap + EPS && load.every((l) => l <= cap * (1 + p.tolerance) + EPS);
}

/** Replicas a task needs alone (Infinity if more than allowed). */
function needed(p: Small, j: number, cycle: number): number {
  for (let k = 1; k <= p.maxReplicas; k++) if (fits(p, p.times[j], cycle, k)) return k;
  return Infinity;
}

/**
 * The cheapest line by enumeration: for m stations, every position of every task (U-lines:
 * positions 1..2m, station of position q = q ≤ m ? q : 2m + 1 − q) that respects precedence;
 * a station's replicas are what its longest task needs; cost Σ (1 + replicaCost · (k − 1)).
 */
function bruteCost(p: Small, cycle: number, maxStations = Infinity): number {
  const n = p.times.length;
  const models = p.shares.length;
  const need = p.times.map((_, j) => needed(p, j, cycle));
  if (need.some((k) => k === Infinity)) return Infinity;
  let best = Infinity;
  for (let m = 1; m <= Math.min(n, maxStations) && m < best; m++) {
    const positions = p.uLine ? 2 * m : m;
    const stationOf = (q: number) => (q <= m ? q : 2 * m + 1 - q);
    const pos = new Array<number>(n).fill(0);
    const loads = Array.from({ length: m + 1 }, () => new Array<number>(models).fill(0));
    const kOf = new Array<number>(m + 1).fill(1);
    const place = (j: number) => {
      if (j === n) {
        let cost = 0;
        for (let s = 1; s <= m; s++) {
          if (!fits(p, loads[s], cycle, kOf[s])) return;
          cost += 1 + p.replicaCost * (kOf[s] - 1);
        }
        best = Math.min(best, cost);
        return;
      }
      const from = Math.max(1, ...p.preds[j].map((q) => pos[q]));
      for (let q = from; q <= positions; q++) {
        const s = stationOf(q);
        pos[j] = q;
        const keep = kOf[s];
        kOf[s] = Math.max(keep, need[j]);
        p.times[j].forEach((t, k) => (loads[s][k] += t));
        if (fits(p, loads[s], cycle, p.maxReplicas)) place(j + 1);
        p.times[j].forEach((t, k) => (loads[s][k] -= t));
        kOf[s] = keep;
      }
    };
    place(0);
  }
  return best;
}

/** The problem JSON of a small instance. */
function problemOf(p: Small, target: Record<string, unknown>): Record<string, unknown> {
  const mixed = p.shares.length > 1;
  const ids = p.shares.map((_, m) => String.fromCharCode(65 + m));
  return {
    tasks: p.times.map((row, j) => ({
      id: `t${j + 1}`,
      ...(mixed ? { times: Object.fromEntries(row.map((t, m) => [ids[m], t])) } : { time: row[0] }),
      predecessors: p.preds[j].map((q) => `t${q + 1}`),
    })),
    ...(mixed ? { models: p.shares.map((share, m) => ({ id: ids[m], share })), mixedRule: p.rule } : {}),
    ...(mixed && p.rule === 'average' ? { overloadTolerance: p.tolerance } : {}),
    ...(p.uLine ? { layout: 'u' } : {}),
    ...(p.maxReplicas > 1 ? { parallel: { maxReplicas: p.maxReplicas, replicaCost: p.replicaCost } } : {}),
    ...target,
  };
}

/** The balance obeys its rule: positions respect precedence, loads fit their replicas, the cost adds up. */
function expectFeasible(p: Small, r: BalancingResult, cycle: number): void {
  const n = p.times.length;
  const m = r.stations;
  expect(r.assignment).toHaveLength(n);
  const pos = r.assignment.map((s, j) => (r.legs?.[j] === 'back' ? 2 * m + 1 - s : s));
  if (!p.uLine) expect(r.legs).toBeUndefined();
  p.preds.forEach((list, j) => list.forEach((q) => expect(pos[q]).toBeLessThanOrEqual(pos[j])));
  const replicas = r.replicas ?? new Array<number>(m).fill(1);
  let cost = 0;
  for (let s = 1; s <= m; s++) {
    const load = p.shares.map((_, k) => p.times.reduce((sum, row, j) => sum + (r.assignment[j] === s ? row[k] : 0), 0));
    expect(
      load.some((l) => l > 0),
      `station ${s} is not empty`,
    ).toBe(true);
    expect(replicas[s - 1]).toBeLessThanOrEqual(p.maxReplicas);
    expect(fits(p, load, cycle, replicas[s - 1])).toBe(true);
    cost += 1 + p.replicaCost * (replicas[s - 1] - 1);
  }
  if (p.maxReplicas > 1) {
    expect(r.cost).toBeCloseTo(cost, 9);
    expect(r.workplaces).toBe(replicas.reduce((a, b) => a + b, 0));
  }
}

/** Small instances: arcs only from lower to higher index (so index order is topological). */
const small = (opts: { models: [number, number]; uLine?: boolean; parallel?: boolean }) =>
  fc.integer({ min: 2, max: 9 }).chain((n) =>
    fc.integer({ min: opts.models[0], max: opts.models[1] }).chain((models) =>
      fc.record({
        times: fc.array(
          fc
            .array(fc.integer({ min: 0, max: 12 }), { minLength: models, maxLength: models })
            .map((row) => (row.some((t) => t > 0) ? row : row.map((t, k) => (k === 0 ? 5 : t)))),
          { minLength: n, maxLength: n },
        ),
        shares: fc
          .array(fc.integer({ min: 1, max: 4 }), { minLength: models, maxLength: models })
          .map((w) => w.map((x) => x / w.reduce((a, b) => a + b, 0))),
        preds: fc.tuple(
          ...Array.from({ length: n }, (_, j) =>
            fc.subarray(
              Array.from({ length: j }, (_, q) => q),
              { maxLength: Math.min(2, j) },
            ),
          ),
        ),
        rule: fc.constantFrom<'strict' | 'average'>('strict', 'average'),
        tolerance: fc.constantFrom(0.1, 0.25),
        uLine: opts.uLine === undefined ? fc.boolean() : fc.constant(opts.uLine),
        maxReplicas: opts.parallel ? fc.integer({ min: 2, max: 3 }) : fc.constant(1),
        replicaCost: opts.parallel ? fc.constantFrom(0.5, 1, 1.5) : fc.constant(1),
        cycleShare: fc.double({ min: 0.25, max: 1, noNaN: true }),
      }),
    ),
  );

/** A cycle the instance can be balanced to: a share of the longest task's worth, but not below what fits. */
function cycleFor(p: Small & { cycleShare: number }): number {
  const longest = Math.max(...p.times.flat());
  const total = Math.max(...p.shares.map((_, m) => p.times.reduce((s, row) => s + row[m], 0)));
  const floor = p.maxReplicas > 1 ? Math.ceil(longest / p.maxReplicas) : longest;
  return Math.max(floor, Math.round(longest + p.cycleShare * (total - longest) * 0.5)) || 1;
}

function solveSmall(p: Small & { cycleShare: number }) {
  const cycle = cycleFor(p);
  const expected = bruteCost(p, cycle);
  return { cycle, expected, r: expected === Infinity ? null : solveBalancing(problemOf(p, { cycleTime: cycle })) };
}

describe('balancing variants against brute force', () => {
  it('mixed models, strict and average rules, straight lines: the fewest stations', () => {
    fc.assert(
      fc.property(small({ models: [2, 3], uLine: false }), (p) => {
        const { cycle, expected, r } = solveSmall(p);
        if (!r) return;
        expect(r.problem).toBe('MALBP-1');
        expect(r.provenOptimal).toBe(true);
        expect(r.stations).toBe(expected);
        expectFeasible(p, r, cycle);
      }),
      { numRuns: 100 },
    );
  });

  it('U-lines, one model or several: the fewest stations, with legs', () => {
    fc.assert(
      fc.property(small({ models: [1, 3], uLine: true }), (p) => {
        const { cycle, expected, r } = solveSmall(p);
        if (!r) return;
        expect(r.problem).toBe(p.shares.length > 1 ? 'MALBP-1' : 'UALBP-1');
        expect(r.layout).toBe('u');
        expect(r.stations).toBe(expected);
        expect(r.provenOptimal).toBe(true);
        expectFeasible(p, r, cycle);
      }),
      { numRuns: 100 },
    );
  });

  it('parallel stations on either layout: the cheapest workplaces', () => {
    fc.assert(
      fc.property(small({ models: [1, 2], parallel: true }), (p) => {
        const { cycle, expected, r } = solveSmall(p);
        if (!r) return;
        expect(r.cost).toBeCloseTo(expected, 9);
        expect(r.provenOptimal).toBe(true);
        expectFeasible(p, r, cycle);
      }),
      { numRuns: 60 },
    );
  });

  it('type 2: the smallest cycle time for a number of stations', () => {
    fc.assert(
      fc.property(small({ models: [1, 3] }), fc.integer({ min: 1, max: 4 }), (p, stations) => {
        const plain = { ...p, maxReplicas: 1, replicaCost: 1 };
        const r = solveBalancing(problemOf(plain, { stations }));
        let c = 1;
        while (bruteCost(plain, c, stations) === Infinity) c++;
        expect(r.cycleTime).toBe(c);
        expect(r.provenOptimal).toBe(true);
        expect(r.lowerBound).toBe(c);
        expect(r.stations).toBeLessThanOrEqual(stations);
        expectFeasible(plain, r, c);
      }),
      { numRuns: 100 },
    );
  });
});

describe('balancing variants: hand-checked cases', () => {
  // Two models, four tasks: model A's work sits in t1 and t3, B's in t2 and t4.
  const mixed = {
    models: [
      { id: 'A', share: 0.5 },
      { id: 'B', share: 0.5 },
    ],
    tasks: [
      { id: 't1', times: { A: 8, B: 2 }, predecessors: [] },
      { id: 't2', times: { A: 2, B: 8 }, predecessors: [] },
      { id: 't3', times: { A: 8, B: 2 }, predecessors: ['t1'] },
      { id: 't4', times: { A: 2, B: 8 }, predecessors: ['t2'] },
    ],
  };

  it('the strict rule needs a station per 10 of each model; the average rule pairs what averages out', () => {
    const strict = solveBalancing({ ...mixed, cycleTime: 10, mixedRule: 'strict' });
    // Every pair of tasks puts 10 on each model at most when it joins an A-heavy and a B-heavy task.
    expect(strict).toMatchObject({ problem: 'MALBP-1', stations: 2, provenOptimal: true });
    expect(strict.modelLoads).toEqual({ A: [10, 10], B: [10, 10] });
    expect(strict.horizontalImbalance).toEqual({ byStation: [0, 0], total: 0 });
    const tight = solveBalancing({ ...mixed, cycleTime: 9, mixedRule: 'strict' });
    expect(tight.stations).toBe(4);
    // Average 5 per task: two tasks average 10 > 9, but with a tolerance of 0.15 an A-heavy pair (16) is still too much.
    const average = solveBalancing({ ...mixed, cycleTime: 10, mixedRule: 'average', overloadTolerance: 0.15 });
    expect(average.stations).toBe(2);
    expect(average.lineEfficiency).toBeCloseTo(1, 9);
  });

  it('reports the work overload of a launch sequence under the average rule', () => {
    const line = {
      models: [
        { id: 'A', share: 0.5 },
        { id: 'B', share: 0.5 },
      ],
      tasks: [{ id: 't1', times: { A: 11, B: 9 }, predecessors: [] }],
      cycleTime: 10,
      mixedRule: 'average',
      overloadTolerance: 0.15,
    };
    // A then B: A runs 1 over the cycle, B catches up (starts at 1, ends at 10).
    const alternating = solveBalancing({ ...line, sequence: ['A', 'B'] });
    expect(alternating.sequenceCheck).toMatchObject({ units: 2, totalOverload: 0, unitsWithOverload: 0 });
    // A, A: the second A starts at 1 and would end at 12 > 11.5: 0.5 overload per pass; then it starts again at 1.5 …
    const heavy = solveBalancing({ ...line, sequence: ['A', 'A', 'A', 'B', 'B', 'B'] });
    expect(heavy.sequenceCheck!.totalOverload).toBeGreaterThan(0);
    expect(heavy.sequenceCheck!.unitsWithOverload).toBeGreaterThan(0);
    expect(heavy.sequenceCheck!.overloadByStation).toHaveLength(1);
    const steady = heavy.sequenceCheck!;
    // Start 0: A ends 11 (drift 1), A ends 12 → 0.5 over (drift 1.5), A ends 12.5 → 1 over (1.5), B 10.5 (0.5), B 9.5 (0), B 9.
    expect(steady.totalOverload).toBeCloseTo(1.5, 9);
    expect(steady.unitsWithOverload).toBe(2);
  });

  it('a U-line takes work from both legs: one station does the first and the last task', () => {
    const r = solveBalancing({
      tasks: [
        { id: 'a', time: 4, predecessors: [] },
        { id: 'b', time: 6, predecessors: ['a'] },
        { id: 'c', time: 6, predecessors: ['b'] },
        { id: 'd', time: 4, predecessors: ['c'] },
      ],
      cycleTime: 8,
      layout: 'u',
    });
    // Straight, a chain at 8 needs 4 stations (4+6 > 8); on a U, a and d share one.
    expect(r).toMatchObject({ problem: 'UALBP-1', stations: 3, provenOptimal: true });
    expect(r.assignment[0]).toBe(r.assignment[3]);
    expect(r.legs![0]).toBe('front');
    expect(r.legs![3]).toBe('back');
  });

  it('parallel stations replicate where a task is longer than the cycle, and say so when not allowed', () => {
    const tasks = [
      { id: 'weld', time: 90, predecessors: [] },
      { id: 'fit', time: 30, predecessors: ['weld'] },
      { id: 'test', time: 50, predecessors: ['fit'] },
    ];
    expect(() => solveBalancing({ tasks, cycleTime: 60 })).toThrow(
      /longer than the cycle time 60; allow parallel stations \(parallel.maxReplicas/,
    );
    const r = solveBalancing({ tasks, cycleTime: 60, parallel: { maxReplicas: 2 } });
    // weld + fit in a doubled station (120 ≤ 2 × 60), test alone: 3 workplaces.
    expect(r).toMatchObject({ stations: 2, workplaces: 3, replicas: [2, 1], cost: 3, provenOptimal: true });
    expect(r.stationLoads[0]).toMatchObject({ load: 120, idle: 0, replicas: 2 });
    expect(r.lineEfficiency).toBeCloseTo(170 / 180, 9);
    const dear = solveBalancing({ tasks, cycleTime: 60, parallel: { maxReplicas: 2, replicaCost: 2 } });
    expect(dear.cost).toBe(4);
    expect(() =>
      solveBalancing({ tasks: [{ id: 'x', time: 200, predecessors: [] }], cycleTime: 60, parallel: { maxReplicas: 3 } }),
    ).toThrow(/needs 4 parallel workplaces, more than parallel.maxReplicas 3/);
  });

  it('refuses what does not fit together, naming the field', () => {
    const bad = (input: Record<string, unknown>, field: string) => {
      let err: unknown;
      try {
        solveBalancing(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BalancingInputError);
      expect((err as BalancingInputError).field).toBe(field);
    };
    bad({ ...mixed, tasks: [{ id: 't1', time: 3, predecessors: [] }], cycleTime: 10 }, 'tasks.0.time');
    bad({ ...mixed, tasks: [{ id: 't1', times: { A: 3, C: 1 }, predecessors: [] }], cycleTime: 10 }, 'tasks.0.times.C');
    bad({ ...mixed, tasks: [{ id: 't1', times: { A: 0, B: 0 }, predecessors: [] }], cycleTime: 10 }, 'tasks.0.times');
    bad({ ...mixed, cycleTime: 10, mixedRule: 'average' }, 'overloadTolerance');
    bad({ tasks: [{ id: 't1', times: { A: 3 }, predecessors: [] }], cycleTime: 10 }, 'tasks.0.times');
    bad({ tasks: [{ id: 'a', time: 1 }], cycleTime: 10, mixedRule: 'strict' }, 'mixedRule');
    bad({ ...mixed, cycleTime: 10, sequence: ['A', 'Z'] }, 'sequence.1');
    bad({ tasks: [{ id: 'a', time: 1 }], stations: 2, parallel: { maxReplicas: 2 } }, 'parallel');
    bad(
      {
        tasks: [
          { id: 'a', time: 1 },
          { id: 'b', time: 1 },
        ],
        cycleTime: 10,
        layout: 'u',
        constraints: { mustShare: [['a', 'b']] },
      },
      'constraints.mustShare',
    );
    bad({ ...mixed, tasks: [{ id: 't1', times: { A: 12, B: 3 }, predecessors: [] }], cycleTime: 10 }, 'tasks.0.times');
  });

  it('honours fixed stations and must-not-share pairs on a U-line', () => {
    const r = solveBalancing({
      tasks: [
        { id: 'a', time: 3, predecessors: [] },
        { id: 'b', time: 3, predecessors: ['a'] },
        { id: 'c', time: 3, predecessors: ['b'] },
        { id: 'd', time: 3, predecessors: ['c'] },
      ],
      cycleTime: 6,
      layout: 'u',
      constraints: { fixed: [{ task: 'd', station: 1 }], mustNotShare: [['a', 'd']] },
    });
    expect(r.assignment[3]).toBe(1);
    expect(r.assignment[0]).not.toBe(1);
    expect(r.stations).toBe(2);
  });
});

describe('balancing variants: defects found in review', () => {
  const errorOf = (input: Record<string, unknown>) => {
    try {
      solveBalancing(input);
    } catch (err) {
      return err as BalancingInputError;
    }
    throw new Error('expected an error');
  };

  it('prices a plain station at 1 whatever maxReplicas is, even with fewer tasks than replicas', () => {
    const r = solveBalancing({ tasks: [{ id: 'a', time: 5 }], cycleTime: 10, parallel: { maxReplicas: 8 } });
    expect(r).toMatchObject({ cost: 1, workplaces: 1, replicas: [1] });
    const three = solveBalancing({ tasks: ['a', 'b', 'c'].map((id) => ({ id, time: 5 })), cycleTime: 10, parallel: { maxReplicas: 16 } });
    expect(three.cost).toBe(2);
  });

  it('refuses a fixed station beyond what the tasks can fill', () => {
    const err = errorOf({
      tasks: [
        { id: 'a', time: 3 },
        { id: 'b', time: 3 },
      ],
      cycleTime: 10,
      layout: 'u',
      constraints: { fixed: [{ task: 'b', station: 12 }] },
    });
    expect(err.field).toBe('constraints.fixed');
  });

  it('keeps the station cap when the work left is tiny against the capacity', () => {
    const tasks = [
      { id: 'a', time: 2_000_000 },
      { id: 'b', time: 0.001 },
    ];
    const capped = { tasks, cycleTime: 2_000_000, layout: 'u', constraints: { mustNotShare: [['a', 'b']] } };
    expect(() => solveBalancing({ ...capped, maxStations: 1 })).toThrow(/no balance fits into 1 station /);
    const { cycleTime: _, ...type2 } = capped;
    expect(() => solveBalancing({ ...type2, stations: 1 })).toThrow(/cannot all be met/);
    expect(solveBalancing({ ...type2, stations: 2 }).stations).toBe(2);
  });

  it('compares whole units exactly: a task one unit over the cycle does not fit', () => {
    const err = errorOf({ tasks: [{ id: 'a', time: 1_500_000.001 }], cycleTime: 1_500_000, layout: 'u' });
    expect(err.message).toMatch(/longer than the cycle time/);
    // The shared scaling (scale.ts) once took 1 500 000.001 for a whole number: the classic path too.
    expect(errorOf({ tasks: [{ id: 'a', time: 1_500_000.001 }], cycleTime: 1_500_000 }).message).toMatch(/longer than the cycle time/);
    const justFits = solveBalancing({
      tasks: [
        { id: 'a', time: 1_500_000 },
        { id: 'b', time: 0.001 },
      ],
      cycleTime: 1_500_000,
    });
    expect(justFits.stations).toBe(2);
    // 100 × 1.15 is 114.99999999999999 in binary; a model load of 115 still fits the tolerance.
    const r = solveBalancing({
      models: [
        { id: 'A', share: 0.5 },
        { id: 'B', share: 0.5 },
      ],
      tasks: [{ id: 't', times: { A: 115, B: 85 } }],
      cycleTime: 100,
      mixedRule: 'average',
      overloadTolerance: 0.15,
    });
    expect(r.stations).toBe(1);
  });

  it('gives a replicated station its units in turn across passes of an odd sequence', () => {
    const r = solveBalancing({
      models: [
        { id: 'A', share: 0.3 },
        { id: 'B', share: 0.7 },
      ],
      tasks: [{ id: 't', times: { A: 30, B: 14 } }],
      cycleTime: 10,
      mixedRule: 'average',
      overloadTolerance: 0.5,
      parallel: { maxReplicas: 2 },
      sequence: ['A', 'B', 'B'],
    });
    expect(r.replicas).toEqual([2]);
    // Each workplace sees A, B, B, A, …: A ends at 30 (the window), B catches up by 6, the next B by 6 more.
    expect(r.sequenceCheck).toMatchObject({ totalOverload: 0, steady: true });
  });

  it('refuses a model given twice in the shares', () => {
    expect(() => parseModelShares('A=1,A=2', '--models')).toThrow(/model A is given twice/);
  });
});
