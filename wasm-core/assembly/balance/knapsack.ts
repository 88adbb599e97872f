/**
 * Pricing for the bin-packing LP (lpbound.ts): the most valuable multiset of item sizes that
 * fits into one bin, max Σ y_i·a_i subject to Σ s_i·a_i ≤ c and 0 ≤ a_i ≤ d_i. Dynamic
 * programming over the capacity, each size split into binary chunks of its multiplicity
 * (O(c · Σ log d_i)); `work` counts cell updates so callers can cap the effort.
 */
import { allocI32, allocU64 } from "./arena";

export class Knapsack {
  capacity: i32 = 0;
  /** f64[capacity + 1] best value per capacity. */
  best: usize = 0;
  /** Chunk list: size index and multiplicity, and per chunk a bit row of "taken at w". */
  chunkItem: usize = 0;
  chunkCount: usize = 0;
  taken: usize = 0;
  maxChunks: i32 = 0;
  rowWords: i32 = 0;
  work: f64 = 0;
}

/** Prepares a knapsack for bins of `capacity` and up to `maxChunks` chunks. */
export function buildKnapsack(capacity: i32, maxChunks: i32): Knapsack {
  const k = new Knapsack();
  k.capacity = capacity;
  k.maxChunks = maxChunks;
  k.rowWords = (capacity + 64) >>> 6;
  k.best = allocU64(capacity + 1);
  k.chunkItem = allocI32(maxChunks);
  k.chunkCount = allocI32(maxChunks);
  k.taken = allocU64(maxChunks * k.rowWords);
  return k;
}

/**
 * Solves the pricing problem for sizes `sizes` (i32[D]), multiplicities `demand` (i32[D]) and
 * values `y` (f64[D]); writes the chosen counts to `pattern` (i32[D]) and returns the value.
 */
export function bestPattern(k: Knapsack, D: i32, sizes: usize, demand: usize, y: usize, pattern: usize): f64 {
  const c = k.capacity;
  memory.fill(k.best, 0, <usize>(c + 1) << 3);
  let chunks = 0;
  for (let i = 0; i < D; i++) {
    const v = load<f64>(y + (<usize>i << 3));
    const s = load<i32>(sizes + (<usize>i << 2));
    let left = load<i32>(demand + (<usize>i << 2));
    if (v <= 0 || s > c) continue;
    for (let q = 1; left > 0 && chunks < k.maxChunks; q <<= 1) {
      const take = min(q, left);
      left -= take;
      const w = take * s;
      if (w > c) break;
      const value = v * <f64>take;
      const row = k.taken + <usize>chunks * (<usize>k.rowWords << 3);
      memory.fill(row, 0, <usize>k.rowWords << 3);
      for (let cap = c; cap >= w; cap--) {
        const with_ = load<f64>(k.best + (<usize>(cap - w) << 3)) + value;
        if (with_ > load<f64>(k.best + (<usize>cap << 3)) + 1e-12) {
          store<f64>(k.best + (<usize>cap << 3), with_);
          const p = row + (<usize>(cap >>> 6) << 3);
          store<u64>(p, load<u64>(p) | (<u64>1 << <u64>(cap & 63)));
        }
      }
      k.work += <f64>(c - w + 1);
      store<i32>(k.chunkItem + (<usize>chunks << 2), i);
      store<i32>(k.chunkCount + (<usize>chunks << 2), take);
      chunks++;
    }
  }
  memory.fill(pattern, 0, <usize>D << 2);
  let cap = c;
  for (let ch = chunks - 1; ch >= 0; ch--) {
    const row = k.taken + <usize>ch * (<usize>k.rowWords << 3);
    if (((load<u64>(row + (<usize>(cap >>> 6) << 3)) >>> <u64>(cap & 63)) & 1) == 0) continue;
    const i = load<i32>(k.chunkItem + (<usize>ch << 2));
    const take = load<i32>(k.chunkCount + (<usize>ch << 2));
    store<i32>(pattern + (<usize>i << 2), load<i32>(pattern + (<usize>i << 2)) + take);
    cap -= take * load<i32>(sizes + (<usize>i << 2));
  }
  return load<f64>(k.best + (<usize>c << 3));
}
