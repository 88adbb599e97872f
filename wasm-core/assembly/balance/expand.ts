/**
 * Expansion of one stored state: rebuild the counters of the unassigned tasks (open
 * predecessors, remaining time and bound weights) from its bit set, re-check the state's
 * bounds against the incumbent (Martello–Toth L2 and pairing, then, where they are tight,
 * station windows and the bin-packing LP), pick the station to open and enumerate its
 * maximal loads. Rebuilding costs O(n + arcs) per expansion, small next to the enumeration,
 * and keeps stored states down to their bit sets.
 */
import { copyBits, hasBit, setBit } from "./bits";
import { martelloTothL2, pairingBound } from "./bounds";
import { Context } from "./context";
import { prepareFill } from "./fillbuild";
import { sortByKeyDesc } from "./sort";
import { at } from "./layout";
import { enumerateLoads, fitsStation } from "./loads";
import { bitsOf, levelOf } from "./records";
import { limit } from "./incumbent";
import { computeHeads, windowsTooFew } from "./windows";
import { lpAffordable, lpTooFew } from "./nodelp";

/** Expands state `id` of `ctx`: every surviving child is stored and queued. */
export function expand(ctx: Context, id: i32): void {
  const g = ctx.g;
  const n = ctx.n;
  const rec = ctx.store.record(id);
  copyBits(ctx.cur, bitsOf(rec), ctx.words);
  memory.fill(ctx.eligBits, 0, <usize>ctx.words << 3);
  ctx.parentId = id;
  ctx.parentHash = load<u64>(rec);
  let remTime = 0;
  let remHalves = 0;
  let remSixths = 0;
  let withSucc = 0;
  let assigned = 0;
  for (let j = 0; j < n; j++) {
    if (hasBit(ctx.cur, j)) {
      assigned++;
      continue;
    }
    remTime += at(g.times, j);
    remHalves += at(ctx.bounds.w2, j);
    remSixths += at(ctx.bounds.w3, j);
    if (at(g.succOff, j + 1) > at(g.succOff, j)) withSucc++;
    let open = 0;
    for (let e = at(g.predOff, j); e < at(g.predOff, j + 1); e++) {
      if (!hasBit(ctx.cur, at(g.predTgt, e))) open++;
    }
    store<i32>(ctx.deg + (<usize>j << 2), open);
  }
  ctx.remTime = remTime;
  ctx.remHalves = remHalves;
  ctx.remSixths = remSixths;
  ctx.unassignedWithSucc = withSucc;
  ctx.assignedCount = assigned;
  ctx.station = nextStation(ctx, levelOf(rec));
  if (ctx.station < 0) return;
  const cheap = ctx.station - 1 + remainingBound(ctx);
  if (cheap >= limit) return;
  // The costlier bounds rarely beat the cheap ones by more than a station: try them only
  // where the cheap bound is that close to the incumbent.
  ctx.headsReady = false;
  if (ctx.windows != null && cheap + 1 >= limit) {
    const w = ctx.windows!;
    computeHeads(w, g, ctx.cur);
    ctx.headsReady = true;
    if (windowsTooFew(w, g, ctx.cur, 0, ctx.loadList, 0, limit - ctx.station)) return;
  }
  if (ctx.nodeLp != null && cheap + 1 >= limit && lpAffordable(ctx.nodeLp!, ctx.leaves) && lpTooFew(ctx.nodeLp!, g, ctx.cur, limit - ctx.station)) return;
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (hasBit(ctx.cur, j) || at(ctx.deg, j) != 0 || !fitsStation(ctx, j)) continue;
    store<i32>(ctx.elig + (<usize>(count++) << 2), j);
    setBit(ctx.eligBits, j);
  }
  // Tasks are scanned in index order; the enumeration wants them by priority rank.
  sortByKeyDesc(ctx.elig, count, ctx.rankKey);
  ctx.nodeLeaves = 0;
  prepareFill(ctx, count);
  ctx.loadSize = 0;
  ctx.loadTime = 0;
  ctx.loadHalves = 0;
  ctx.loadSixths = 0;
  ctx.loadWithSucc = 0;
  ctx.loadHash = 0;
  enumerateLoads(ctx, 0, count, ctx.cycle, 0x7fffffff);
}

/**
 * The station to open after `level` stations. Without fixed tasks it is level + 1. With them,
 * if every available task is fixed to a later station, the stations before the earliest of
 * those stay empty (an empty maximal load); −1 if a task's fixed station has already passed.
 */
function nextStation(ctx: Context, level: i32): i32 {
  const g = ctx.g;
  if (g.fixed == 0) return level + 1;
  let earliest = 0x7fffffff;
  for (let j = 0; j < ctx.n; j++) {
    if (hasBit(ctx.cur, j)) continue;
    const f = at(g.fixed, j);
    if (f != 0 && f <= level) return -1;
    if (at(ctx.deg, j) != 0) continue;
    if (f == 0) return level + 1;
    if (f < earliest) earliest = f;
  }
  return earliest;
}


/** Martello–Toth L2 on the unassigned tasks' times (the states' bin-packing bound). */
function remainingBound(ctx: Context): i32 {
  const b = ctx.bounds;
  let r = 0;
  for (let k = 0; k < ctx.n; k++) {
    const j = at(b.byTime, k);
    if (hasBit(ctx.cur, j)) continue;
    store<i32>(b.sizes + (<usize>(r++) << 2), at(ctx.g.times, j));
  }
  return max(martelloTothL2(b, r), pairingBound(b, r));
}
