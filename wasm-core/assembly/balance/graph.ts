/**
 * The precedence graph of one search direction. The reversed graph (every arc turned
 * around) describes the same line read from its end: a solution with m stations maps to
 * one of the reversed instance by station s → m + 1 − s. Searching both directions is a
 * standard SALBP device (Scholl & Klein 1997) because one is often far easier to prove.
 */
import { allocI32 } from "./arena";
import { at, taskCount, arcCount, timesAt, predOffsetsAt, predTargetsAt } from "./layout";
import { fixedStationsAt, conflictOffsetsAt, conflictTargetsAt, conflictPairCount } from "./layout";
import { computeAncestors, computeReach } from "./reach";

export class Graph {
  n: i32 = 0;
  /** ⌈n / 64⌉: words of a task bit set. */
  words: i32 = 0;
  reversed: bool = false;
  /** i32[n] task times. */
  times: usize = 0;
  /** CSR of immediate predecessors / successors (i32 offsets[n+1], targets[arcs]). */
  predOff: usize = 0;
  predTgt: usize = 0;
  succOff: usize = 0;
  succTgt: usize = 0;
  /** i32[n] topological order. */
  order: usize = 0;
  /** u64[n·words]: row j holds every task reachable from j (its transitive successors). */
  reach: usize = 0;
  /** u64[n·words]: row j holds every task that reaches j (its transitive predecessors). */
  ancestors: usize = 0;
  /** i32[n] fixed station per task (0 = free); 0 when no task is fixed. */
  fixed: usize = 0;
  /** CSR of must-not-share partners; confOff is 0 when there are none. */
  confOff: usize = 0;
  confTgt: usize = 0;
  /** f64[n] positional weights and i32[n] successor counts, filled on first use (rules.ts). */
  posWeight: usize = 0;
  succCount: usize = 0;
  totalTime: i32 = 0;
  maxTime: i32 = 0;
  maxFixed: i32 = 0;
}

/** Builds the graph of one direction from the boundary input; null if the arcs contain a cycle. */
export function buildGraph(reversed: bool): Graph | null {
  const g = new Graph();
  const n = taskCount;
  g.n = n;
  g.words = (n + 63) >>> 6;
  g.reversed = reversed;
  g.times = timesAt;
  for (let j = 0; j < n; j++) {
    const tj = at(timesAt, j);
    g.totalTime += tj;
    if (tj > g.maxTime) g.maxTime = tj;
  }
  const inOff = allocI32(n + 1);
  const inTgt = allocI32(arcCount);
  const outOff = allocI32(n + 1);
  const outTgt = allocI32(arcCount);
  // Given arcs are "preds of j"; transpose them to "succs of j", then pick the direction.
  for (let e = 0; e < arcCount; e++) {
    const p = at(predTargetsAt, e);
    store<i32>(outOff + (<usize>(p + 1) << 2), at(outOff, p + 1) + 1);
  }
  for (let j = 0; j < n; j++) store<i32>(outOff + (<usize>(j + 1) << 2), at(outOff, j + 1) + at(outOff, j));
  const fill = allocI32(n);
  for (let j = 0; j < n; j++) {
    store<i32>(inOff + (<usize>j << 2), at(predOffsetsAt, j));
    for (let e = at(predOffsetsAt, j); e < at(predOffsetsAt, j + 1); e++) {
      const p = at(predTargetsAt, e);
      store<i32>(inTgt + (<usize>e << 2), p);
      const slot = at(outOff, p) + at(fill, p);
      store<i32>(fill + (<usize>p << 2), at(fill, p) + 1);
      store<i32>(outTgt + (<usize>slot << 2), j);
    }
  }
  store<i32>(inOff + (<usize>n << 2), arcCount);
  g.predOff = reversed ? outOff : inOff;
  g.predTgt = reversed ? outTgt : inTgt;
  g.succOff = reversed ? inOff : outOff;
  g.succTgt = reversed ? inTgt : outTgt;
  if (!topologicalOrder(g)) return null;
  computeReach(g);
  computeAncestors(g);
  attachConstraints(g);
  return g;
}

/** Kahn's algorithm; false when some tasks lie on a cycle. */
function topologicalOrder(g: Graph): bool {
  const n = g.n;
  const indeg = allocI32(n);
  g.order = allocI32(n);
  let tail = 0;
  for (let j = 0; j < n; j++) {
    const d = at(g.predOff, j + 1) - at(g.predOff, j);
    store<i32>(indeg + (<usize>j << 2), d);
    if (d == 0) store<i32>(g.order + (<usize>(tail++) << 2), j);
  }
  for (let head = 0; head < tail; head++) {
    const v = at(g.order, head);
    for (let e = at(g.succOff, v); e < at(g.succOff, v + 1); e++) {
      const s = at(g.succTgt, e);
      const d = at(indeg, s) - 1;
      store<i32>(indeg + (<usize>s << 2), d);
      if (d == 0) store<i32>(g.order + (<usize>(tail++) << 2), s);
    }
  }
  return tail == n;
}

/** Fixed stations apply to the forward direction only (a reversed line has no fixed length). */
function attachConstraints(g: Graph): void {
  if (!g.reversed) {
    for (let j = 0; j < g.n; j++) {
      const s = at(fixedStationsAt, j);
      if (s > g.maxFixed) g.maxFixed = s;
    }
    if (g.maxFixed > 0) g.fixed = fixedStationsAt;
  }
  if (conflictPairCount > 0) {
    g.confOff = conflictOffsetsAt;
    g.confTgt = conflictTargetsAt;
  }
}

/** Whether task `i` reaches task `j` through the precedence arcs. */
@inline export function reaches(g: Graph, i: i32, j: i32): bool {
  const p = g.reach + <usize>i * (<usize>g.words << 3) + (<usize>(j >>> 6) << 3);
  return ((load<u64>(p) >>> <u64>(j & 63)) & 1) != 0;
}
