/**
 * The branch, bound and remember loop of one direction (Sewell & Jacobson, INFORMS JoC 24(3),
 * 2012): pop an open state by cyclic best-first search, skip it if its bound has reached the
 * incumbent, expand it. The loop runs in slices so the driver can alternate the forward and
 * the reversed direction and stop at the time limit. When the queue runs dry, every state
 * that could still beat the incumbent has been expanded: the incumbent is optimal.
 */
import { Context } from "./context";
import { expand } from "./expand";
import { limit } from "./incumbent";
import { now } from "./clock";
import { boundOf, isOpen, levelOf, setBound } from "./records";

/** The queue is empty: the incumbent (or infeasibility under the cap) is proven. */
export const EXHAUSTED: i32 = 0;
/** The slice ended; call again to continue. */
export const SLICE_DONE: i32 = 1;
/** The time limit stopped the search. */
export const TIMED_OUT: i32 = 2;
/** The state table or a queue could not grow within the memory budget. */
export const OUT_OF_MEMORY: i32 = 3;

/** Stores and queues the root state (nothing assigned, no station opened). */
export function startSearch(ctx: Context, rootBound: i32): void {
  memory.fill(ctx.cur, 0, <usize>ctx.words << 3);
  memory.fill(ctx.inLoad, 0, <usize>ctx.words << 3);
  const id = ctx.store.findOrAdd(0, ctx.cur, ctx.inLoad, -1, 0, rootBound);
  if (id >= 0) ctx.queue.push(0, 0, id);
}

/** Runs the search until about `leafBudget` more loads have been examined. */
export function runSlice(ctx: Context, leafBudget: i64, deadline: f64): i32 {
  ctx.deadline = deadline;
  const stopAt = ctx.leaves + leafBudget;
  while (ctx.leaves < stopAt) {
    if (ctx.store.full || ctx.queue.full) return OUT_OF_MEMORY;
    const lim = limit;
    const id = ctx.queue.popCyclic(lim);
    if (id < 0) return EXHAUSTED;
    const rec = ctx.store.record(id);
    if (!isOpen(rec)) continue;
    const bound = boundOf(rec);
    setBound(rec, bound, false);
    if (bound >= lim) continue;
    // A complete expansion may not run away with the time: beyond its allowance it yields.
    ctx.preemptAt = ctx.leafCap == 0 ? ctx.leaves + ctx.expansionAllowance : 0;
    expand(ctx, id);
    ctx.expanded++;
    if (ctx.preempted) {
      // Queue the state again; children already stored are found in memory next time.
      ctx.preempted = false;
      ctx.stopped = false;
      ctx.expansionAllowance *= 2;
      setBound(rec, bound, true);
      if (!ctx.queue.push(levelOf(rec), 0, id)) return OUT_OF_MEMORY;
      return SLICE_DONE;
    }
    if (ctx.stopped) {
      ctx.interruptedBound = min(ctx.interruptedBound, bound);
      return ctx.store.full || ctx.queue.full ? OUT_OF_MEMORY : TIMED_OUT;
    }
    if ((ctx.expanded & 63) == 0 && now() > deadline) {
      ctx.stopped = true;
      return TIMED_OUT;
    }
  }
  return SLICE_DONE;
}

/** Smallest bound over the states still open: a lower bound once the search has stopped. */
export function openBound(ctx: Context): i32 {
  let lb = ctx.interruptedBound;
  const q = ctx.queue;
  for (let level = 0; level < q.levels; level++) {
    for (let k = 0; k < q.sizeAt(level); k++) {
      const rec = ctx.store.record(q.idAt(level, k));
      if (isOpen(rec)) lb = min(lb, boundOf(rec));
    }
  }
  return lb;
}
