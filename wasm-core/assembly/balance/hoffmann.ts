/**
 * Hoffmann's heuristic (Management Science 9, 1963) in the weighted form BB&R starts from
 * (Sewell & Jacobson 2012, §5): stations are filled one at a time with the load of least cost
 *   idle − α·Σ positional weight − β·Σ immediate successors + γ·(number of tasks),
 * found by enumerating loads in priority order, at most `leafLimit` full loads per station.
 * A grid of (α, β, γ) gives a family of solutions. Fixed stations and must-not-share pairs
 * are respected; the function returns `cap` when it cannot place every task.
 */
import { allocI32 } from "./arena";
import { now } from "./clock";
import { Graph } from "./graph";
import { at } from "./layout";
import { sortByKeyDesc } from "./sort";

const MAX_LOAD_DEPTH: i32 = 1500;

let deg: usize = 0;
let avail: usize = 0;
let elig: usize = 0;
let conf: usize = 0;
let chosen: usize = 0;
let bestLoad: usize = 0;
let size: i32 = 0;
let chosenSize = 0;
let bestSize = 0;
let bestCost: f64 = 0;
let fullLoads = 0;
let leafCap = 0;
let station = 0;
let alpha: f64 = 0;
let beta: f64 = 0;
let gamma: f64 = 0;
let weights: usize = 0;

function ensureScratch(n: i32): void {
  if (size >= n) return;
  deg = allocI32(n);
  avail = allocI32(n);
  elig = allocI32(n);
  conf = allocI32(n);
  chosen = allocI32(n);
  bestLoad = allocI32(n);
  size = n;
}

@inline function fits(g: Graph, j: i32): bool {
  if (g.fixed == 0) return true;
  const f = at(g.fixed, j);
  return f == 0 || f == station;
}

function search(g: Graph, start: i32, count: i32, rem: i32, cost: f64): void {
  let full = true;
  // Stations of thousands of tasks would overflow the wasm stack: take the load so far.
  if (chosenSize >= MAX_LOAD_DEPTH) return;
  for (let ii = start; ii < count && fullLoads < leafCap; ii++) {
    const i = at(elig, ii);
    if (at(g.times, i) > rem || at(conf, i) != 0) continue;
    full = false;
    store<i32>(chosen + (<usize>(chosenSize++) << 2), i);
    if (g.confOff != 0) bump(g, i, 1);
    let grown = count;
    const s0 = at(g.succOff, i);
    const s1 = at(g.succOff, i + 1);
    for (let e = s0; e < s1; e++) {
      const s = at(g.succTgt, e);
      const d = at(deg, s) - 1;
      store<i32>(deg + (<usize>s << 2), d);
      if (d == 0 && fits(g, s)) store<i32>(elig + (<usize>(grown++) << 2), s);
    }
    const t = at(g.times, i);
    const sub = cost - <f64>t - alpha * load<f64>(weights + (<usize>i << 3)) - beta * <f64>(s1 - s0) + gamma;
    if (sub < bestCost) {
      bestCost = sub;
      bestSize = chosenSize;
      memory.copy(bestLoad, chosen, <usize>chosenSize << 2);
    }
    search(g, ii + 1, grown, rem - t, sub);
    for (let e = s0; e < s1; e++) {
      const s = at(g.succTgt, e);
      store<i32>(deg + (<usize>s << 2), at(deg, s) + 1);
    }
    if (g.confOff != 0) bump(g, i, -1);
    chosenSize--;
  }
  if (full) fullLoads++;
}

function bump(g: Graph, i: i32, by: i32): void {
  for (let e = at(g.confOff, i); e < at(g.confOff, i + 1); e++) {
    const p = conf + (<usize>at(g.confTgt, e) << 2);
    store<i32>(p, load<i32>(p) + by);
  }
}

/**
 * Runs the heuristic with weights (α, β, γ); `posWeight` (f64[n]) holds positional weights
 * and `order` (f64[n]) the priority that orders the candidates. Stations go to `out`.
 * Returns `cap` on failure or when the clock passes `until`.
 */
export function hoffmannBalance(g: Graph, cycle: i32, posWeight: usize, order: usize, a: f64, b: f64, c: f64, out: usize, cap: i32, leafLimit: i32, until: f64): i32 {
  const n = g.n;
  ensureScratch(n);
  alpha = a;
  beta = b;
  gamma = c;
  weights = posWeight;
  let available = 0;
  for (let j = 0; j < n; j++) {
    const d = at(g.predOff, j + 1) - at(g.predOff, j);
    store<i32>(deg + (<usize>j << 2), d);
    store<i32>(out + (<usize>j << 2), 0);
    if (d == 0) store<i32>(avail + (<usize>(available++) << 2), j);
  }
  let assigned = 0;
  station = 0;
  while (assigned < n) {
    station++;
    if (station >= cap || ((station & 63) == 0 && now() > until)) return cap;
    let count = 0;
    let earliestFixed = 0x7fffffff;
    for (let k = 0; k < available; k++) {
      const j = at(avail, k);
      const f = g.fixed != 0 ? at(g.fixed, j) : 0;
      if (f != 0 && f < station) return cap;
      if (f != 0 && f != station) {
        if (f < earliestFixed) earliestFixed = f;
        continue;
      }
      store<i32>(elig + (<usize>(count++) << 2), j);
    }
    if (count == 0) {
      if (earliestFixed == 0x7fffffff || earliestFixed >= cap) return cap;
      station = earliestFixed - 1;
      continue;
    }
    sortByKeyDesc(elig, count, order);
    chosenSize = 0;
    bestSize = 0;
    bestCost = Infinity;
    fullLoads = 0;
    leafCap = leafLimit;
    search(g, 0, count, cycle, <f64>cycle);
    for (let k = 0; k < bestSize; k++) {
      const j = at(bestLoad, k);
      store<i32>(out + (<usize>j << 2), station);
      assigned++;
      for (let e = at(g.succOff, j); e < at(g.succOff, j + 1); e++) {
        const s = at(g.succTgt, e);
        const d = at(deg, s) - 1;
        store<i32>(deg + (<usize>s << 2), d);
        if (d == 0) store<i32>(avail + (<usize>(available++) << 2), s);
      }
    }
    // Drop the tasks just placed from the available list.
    let kept = 0;
    for (let k = 0; k < available; k++) {
      const j = at(avail, k);
      if (at(out, j) == 0) store<i32>(avail + (<usize>(kept++) << 2), j);
    }
    available = kept;
  }
  return station;
}
