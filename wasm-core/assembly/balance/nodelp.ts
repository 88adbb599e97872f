/**
 * The bin-packing LP bound (lpbound.ts) at search nodes, for instances with few distinct
 * times: the unassigned tasks' times must fit into the stations the incumbent still allows.
 * Bounds are remembered per multiset of remaining times (an additive 64-bit hash of the
 * counts), which many states share; a remembered optimum is never recomputed. This is the
 * node bound with which BB&R proves Wee-mag c = 47 needs 33 stations.
 */
import { allocI32, allocU64 } from "./arena";
import { hasBit } from "./bits";
import { Graph } from "./graph";
import { at } from "./layout";
import { clearPatterns, lpLowerBound } from "./lpbound";
import { LpBound } from "./simplex";
import { MAX_LP_ROWS, SizeClasses, sizeClasses } from "./sizeclasses";

const MEMO_BITS: i32 = 16;
const EXACT: i32 = 0x40000000;
/** Knapsack cell updates per node LP; Farley's bound so far is used when it runs out. */
const NODE_LP_WORK: f64 = 2e5;

export class NodeLp {
  lp: LpBound;
  classes: SizeClasses;
  keys: usize;
  counts: usize;
  memoKey: usize;
  memoBound: usize;
  /** Knapsack cells spent, LPs solved and states they pruned (see lpAffordable). */
  work: f64 = 0;
  solved: i32 = 0;
  pruned: i32 = 0;

  constructor(lp: LpBound, classes: SizeClasses) {
    this.lp = lp;
    this.classes = classes;
    this.keys = allocU64(classes.distinct);
    this.counts = allocI32(classes.distinct);
    this.memoKey = allocU64(1 << MEMO_BITS);
    this.memoBound = allocI32(1 << MEMO_BITS);
    let x: u64 = 0x243f6a8885a308d3;
    for (let i = 0; i < classes.distinct; i++) {
      x += 0x9e3779b97f4a7c15;
      let z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
      z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
      store<u64>(this.keys + (<usize>i << 3), (z ^ (z >> 31)) | 1);
    }
  }
}

/** A node LP for `g` at `cycle`, or null when there are too many distinct times. */
export function buildNodeLp(g: Graph, cycle: i32): NodeLp | null {
  const classes = sizeClasses(g);
  if (classes.distinct > MAX_LP_ROWS) return null;
  let chunks = 0;
  for (let i = 0; i < classes.distinct; i++) chunks += 32 - clz<i32>(at(classes.counts, i));
  if (<f64>chunks * <f64>(cycle + 64) > 16e6) return null;
  return new NodeLp(new LpBound(classes.distinct, cycle, chunks, 4 * classes.distinct + 64), classes);
}

/**
 * Whether another node LP is worth its cost: always while it prunes at least one state in
 * four; otherwise only while its work (knapsack cells and simplex updates, about 1 ns each)
 * stays below 10 per load the search has examined (about 100 ns each), so it never dominates
 * a search it does not help.
 */
export function lpAffordable(nl: NodeLp, loads: i64): bool {
  return nl.pruned * 4 >= nl.solved || nl.work <= 10 * <f64>loads + 1e6;
}

/** Whether the tasks outside `assigned` provably need more than `bins` stations. */
export function lpTooFew(nl: NodeLp, g: Graph, assigned: usize, bins: i32): bool {
  const s = nl.classes;
  memory.fill(nl.counts, 0, <usize>s.distinct << 2);
  let hash: u64 = 0;
  for (let j = 0; j < g.n; j++) {
    if (hasBit(assigned, j)) continue;
    const d = at(s.classOf, j);
    store<i32>(nl.counts + (<usize>d << 2), at(nl.counts, d) + 1);
    hash += load<u64>(nl.keys + (<usize>d << 3));
  }
  const slot = <usize>(<u32>(hash >> 32) & ((1 << MEMO_BITS) - 1));
  let known = 0;
  if (load<u64>(nl.memoKey + (slot << 3)) == hash) {
    known = load<i32>(nl.memoBound + (slot << 2));
    if ((known & ~EXACT) > bins) return true;
    if ((known & EXACT) != 0) return false;
  }
  const lp = nl.lp;
  let rows = 0;
  for (let i = 0; i < s.distinct; i++) {
    const count = at(nl.counts, i);
    if (count == 0) continue;
    store<i32>(lp.sizes + (<usize>rows << 2), at(s.sizes, i));
    store<i32>(lp.demand + (<usize>rows << 2), count);
    rows++;
  }
  lp.rows = rows;
  clearPatterns(lp);
  const bound = max(lpLowerBound(lp, bins, NODE_LP_WORK), known & ~EXACT);
  store<u64>(nl.memoKey + (slot << 3), hash);
  store<i32>(nl.memoBound + (slot << 2), bound | (lp.optimal ? EXACT : 0));
  nl.work += lp.knap.work;
  nl.solved++;
  if (bound > bins) nl.pruned++;
  return bound > bins;
}
