/**
 * Exact station-oriented branch and bound for the line-balancing variants: several load
 * dimensions per station (mixed models), both legs of a U-line, and stations replicated into
 * parallel workplaces. Stations are opened one after another; each is given every *maximal*
 * load (no further assignable task fits), built by deciding the assignable tasks one by one,
 * include before exclude, in priority order, so the first dive is a priority-rule heuristic.
 * A load is pruned when its cost so far plus a lower bound on the rest cannot beat the
 * incumbent; states are remembered with what their exploration proved (memo.ts).
 *
 * Why maximal loads suffice (Jackson's rule, valid on both legs): moving an assignable task
 * that still fits from a later station into the current one keeps every precedence relation
 * and every capacity. A station's replica count is what its longest task needs; moving a task
 * that needs no replicas leaves every count as it was, so loads need only be maximal in those.
 *
 * The loop is iterative (explicit stacks), so deep instances cannot overflow the wasm stack.
 * Per station level: its candidate list (a segment of `list`, growing as included tasks make
 * successors, or on U-lines predecessors, assignable), a cursor, the load per dimension and
 * the replica count tried. The trail records each decision: list index × 4 + kind.
 */
import { tryAlloc, allocI32, allocU64, mustAlloc } from "../balance/arena";
import { now } from "../balance/clock";
import { hasBit, setBit, clearBit } from "../balance/bits";
import * as layout from "./layout";
import { gi, si, gf, sf } from "./layout";
import * as inst from "./instance";
import { time } from "./instance";
import { memoBound, memoClear, memoRemember } from "./memo";

const INCL: i32 = 0;
const EXCL: i32 = 1;
const SKIP: i32 = 2;
/** Slack of cost comparisons (costs are sums of 1 and replica costs). */
const EPS: f64 = 1e-9;
/**
 * Relative slack of capacity comparisons in a fractional dimension (the share-weighted average,
 * an inexact sum). Integral dimensions (task times in integer units) compare exactly, against
 * the capacity rounded down to a unit.
 */
const FRACTIONAL_SLACK: f64 = 1e-12;
/** Most workplaces per station the core accepts. */
const MAX_CORE_REPLICAS: i32 = 64;
/** Most entries of the candidate lists (the trail never holds more than they do). */
const POOL_LIMIT: i32 = 1 << 26;

export const SEARCH_DONE: i32 = 0;
export const SEARCH_TIME: i32 = 1;
export const SEARCH_MEMORY: i32 = 2;

// Configuration of the next run (set by configure()).
let uLine: bool = false;
let maxReplicas: i32 = 1;
let maxStations: i32 = 0;
let stopAtFirst: bool = false;
/** caps[k·dims + d]: capacity of dimension d with k replicas. */
let caps: usize = 0;
/** costOf[k]: cost of a station with k replicas, 1 + replicaCost·(k − 1). */
let costOf: usize = 0;
/** Cheapest cost per workplace over the replica counts. */
let minRate: f64 = 1;
/** Replicas task j needs at least (its longest dimension against the capacity). */
let needed: usize = 0;
/** integral[d]: every time of dimension d is a whole number of units (then capacities are too). */
let integral: usize = 0;
/** big[j·dims + d]: task j takes more than half of dimension d, so no two such share a station. */
let big: usize = 0;
/**
 * third[j·dims + d]: task j's weight in sixths for Scholl's LB3 in dimension d: 6 above two
 * thirds of the capacity, 4 at two thirds, 3 between a third and two thirds, 2 at a third,
 * else 0; a station holds at most 6, so ⌈Σ / 6⌉ stations are needed.
 */
let third: usize = 0;

