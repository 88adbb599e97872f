/**
 * Tasks grouped by time: bin-packing bounds see only the multiset of times, so the LP has one
 * row per distinct time. Column generation converges fast on few distinct times (Wee-mag: 19)
 * and stalls on many (Scholl: about 150), where the search does better without it.
 */
import { allocI32, allocU64 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";
import { sortByKeyDesc } from "./sort";

/** Above this many distinct times the LP bound is not attempted. */
export const MAX_LP_ROWS: i32 = 48;

/** Distinct task times (largest first) and each task's class. */
export class SizeClasses {
  distinct: i32 = 0;
  sizes: usize = 0;
  counts: usize = 0;
  classOf: usize = 0;
}

/** Groups the tasks of `g` by time. */
export function sizeClasses(g: Graph): SizeClasses {
  const s = new SizeClasses();
  const n = g.n;
  const order = allocI32(n);
  const keys = allocU64(n);
  for (let j = 0; j < n; j++) {
    store<i32>(order + (<usize>j << 2), j);
    store<f64>(keys + (<usize>j << 3), <f64>at(g.times, j));
  }
  sortByKeyDesc(order, n, keys);
  s.sizes = allocI32(n);
  s.counts = allocI32(n);
  s.classOf = allocI32(n);
  let d = -1;
  for (let k = 0; k < n; k++) {
    const j = at(order, k);
    const t = at(g.times, j);
    if (d < 0 || at(s.sizes, d) != t) store<i32>(s.sizes + (<usize>++d << 2), t);
    store<i32>(s.classOf + (<usize>j << 2), d);
    store<i32>(s.counts + (<usize>d << 2), at(s.counts, d) + 1);
  }
  s.distinct = d + 1;
  return s;
}
