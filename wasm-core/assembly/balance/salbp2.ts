/**
 * SALBP-2: given m stations, minimise the cycle time. The answer lies between a lower bound
 * (bin-packing arguments on the task times) and the best cycle time a heuristic reaches with
 * m stations; a binary search closes the gap, each probe c asking "do m stations suffice?"
 * first of the heuristics and then of the exact SALBP-1 search (feasibility is monotone in c).
 * A probe the time limit interrupts leaves the gap open and the result unproven.
 */
import { allocI32 } from "./arena";
import { Context } from "./context";
import { exactProven, runExact } from "./exact";
import { runHeuristics } from "./heuristics";
import { rootLpBound } from "./rootlp";
import { best, found, resetIncumbent } from "./incumbent";
import { at, assignmentAt, taskCount } from "./layout";
import { STATUS_BAD_INPUT, STATUS_CYCLIC, STATUS_INFEASIBLE, STATUS_SOLVED, STATUS_UNKNOWN, setResult } from "./result";
import { deadlineFor } from "./salbp1";
import { backward, forward, inputIsWellFormed, rootBound, setUp, timesFit, zobrist } from "./setup";
import { cycleLowerBound } from "./cyclebound";
import { Graph } from "./graph";
import { now } from "./clock";

let kept: usize = 0;
let keptCycle: i32 = 0;
let keptStations: i32 = 0;

/** Solves SALBP-2 for `stations`; returns a status from result.ts. */
export function solveCycle(stations: i32, timeLimitMs: f64): i32 {
  const deadline = deadlineFor(timeLimitMs);
  if (!inputIsWellFormed() || stations <= 0) return STATUS_BAD_INPUT;
  if (!setUp()) return STATUS_CYCLIC;
  const fw = forward!;
  if (!timesFit(fw, 0x7fffffff)) return STATUS_BAD_INPUT;
  if (fw.maxFixed > stations) {
    setResult(0, 0, 0, true);
    return STATUS_INFEASIBLE;
  }
  const n = taskCount;
  const cap = stations + 1;
  const maxLevels = max(cap, n + fw.maxFixed) + 2;
  kept = allocI32(n);
  keptCycle = 0;
  let lo = cycleLowerBound(fw, stations);
  let hi = heuristicUpperBound(fw, stations, lo, cap, maxLevels, deadline);
  const f = new Context(fw, max(hi, lo), zobrist, cap);
  const b = backward != null ? new Context(backward!, max(hi, lo), zobrist, cap) : null;
  if (hi == 0) {
    // No heuristic fits m stations even at the total time: only constraints can cause that.
    const top = fw.totalTime;
    const outcome = probe(f, b, top, stations, cap, maxLevels, deadline);
    if (outcome != FEASIBLE) {
      setResult(0, 0, top, outcome == INFEASIBLE);
      return outcome == INFEASIBLE ? STATUS_INFEASIBLE : STATUS_UNKNOWN;
    }
    hi = keptCycle;
  }
  while (lo < hi && now() <= deadline) {
    const mid = lo + ((hi - lo) >> 1);
    const outcome = probe(f, b, mid, stations, cap, maxLevels, deadline);
    if (outcome == FEASIBLE) hi = keptCycle;
    else if (outcome == INFEASIBLE) lo = mid + 1;
    else break;
  }
  memory.copy(assignmentAt, kept, <usize>n << 2);
  setResult(keptStations, keptCycle, lo, lo >= hi);
  return STATUS_SOLVED;
}

const FEASIBLE: i32 = 0;
const INFEASIBLE: i32 = 1;
const UNDECIDED: i32 = 2;

/** Whether `stations` stations suffice at cycle `c` (keeping the solution found), or undecided. */
function probe(f: Context, b: Context | null, c: i32, stations: i32, cap: i32, maxLevels: i32, deadline: f64): i32 {
  const fw = forward!;
  const lb = rootBound(fw, c);
  if (lb > stations) return INFEASIBLE;
  resetIncumbent(taskCount, cap, maxLevels);
  runHeuristics(fw, backward, c, lb, deadline);
  if (!found && rootLpBound(fw, c, stations, 0, 0) > stations) return INFEASIBLE;
  if (!found) runExact(f, b, c, lb, deadline);
  if (found) {
    keep();
    return FEASIBLE;
  }
  return exactProven ? INFEASIBLE : UNDECIDED;
}

/** Copies the incumbent and measures its cycle time (its largest station load). */
function keep(): void {
  const fw = forward!;
  const n = taskCount;
  memory.copy(kept, best, <usize>n << 2);
  let m = 0;
  for (let j = 0; j < n; j++) m = max(m, at(kept, j));
  const loads = allocI32(m + 1);
  for (let j = 0; j < n; j++) {
    const p = loads + (<usize>at(kept, j) << 2);
    store<i32>(p, load<i32>(p) + at(fw.times, j));
  }
  let c = 0;
  for (let s = 1; s <= m; s++) c = max(c, at(loads, s));
  keptCycle = c;
  keptStations = m;
}

/** Smallest cycle time at which a heuristic fits m stations (0 if none does). */
function heuristicUpperBound(g: Graph, m: i32, lo: i32, cap: i32, maxLevels: i32, deadline: f64): i32 {
  let c = lo;
  let hi = 0;
  while (hi == 0) {
    resetIncumbent(taskCount, cap, maxLevels);
    runHeuristics(g, backward, c, rootBound(g, c), deadline);
    if (found) {
      keep();
      hi = keptCycle;
    } else if (c >= g.totalTime) {
      return 0;
    } else {
      lo = c + 1;
      c = min(g.totalTime, c + max(1, c >> 4));
    }
  }
  while (lo < hi && now() <= deadline) {
    const mid = lo + ((hi - lo) >> 1);
    resetIncumbent(taskCount, cap, maxLevels);
    runHeuristics(g, backward, mid, rootBound(g, mid), deadline);
    if (found) {
      keep();
      hi = keptCycle;
    } else lo = mid + 1;
  }
  return hi;
}