// The state of the search.
let n: i32 = 0;
let dims: i32 = 0;
let predLeft: usize = 0;
let succLeft: usize = 0;
let placed: usize = 0;
let placedCount: i32 = 0;
let hash: u64 = 0;
let remaining: usize = 0;
let bigLeft: usize = 0;
let thirdLeft: usize = 0;
let stationOf: usize = 0;
let legOf: usize = 0;
let appended: usize = 0;
let list: usize = 0;
let trail: usize = 0;
let poolCap: i32 = 0;
let trailTop: i32 = 0;
let lvStart: usize = 0;
let lvEnd: usize = 0;
let lvCursor: usize = 0;
let lvTrail: usize = 0;
let lvReplicas: usize = 0;
let lvCount: usize = 0;
let lvCost: usize = 0;
let lvHash: usize = 0;
let lvLoad: usize = 0;
let outOfPool: bool = false;

// The incumbent.
export let bestCost: f64 = Infinity;
export let bestStations: i32 = 0;
export let found: bool = false;
export let expanded: f64 = 0;
let bestStation: usize = 0;
let bestLeg: usize = 0;
let bestReplicas: usize = 0;

/** Allocates the search's arrays for the instance; false if memory is short. */
export function searchSetup(): bool {
  n = inst.n;
  dims = inst.dims;
  predLeft = allocI32(n);
  succLeft = allocI32(n);
  placed = allocU64(inst.words);
  remaining = mustAlloc(<usize>max(dims, 1) << 3);
  bigLeft = allocI32(dims);
  thirdLeft = allocI32(dims);
  stationOf = allocI32(n);
  legOf = allocI32(n);
  appended = allocI32(n);
  needed = allocI32(n);
  big = allocI32(n * dims);
  integral = allocI32(dims);
  for (let d = 0; d < dims; d++) {
    let whole = 1;
    for (let j = 0; j < n; j++) if (time(j, d) != Math.floor(time(j, d))) whole = 0;
    si(integral, d, whole);
  }
  third = allocI32(n * dims);
  lvStart = allocI32(n + 2);
  lvEnd = allocI32(n + 2);
  lvCursor = allocI32(n + 2);
  lvTrail = allocI32(n + 2);
  lvReplicas = allocI32(n + 2);
  lvCount = allocI32(n + 2);
  lvCost = mustAlloc(<usize>(n + 2) << 3);
  lvHash = allocU64(n + 2);
  lvLoad = mustAlloc(<usize>((n + 2) * max(dims, 1)) << 3);
  bestStation = allocI32(n);
  bestLeg = allocI32(n);
  bestReplicas = allocI32(n);
  const want = <i64>n * <i64>(n + 1) + 16;
  poolCap = <i32>min(want, <i64>POOL_LIMIT);
  list = tryAlloc(<usize>poolCap << 2);
  trail = tryAlloc(<usize>poolCap << 2);
  return list != 0 && trail != 0;
}

/**
 * Sets the cycle time and options of the next run and resets the incumbent (to `upperBound`
 * when > 0, the cost of a solution the host already has). Returns false if some task does not
 * fit even into the most replicated station.
 */
export function configure(
  cycle: f64,
  u: bool,
  replicas: i32,
  replicaCost: f64,
  stationCap: i32,
  firstOnly: bool,
  upperBound: f64,
): bool {
  found = false;
  if (replicas > MAX_CORE_REPLICAS) return false;
  uLine = u;
  maxReplicas = max(1, replicas);
  maxStations = stationCap;
  stopAtFirst = firstOnly;
  if (caps == 0) {
    caps = mustAlloc(<usize>((MAX_CORE_REPLICAS + 1) * max(dims, 1)) << 3);
    costOf = mustAlloc(<usize>(MAX_CORE_REPLICAS + 1) << 3);
  }
  minRate = Infinity;
  for (let k = 1; k <= maxReplicas; k++) {
    for (let d = 0; d < dims; d++) sf(caps, k * dims + d, capacity(<f64>k * cycle * gf(layout.factorsAt, d), gi(integral, d) != 0));
    sf(costOf, k, 1 + replicaCost * <f64>(k - 1));
    minRate = min(minRate, gf(costOf, k) / <f64>k);
  }
  for (let j = 0; j < n; j++) {
    let k = 1;
    while (k <= maxReplicas && !fitsEmpty(j, k)) k++;
    if (k > maxReplicas) return false;
    si(needed, j, k);
    for (let d = 0; d < dims; d++) {
      const t = time(j, d);
      const cap = gf(caps, dims + d);
      // The bin-packing weights need exact comparisons: fractional dimensions get none.
      const whole = gi(integral, d) != 0;
      si(big, j * dims + d, whole && t * 2 > cap ? 1 : 0);
      si(third, j * dims + d, whole ? thirdWeight(t * 3, cap) : 0);
    }
  }
  // A known solution's cost: only cheaper ones are searched for.
  bestCost = upperBound > 0 ? upperBound : Infinity;
  bestStations = 0;
  found = false;
  return true;
}

