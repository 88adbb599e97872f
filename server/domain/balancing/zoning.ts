/**
 * Zoning constraints turned into what the core searches over. Tasks that must share a station
 * become one super-task: with them, every task on a precedence path between them is forced
 * into the same station (stations are visited in line order), so groups are closed under
 * such paths before contraction, which keeps the contracted graph acyclic. Contradictions are
 * reported up front with the tasks involved: a must-not-share pair inside one group, group
 * members fixed to different stations, or a fixed station earlier than a predecessor's.
 */
import { BalancingInputError } from './errors.ts';
import { topologicalOrder, type IndexedTasks } from './precedence.ts';
import type { BalancingProblem } from './schema.ts';

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

/** Resolves, closes and checks the zoning constraints of a problem. */
export function applyZoning(tasks: IndexedTasks, constraints: Constraints | undefined): Zoning {
  const n = tasks.ids.length;
  const resolve = (id: string, field: string): number => {
    const j = tasks.index.get(id);
    if (j === undefined) throw new BalancingInputError(field, `${field}: unknown task "${id}"`);
    return j;
  };
  const share = (constraints?.mustShare ?? []).map(([a, b], k) => [resolve(a, `constraints.mustShare.${k}.0`), resolve(b, `constraints.mustShare.${k}.1`)]);
  const apart = (constraints?.mustNotShare ?? []).map(([a, b], k) => [resolve(a, `constraints.mustNotShare.${k}.0`), resolve(b, `constraints.mustNotShare.${k}.1`)]);
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
  const describe = (g: number) => (cause[g] >= 0 ? ` (they must share a station through mustShare ${cause[g]}, with every task on a path between)` : '');

  const seen = new Set<string>();
  const conflicts: [number, number][] = [];
  apart.forEach(([a, b], k) => {
    const ga = groupOf[a];
    const gb = groupOf[b];
    if (ga === gb) {
      throw new BalancingInputError(`constraints.mustNotShare.${k}`, `tasks "${tasks.ids[a]}" and "${tasks.ids[b]}" must not share a station, but they are in one group${describe(ga)}`);
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
        throw new BalancingInputError('constraints.fixed', `tasks "${tasks.ids[j]}" (station ${fixedTask[j]}) and "${tasks.ids[other]}" (station ${fixedTask[other]}) are fixed to different stations${describe(g)}`);
      }
      fixed[g] = fixedTask[j];
    }
  });
  checkFixedAgainstPrecedence(tasks, fixedTask);
  return { groupOf, groups, fixed, conflicts, cause };
}

/**
 * Merges groups that precedence forces together: in the graph contracted by the groups, a
 * cycle (e.g. a path from a group back to itself, or two groups each preceding the other)
 * means all its nodes share one station, so every strongly connected component becomes one
 * group. The condensation is acyclic, so one pass suffices.
 */
function closeUnderPaths(tasks: IndexedTasks, find: (j: number) => number, union: (a: number, b: number, c: number) => void): void {
  const n = tasks.ids.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  tasks.succs.forEach((list, j) => {
    for (const s of list) {
      if (find(j) === find(s)) continue;
      succ[find(j)].push(find(s));
      pred[find(s)].push(find(j));
    }
  });
  const finished = depthFirstFinishOrder(succ, (v) => find(v) === v);
  const component = new Int32Array(n).fill(-1);
  for (let k = finished.length - 1; k >= 0; k--) {
    const start = finished[k];
    if (component[start] >= 0) continue;
    component[start] = start;
    const stack = [start];
    while (stack.length > 0) {
      for (const w of pred[stack.pop()!]) {
        if (component[w] < 0) {
          component[w] = start;
          union(w, start, -1);
          stack.push(w);
        }
      }
    }
  }
}

/** Nodes (those `include` admits) in order of finishing an iterative depth-first search. */
function depthFirstFinishOrder(next: number[][], include: (v: number) => boolean): number[] {
  const n = next.length;
  const seen = new Uint8Array(n);
  const cursor = new Int32Array(n);
  const order: number[] = [];
  for (let root = 0; root < n; root++) {
    if (seen[root] || !include(root)) continue;
    seen[root] = 1;
    const stack = [root];
    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      if (cursor[v] < next[v].length) {
        const w = next[v][cursor[v]++];
        if (!seen[w]) {
          seen[w] = 1;
          stack.push(w);
        }
      } else {
        order.push(stack.pop()!);
      }
    }
  }
  return order;
}

/** A fixed task may not come after a successor's fixed station (stations run in line order). */
function checkFixedAgainstPrecedence(tasks: IndexedTasks, fixedTask: Int32Array): void {
  const latestBefore = new Int32Array(tasks.ids.length);
  const source = new Int32Array(tasks.ids.length).fill(-1);
  for (const j of topologicalOrder(tasks)) {
    for (const p of tasks.preds[j]) {
      const s = fixedTask[p] > latestBefore[p] ? fixedTask[p] : latestBefore[p];
      if (s > latestBefore[j]) {
        latestBefore[j] = s;
        source[j] = fixedTask[p] >= latestBefore[p] ? p : source[p];
      }
    }
    if (fixedTask[j] !== 0 && latestBefore[j] > fixedTask[j]) {
      const p = source[j];
      throw new BalancingInputError('constraints.fixed', `task "${tasks.ids[j]}" is fixed to station ${fixedTask[j]}, but its predecessor "${tasks.ids[p]}" is fixed to station ${fixedTask[p]}`);
    }
  }
}
