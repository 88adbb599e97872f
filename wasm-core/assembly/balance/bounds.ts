/**
 * Lower bounds on the number of stations the unassigned tasks still need, all of them
 * bin-packing relaxations (precedence ignored), from Scholl & Becker (EJOR 168, 2006):
 *   LB1 = ⌈Σt / c⌉;
 *   LB2 counts tasks longer than c/2 as 1 and tasks of exactly c/2 as ½;
 *   LB3 counts tasks longer than 2c/3 as 1, of exactly 2c/3 as ⅔, between c/3 and 2c/3 as ½,
 *       of exactly c/3 as ⅓;
 * and the Martello–Toth (1990) bound L2 for bin packing. LB2 and LB3 are kept as integer
 * weights (halves and sixths) so that they can be summed incrementally during the search.
 */
import { allocI32 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";

export class BoundTables {
  cycle: i32 = 0;
  /** i32[n]: LB2 weight in halves (2, 1 or 0). */
  w2: usize = 0;
  /** i32[n]: LB3 weight in sixths (6, 4, 3, 2 or 0). */
  w3: usize = 0;
  /** i32[n]: tasks by non-increasing time (ties by index), for L2. */
  byTime: usize = 0;
  /** i32[n+1] scratch: sizes and prefix sums for L2. */
  sizes: usize = 0;
  prefix: usize = 0;
}

/** Precomputes the LB2/LB3 weights and the time order for a cycle time. */
export function buildBounds(g: Graph, cycle: i32): BoundTables {
  const b = new BoundTables();
  const n = g.n;
  b.cycle = cycle;
  b.w2 = allocI32(n);
  b.w3 = allocI32(n);
  b.byTime = allocI32(n);
  b.sizes = allocI32(n + 1);
  b.prefix = allocI32(n + 1);
  for (let j = 0; j < n; j++) {
    const t2 = <i64>at(g.times, j) * 2;
    const t3 = <i64>at(g.times, j) * 3;
    const c = <i64>cycle;
    store<i32>(b.w2 + (<usize>j << 2), t2 > c ? 2 : t2 == c ? 1 : 0);
    const w3 = t3 > 2 * c ? 6 : t3 == 2 * c ? 4 : t3 > c ? 3 : t3 == c ? 2 : 0;
    store<i32>(b.w3 + (<usize>j << 2), w3);
    store<i32>(b.byTime + (<usize>j << 2), j);
  }
  sortByTimeDesc(g, b.byTime, n);
  return b;
}

/** Insertion sort keeps equal times in index order (n is small enough at set-up). */
function sortByTimeDesc(g: Graph, list: usize, n: i32): void {
  for (let k = 1; k < n; k++) {
    const v = at(list, k);
    const tv = at(g.times, v);
    let p = k - 1;
    while (p >= 0 && at(g.times, at(list, p)) < tv) {
      store<i32>(list + (<usize>(p + 1) << 2), at(list, p));
      p--;
    }
    store<i32>(list + (<usize>(p + 1) << 2), v);
  }
}

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
@inline export function ceilDiv(a: i64, b: i64): i32 {
  return <i32>((a + b - 1) / b);
}

/** max(LB1, LB2, LB3) from the remaining time and the remaining LB2/LB3 weight sums. */
@inline export function simpleBound(cycle: i32, time: i32, halves: i32, sixths: i32): i32 {
  let lb = ceilDiv(<i64>time, <i64>cycle);
  const lb2 = (halves + 1) >> 1;
  const lb3 = (sixths + 5) / 6;
  if (lb2 > lb) lb = lb2;
  if (lb3 > lb) lb = lb3;
  return lb;
}

/**
 * Martello–Toth L2 over the sizes b.sizes[0..r), sorted non-increasing:
 * max over K ∈ {0} ∪ {sizes ≤ c/2} of |J1| + |J2| + max(0, ⌈(ΣJ3 − (|J2|·c − ΣJ2)) / c⌉),
 * with J1 = {s > c − K}, J2 = {c/2 < s ≤ c − K}, J3 = {K ≤ s ≤ c/2}.
 */
export function martelloTothL2(b: BoundTables, r: i32): i32 {
  const c = <i64>b.cycle;
  const a = b.sizes;
  const prefix = b.prefix;
  store<i32>(prefix, 0);
  let h = 0;
  for (let i = 0; i < r; i++) {
    const s = at(a, i);
    store<i32>(prefix + (<usize>(i + 1) << 2), at(prefix, i) + s);
    if (<i64>s * 2 > c) h = i + 1;
  }
  const ph = <i64>at(prefix, h);
  let best = h + max<i32>(0, ceilDiv(max<i64>(0, <i64>at(prefix, r) - ph - (<i64>h * c - ph)), c));
  let p1 = 0;
  for (let idx = r - 1; idx >= h; idx--) {
    const k = <i64>at(a, idx);
    if (idx < r - 1 && <i64>at(a, idx + 1) == k) continue;
    while (p1 < h && <i64>at(a, p1) > c - k) p1++;
    const n2 = <i64>(h - p1);
    const s2 = ph - <i64>at(prefix, p1);
    const s3 = <i64>at(prefix, idx + 1) - ph;
    const extra = s3 - (n2 * c - s2);
    const lb = h + (extra > 0 ? ceilDiv(extra, c) : 0);
    if (lb > best) best = lb;
  }
  return best;
}

/**
 * Pairing bound over the sizes b.sizes[0..r), sorted non-increasing: items longer than c/3
 * share a bin at most two at a time, so bins ≥ (number of such items) − (largest number of
 * disjoint pairs of them that fit together). For the threshold graph "a + b ≤ c" the greedy
 * that pairs the longest item with the shortest one it fits is a maximum matching.
 */
export function pairingBound(b: BoundTables, r: i32): i32 {
  const c = <i64>b.cycle;
  const a = b.sizes;
  let large = 0;
  while (large < r && <i64>at(a, large) * 3 > c) large++;
  let lo = large - 1;
  let hi = 0;
  let pairs = 0;
  while (hi < lo) {
    if (<i64>at(a, hi) + <i64>at(a, lo) <= c) {
      pairs++;
      lo--;
    }
    hi++;
  }
  return large - pairs;
}