/**
 * A capacity as loads are compared with it: in an integral dimension rounded down to a whole
 * unit (forgiving the rounding of cycle × factor, e.g. 100 × 1.15), else as it is.
 */
export function capacity(x: f64, whole: bool): f64 {
  // The same noise allowance as the host's roundingNoise (server/balancing/scale.ts).
  return whole ? Math.floor(x + max(1e-9, x * 1e-12)) : x;
}

/** Whether `load` fits capacity `cap` of dimension d. */
@inline function within(load: f64, cap: f64, d: i32): bool {
  return gi(integral, d) != 0 ? load <= cap : load <= cap * (1 + FRACTIONAL_SLACK);
}

/** Sixths of a station that a task of 3t / 3 takes at least, with capacity `cap` (LB3; integral times). */
function thirdWeight(t3: f64, cap: f64): i32 {
  if (t3 > 2 * cap) return 6;
  if (t3 == 2 * cap) return 4;
  if (t3 > cap) return 3;
  if (t3 == cap) return 2;
  return 0;
}

@inline function fitsEmpty(j: i32, k: i32): bool {
  for (let d = 0; d < dims; d++) if (!within(time(j, d), gf(caps, k * dims + d), d)) return false;
  return true;
}

/** ⌈rest / cap⌉ stations: exact for whole numbers, and never above it for the fractional dimension. */
@inline function binsFor(rest: f64, cap: f64, d: i32): f64 {
  return gi(integral, d) != 0 ? Math.ceil(rest / cap) : Math.ceil(rest / cap - 1e-9);
}

@inline function capOf(k: i32, d: i32): f64 {
  return gf(caps, k * dims + d);
}

/** Lower bound on the number of workplaces the unassigned tasks need. */
function workplacesLeft(): f64 {
  let w: f64 = 0;
  for (let d = 0; d < dims; d++) {
    w = max(w, binsFor(gf(remaining, d), capOf(1, d), d));
    // Tasks over half a workplace never share one: without replicas, each needs its own station;
    // and with thirds weighted as in Scholl's LB3.
    if (maxReplicas == 1) w = max(w, max(<f64>gi(bigLeft, d), Math.ceil(<f64>gi(thirdLeft, d) / 6)));
  }
  // Tasks are left (however little work they carry): they need a workplace.
  return placedCount < n ? max(w, 1) : w;
}

/** Lower bound on the cost of the unassigned tasks. */
@inline function costLeft(): f64 {
  return maxReplicas == 1 ? workplacesLeft() : minRate * workplacesLeft();
}

/** Lower bound on the stations the unassigned tasks need. */
function stationsLeft(): f64 {
  if (maxReplicas == 1) return workplacesLeft();
  let w: f64 = 0;
  for (let d = 0; d < dims; d++) w = max(w, binsFor(gf(remaining, d), capOf(maxReplicas, d), d));
  return placedCount < n ? max(w, 1) : w;
}

/** Lower bound on the cost of the whole instance (before any station). */
export function rootBound(): f64 {
  resetState();
  return costLeft();
}

