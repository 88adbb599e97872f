/**
 * Bin-packing feasibility as a station bound (the bound that lets BB&R prove all of Scholl's
 * instances, Sewell & Jacobson 2012 §4.3): if the unassigned task times cannot be packed into
 * the k stations the incumbent still allows, ignoring precedence, the state is pruned.
 *
 * The test is a bin-completion search in the spirit of Korf (2003): bins are filled one at a
 * time, each starting with the largest remaining item and completed by a maximal multiset of
 * smaller sizes whose waste stays within the slack k·c − Σt. Equal sizes are counted, not
 * listed. Multisets proven not to fit into k bins are remembered (additive 64-bit hash of the
 * counts) across calls. Each call has a node budget; when it runs out the answer is "unknown".
 */
import { allocI32, allocU64 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";
import { sortByKeyDesc } from "./sort";

export const PACKS: i32 = 1;
export const CANNOT_PACK: i32 = 0;
export const UNKNOWN: i32 = -1;

const MEMO_BITS: i32 = 18;

export class BinPacker {
  cycle: i32 = 0;
  /** Distinct task times, largest first, and a random key per size for the multiset hash. */
  distinct: i32 = 0;
  sizes: usize = 0;
  keys: usize = 0;
  /** i32[n]: index of each task's time in `sizes`. */
  sizeIndex: usize = 0;
  /** i32[distinct]: multiplicities of the multiset being packed. */
  counts: usize = 0;
  /** Memo: u64 hash and i32 "largest k proven too few" per slot. */
  memoHash: usize = 0;
  memoBins: usize = 0;
  /** i64[(maxBins + 1)·(distinct + 1)]: per open bin, the time of the remaining items from size index i on. */
  suffix: usize = 0;
  maxBins: i32 = 0;
  nodes: i32 = 0;
  nodeLimit: i32 = 0;
  aborted: bool = false;
}

/** Prepares a packer for graph `g` at cycle time `cycle`. */
export function buildPacker(g: Graph, cycle: i32): BinPacker {
  const p = new BinPacker();
  const n = g.n;
  p.cycle = cycle;
  const order = allocI32(n);
  const keys = allocU64(n);
  for (let j = 0; j < n; j++) {
    store<i32>(order + (<usize>j << 2), j);
    store<f64>(keys + (<usize>j << 3), <f64>at(g.times, j));
  }
  sortByKeyDesc(order, n, keys);
  p.sizes = allocI32(n);
  p.sizeIndex = allocI32(n);
  let d = -1;
  for (let k = 0; k < n; k++) {
    const j = at(order, k);
    const t = at(g.times, j);
    if (d < 0 || at(p.sizes, d) != t) store<i32>(p.sizes + (<usize>++d << 2), t);
    store<i32>(p.sizeIndex + (<usize>j << 2), d);
  }
  p.distinct = d + 1;
  p.counts = allocI32(p.distinct);
  p.keys = allocU64(p.distinct);
  let x: u64 = 0x243f6a8885a308d3 ^ <u64>cycle;
  for (let i = 0; i < p.distinct; i++) {
    x += 0x9e3779b97f4a7c15;
    let z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    store<u64>(p.keys + (<usize>i << 3), z ^ (z >> 31));
  }
  p.maxBins = n + 1;
  p.suffix = allocU64((p.maxBins + 1) * (p.distinct + 1));
  p.memoHash = allocU64(1 << MEMO_BITS);
  p.memoBins = allocI32(1 << MEMO_BITS);
  return p;
}

/**
 * Whether the multiset in `p.counts` (total time `total`, hash `hash`) fits into `bins` bins.
 * Returns PACKS, CANNOT_PACK or UNKNOWN (node budget `nodeLimit` spent).
 */
export function canPack(p: BinPacker, bins: i32, total: i64, hash: u64, nodeLimit: i32): i32 {
  const slack = <i64>bins * <i64>p.cycle - total;
  if (slack < 0) return CANNOT_PACK;
  p.nodes = 0;
  p.nodeLimit = nodeLimit;
  p.aborted = false;
  const ok = packFrom(p, bins, slack, hash);
  if (p.aborted) return UNKNOWN;
  return ok ? PACKS : CANNOT_PACK;
}

/** Packs the remaining items into `bins` bins wasting at most `slack`. */
function packFrom(p: BinPacker, bins: i32, slack: i64, hash: u64): bool {
  let first = 0;
  while (first < p.distinct && at(p.counts, first) == 0) first++;
  if (first == p.distinct) return true;
  if (bins == 0) return false;
  if (l2OfCounts(p) > bins) return false;
  const slot = <usize>(<u32>(hash >> 20) & ((1 << MEMO_BITS) - 1));
  const memoAt = p.memoHash + (slot << 3);
  if (load<u64>(memoAt) == hash && load<i32>(p.memoBins + (slot << 2)) >= bins) return false;
  const size = at(p.sizes, first);
  decrement(p, first);
  const suffix = p.suffix + <usize>min(bins, p.maxBins) * (<usize>(p.distinct + 1) << 3);
  let mass: i64 = 0;
  store<i64>(suffix + (<usize>p.distinct << 3), 0);
  for (let i = p.distinct - 1; i >= first; i--) {
    mass += <i64>at(p.counts, i) * <i64>at(p.sizes, i);
    store<i64>(suffix + (<usize>i << 3), mass);
  }
  const ok = completeBin(p, first, p.cycle - size, bins, slack, hash - load<u64>(p.keys + (<usize>first << 3)), suffix);
  increment(p, first);
  if (!ok && !p.aborted) {
    store<u64>(memoAt, hash);
    store<i32>(p.memoBins + (slot << 2), bins);
  }
  return ok;
}

/**
 * Adds sizes from index `from` on to the open bin (residual capacity `residual`), trying the
 * fullest choices first; a bin is closed only when no remaining item fits (maximal bins).
 */
function completeBin(p: BinPacker, from: i32, residual: i32, bins: i32, slack: i64, hash: u64, suffix: usize): bool {
  if (++p.nodes > p.nodeLimit) {
    p.aborted = true;
    return false;
  }
  // The waste of this bin may not exceed the slack: the sizes still to try must fill the rest.
  if (<i64>residual - slack > load<i64>(suffix + (<usize>from << 3))) return false;
  let e = from;
  while (e < p.distinct && (at(p.counts, e) == 0 || at(p.sizes, e) > residual)) e++;
  if (e == p.distinct) {
    if (<i64>residual > slack || someItemFits(p, residual)) return false;
    return packFrom(p, bins - 1, slack - <i64>residual, hash);
  }
  const size = at(p.sizes, e);
  const available = at(p.counts, e);
  const most = min(available, residual / size);
  const key = load<u64>(p.keys + (<usize>e << 3));
  for (let take = most; take >= 0; take--) {
    store<i32>(p.counts + (<usize>e << 2), available - take);
    const ok = completeBin(p, e + 1, residual - take * size, bins, slack, hash - key * <u64>take, suffix);
    store<i32>(p.counts + (<usize>e << 2), available);
    if (ok) return true;
    if (p.aborted) return false;
  }
  return false;
}

/** Whether some remaining item fits into `residual` (then the bin is not maximal). */
function someItemFits(p: BinPacker, residual: i32): bool {
  for (let i = p.distinct - 1; i >= 0; i--) {
    if (at(p.sizes, i) > residual) return false;
    if (at(p.counts, i) > 0) return true;
  }
  return false;
}

@inline function decrement(p: BinPacker, i: i32): void {
  store<i32>(p.counts + (<usize>i << 2), at(p.counts, i) - 1);
}

@inline function increment(p: BinPacker, i: i32): void {
  store<i32>(p.counts + (<usize>i << 2), at(p.counts, i) + 1);
}

/** Martello–Toth L2 of the multiset in `p.counts` (see bounds.ts), in O(distinct sizes). */
export function l2OfCounts(p: BinPacker): i32 {
  const c = <i64>p.cycle;
  let nBig: i64 = 0;
  let sBig: i64 = 0;
  let total: i64 = 0;
  let firstSmall = p.distinct;
  for (let i = 0; i < p.distinct; i++) {
    const cnt = <i64>at(p.counts, i);
    const size = <i64>at(p.sizes, i);
    total += cnt * size;
    if (size * 2 > c) {
      nBig += cnt;
      sBig += cnt * size;
    } else if (firstSmall == p.distinct) firstSmall = i;
  }
  const small = total - sBig;
  let best = nBig + max<i64>(0, ceilPositive(small - (nBig * c - sBig), c));
  let n1: i64 = 0;
  let s1: i64 = 0;
  let p1 = 0;
  let below: i64 = 0;
  for (let i = p.distinct - 1; i >= firstSmall; i--) {
    const cnt = <i64>at(p.counts, i);
    if (cnt == 0) continue;
    const k = <i64>at(p.sizes, i);
    while (p1 < firstSmall && <i64>at(p.sizes, p1) > c - k) {
      n1 += <i64>at(p.counts, p1);
      s1 += <i64>at(p.counts, p1) * <i64>at(p.sizes, p1);
      p1++;
    }
    const n2 = nBig - n1;
    const s2 = sBig - s1;
    const lb = nBig + max<i64>(0, ceilPositive(small - below - (n2 * c - s2), c));
    if (lb > best) best = lb;
    below += cnt * k;
  }
  return <i32>best;
}

@inline function ceilPositive(a: i64, b: i64): i64 {
  return a <= 0 ? 0 : (a + b - 1) / b;
}
