/**
 * What happens to one maximal load: the child state it creates is checked against, in order
 * of cost, maximality, the counting bounds LB1–LB3, Jackson dominance, the terminal-station
 * rule and the memory of states already seen, then queued. The costlier bounds (bin packing,
 * station windows) wait until a state is popped for expansion (expand.ts): most queued
 * states are never expanded, because the search ends or the incumbent overtakes them.
 */
import { hasBit } from "./bits";
import { ceilDiv, simpleBound } from "./bounds";
import { Context } from "./context";
import { limit, offerFromSearch } from "./incumbent";
import { at } from "./layout";
import { boundOf, levelOf, setBound, setLevel, setParent } from "./states";
import { now } from "./clock";

/** Examines the load built in `ctx` with idle time `rem`; `minSkip` as in loads.ts. */
export function considerLoad(ctx: Context, rem: i32, minSkip: i32): void {
  ctx.nodeLeaves++;
  if ((++ctx.leaves & 0x3fff) == 0 && now() > ctx.deadline) {
    ctx.stopped = true;
    return;
  }
  if (ctx.preemptAt > 0 && ctx.leaves >= ctx.preemptAt) {
    ctx.preempted = true;
    ctx.stopped = true;
    return;
  }
  if (ctx.g.confOff == 0 ? minSkip <= rem : !isMaximalWithConflicts(ctx, rem)) return;
  const station = ctx.station;
  const remTime = ctx.remTime - ctx.loadTime;
  const lim = limit;
  if (remTime == 0) {
    if (station < lim) offerFromSearch(ctx);
    return;
  }
  if (station + ceilDiv(<i64>remTime, <i64>ctx.cycle) >= lim) return;
  summarizeLoad(ctx);
  let lb = station + simpleBound(ctx.cycle, remTime, ctx.remHalves - ctx.loadHalves, ctx.remSixths - ctx.loadSixths);
  if (lb >= lim) return;
  if (ctx.fixedCount > 0) {
    const fixedBound = fixedStationBound(ctx);
    if (fixedBound > lb) lb = fixedBound;
    if (lb >= lim) return;
  }
  if (ctx.dom.rows != 0 && isDominated(ctx, rem)) return;
  // A station of tasks without successors can be moved to the end of the line, so while
  // tasks with successors remain, such a station need not be opened here (BB&R, §3.3).
  if (ctx.sinkRule && ctx.loadWithSucc == 0 && ctx.unassignedWithSucc > 0) return;
  const store = ctx.store;
  const id = store.findOrAdd(ctx.parentHash ^ ctx.loadHash, ctx.cur, ctx.inLoad, ctx.parentId, station, lb);
  if (id < 0) {
    ctx.stopped = true;
    return;
  }
  const rec = store.record(id);
  const key = idleKey(ctx, remTime, station);
  if (store.found) {
    const level = levelOf(rec);
    if (level <= station) return;
    // Reached with fewer stations than before: it dominates its old self; reopen it.
    const bound = boundOf(rec) - level + station;
    setLevel(rec, station);
    setParent(rec, ctx.parentId);
    setBound(rec, bound, bound < lim);
    if (bound < lim && !ctx.queue.push(station, key, id)) ctx.stopped = true;
    return;
  }
  setBound(rec, lb, true);
  if (!ctx.queue.push(station, key, id)) ctx.stopped = true;
}

/**
 * The load's bound weights, Zobrist hash and whether it holds a task with successors, summed
 * here for the few loads that get this far rather than kept up to date in every branch.
 */
function summarizeLoad(ctx: Context): void {
  let halves = 0;
  let sixths = 0;
  let withSucc = 0;
  let hash: u64 = 0;
  const g = ctx.g;
  for (let k = 0; k < ctx.loadSize; k++) {
    const i = at(ctx.loadList, k);
    halves += at(ctx.bounds.w2, i);
    sixths += at(ctx.bounds.w3, i);
    if (at(g.succOff, i + 1) > at(g.succOff, i)) withSucc++;
    hash ^= load<u64>(ctx.zobrist + (<usize>i << 3));
  }
  ctx.loadHalves = halves;
  ctx.loadSixths = sixths;
  ctx.loadWithSucc = withSucc;
  ctx.loadHash = hash;
}

/** Queue key: the idle time accumulated so far (less is better at equal station count). */
@inline function idleKey(ctx: Context, remTime: i32, station: i32): i32 {
  const idle = <i64>station * <i64>ctx.cycle - <i64>(ctx.g.totalTime - remTime);
  const assigned = <i64>(ctx.assignedCount + ctx.loadSize);
  return <i32>min<i64>(idle * 50 + <i64>station * assigned, 0x7fffffff);
}

/** Stations needed by fixed tasks still open; a fixed task left behind makes it infeasible. */
function fixedStationBound(ctx: Context): i32 {
  let bound = 0;
  for (let k = 0; k < ctx.fixedCount; k++) {
    const f = at(ctx.fixedTasks, k);
    if (hasBit(ctx.cur, f) || hasBit(ctx.inLoad, f)) continue;
    const s = at(ctx.g.fixed, f);
    if (s <= ctx.station) return 0x7fff;
    if (s > bound) bound = s;
  }
  return bound;
}

/** Jackson dominance: an available task outside the load dominates one inside and fits. */
function isDominated(ctx: Context, rem: i32): bool {
  const times = ctx.g.times;
  const words = ctx.words;
  const rowBytes = <usize>words << 3;
  for (let k = 0; k < ctx.loadSize; k++) {
    const j = at(ctx.loadList, k);
    if (at(ctx.dom.any, j) == 0) continue;
    const row = ctx.dom.rows + <usize>j * rowBytes;
    const slack = at(times, j) + rem;
    for (let w = 0; w < words; w++) {
      let x = load<u64>(row + (<usize>w << 3)) & load<u64>(ctx.eligBits + (<usize>w << 3));
      while (x != 0) {
        const i = (w << 6) + <i32>ctz<u64>(x);
        x &= x - 1;
        if (at(times, i) <= slack) return true;
      }
    }
  }
  return false;
}

/** Whether no available task outside the load fits (used when must-not-share pairs exist). */
function isMaximalWithConflicts(ctx: Context, rem: i32): bool {
  const times = ctx.g.times;
  for (let w = 0; w < ctx.words; w++) {
    let x = load<u64>(ctx.eligBits + (<usize>w << 3));
    while (x != 0) {
      const i = (w << 6) + <i32>ctz<u64>(x);
      x &= x - 1;
      if (at(times, i) <= rem && at(ctx.confCount, i) == 0) return false;
    }
  }
  return true;
}
