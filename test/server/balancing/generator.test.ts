import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance, solveBalancing, timeShapes } from '../../../server/balancing/index.ts';

/** Order strength from the predecessor lists alone: ordered pairs of the transitive closure ÷ n(n−1)/2. */
function orderStrength(tasks: { id: string; predecessors: string[] }[]): number {
  const preds = new Map(tasks.map((t) => [t.id, t.predecessors]));
  const ancestors = new Map<string, Set<string>>();
  const visit = (id: string, seen: Set<string>): Set<string> => {
    if (ancestors.has(id)) return ancestors.get(id)!;
    if (seen.has(id)) throw new Error(`cycle through ${id}`);
    seen.add(id);
    const all = new Set<string>();
    for (const p of preds.get(id)!) {
      all.add(p);
      for (const a of visit(p, seen)) all.add(a);
    }
    ancestors.set(id, all);
    return all;
  };
  let pairs = 0;
  for (const t of tasks) pairs += visit(t.id, new Set()).size;
  return pairs / ((tasks.length * (tasks.length - 1)) / 2);
}

describe('random instances in the style of Otto et al.', () => {
  it('makes acyclic graphs of the order strength asked for, with times in [1, c]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 120 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.constantFrom(...timeShapes),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, os, times, seed) => {
          const instance = generateInstance({ tasks: n, orderStrength: os, times, seed });
          expect(instance.tasks).toHaveLength(n);
          const measured = orderStrength(instance.tasks);
          expect(measured).toBeCloseTo(instance.orderStrength, 12);
          expect(measured).toBeGreaterThanOrEqual(os - 1e-12);
          // One arc adds at most (n/2)² pairs; in practice the target is met closely.
          expect(measured - os).toBeLessThanOrEqual((n * n) / 4 / ((n * (n - 1)) / 2) + 1e-12);
          for (const t of instance.tasks) {
            expect(Number.isInteger(t.time)).toBe(true);
            expect(t.time).toBeGreaterThanOrEqual(1);
            expect(t.time).toBeLessThanOrEqual(instance.cycleTime);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic for a seed, and reaches high order strengths on large graphs closely', () => {
    const a = generateInstance({ tasks: 300, orderStrength: 0.9, times: 'bimodal', seed: 7 });
    expect(generateInstance({ tasks: 300, orderStrength: 0.9, times: 'bimodal', seed: 7 })).toEqual(a);
    expect(generateInstance({ tasks: 300, orderStrength: 0.9, times: 'bimodal', seed: 8 })).not.toEqual(a);
    expect(a.orderStrength).toBeGreaterThanOrEqual(0.9);
    expect(a.orderStrength).toBeLessThan(0.93);
    expect(a.name).toBe('n300-os90-bimodal-s7');
  });

  it('draws each shape’s times around its documented centre', () => {
    const mean = (times: 'uniform' | 'peak-bottom' | 'peak-middle' | 'bimodal') => {
      const { tasks } = generateInstance({ tasks: 2000, orderStrength: 0, times, seed: 3 });
      return tasks.reduce((s, t) => s + t.time, 0) / tasks.length;
    };
    expect(mean('uniform')).toBeGreaterThan(230);
    expect(mean('uniform')).toBeLessThan(270);
    expect(mean('peak-bottom')).toBeGreaterThan(95);
    expect(mean('peak-bottom')).toBeLessThan(110);
    expect(mean('peak-middle')).toBeGreaterThan(490);
    expect(mean('peak-middle')).toBeLessThan(510);
    expect(mean('bimodal')).toBeGreaterThan(160);
    expect(mean('bimodal')).toBeLessThan(200);
  });

  it('gives the solver instances it balances feasibly', () => {
    const instance = generateInstance({ tasks: 40, orderStrength: 0.6, times: 'peak-bottom', seed: 1 });
    const result = solveBalancing({ tasks: instance.tasks, cycleTime: instance.cycleTime, timeLimitMs: 10_000 });
    const stationOf = new Map(result.taskIds.map((id, i) => [id, result.assignment[i]]));
    for (const t of instance.tasks) for (const p of t.predecessors) expect(stationOf.get(p)!).toBeLessThanOrEqual(stationOf.get(t.id)!);
    for (const s of result.stationLoads) expect(s.load).toBeLessThanOrEqual(instance.cycleTime);
  });
});
