/**
 * Priority-rule heuristics (station-oriented, Talbot, Patterson & Gehrlein 1986): open a
 * station, repeatedly put in the available task of highest priority that fits, open the next
 * station when none fits. They respect fixed stations and must-not-share pairs, and may fail
 * under them (returning a count ≥ the cap). Priorities are f64 per task, see rules.ts.
 */
import { allocI32 } from "./arena";
import { now } from "./clock";
import { Graph } from "./graph";
import { at } from "./layout";

let deg: usize = 0;
let avail: usize = 0;
let mark: usize = 0;
let size: i32 = 0;

function ensureScratch(n: i32): void {
  if (size >= n) return;
  deg = allocI32(n);
  avail = allocI32(n);
  mark = allocI32(n);
  size = n;
}

/**
 * Balances `g` with cycle time `cycle` by priority `prio` (f64[n]); writes stations (1-based,
 * in the numbering of `g`) to `out` and returns the station count, or `cap` if it fails or
 * the clock passes `until`.
 */
export function greedyBalance(g: Graph, cycle: i32, prio: usize, out: usize, cap: i32, until: f64): i32 {
  const n = g.n;
  ensureScratch(n);
  let count = 0;
  for (let j = 0; j < n; j++) {
    const d = at(g.predOff, j + 1) - at(g.predOff, j);
    store<i32>(deg + (<usize>j << 2), d);
    store<i32>(mark + (<usize>j << 2), 0);
    if (d == 0) store<i32>(avail + (<usize>(count++) << 2), j);
  }
  let station = 1;
  let rem = cycle;
  let filled = 0;
  let assigned = 0;
  while (assigned < n) {
    let best = -1;
    let bestK = -1;
    let bestPrio = -Infinity;
    let earliestFixed = 0x7fffffff;
    for (let k = 0; k < count; k++) {
      const j = at(avail, k);
      const f = g.fixed != 0 ? at(g.fixed, j) : 0;
      if (f != 0 && f != station) {
        if (f < station) return cap;
        if (f < earliestFixed) earliestFixed = f;
        continue;
      }
      if (at(g.times, j) > rem || at(mark, j) == station) continue;
      const p = load<f64>(prio + (<usize>j << 3));
      if (p > bestPrio) {
        bestPrio = p;
        best = j;
        bestK = k;
      }
    }
    if (best < 0) {
      // Nothing fits: open the next station, or skip to the next fixed one if this is empty.
      station = filled == 0 && earliestFixed != 0x7fffffff && !anyFree(g, count) ? earliestFixed : station + 1;
      rem = cycle;
      filled = 0;
      if (station >= cap || ((station & 63) == 0 && now() > until)) return cap;
      continue;
    }
    store<i32>(out + (<usize>best << 2), station);
    rem -= at(g.times, best);
    filled++;
    assigned++;
    store<i32>(avail + (<usize>bestK << 2), at(avail, --count));
    if (g.confOff != 0) {
      for (let e = at(g.confOff, best); e < at(g.confOff, best + 1); e++) {
        store<i32>(mark + (<usize>at(g.confTgt, e) << 2), station);
      }
    }
    for (let e = at(g.succOff, best); e < at(g.succOff, best + 1); e++) {
      const s = at(g.succTgt, e);
      const d = at(deg, s) - 1;
      store<i32>(deg + (<usize>s << 2), d);
      if (d == 0) store<i32>(avail + (<usize>(count++) << 2), s);
    }
  }
  return station < cap ? station : cap;
}

/** Whether an available task has no fixed station. */
function anyFree(g: Graph, count: i32): bool {
  if (g.fixed == 0) return true;
  for (let k = 0; k < count; k++) if (at(g.fixed, at(avail, k)) == 0) return true;
  return false;
}
