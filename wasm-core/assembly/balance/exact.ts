/**
 * Runs the exact search of both directions side by side, in slices, until one of them
 * exhausts its queue (which proves the incumbent optimal), the time limit passes, or both
 * run out of memory. The direction a static rule favours (see forwardShare) gets four loads
 * for every one of the other, so a wrong guess costs a factor of about five, not a hang:
 * one direction is often hopeless where the other is quick (Arcus2 at c = 11570).
 */
import { now } from "./clock";
import { Context } from "./context";
import { limit } from "./incumbent";
import { at } from "./layout";
import { addStatistics } from "./result";
import { EXHAUSTED, OUT_OF_MEMORY, TIMED_OUT, openBound, runSlice, startSearch } from "./search";

/** Loads examined per direction before the other direction gets its turn. */
const SLICE_LEAVES: i64 = 50000;
/**
 * Phase II (BB&R): heuristic dives with a cap on the loads per expansion, first narrow, then
 * wider, each with a budget of loads per direction. Narrow dives find the tight balances of
 * Scholl's large instances fastest; wider ones catch what a narrow one prunes away.
 */
const DIVE_CAPS: StaticArray<i64> = [300, 3000];
const DIVE_BUDGETS: StaticArray<i64> = [300000, 1000000];
/**
 * After a complete search that ran out of memory (large instances: each expansion stores
 * thousands of children), the time left goes to capped dives without a load budget, narrow
 * to wide, each from a cleared state table: they improve the incumbent, and one that runs dry
 * without hitting its cap still proves it.
 */
const LATE_DIVE_CAPS: StaticArray<i64> = [30, 100, 1000, 10000, 100000];

export let exactProven: bool = false;
export let exactLowerBound: i32 = 0;

/**
 * Searches for a solution with fewer stations than the incumbent; sets exactProven and
 * exactLowerBound. Phase II is a capped dive that mostly finds better incumbents (and proves
 * optimality if no expansion hit the cap); phase III is the complete search.
 */
export function runExact(f: Context, b: Context | null, cycle: i32, rootLB: i32, deadline: f64): void {
  exactProven = false;
  exactLowerBound = rootLB;
  for (let k = 0; k < DIVE_CAPS.length; k++) {
    // A direction whose dive runs dry without ever hitting the cap has searched completely.
    const diveProof = runPhase(f, b, cycle, rootLB, deadline, DIVE_CAPS[k], DIVE_BUDGETS[k]);
    if (diveProof || limit <= rootLB) {
      exactProven = true;
      return;
    }
    if (now() > deadline) return;
  }
  if (now() > deadline) return;
  exactProven = runPhase(f, b, cycle, rootLB, deadline, 0, 0x7fffffffffffffff);
  if (exactProven) return;
  // Any better solution must pass through a state that is still open in each direction.
  exactLowerBound = max(rootLB, openBound(f));
  if (b != null) exactLowerBound = max(exactLowerBound, openBound(b!));
  for (let k = 0; k < LATE_DIVE_CAPS.length && now() <= deadline && limit > exactLowerBound; k++) {
    if (runPhase(f, b, cycle, exactLowerBound, deadline, LATE_DIVE_CAPS[k], 0x7fffffffffffffff)) {
      exactProven = true;
      return;
    }
  }
  if (limit <= exactLowerBound) exactProven = true;
}

/** One search of both directions, alternating slices; true if one ran dry without a capped expansion. */
function runPhase(f: Context, b: Context | null, cycle: i32, rootLB: i32, deadline: f64, leafCap: i64, budget: i64): bool {
  f.reset(cycle, leafCap);
  startSearch(f, rootLB);
  let fActive = true;
  let bActive = b != null;
  if (b != null) {
    b.reset(cycle, leafCap);
    startSearch(b!, rootLB);
  }
  const share = b != null ? forwardShare(f, b!) : 1.0;
  let exhausted = false;
  let timedOut = false;
  while ((fActive || bActive) && !exhausted && !timedOut && limit > rootLB) {
    // Give the turn to the direction that has examined fewer loads, so that neither starves
    // when the other's expansions are much larger than a slice.
    const useF = fActive && (!bActive || <f64>f.leaves <= share * <f64>b!.leaves);
    const ctx = useF ? f : b!;
    const s = runSlice(ctx, SLICE_LEAVES, deadline);
    // A capped dive that runs dry has only shown its own restrictions to be exhausted.
    if (s == EXHAUSTED && !ctx.capHit) exhausted = true;
    else if (s == TIMED_OUT) timedOut = true;
    else if (s == EXHAUSTED || s == OUT_OF_MEMORY || ctx.leaves >= budget) {
      if (useF) fActive = false;
      else bActive = false;
    }
  }
  addStatistics(f.expanded, f.leaves, f.store.count, f.store.full || f.queue.full);
  if (b != null) addStatistics(b!.expanded, b!.leaves, b!.store.count, b!.store.full || b!.queue.full);
  return exhausted;
}

/**
 * Loads the forward direction examines per load of the reversed one: 4 or ¼ by the rule of
 * the revised BB&R code (Álvarez-Miranda, Pereira & Vilà 2023): the direction with fewer tasks
 * whose earliest station is among the first five (the product of the counts for m = 1..5) is
 * expected to branch less. The other direction keeps a share, in case the rule is wrong.
 */
function forwardShare(f: Context, b: Context): f64 {
  if (f.windows == null || b.windows == null) return 1.0;
  // A task's latest-station tail in one direction is its earliest-station head in the other.
  const early = b.windows!.tail;
  const late = f.windows!.tail;
  let logForward: f64 = 0;
  let logReverse: f64 = 0;
  for (let m = 1; m <= 5; m++) {
    let forward = 0;
    let reverse = 0;
    for (let j = 0; j < f.n; j++) {
      if (at(early, j) <= m) forward++;
      if (at(late, j) <= m) reverse++;
    }
    logForward += Math.log(<f64>max(forward, 1));
    logReverse += Math.log(<f64>max(reverse, 1));
  }
  return logReverse < logForward ? 0.25 : 4.0;
}
