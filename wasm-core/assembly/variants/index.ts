/**
 * Exact line balancing for the variants the classic core (`assembly/balance`) does not cover:
 * mixed models (several load dimensions per station), U-lines (both legs) and parallel
 * stations (replicated workplaces). Only numbers cross the boundary. A host:
 *   1. instantiates a fresh instance per run,
 *   2. calls prepare(n, dims, arcs, conflictPairs) and writes the inputs at the `*Ptr()`
 *      addresses (layout.ts),
 *   3. calls solveCost (type 1: the cheapest line at a cycle time) or solveCycle (type 2: the
 *      smallest integer cycle time for a number of stations) and reads the status,
 *   4. reads the numbers with result*() and copies assignment, legs and replicas out.
 *
 * Files: layout.ts (boundary), instance.ts (graph, priorities, keys), memo.ts (what explored
 * states proved), search.ts (the branch and bound), this file (the two problem types).
 */
import * as layout from "./layout";
import { setupInstance } from "./instance";
import * as inst from "./instance";
import { memoCount, memoSetup } from "./memo";
import * as search from "./search";
import { now } from "../balance/clock";
import { gf } from "./layout";

const STATUS_SOLVED: i32 = 0;
const STATUS_INFEASIBLE: i32 = 1;
const STATUS_UNKNOWN: i32 = 2;
const STATUS_CYCLIC: i32 = 3;
const STATUS_BAD_INPUT: i32 = 4;

let resultStations: i32 = 0;
let resultCost: f64 = 0;
let resultCycle: f64 = 0;
let resultLowerBound: f64 = 0;
let resultProven: bool = false;
let resultOutOfMemory: bool = false;

/** Version of this core's memory layout; the host checks it at load. */
export function layoutVersion(): i32 {
  return 1;
}

export function prepare(n: i32, dims: i32, arcs: i32, conflictPairs: i32): i32 {
  layout.reserveLayout(n, dims, arcs, conflictPairs);
  return 1;
}

export function timesPtr(): usize {
  return layout.timesAt;
}
export function factorsPtr(): usize {
  return layout.factorsAt;
}
export function predOffsetsPtr(): usize {
  return layout.predOffsetsAt;
}
export function predTargetsPtr(): usize {
  return layout.predTargetsAt;
}
export function fixedStationsPtr(): usize {
  return layout.fixedStationsAt;
}
export function conflictOffsetsPtr(): usize {
  return layout.conflictOffsetsAt;
}
export function conflictTargetsPtr(): usize {
  return layout.conflictTargetsAt;
}
export function assignmentPtr(): usize {
  return layout.assignmentAt;
}
export function legsPtr(): usize {
  return layout.legsAt;
}
export function replicasPtr(): usize {
  return layout.replicasAt;
}

/** Common set-up; a status code if the instance cannot be searched, else −1. */
function setup(): i32 {
  const n = layout.taskCount;
  if (n <= 0 || layout.dimCount <= 0) return STATUS_BAD_INPUT;
  for (let d = 0; d < layout.dimCount; d++) if (!(gf(layout.factorsAt, d) > 0)) return STATUS_BAD_INPUT;
  for (let i = 0; i < n * layout.dimCount; i++) {
    const t = gf(layout.timesAt, i);
    if (!(t >= 0) || !isFinite(t)) return STATUS_BAD_INPUT;
  }
  if (!setupInstance()) return STATUS_CYCLIC;
  if (!search.searchSetup() || !memoSetup(inst.words, n)) return STATUS_BAD_INPUT;
  return -1;
}

@inline function deadlineOf(timeLimitMs: f64): f64 {
  return timeLimitMs > 0 ? now() + timeLimitMs : 0;
}

/**
 * Type 1: the cheapest line at cycle time `cycle` (stations, or with `maxReplicas` > 1 the
 * cost 1 + replicaCost·(k − 1) per station of k workplaces). `uLine` lets stations take tasks
 * from both legs; `maxStations` > 0 caps the stations; `upperBound` > 0 is the cost of a
 * solution the host has: then "infeasible" means that none is cheaper (it is optimal).
 * Status as in the classic core.
 */
