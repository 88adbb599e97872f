/**
 * Exact line balancing core: SALBP-1 and SALBP-2 by branch, bound and remember.
 * Only numbers cross the boundary; arrays live in the regions of layout.ts. A host:
 *   1. instantiates a fresh instance per run,
 *   2. calls prepare(n, arcs, conflictPairs) and writes the inputs at the `*Ptr()` addresses,
 *   3. calls solveStations (SALBP-1) or solveCycle (SALBP-2) and reads the status,
 *   4. reads the numbers with result*() and copies the assignment out.
 *
 * Files, in the order to read them:
 *   index.ts        these exports: the host protocol above, delegating to the files below
 *   layout.ts       the boundary regions (inputs, assignment) and the `at` reader
 *   result.ts       status codes and the numbers a run hands back
 *   arena.ts        zeroed allocation from linear memory under a budget
 *   clock.ts        the host's monotonic clock, for time limits only
 *   bits.ts         task bit sets in u64 words
 *   zobrist.ts      Zobrist keys of task sets
 *   sort.ts         heap sort of task lists by an f64 key, largest first
 *   salbp1.ts       SALBP-1 driver: checks, root bound, heuristics, root LP, then exact search
 *   salbp2.ts       SALBP-2 driver: binary search on the cycle time, each probe a SALBP-1 question
 *   setup.ts        per run: input checks, both graphs, Zobrist keys, the root station bound
 *   graph.ts        precedence graph of one direction (forward or reversed): CSR, topological order
 *   reach.ts        transitive successors and predecessors of every task as bit rows
 *   bounds.ts       station bounds from bin packing: LB1–LB3, Martello–Toth L2, pairing
 *   windows.ts      station-window bound (earliest and latest station of each task)
 *   cyclebound.ts   SALBP-2 lower bounds on the cycle time
 *   heuristics.ts   the first incumbent: priority rules and Hoffmann on both directions
 *   rules.ts        task priorities (positional weight, time, successors, noise) and rank keys
 *   greedy.ts       station-oriented priority-rule heuristic
 *   hoffmann.ts     weighted Hoffmann heuristic: the least-cost load, station by station
 *   incumbent.ts    best solution so far, shared by both directions, in forward station numbers
 *   exact.ts        both directions in alternating slices: capped dives, then the complete search
 *   context.ts      one direction's search: graph, bound tables, state store, queue, node scratch
 *   search.ts       branch, bound and remember loop of one direction, run in slices
 *   queue.ts        cyclic best-first queue: one heap of open states per station count
 *   states.ts       the "remember": every state once, with the fewest stations it was reached with
 *   records.ts      field access for the state records of states.ts
 *   expand.ts       expansion of one state: counters, node bounds, eligible tasks, then its loads
 *   loads.ts        enumeration of the maximal loads of the station being opened
 *   fill.ts         fill tables: subset sums that skip branches leaving too much idle time
 *   fillbuild.ts    building an expansion's fill table from its context
 *   children.ts     one maximal load: the child state's bounds and rules, then store and queue
 *   leafrules.ts    load tests beyond sums: fixed stations, dominance, maximality with conflicts
 *   dominance.ts    Jackson's task dominance: which tasks may replace which
 *   nodelp.ts       bin-packing LP bound at search nodes, remembered per multiset of times
 *   rootlp.ts       bin-packing LP bound on the whole instance, seeded with the incumbent
 *   lpbound.ts      the LP bound by column generation, kept valid early by Farley's bound
 *   simplex.ts      dense revised simplex under lpbound.ts
 *   knapsack.ts     column pricing: bounded knapsack by dynamic programming
 *   sizeclasses.ts  tasks grouped by time: one LP row per distinct time
 */
import * as layout from "./layout";
import * as result from "./result";
import { solveStations as salbp1 } from "./salbp1";
import { solveCycle as salbp2 } from "./salbp2";

/** Version of the balancing core's memory layout; the host checks it at load. */
export function layoutVersion(): i32 {
  return 2;
}

/** Reserves the boundary regions for n tasks, `arcs` precedence arcs and conflict pairs. */
export function prepare(n: i32, arcs: i32, conflictPairs: i32): i32 {
  layout.reserveLayout(n, arcs, conflictPairs);
  return 1;
}

export function timesPtr(): usize {
  return layout.timesAt;
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

/** SALBP-1: fewest stations at cycle time `cycle` (`maxStations` > 0 caps them). */
export function solveStations(cycle: i32, maxStations: i32, timeLimitMs: f64): i32 {
  return salbp1(cycle, maxStations, timeLimitMs);
}

/** SALBP-2: smallest cycle time with `stations` stations. */
export function solveCycle(stations: i32, timeLimitMs: f64): i32 {
  return salbp2(stations, timeLimitMs);
}

export function resultStations(): i32 {
  return result.resultStations;
}
export function resultCycle(): i32 {
  return result.resultCycle;
}
/** Stations (SALBP-1) or cycle time (SALBP-2) no solution can beat. */
export function resultLowerBound(): i32 {
  return result.resultLowerBound;
}
export function resultProven(): i32 {
  return result.resultProven ? 1 : 0;
}
export function resultExpanded(): f64 {
  return result.resultExpanded;
}
export function resultOutOfMemory(): i32 {
  return result.resultOutOfMemory ? 1 : 0;
}
/** Loads examined by the exact search (a measure of its work). */
export function resultLoads(): f64 {
  return result.resultLoads;
}
/** States the exact search stored. */
export function resultStates(): f64 {
  return result.resultStates;
}
