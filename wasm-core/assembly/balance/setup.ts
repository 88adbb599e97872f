/**
 * What every run needs before it searches: both graphs (the reversed one only without fixed
 * stations), the input checks the core cannot trust the host for, Zobrist keys, and the root
 * lower bound.
 */
import { zobristKeys } from "./zobrist";
import { allocU64 } from "./arena";
import { buildBounds, martelloTothL2, pairingBound, simpleBound } from "./bounds";
import { buildWindows, computeHeads, windowsTooFew } from "./windows";
import { buildGraph, Graph } from "./graph";
import { at, taskCount, predOffsetsAt, predTargetsAt, arcCount, fixedStationsAt } from "./layout";
import { conflictOffsetsAt, conflictTargetsAt, conflictPairCount } from "./layout";

export let forward: Graph | null = null;
export let backward: Graph | null = null;
export let zobrist: usize = 0;

/** Builds graphs and keys; returns false if arcs form a cycle (the caller reports it). */
export function setUp(): bool {
  forward = buildGraph(false);
  if (forward == null) return false;
  const fw = forward!;
  backward = fw.fixed == 0 ? buildGraph(true) : null;
  zobrist = zobristKeys(taskCount, 0x853c49e6748fea9b);
  return true;
}

/** Checks the index ranges of the CSR arrays and the sign of the times and fixed stations. */
export function inputIsWellFormed(): bool {
  const n = taskCount;
  if (n <= 0 || at(predOffsetsAt, 0) != 0 || at(predOffsetsAt, n) != arcCount) return false;
  for (let j = 0; j < n; j++) {
    if (at(predOffsetsAt, j + 1) < at(predOffsetsAt, j)) return false;
    if (at(fixedStationsAt, j) < 0) return false;
  }
  for (let e = 0; e < arcCount; e++) {
    const p = at(predTargetsAt, e);
    if (p < 0 || p >= n) return false;
  }
  if (at(conflictOffsetsAt, 0) != 0 || at(conflictOffsetsAt, n) != 2 * conflictPairCount) return false;
  for (let j = 0; j < n; j++) {
    if (at(conflictOffsetsAt, j + 1) < at(conflictOffsetsAt, j)) return false;
  }
  for (let e = 0; e < 2 * conflictPairCount; e++) {
    const p = at(conflictTargetsAt, e);
    if (p < 0 || p >= n) return false;
  }
  return true;
}

/** Whether every time is positive and at most `cycle`, and the total fits in an i32. */
export function timesFit(g: Graph, cycle: i32): bool {
  let total: i64 = 0;
  for (let j = 0; j < g.n; j++) {
    const t = at(g.times, j);
    if (t <= 0 || t > cycle) return false;
    total += t;
  }
  return total <= 0x7fffffff;
}

/**
 * Root lower bound on the stations at cycle `cycle`: max(LB1, LB2, LB3, Martello–Toth L2,
 * pairing, latest fixed station), raised while the station windows show it too few.
 * (The LP bound, rootlp.ts, comes later, once a heuristic has supplied its columns.)
 */
export function rootBound(g: Graph, cycle: i32): i32 {
  const b = buildBounds(g, cycle);
  let halves = 0;
  let sixths = 0;
  for (let j = 0; j < g.n; j++) {
    halves += at(b.w2, j);
    sixths += at(b.w3, j);
    store<i32>(b.sizes + (<usize>j << 2), at(g.times, at(b.byTime, j)));
  }
  let lb = max(simpleBound(cycle, g.totalTime, halves, sixths), max(martelloTothL2(b, g.n), pairingBound(b, g.n)));
  lb = max(lb, g.maxFixed);
  const w = buildWindows(g, cycle);
  const none = allocU64(g.words);
  computeHeads(w, g, none);
  while (lb < g.n && windowsTooFew(w, g, none, 0, none, 0, lb)) lb++;
  return lb;
}