export function solveCost(
  cycle: f64,
  uLine: i32,
  maxReplicas: i32,
  replicaCost: f64,
  maxStations: i32,
  upperBound: f64,
  timeLimitMs: f64,
): i32 {
  const bad = setup();
  if (bad >= 0) return bad;
  if (!(cycle > 0) || maxReplicas < 1 || !(replicaCost >= 0)) return STATUS_BAD_INPUT;
  const deadline = deadlineOf(timeLimitMs);
  if (!search.configure(cycle, uLine != 0, maxReplicas, replicaCost, maxStations, false, upperBound)) return STATUS_BAD_INPUT;
  const root = search.rootBound();
  const outcome = search.runSearch(deadline);
  const complete = outcome == search.SEARCH_DONE;
  resultOutOfMemory = outcome == search.SEARCH_MEMORY;
  resultCycle = cycle;
  if (!search.found) {
    resultLowerBound = root;
    return complete ? STATUS_INFEASIBLE : STATUS_UNKNOWN;
  }
  search.writeIncumbent();
  resultStations = search.bestStations;
  resultCost = search.bestCost;
  resultProven = complete;
  resultLowerBound = complete ? search.bestCost : root;
  return STATUS_SOLVED;
}

/**
 * Type 2: the smallest integer cycle time with at most `stations` stations (no replicas),
 * by binary search between the capacity bound and one station's total, each probe an exact
 * decision search. Feasibility only grows with the cycle time, so the search is exact; a
 * probe that runs out of time leaves the bracket [lowerBound, cycle].
 */
export function solveCycle(stations: i32, uLine: i32, timeLimitMs: f64): i32 {
  const bad = setup();
  if (bad >= 0) return bad;
  if (stations < 1) return STATUS_BAD_INPUT;
  const deadline = deadlineOf(timeLimitMs);
  let lo: f64 = 1;
  let hi: f64 = 1;
  for (let d = 0; d < inst.dims; d++) {
    const f = gf(layout.factorsAt, d);
    const total = gf(inst.totals, d);
    lo = max(lo, Math.ceil(max(gf(inst.longest, d), total / <f64>stations) / f - 1e-9));
    hi = max(hi, Math.ceil(total / f - 1e-9));
  }
  hi = max(hi, lo);
  // The top of the bracket: one station takes everything unless zoning forbids it.
  let outcome = probe(hi, stations, uLine, deadline);
  if (outcome != search.SEARCH_DONE || !search.found) {
    resultLowerBound = lo;
    resultOutOfMemory = outcome == search.SEARCH_MEMORY;
    return outcome == search.SEARCH_DONE ? STATUS_INFEASIBLE : STATUS_UNKNOWN;
  }
  keep(hi);
  let complete = true;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    outcome = probe(mid, stations, uLine, deadline);
    if (outcome != search.SEARCH_DONE) {
      complete = false;
      resultOutOfMemory = outcome == search.SEARCH_MEMORY;
      break;
    }
    if (search.found) {
      hi = mid;
      keep(mid);
    } else lo = mid + 1;
  }
  resultProven = complete;
  resultLowerBound = complete ? hi : lo;
  return STATUS_SOLVED;
}

function probe(cycle: f64, stations: i32, uLine: i32, deadline: f64): i32 {
  if (!search.configure(cycle, uLine != 0, 1, 0, stations, true, 0)) return search.SEARCH_DONE;
  return search.runSearch(deadline);
}

function keep(cycle: f64): void {
  search.writeIncumbent();
  resultCycle = cycle;
  resultStations = search.bestStations;
  resultCost = search.bestCost;
}

export function resultStationsCount(): i32 {
  return resultStations;
}
export function resultCostValue(): f64 {
  return resultCost;
}
export function resultCycleTime(): f64 {
  return resultCycle;
}
export function resultBound(): f64 {
  return resultLowerBound;
}
export function resultIsProven(): i32 {
  return resultProven ? 1 : 0;
}
export function resultExpandedStates(): f64 {
  return search.expanded;
}
export function resultStoredStates(): i32 {
  return memoCount();
}
export function resultMemoryShort(): i32 {
  return resultOutOfMemory ? 1 : 0;
}