function resetState(): void {
  placedCount = 0;
  hash = 0;
  memory.fill(placed, 0, <usize>inst.words << 3);
  for (let j = 0; j < n; j++) {
    si(predLeft, j, gi(inst.predCount, j));
    si(succLeft, j, gi(inst.succCount, j));
    si(stationOf, j, 0);
  }
  for (let d = 0; d < dims; d++) {
    sf(remaining, d, gf(inst.totals, d));
    let c = 0;
    let w = 0;
    for (let j = 0; j < n; j++) {
      c += gi(big, j * dims + d);
      w += gi(third, j * dims + d);
    }
    si(bigLeft, d, c);
    si(thirdLeft, d, w);
  }
}

@inline function fixedOk(j: i32, level: i32): bool {
  const f = gi(layout.fixedStationsAt, j);
  return f == 0 || f == level + 1;
}

@inline function assignable(j: i32): bool {
  return gi(predLeft, j) == 0 || (uLine && gi(succLeft, j) == 0);
}

/** Whether task j can join the load of `level` now: replicas, capacity, must-not-share partners. */
function fitsNow(j: i32, level: i32): bool {
  const k = gi(lvReplicas, level);
  if (gi(needed, j) > k) return false;
  const base = level * dims;
  for (let d = 0; d < dims; d++) {
    if (!within(gf(lvLoad, base + d) + time(j, d), capOf(k, d), d)) return false;
  }
  const station = level + 1;
  for (let a = gi(layout.conflictOffsetsAt, j); a < gi(layout.conflictOffsetsAt, j + 1); a++) {
    if (gi(stationOf, gi(layout.conflictTargetsAt, a)) == station) return false;
  }
  return true;
}

/** Appends task x to the current level's list if it just became assignable. */
@inline function offer(x: i32, level: i32, owner: i32): void {
  if (hasBit(placed, x) || !fixedOk(x, level)) return;
  const end = gi(lvEnd, level);
  if (end >= poolCap) {
    outOfPool = true;
    return;
  }
  si(list, end, x);
  si(lvEnd, level, end + 1);
  si(appended, owner, gi(appended, owner) + 1);
}

function include(j: i32, level: i32): void {
  setBit(placed, j);
  placedCount++;
  hash ^= load<u64>(inst.zobrist + (<usize>j << 3));
  si(stationOf, j, level + 1);
  si(legOf, j, gi(predLeft, j) == 0 ? 0 : 1);
  si(lvCount, level, gi(lvCount, level) + 1);
  const base = level * dims;
  for (let d = 0; d < dims; d++) {
    const t = time(j, d);
    sf(lvLoad, base + d, gf(lvLoad, base + d) + t);
    sf(remaining, d, gf(remaining, d) - t);
    si(bigLeft, d, gi(bigLeft, d) - gi(big, j * dims + d));
    si(thirdLeft, d, gi(thirdLeft, d) - gi(third, j * dims + d));
  }
  si(appended, j, 0);
  for (let a = gi(inst.succOffsets, j); a < gi(inst.succOffsets, j + 1); a++) {
    const x = gi(inst.succTargets, a);
    const left = gi(predLeft, x) - 1;
    si(predLeft, x, left);
    // Newly assignable from the front, unless the back leg already offered it.
    if (left == 0 && !(uLine && gi(succLeft, x) == 0)) offer(x, level, j);
  }
  if (!uLine) return;
  for (let a = gi(layout.predOffsetsAt, j); a < gi(layout.predOffsetsAt, j + 1); a++) {
    const p = gi(layout.predTargetsAt, a);
    const left = gi(succLeft, p) - 1;
    si(succLeft, p, left);
    if (left == 0 && gi(predLeft, p) != 0) offer(p, level, j);
  }
}

