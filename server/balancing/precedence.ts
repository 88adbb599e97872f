/**
 * Tasks indexed by position, with their precedence arcs checked: ids must be unique,
 * predecessors must exist, and the graph must be acyclic. A cycle is reported with the tasks
 * on it, in order, because that is what a planner has to fix.
 */
import { BalancingInputError } from './errors.ts';

export interface IndexedTasks {
  ids: string[];
  index: Map<string, number>;
  /** Immediate predecessors / successors by task index (duplicates removed). */
  preds: number[][];
  succs: number[][];
}

/** Indexes tasks and checks their precedence graph; throws BalancingInputError on a defect. */
export function indexTasks(tasks: readonly { id: string; predecessors: string[] }[]): IndexedTasks {
  const ids = tasks.map((t) => t.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = index.get(id);
    if (first !== undefined)
      throw new BalancingInputError(`tasks.${i}.id`, `task "${id}" is listed twice (positions ${first + 1} and ${i + 1})`);
    index.set(id, i);
  });
  const preds = tasks.map((t, i) => {
    const list = new Set<number>();
    t.predecessors.forEach((p, k) => {
      const j = index.get(p);
      if (j === undefined) throw new BalancingInputError(`tasks.${i}.predecessors.${k}`, `task "${t.id}" lists unknown predecessor "${p}"`);
      list.add(j);
    });
    return [...list];
  });
  const succs: number[][] = ids.map(() => []);
  preds.forEach((list, j) => list.forEach((p) => succs[p].push(j)));
  const cycle = findCycle(succs);
  if (cycle) {
    const names = [...cycle, cycle[0]].map((j) => `"${ids[j]}"`).join(' → ');
    throw new BalancingInputError(`tasks.${cycle[1 % cycle.length]}.predecessors`, `precedence cycle: ${names}`);
  }
  return { ids, index, preds, succs };
}

/** A cycle of the graph given by successor lists (task indices in arc order), or null. */
export function findCycle(succs: number[][]): number[] | null {
  const n = succs.length;
  const state = new Uint8Array(n); // 0 new, 1 on the DFS path, 2 done
  const parent = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    const stack = [root];
    state[root] = 1;
    while (stack.length > 0) {
      const v = stack[stack.length - 1];
      if (next[v] < succs[v].length) {
        const w = succs[v][next[v]++];
        if (state[w] === 0) {
          state[w] = 1;
          parent[w] = v;
          stack.push(w);
        } else if (state[w] === 1) {
          const cycle = [v];
          for (let u = v; u !== w;) cycle.push((u = parent[u]));
          return cycle.reverse();
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  return null;
}

/** Tasks in topological order (the graph is known to be acyclic). */
export function topologicalOrder(tasks: IndexedTasks): number[] {
  const indeg = tasks.preds.map((p) => p.length);
  const order = indeg.flatMap((d, j) => (d === 0 ? [j] : []));
  for (let head = 0; head < order.length; head++) {
    for (const s of tasks.succs[order[head]]) if (--indeg[s] === 0) order.push(s);
  }
  return order;
}
