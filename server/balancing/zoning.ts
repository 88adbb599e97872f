/**
 * Zoning constraints turned into what the core searches over. Tasks that must share a station
 * become one super-task: with them, every task on a precedence path between them is forced
 * into the same station (stations are visited in line order), so groups are closed under
 * such paths before contraction, which keeps the contracted graph acyclic. Contradictions are
 * reported up front with the tasks involved: a must-not-share pair inside one group, group
 * members fixed to different stations, or a fixed station earlier than a predecessor's.
 */
import { BalancingInputError } from './errors.ts';
import { closeUnderPaths } from './closure.ts';
import { checkFixedAgainstPrecedence } from './fixed.ts';
import type { IndexedTasks } from './precedence.ts';
import type { BalancingProblem } from './problemSchema.ts';

export interface Zoning {
  /** Group of each task; groups are numbered in order of their first task. */
  groupOf: Int32Array;
  groups: number[][];
  /** Station each group is fixed to (0 = free). */
  fixed: Int32Array;
  /** Must-not-share pairs between groups (a < b, no duplicates). */
  conflicts: [number, number][];
  /** For each group, the must-share entry that formed it (for messages), or -1. */
  cause: Int32Array;
}

type Constraints = NonNullable<BalancingProblem['constraints']>;

/**
 * Resolves, closes and checks the zoning constraints of a problem. On a U-line a station
 * serves both legs, so a fixed station says nothing about the order of the stations of a
 * task's predecessors: that check applies to straight lines only.
 */
export function applyZoning(tasks: IndexedTasks, constraints: Constraints | undefined, layout: 'straight' | 'u' = 'straight'): Zoning {
  const n = tasks.ids.length;
  const resolve = (id: string, field: string): number => {
    const j = tasks.index.get(id);
    if (j === undefined) throw new BalancingInputError(field, `${field}: unknown task "${id}"`);
    return j;
  };
  const share = (constraints?.mustShare ?? []).map(([a, b], k) => [
    resolve(a, `constraints.mustShare.${k}.0`),
    resolve(b, `constraints.mustShare.${k}.1`),
  ]);
  const apart = (constraints?.mustNotShare ?? []).map(([a, b], k) => [
    resolve(a, `constraints.mustNotShare.${k}.0`),
    resolve(b, `constraints.mustNotShare.${k}.1`),
  ]);
  const fixedTask = new Int32Array(n);
  (constraints?.fixed ?? []).forEach(({ task, station }, k) => {
    const j = resolve(task, `constraints.fixed.${k}.task`);
    if (fixedTask[j] !== 0 && fixedTask[j] !== station) {
      throw new BalancingInputError(`constraints.fixed.${k}`, `task "${task}" is fixed to stations ${fixedTask[j]} and ${station}`);
    }
    fixedTask[j] = station;
  });

  const root = Int32Array.from({ length: n }, (_, j) => j);
  const find = (j: number): number => (root[j] === j ? j : (root[j] = find(root[j])));
  const causeOf = new Int32Array(n).fill(-1);
  const union = (a: number, b: number, cause: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    root[Math.max(ra, rb)] = Math.min(ra, rb);
    causeOf[Math.min(ra, rb)] = causeOf[ra] >= 0 ? causeOf[ra] : causeOf[rb] >= 0 ? causeOf[rb] : cause;
  };
  share.forEach(([a, b], k) => union(a, b, k));
  closeUnderPaths(tasks, find, union);

  const groupIndex = new Map<number, number>();
  const groupOf = new Int32Array(n);
  const groups: number[][] = [];
  for (let j = 0; j < n; j++) {
    const r = find(j);
    if (!groupIndex.has(r)) {
      groupIndex.set(r, groups.length);
      groups.push([]);
    }
    groupOf[j] = groupIndex.get(r)!;
    groups[groupOf[j]].push(j);
  }
  const cause = Int32Array.from(groups, (g) => causeOf[find(g[0])]);
  const describe = (g: number) =>
    cause[g] >= 0 ? ` (they must share a station through mustShare ${cause[g]}, with every task on a path between)` : '';

  const seen = new Set<string>();
  const conflicts: [number, number][] = [];
  apart.forEach(([a, b], k) => {
    const ga = groupOf[a];
    const gb = groupOf[b];
    if (ga === gb) {
      throw new BalancingInputError(
        `constraints.mustNotShare.${k}`,
        `tasks "${tasks.ids[a]}" and "${tasks.ids[b]}" must not share a station, but they are in one group${describe(ga)}`,
      );
    }
    const key = ga < gb ? `${ga},${gb}` : `${gb},${ga}`;
    if (!seen.has(key)) {
      seen.add(key);
      conflicts.push(ga < gb ? [ga, gb] : [gb, ga]);
    }
  });

  const fixed = new Int32Array(groups.length);
  groups.forEach((members, g) => {
    for (const j of members) {
      if (fixedTask[j] === 0) continue;
      const other = members.find((m) => fixedTask[m] !== 0 && fixedTask[m] !== fixedTask[j]);
      if (other !== undefined) {
        throw new BalancingInputError(
          'constraints.fixed',
          `tasks "${tasks.ids[j]}" (station ${fixedTask[j]}) and "${tasks.ids[other]}" (station ${fixedTask[other]}) are fixed to different stations${describe(g)}`,
        );
      }
      fixed[g] = fixedTask[j];
    }
  });
  if (layout === 'straight') checkFixedAgainstPrecedence(tasks, fixedTask);
  return { groupOf, groups, fixed, conflicts, cause };
}
