/** The numbers a run hands back to the host (the assignment itself is in layout.ts). */

/** A solution was found; `provenOptimal` says whether it is optimal. */
export const STATUS_SOLVED: i32 = 0;
/** Proven: no solution exists (within the station cap / under the constraints). */
export const STATUS_INFEASIBLE: i32 = 1;
/** The time limit or memory ran out before any solution was found. */
export const STATUS_UNKNOWN: i32 = 2;
/** The precedence arcs contain a cycle. */
export const STATUS_CYCLIC: i32 = 3;
/** A task time is not positive or exceeds the cycle time, or the input is malformed. */
export const STATUS_BAD_INPUT: i32 = 4;

export let resultStations: i32 = 0;
export let resultCycle: i32 = 0;
export let resultLowerBound: i32 = 0;
export let resultProven: bool = false;
export let resultExpanded: f64 = 0;
export let resultOutOfMemory: bool = false;
export let resultLoads: f64 = 0;
export let resultStates: f64 = 0;

/** Records the outcome of a run. */
export function setResult(stations: i32, cycle: i32, lowerBound: i32, proven: bool): void {
  resultStations = stations;
  resultCycle = cycle;
  resultLowerBound = lowerBound;
  resultProven = proven;
}

/** Adds the statistics of one search run. */
export function addStatistics(expanded: i64, loads: i64, states: i32, outOfMemory: bool): void {
  resultExpanded += <f64>expanded;
  resultLoads += <f64>loads;
  resultStates += <f64>states;
  if (outOfMemory) resultOutOfMemory = true;
}
