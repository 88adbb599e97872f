/**
 * The contracted instance handed to the WASM core: one node per zoning group (a single task
 * unless must-share pairs merged it), integer times, predecessor CSR, fixed stations and
 * must-not-share partners as flat typed arrays.
 */
import type { CoreProblem } from '../../wasm-core/balance.ts';
import type { IndexedTasks } from './precedence.ts';
import type { Zoning } from './zoning.ts';

/** Builds the core's arrays; `units` are the task times in integer units. */
export function toCoreProblem(tasks: IndexedTasks, zoning: Zoning, units: number[]): CoreProblem {
  const times = new Int32Array(zoning.groups.length);
  units.forEach((u, j) => (times[zoning.groupOf[j]] += u));
  return { times, ...contractedGraph(tasks, zoning), fixedStations: zoning.fixed };
}

/** The precedence arcs between zoning groups and their must-not-share partners, as CSR (shared by both cores). */
export function contractedGraph(tasks: IndexedTasks, zoning: Zoning) {
  const count = zoning.groups.length;
  const preds: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  tasks.preds.forEach((list, j) => {
    const g = zoning.groupOf[j];
    for (const p of list) if (zoning.groupOf[p] !== g) preds[g].add(zoning.groupOf[p]);
  });
  const partners: number[][] = Array.from({ length: count }, () => []);
  for (const [a, b] of zoning.conflicts) {
    partners[a].push(b);
    partners[b].push(a);
  }
  const [predOffsets, predTargets] = csr(preds.map((s) => [...s]));
  const [conflictOffsets, conflictTargets] = csr(partners);
  return { predOffsets, predTargets, conflictOffsets, conflictTargets };
}

function csr(lists: number[][]): [Int32Array, Int32Array] {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, j) => (offsets[j + 1] = offsets[j] + l.length));
  const targets = new Int32Array(offsets[lists.length]);
  lists.forEach((l, j) => targets.set(l, offsets[j]));
  return [offsets, targets];
}
