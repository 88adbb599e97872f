/**
 * Exact line balancing core: SALBP-1 and SALBP-2 by branch, bound and remember.
 * Only numbers cross the boundary; arrays live in the regions of layout.ts. A host:
 *   1. instantiates a fresh instance per run,
 *   2. calls prepare(n, arcs, conflictPairs) and writes the inputs at the `*Ptr()` addresses,
 *   3. calls solveStations (SALBP-1) or solveCycle (SALBP-2) and reads the status,
 *   4. reads the numbers with result*() and copies the assignment out.
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
