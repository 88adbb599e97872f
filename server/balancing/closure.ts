/**
 * Closing must-share groups under precedence: stations are visited in line order, so tasks on
 * a path between two members of a group, or groups that precede each other, end up sharing one
 * station. In the graph contracted by the groups those are exactly the strongly connected
 * components (found here with Kosaraju's two depth-first passes, iteratively).
 */
import type { IndexedTasks } from './precedence.ts';

/**
 * Merges groups that precedence forces together: in the graph contracted by the groups, a
 * cycle (e.g. a path from a group back to itself, or two groups each preceding the other)
 * means all its nodes share one station, so every strongly connected component becomes one
 * group. The condensation is acyclic, so one pass suffices.
 */
export function closeUnderPaths(tasks: IndexedTasks, find: (j: number) => number, union: (a: number, b: number, c: number) => void): void {
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
