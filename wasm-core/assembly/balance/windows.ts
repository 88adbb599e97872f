/**
 * Station-window bounds (Scholl & Becker 2006, §3.2: earliest and latest stations). With m
 * stations left for the unassigned tasks, task j cannot go before its earliest station
 * E_j = ⌈(t_j + time of its unassigned predecessors) / c⌉, nor after its latest station
 * L_j = m + 1 − ⌈(t_j + time of its successors) / c⌉. The m stations are too few if some
 * E_j > L_j, if the tasks with L_j ≤ k exceed k·c, or if those with E_j ≥ k exceed
 * (m − k + 1)·c. With little idle time to spare these catch most dead ends early.
 */
import { allocI32, allocU64 } from "./arena";
import { ceilDiv } from "./bounds";
import { hasBit } from "./bits";
import { Graph } from "./graph";
import { at } from "./layout";

export class WindowBound {
  cycle: i32 = 0;
  /** i32[n]: ⌈(t_j + successors' time) / c⌉, fixed for a cycle time. */
  tail: usize = 0;
  /** i32[n]: t_j + time of the unassigned predecessors, for the state being expanded. */
  head: usize = 0;
  /** i32[n]: t_j + time of all predecessors (the head of the empty state). */
  fullHead: usize = 0;
  childHead: usize = 0;
  /** i64[n + 2] time per latest / earliest station. */
  byLatest: usize = 0;
  byEarliest: usize = 0;
}

/** Prepares window bounds of `g` for `cycle`. */
export function buildWindows(g: Graph, cycle: i32): WindowBound {
  const w = new WindowBound();
  const n = g.n;
  w.cycle = cycle;
  w.tail = allocI32(n);
  w.head = allocI32(n);
  w.fullHead = allocI32(n);
  w.childHead = allocI32(n);
  w.byLatest = allocU64(n + 2);
  w.byEarliest = allocU64(n + 2);
  for (let j = 0; j < n; j++) {
    store<i32>(w.tail + (<usize>j << 2), ceilDiv(sumOver(g, g.reach, j, 0) + <i64>at(g.times, j), <i64>cycle));
    store<i32>(w.fullHead + (<usize>j << 2), at(g.times, j) + <i32>sumOver(g, g.ancestors, j, 0));
  }
  return w;
}

/** Time of the tasks in row j of `rows`, leaving out those in `skip` (0 = none). */
function sumOver(g: Graph, rows: usize, j: i32, skip: usize): i64 {
  const row = rows + <usize>j * (<usize>g.words << 3);
  let sum: i64 = 0;
  for (let k = 0; k < g.words; k++) {
    let x = load<u64>(row + (<usize>k << 3));
    if (skip != 0) x &= ~load<u64>(skip + (<usize>k << 3));
    while (x != 0) {
      sum += at(g.times, (k << 6) + <i32>ctz<u64>(x));
      x &= x - 1;
    }
  }
  return sum;
}

/** Head times of the unassigned tasks of the state with assigned set `assigned`. */
export function computeHeads(w: WindowBound, g: Graph, assigned: usize): void {
  const rowBytes = <usize>g.words << 3;
  for (let j = 0; j < g.n; j++) {
    if (hasBit(assigned, j)) continue;
    // Sum whichever part of the ancestor row is smaller: the unassigned ancestors directly, or
    // the assigned ones subtracted from the full head (deep in the search most are assigned).
    const row = g.ancestors + <usize>j * rowBytes;
    let open = 0;
    let done = 0;
    for (let k = 0; k < g.words; k++) {
      const a = load<u64>(row + (<usize>k << 3));
      const m = load<u64>(assigned + (<usize>k << 3));
      open += <i32>popcnt<u64>(a & ~m);
      done += <i32>popcnt<u64>(a & m);
    }
    const head = done < open ? at(w.fullHead, j) - <i32>sumMasked(g, row, assigned, false) : at(g.times, j) + <i32>sumMasked(g, row, assigned, true);
    store<i32>(w.head + (<usize>j << 2), head);
  }
}

/** Time of the tasks in `row` outside (`outside`) or inside `mask`. */
function sumMasked(g: Graph, row: usize, mask: usize, outside: bool): i64 {
  let sum: i64 = 0;
  for (let k = 0; k < g.words; k++) {
    const m = load<u64>(mask + (<usize>k << 3));
    let x = load<u64>(row + (<usize>k << 3)) & (outside ? ~m : m);
    while (x != 0) {
      sum += at(g.times, (k << 6) + <i32>ctz<u64>(x));
      x &= x - 1;
    }
  }
  return sum;
}

/**
 * Whether `stations` stations cannot hold the tasks left unassigned once `loadSet` (a set, or 0)
 * is added to `assigned`. Uses the heads of computeHeads for `assigned`.
 */
export function windowsTooFew(w: WindowBound, g: Graph, assigned: usize, loadSet: usize, loadList: usize, loadSize: i32, stations: i32): bool {
  const n = g.n;
  const c = <i64>w.cycle;
  const words = <usize>g.words << 3;
  memory.copy(w.childHead, w.head, <usize>n << 2);
  for (let k = 0; k < loadSize; k++) {
    const a = at(loadList, k);
    const ta = at(g.times, a);
    const row = g.reach + <usize>a * words;
    for (let q = 0; q < g.words; q++) {
      let x = load<u64>(row + (<usize>q << 3));
      while (x != 0) {
        const d = (q << 6) + <i32>ctz<u64>(x);
        x &= x - 1;
        store<i32>(w.childHead + (<usize>d << 2), at(w.childHead, d) - ta);
      }
    }
  }
  memory.fill(w.byLatest, 0, <usize>(stations + 2) << 3);
  memory.fill(w.byEarliest, 0, <usize>(stations + 2) << 3);
  for (let j = 0; j < n; j++) {
    if (hasBit(assigned, j) || (loadSet != 0 && hasBit(loadSet, j))) continue;
    const earliest = ceilDiv(<i64>at(w.childHead, j), c);
    const latest = stations + 1 - at(w.tail, j);
    if (earliest > latest) return true;
    const t = <i64>at(g.times, j);
    const pl = w.byLatest + (<usize>latest << 3);
    store<i64>(pl, load<i64>(pl) + t);
    const pe = w.byEarliest + (<usize>earliest << 3);
    store<i64>(pe, load<i64>(pe) + t);
  }
  let early: i64 = 0;
  let late: i64 = 0;
  for (let k = 1; k <= stations; k++) {
    early += load<i64>(w.byLatest + (<usize>k << 3));
    if (early > <i64>k * c) return true;
    late += load<i64>(w.byEarliest + (<usize>(stations + 1 - k) << 3));
    if (late > <i64>k * c) return true;
  }
  return false;
}
