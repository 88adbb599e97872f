/**
 * Enumeration of the maximal loads of the station being opened (station-oriented branching
 * of SALOME and BB&R). A load is maximal if no further available task fits into its idle
 * time: any solution can be turned into one whose loads are all maximal by moving such tasks
 * forward, so only maximal loads need to be branched on (Jackson 1956; Scholl & Klein 1997).
 *
 * Tasks are tried in the order of the eligible list; choosing a task appends the successors
 * it releases, so each load is produced exactly once. A task skipped while it still fitted
 * must not fit at the end, which `minSkip` (the smallest such time) checks in O(1). When
 * little idle time is allowed, the fill table (fill.ts) cuts branches that cannot reach it.
 */
import { clearBit, setBit } from "./bits";
import { considerLoad } from "./children";
import { Context } from "./context";
import { canFill } from "./fill";
import { at } from "./layout";

/** Deepest recursion of the enumeration: tasks in one load. */
const MAX_LOAD_DEPTH: i32 = 1500;

/** Enumerates the loads extending the current one with eligible tasks from position `start`. */
export function enumerateLoads(ctx: Context, start: i32, count: i32, rem: i32, minSkip: i32): void {
  const times = ctx.g.times;
  const elig = ctx.elig;
  const checkConflicts = ctx.g.confOff != 0;
  const fill = ctx.fill;
  const useFill = fill.active;
  let any = false;
  let skip = minSkip;
  for (let ii = start; ii < count; ii++) {
    if (ctx.leafCap > 0 && ctx.nodeLeaves >= ctx.leafCap) {
      ctx.capHit = true;
      return;
    }
    const i = at(elig, ii);
    const ti = at(times, i);
    if (ti > rem) continue;
    if (checkConflicts && at(ctx.confCount, i) != 0) continue;
    any = true;
    if (ctx.loadSize >= MAX_LOAD_DEPTH) {
      // Stations of thousands of tasks would overflow the wasm stack; stop exploring them
      // (the run can then no longer claim optimality).
      ctx.capHit = true;
      return;
    }
    // With must-not-share pairs a skipped task may stop fitting by conflict, not by time, so
    // maximality no longer caps the idle time: the fill test then uses the bound alone.
    const fillSkip = checkConflicts ? 0x7fffffff : skip;
    if (!useFill || canFill(fill, ii + 1, rem - ti, fillSkip)) {
      const grown = addTask(ctx, i, count);
      enumerateLoads(ctx, ii + 1, grown, rem - ti, skip);
      removeTask(ctx, i);
      if (ctx.stopped) return;
    }
    if (ti < skip) skip = ti;
    // No later choice can bring the idle time low enough: this frame is done.
    if (useFill && !canFill(fill, ii + 1, rem, checkConflicts ? 0x7fffffff : skip)) return;
  }
  if (!any) considerLoad(ctx, rem, minSkip);
}

/** Whether task `s` may go into the station being loaded (fixed tasks only into theirs). */
@inline export function fitsStation(ctx: Context, s: i32): bool {
  const fixed = ctx.g.fixed;
  if (fixed == 0) return true;
  const f = at(fixed, s);
  return f == 0 || f == ctx.station;
}

/** Puts task i into the load; returns the new length of the eligible list. */
function addTask(ctx: Context, i: i32, count: i32): i32 {
  const g = ctx.g;
  setBit(ctx.inLoad, i);
  clearBit(ctx.eligBits, i);
  store<i32>(ctx.loadList + (<usize>ctx.loadSize << 2), i);
  ctx.loadSize++;
  ctx.loadTime += at(g.times, i);
  const s0 = at(g.succOff, i);
  const s1 = at(g.succOff, i + 1);
  if (g.confOff != 0) {
    for (let e = at(g.confOff, i); e < at(g.confOff, i + 1); e++) {
      const p = ctx.confCount + (<usize>at(g.confTgt, e) << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
  }
  let n = count;
  for (let e = s0; e < s1; e++) {
    const s = at(g.succTgt, e);
    const p = ctx.deg + (<usize>s << 2);
    const d = load<i32>(p) - 1;
    store<i32>(p, d);
    if (d == 0 && fitsStation(ctx, s)) {
      store<i32>(ctx.elig + (<usize>(n++) << 2), s);
      setBit(ctx.eligBits, s);
    }
  }
  return n;
}

/** Takes task i out of the load again, restoring every counter addTask changed. */
function removeTask(ctx: Context, i: i32): void {
  const g = ctx.g;
  const s0 = at(g.succOff, i);
  const s1 = at(g.succOff, i + 1);
  for (let e = s0; e < s1; e++) {
    const s = at(g.succTgt, e);
    const p = ctx.deg + (<usize>s << 2);
    const d = load<i32>(p);
    if (d == 0) clearBit(ctx.eligBits, s);
    store<i32>(p, d + 1);
  }
  if (g.confOff != 0) {
    for (let e = at(g.confOff, i); e < at(g.confOff, i + 1); e++) {
      const p = ctx.confCount + (<usize>at(g.confTgt, e) << 2);
      store<i32>(p, load<i32>(p) - 1);
    }
  }
  ctx.loadTime -= at(g.times, i);
  ctx.loadSize--;
  setBit(ctx.eligBits, i);
  clearBit(ctx.inLoad, i);
}
