/**
 * What every search of one instance shares, computed once: successor CSR and degree counts,
 * the acyclicity check, row totals, a priority order of the tasks and Zobrist keys.
 */
import { allocI32, mustAlloc } from "../balance/arena";
import * as layout from "./layout";
import { sortByKeyDesc } from "../balance/sort";
import { zobristKeys } from "../balance/zobrist";
import { gi, si, gf, sf } from "./layout";

export let n: i32 = 0;
export let dims: i32 = 0;
export let words: i32 = 0;
export let succOffsets: usize = 0;
export let succTargets: usize = 0;
export let predCount: usize = 0;
export let succCount: usize = 0;
/** Sum of each dimension over all tasks, f64[dims]. */
export let totals: usize = 0;
/** Largest task time of each dimension, f64[dims]. */
export let longest: usize = 0;
/** Tasks by priority, highest first (i32[n]); the search tries them in this order. */
export let priorityOrder: usize = 0;
export let zobrist: usize = 0;
export let hasFixed: bool = false;

@inline export function time(j: i32, d: i32): f64 {
  return gf(layout.timesAt, j * dims + d);
}

/** Sets up the shared tables; false if the precedence graph has a cycle or an arc is malformed. */
export function setupInstance(): bool {
  n = layout.taskCount;
  dims = layout.dimCount;
  words = (n + 63) >> 6;
  predCount = allocI32(n);
  succCount = allocI32(n);
  const arcs = layout.arcCount;
  for (let j = 0; j < n; j++) {
    const from = gi(layout.predOffsetsAt, j);
    const to = gi(layout.predOffsetsAt, j + 1);
    if (from > to || to > arcs) return false;
    si(predCount, j, to - from);
    for (let a = from; a < to; a++) {
      const p = gi(layout.predTargetsAt, a);
      if (p < 0 || p >= n || p == j) return false;
      si(succCount, p, gi(succCount, p) + 1);
    }
    if (gi(layout.fixedStationsAt, j) != 0) hasFixed = true;
  }
  succOffsets = allocI32(n + 1);
  for (let j = 0; j < n; j++) si(succOffsets, j + 1, gi(succOffsets, j) + gi(succCount, j));
  succTargets = allocI32(arcs);
  const fill = allocI32(n);
  for (let j = 0; j < n; j++) {
    for (let a = gi(layout.predOffsetsAt, j); a < gi(layout.predOffsetsAt, j + 1); a++) {
      const p = gi(layout.predTargetsAt, a);
      si(succTargets, gi(succOffsets, p) + gi(fill, p), j);
      si(fill, p, gi(fill, p) + 1);
    }
  }
  const topo = allocI32(n);
  if (!topologicalOrder(topo)) return false;
  totals = mustAlloc(<usize>max(dims, 1) << 3);
  longest = mustAlloc(<usize>max(dims, 1) << 3);
  for (let j = 0; j < n; j++) {
    for (let d = 0; d < dims; d++) {
      const t = time(j, d);
      sf(totals, d, gf(totals, d) + t);
      if (t > gf(longest, d)) sf(longest, d, t);
    }
  }
  priorities(topo);
  zobrist = zobristKeys(n, 0x9e3779b97f4a7c15);
  return true;
}

/** Kahn's algorithm into `topo`; false on a cycle. */
function topologicalOrder(topo: usize): bool {
  const left = allocI32(n);
  let head = 0;
  let tail = 0;
  for (let j = 0; j < n; j++) {
    si(left, j, gi(predCount, j));
    if (gi(left, j) == 0) si(topo, tail++, j);
  }
  while (head < tail) {
    const j = gi(topo, head++);
    for (let a = gi(succOffsets, j); a < gi(succOffsets, j + 1); a++) {
      const s = gi(succTargets, a);
      si(left, s, gi(left, s) - 1);
      if (gi(left, s) == 0) si(topo, tail++, s);
    }
  }
  return tail == n;
}

/**
 * Priority of a task: the larger of the longest chain of work from it to a sink and from a
 * source to it (the second matters on U-lines, which also fill stations from the back), with
 * the dimensions summed relative to their capacity factors. Ties by task index.
 */
function priorities(topo: usize): void {
  const work = mustAlloc(<usize>n << 3);
  const tail = mustAlloc(<usize>n << 3);
  const head = mustAlloc(<usize>n << 3);
  for (let j = 0; j < n; j++) {
    let w: f64 = 0;
    for (let d = 0; d < dims; d++) w += time(j, d) / gf(layout.factorsAt, d);
    sf(work, j, w);
  }
  for (let k = n - 1; k >= 0; k--) {
    const j = gi(topo, k);
    let best: f64 = 0;
    for (let a = gi(succOffsets, j); a < gi(succOffsets, j + 1); a++) best = max(best, gf(tail, gi(succTargets, a)));
    sf(tail, j, gf(work, j) + best);
  }
  for (let k = 0; k < n; k++) {
    const j = gi(topo, k);
    let best: f64 = 0;
    for (let a = gi(layout.predOffsetsAt, j); a < gi(layout.predOffsetsAt, j + 1); a++) {
      best = max(best, gf(head, gi(layout.predTargetsAt, a)));
    }
    sf(head, j, gf(work, j) + best);
  }
  priorityOrder = allocI32(n);
  const key = mustAlloc(<usize>n << 3);
  for (let j = 0; j < n; j++) {
    si(priorityOrder, j, j);
    sf(key, j, max(gf(tail, j), gf(head, j)));
  }
  sortByKeyDesc(priorityOrder, n, key);
}
