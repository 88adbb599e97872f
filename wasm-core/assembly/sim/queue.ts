/**
 * The event queue: a tournament tree of fan-out 16 over one key per machine. A machine has at
 * most one pending event (the earlier of its activity end and its next failure), so the queue
 * never grows or allocates; a machine with nothing pending keeps the key +∞.
 *
 * Level 0 holds the machines' keys, level ℓ + 1 the minimum of each block of 16 keys of level ℓ,
 * and the top level is a single block (one level up to 16 machines, three for the schema's 2000).
 * A block is eight f64x2 vectors, so its minimum and the first key equal to it come from a few
 * branch-free SIMD instructions instead of the unpredictable compares of a binary heap. Ties go
 * to the lowest machine index (the first equal key at every level), which makes the event
 * order, and so every result, deterministic (SimPy orders by (time, priority, sequence) for the
 * same reason).
 */
import { nMachines, pQueue, QUEUE_LEVEL0_KEYS, QUEUE_LEVEL1_KEYS } from './layout';

const BLOCK_SHIFT: i32 = 4;
const BLOCK_BYTES_SHIFT: usize = 7;
const LEVEL0: usize = pQueue;
const LEVEL1: usize = LEVEL0 + (<usize>QUEUE_LEVEL0_KEYS << 3);
const LEVEL2: usize = LEVEL1 + (<usize>QUEUE_LEVEL1_KEYS << 3);

// Masks selecting lane 0 or lane 1 of a pair of keys.
const LANE_MASKS = memory.data<u64>([0xffffffffffffffff, 0, 0, 0xffffffffffffffff], 16);

let levels: i32 = 1;

@inline function levelAt(l: i32): usize {
  return l == 0 ? LEVEL0 : l == 1 ? LEVEL1 : LEVEL2;
}

/** Every key +∞ (also the padding of each level's last block). */
export function queueReset(): void {
  levels = 1;
  for (let size = nMachines; size > 16; size = (size + 15) >> BLOCK_SHIFT) levels++;
  for (let l = 0; l < levels; l++) {
    const keys = l == 0 ? QUEUE_LEVEL0_KEYS : l == 1 ? QUEUE_LEVEL1_KEYS : 16;
    const at = levelAt(l);
    for (let i = 0; i < keys; i++) store<f64>(at + (<usize>i << 3), Infinity);
  }
}

/** The smallest of the 16 keys at `at`, in both lanes. */
@inline function blockMin(at: usize): v128 {
  const a = f64x2.pmin(v128.load(at, 0), v128.load(at, 16));
  const b = f64x2.pmin(v128.load(at, 32), v128.load(at, 48));
  const c = f64x2.pmin(v128.load(at, 64), v128.load(at, 80));
  const d = f64x2.pmin(v128.load(at, 96), v128.load(at, 112));
  const e = f64x2.pmin(f64x2.pmin(a, b), f64x2.pmin(c, d));
  return f64x2.pmin(e, v128.shuffle<f64>(e, e, 1, 0));
}

/** Two bits: which of the two keys at `at` equal v. */
@inline function equalBits(at: usize, v: v128): i32 {
  return i64x2.bitmask(f64x2.eq(v128.load(at), v));
}

/** Position of the first of the 16 keys at `at` equal to v (which one of them is). */
@inline function firstEqual(at: usize, v: v128): i32 {
  const low = equalBits(at, v) | (equalBits(at + 16, v) << 2)
    | (equalBits(at + 32, v) << 4) | (equalBits(at + 48, v) << 6);
  const high = equalBits(at + 64, v) | (equalBits(at + 80, v) << 2)
    | (equalBits(at + 96, v) << 4) | (equalBits(at + 112, v) << 6);
  return ctz(low | (high << 8));
}

/** Machine m's pending event time. */
@inline export function queueKey(m: i32): f64 {
  return load<f64>(LEVEL0 + (<usize>m << 3));
}

/** Sets machine m's event time; the levels above learn only about changed block minima. */
@inline export function queueSet(m: i32, key: f64): void {
  // A whole-vector write: the scans read keys as vectors, and a vector load cannot take its
  // value from a narrower store still in flight (store forwarding), which stalls it.
  // The lane is chosen by a mask, not a branch: m's parity is a coin flip.
  const pair = LEVEL0 + (<usize>(m & ~1) << 3);
  const lane = v128.load(LANE_MASKS + (<usize>(m & 1) << 4));
  v128.store(pair, v128.bitselect(f64x2.splat(key), v128.load(pair), lane));
  if (levels > 1) propagate(m);
}

function propagate(i: i32): void {
  for (let l = 0; l + 1 < levels; l++) {
    const b = i >> BLOCK_SHIFT;
    const least = f64x2.extract_lane(blockMin(levelAt(l) + (<usize>b << BLOCK_BYTES_SHIFT)), 0);
    const up = levelAt(l + 1) + (<usize>b << 3);
    if (load<f64>(up) == least) return;
    store<f64>(up, least);
    i = b;
  }
}

/** The machine with the earliest pending event (lowest index among equal times). */
@inline export function queueTop(): i32 {
  if (levels == 1) return firstEqual(LEVEL0, blockMin(LEVEL0));
  return descend();
}

function descend(): i32 {
  let l = levels - 1;
  const at = levelAt(l);
  const least = blockMin(at);
  let i = firstEqual(at, least);
  while (l > 0) {
    l--;
    i = (i << BLOCK_SHIFT) + firstEqual(levelAt(l) + (<usize>i << BLOCK_BYTES_SHIFT), least);
  }
  return i;
}
