/**
 * The linear-memory regions that cross the host boundary, described once.
 *
 * The host calls `prepare(n, arcs, conflictPairs)`, which reserves these arrays, in this
 * order, at the bottom of the heap (each 16-byte aligned), then writes the inputs through the
 * exported `*Ptr()` addresses and reads the assignment back with `.slice()`. Tasks are
 * 0-based; stations are 1-based.
 *
 *   heap start
 *   ├─ times            i32[n]        task times (positive integers)
 *   ├─ predOffsets      i32[n+1]      CSR: immediate predecessors of task j are
 *   ├─ predTargets      i32[arcs]       predTargets[predOffsets[j] .. predOffsets[j+1])
 *   ├─ fixedStations    i32[n]        station a task is fixed to, 0 = free
 *   ├─ conflictOffsets  i32[n+1]      CSR: tasks that must not share a station with j
 *   ├─ conflictTargets  i32[2·pairs]    (each pair listed from both ends)
 *   └─ assignment       i32[n]        output: station of each task (0 when none found)
 *
 * Everything the search allocates afterwards (graphs, state table, heaps) lies above these
 * and never crosses the boundary; only numbers do (see `index.ts`).
 */
import { allocI32 } from "./arena";

export let taskCount: i32 = 0;
export let arcCount: i32 = 0;
export let conflictPairCount: i32 = 0;

export let timesAt: usize = 0;
export let predOffsetsAt: usize = 0;
export let predTargetsAt: usize = 0;
export let fixedStationsAt: usize = 0;
export let conflictOffsetsAt: usize = 0;
export let conflictTargetsAt: usize = 0;
export let assignmentAt: usize = 0;

/** Reserves the boundary regions for an instance; call once per fresh instance. */
export function reserveLayout(n: i32, arcs: i32, conflictPairs: i32): void {
  taskCount = n;
  arcCount = arcs;
  conflictPairCount = conflictPairs;
  timesAt = allocI32(n);
  predOffsetsAt = allocI32(n + 1);
  predTargetsAt = allocI32(arcs);
  fixedStationsAt = allocI32(n);
  conflictOffsetsAt = allocI32(n + 1);
  conflictTargetsAt = allocI32(2 * conflictPairs);
  assignmentAt = allocI32(n);
}

/** Reads input/output array `base` at index `i`. */
@inline export function at(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
