/**
 * What happens to one maximal load: the child state it creates is checked against, in order
 * of cost, maximality, the counting bounds LB1–LB3, Jackson dominance, the terminal-station
 * rule and the memory of states already seen, then queued. The costlier bounds (bin packing,
 * station windows) wait until a state is popped for expansion (expand.ts): most queued
 * states are never expanded, because the search ends or the incumbent overtakes them.
 */
import { ceilDiv, simpleBound } from "./bounds";
import { Context } from "./context";
import { limit, offerFromSearch } from "./incumbent";
import { at } from "./layout";
import { boundOf, levelOf, setBound, setLevel, setParent } from "./records";
import { now } from "./clock";
import { fixedStationBound, isDominated, isMaximalWithConflicts } from "./leafrules";

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


