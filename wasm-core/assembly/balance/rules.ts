/**
 * Task priorities for the heuristics (Talbot, Patterson & Gehrlein 1986; Scholl & Voß 1996):
 * positional weight (own time plus all successors' times), time, number of successors, and
 * randomised positional weights. Noise comes from a seeded xorshift so runs stay
 * deterministic.
 */
import { allocI32, allocU64 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";
import { sortByKeyDesc } from "./sort";

export const RULE_POSITIONAL_WEIGHT: i32 = 0;
export const RULE_TIME: i32 = 1;
export const RULE_SUCCESSORS: i32 = 2;
export const RULE_TIME_TIMES_SUCCESSORS: i32 = 3;
export const RULE_COUNT: i32 = 4;

let rng: u64 = 0x9e3779b97f4a7c15;

/** Restarts the noise sequence (every run draws the same numbers). */
export function seedRules(seed: u64): void {
  rng = seed | 1;
}

/** Uniform number in [0, 1) from xorshift64*. */
export function nextUniform(): f64 {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return <f64>((rng * 0x2545f4914f6cdd1d) >> 11) / 9007199254740992.0;
}

/** Positional weight of task j: t_j plus the times of all its successors (cached per graph). */
export function positionalWeight(g: Graph, j: i32): f64 {
  if (g.posWeight == 0) cacheWeights(g);
  return load<f64>(g.posWeight + (<usize>j << 3));
}

/** Number of (transitive) successors of task j (cached per graph). */
function successorCount(g: Graph, j: i32): f64 {
  if (g.posWeight == 0) cacheWeights(g);
  return <f64>at(g.succCount, j);
}

/** One pass over the reach rows: the heuristics ask for these many times per run. */
function cacheWeights(g: Graph): void {
  g.posWeight = allocU64(g.n);
  g.succCount = allocI32(g.n);
  for (let j = 0; j < g.n; j++) {
    const row = g.reach + <usize>j * (<usize>g.words << 3);
    let sum = <f64>at(g.times, j);
    let count = 0;
    for (let w = 0; w < g.words; w++) {
      let x = load<u64>(row + (<usize>w << 3));
      while (x != 0) {
        sum += <f64>at(g.times, (w << 6) + <i32>ctz<u64>(x));
        count++;
        x &= x - 1;
      }
    }
    store<f64>(g.posWeight + (<usize>j << 3), sum);
    store<i32>(g.succCount + (<usize>j << 2), count);
  }
}

/**
 * Fills `prio` (f64[n]) by `rule`, multiplied by 1 + noise·u with u uniform in [0, 1).
 * Small secondary terms break ties the way the literature does (by positional weight).
 */
export function fillPriorities(g: Graph, rule: i32, noise: f64, prio: usize): void {
  const scale = <f64>g.totalTime + 1;
  for (let j = 0; j < g.n; j++) {
    const pw = positionalWeight(g, j);
    const t = <f64>at(g.times, j);
    const succ = successorCount(g, j);
    let p: f64 = pw;
    if (rule == RULE_TIME) p = t + pw / (scale * 2);
    else if (rule == RULE_SUCCESSORS) p = succ + pw / (scale * 2);
    else if (rule == RULE_TIME_TIMES_SUCCESSORS) p = t * (succ + 1) + pw / (scale * 2);
    if (noise > 0) p *= 1 + noise * nextUniform();
    store<f64>(prio + (<usize>j << 3), p);
  }
}

/** Allocates a priority array for n tasks. */
export function allocPriorities(n: i32): usize {
  return allocU64(n);
}

/**
 * Ranks tasks by positional weight, then time (Helgeson & Birnie's rule) and returns minus
 * the rank per task as an f64 sort key: loads are enumerated in this order, so capped dives
 * try the most urgent tasks first.
 */
export function priorityRanks(g: Graph): usize {
  const n = g.n;
  const keys = allocU64(n);
  const order = allocI32(n);
  const scale = <f64>g.maxTime + 1;
  for (let j = 0; j < n; j++) {
    const key = positionalWeight(g, j) * scale + <f64>at(g.times, j) + (<f64>(n - j) / <f64>(n + 1));
    store<f64>(keys + (<usize>j << 3), key);
    store<i32>(order + (<usize>j << 2), j);
  }
  sortByKeyDesc(order, n, keys);
  const rankKey = allocU64(n);
  for (let k = 0; k < n; k++) store<f64>(rankKey + (<usize>at(order, k) << 3), -<f64>k);
  return rankKey;
}