function exclude(j: i32, level: i32): void {
  clearBit(placed, j);
  placedCount--;
  hash ^= load<u64>(inst.zobrist + (<usize>j << 3));
  si(stationOf, j, 0);
  si(lvCount, level, gi(lvCount, level) - 1);
  const base = level * dims;
  for (let d = 0; d < dims; d++) {
    const t = time(j, d);
    sf(lvLoad, base + d, gf(lvLoad, base + d) - t);
    sf(remaining, d, gf(remaining, d) + t);
    si(bigLeft, d, gi(bigLeft, d) + gi(big, j * dims + d));
    si(thirdLeft, d, gi(thirdLeft, d) + gi(third, j * dims + d));
  }
  si(lvEnd, level, gi(lvEnd, level) - gi(appended, j));
  for (let a = gi(inst.succOffsets, j); a < gi(inst.succOffsets, j + 1); a++) {
    const x = gi(inst.succTargets, a);
    si(predLeft, x, gi(predLeft, x) + 1);
  }
  if (!uLine) return;
  for (let a = gi(layout.predOffsetsAt, j); a < gi(layout.predOffsetsAt, j + 1); a++) {
    const p = gi(layout.predTargetsAt, a);
    si(succLeft, p, gi(succLeft, p) + 1);
  }
}

/**
 * Key of the memo: the station count matters when tasks are fixed to stations, or when a
 * station cap is not the same thing as the cost (replicas under a cap).
 */
@inline function memoStations(level: i32): i32 {
  return inst.hasFixed || (maxStations > 0 && maxReplicas > 1) ? level : 0;
}

/**
 * The cost a completion has to stay below: the incumbent's, and without replicas (cost =
 * stations) one more than the station cap.
 */
@inline function limit(): f64 {
  const capped: f64 = maxStations > 0 && maxReplicas == 1 ? <f64>(maxStations + 1) : Infinity;
  return min(bestCost, capped);
}

/**
 * Opens station `level` (0-based) after stations of cost `cost`: records a complete solution,
 * or prunes, or builds the candidate list. True if the level is open for enumeration.
 */
function openLevel(level: i32, cost: f64): bool {
  if (placedCount == n) {
    record(level, cost);
    return false;
  }
  if (maxStations > 0 && <f64>level + stationsLeft() > <f64>maxStations) return false;
  const bound = limit();
  if (cost + costLeft() >= bound - EPS) return false;
  const known = memoBound(hash, placed, memoStations(level));
  if (known >= 0 && cost + known >= bound - EPS) return false;
  expanded += 1;
  const start = level == 0 ? 0 : gi(lvEnd, level - 1);
  let end = start;
  for (let k = 0; k < n; k++) {
    const j = gi(inst.priorityOrder, k);
    if (hasBit(placed, j) || !assignable(j) || !fixedOk(j, level)) continue;
    if (end >= poolCap) {
      outOfPool = true;
      return false;
    }
    si(list, end++, j);
  }
  si(lvStart, level, start);
  si(lvEnd, level, end);
  si(lvCursor, level, start);
  si(lvTrail, level, trailTop);
  si(lvReplicas, level, 1);
  si(lvCount, level, 0);
  sf(lvCost, level, cost);
  store<u64>(lvHash + (<usize>level << 3), hash);
  memory.fill(lvLoad + (<usize>(level * dims) << 3), 0, <usize>dims << 3);
  return true;
}

function record(stations: i32, cost: f64): void {
  if (cost >= bestCost - EPS || (maxStations > 0 && stations > maxStations)) return;
  bestCost = cost;
  bestStations = stations;
  found = true;
  memory.copy(bestStation, stationOf, <usize>n << 2);
  memory.copy(bestLeg, legOf, <usize>n << 2);
  for (let s = 0; s < stations; s++) si(bestReplicas, s, gi(lvReplicas, s));
}

/** Whether the decisions of `level` form a load worth a station. */
function leafValid(level: i32): bool {
  const k = gi(lvReplicas, level);
  const count = gi(lvCount, level);
  const from = gi(lvTrail, level);
  let needsK = false;
  for (let e = from; e < trailTop; e++) {
    const entry = gi(trail, e);
    const j = gi(list, entry >> 2);
    const kind = entry & 3;
    // Maximal: a task left out by choice must no longer fit. Only for tasks that need no
    // replicas: moving a long task away could leave its station more replicas than it needs.
    if (kind == EXCL && gi(needed, j) == 1 && fitsNow(j, level)) return false;
    if (kind == INCL && gi(needed, j) == k) needsK = true;
  }
  // A replicated station must be needed by one of its tasks; fewer replicas are tried separately.
  if (k > 1 && !needsK) return false;
  if (count == 0) {
    // An empty station only bridges to a station that a task is fixed to.
    if (k > 1 || !inst.hasFixed) return false;
    let later = false;
    for (let j = 0; j < n; j++) if (!hasBit(placed, j) && gi(layout.fixedStationsAt, j) > level + 1) later = true;
    if (!later) return false;
  }
  if (inst.hasFixed) {
    for (let j = 0; j < n; j++) if (!hasBit(placed, j) && gi(layout.fixedStationsAt, j) == level + 1) return false;
  }
  return true;
}

/**
 * Runs the search from the empty line until it is complete, the clock passes `deadline`
 * (ms, 0 = none) or, with `firstOnly`, the first solution. Returns SEARCH_*.
 */
export function runSearch(deadline: f64): i32 {
  resetState();
  memoClear();
  trailTop = 0;
  outOfPool = false;
  if (!openLevel(0, 0)) return outOfPool ? SEARCH_MEMORY : SEARCH_DONE;
  let level = 0;
  let forward = true;
  let steps: i32 = 0;
  while (true) {
    if (++steps >= 4096) {
      steps = 0;
      if (deadline > 0 && now() > deadline) return SEARCH_TIME;
    }
    if (outOfPool) return SEARCH_MEMORY;
    if (forward) {
      const cursor = gi(lvCursor, level);
      if (cursor < gi(lvEnd, level)) {
        const j = gi(list, cursor);
        if (fitsNow(j, level)) {
          include(j, level);
          si(trail, trailTop++, (cursor << 2) | INCL);
        } else {
          si(trail, trailTop++, (cursor << 2) | SKIP);
        }
        si(lvCursor, level, cursor + 1);
        continue;
      }
      forward = false;
      if (leafValid(level)) {
        const cost = gf(lvCost, level) + gf(costOf, gi(lvReplicas, level));
        if (openLevel(level + 1, cost)) {
          level++;
          forward = true;
          continue;
        }
        if (stopAtFirst && found) return SEARCH_DONE;
      }
      continue;
    }
    // Backtrack within the level: the last inclusion becomes an exclusion.
    const from = gi(lvTrail, level);
    let flipped = false;
    while (trailTop > from) {
      const entry = gi(trail, trailTop - 1);
      if ((entry & 3) == INCL) {
        const cursor = entry >> 2;
        exclude(gi(list, cursor), level);
        si(trail, trailTop - 1, (cursor << 2) | EXCL);
        si(lvCursor, level, cursor + 1);
        flipped = true;
        break;
      }
      trailTop--;
    }
    if (flipped) {
      forward = true;
      continue;
    }
    // Every load of this replica count is done: try the next one, or close the level.
    if (gi(lvReplicas, level) < maxReplicas) {
      si(lvReplicas, level, gi(lvReplicas, level) + 1);
      si(lvCursor, level, gi(lvStart, level));
      memory.fill(lvLoad + (<usize>(level * dims) << 3), 0, <usize>dims << 3);
      forward = true;
      continue;
    }
    // Explored to the end: completing this state cannot get below the limit.
    memoRemember(load<u64>(lvHash + (<usize>level << 3)), placed, memoStations(level), limit() - gf(lvCost, level));
    if (level == 0) return SEARCH_DONE;
    level--;
  }
  return SEARCH_DONE; // not reached: the loop returns
}

/** Copies the incumbent into the boundary's output arrays. */
export function writeIncumbent(): void {
  memory.copy(layout.assignmentAt, bestStation, <usize>n << 2);
  memory.copy(layout.legsAt, bestLeg, <usize>n << 2);
  for (let s = 0; s < n; s++) si(layout.replicasAt, s, s < bestStations ? gi(bestReplicas, s) : 0);
}
