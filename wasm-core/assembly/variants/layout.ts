/**
 * The linear-memory regions of the variants core that cross the host boundary.
 *
 * The host calls `prepare(n, dims, arcs, conflictPairs)`, which reserves these arrays at the
 * bottom of the heap, writes the inputs through the exported `*Ptr()` addresses, solves, and
 * copies the outputs back with `.slice()`. Tasks are 0-based, stations 1-based.
 *
 *   times            f64[n·dims]   row-major: the time of task j in dimension d at j·dims + d
 *   factors          f64[dims]     capacity of dimension d = cycle × factors[d] (per workplace)
 *   predOffsets      i32[n+1]      CSR of immediate predecessors
 *   predTargets      i32[arcs]
 *   fixedStations    i32[n]        station a task is fixed to, 0 = free
 *   conflictOffsets  i32[n+1]      CSR of must-not-share partners (each pair from both ends)
 *   conflictTargets  i32[2·pairs]
 *   assignment       i32[n]        output: station of each task
 *   legs             i32[n]        output: 0 = front leg, 1 = back leg (U-lines)
 *   replicas         i32[n]        output: replicas of station s at s − 1 (1 = not paralleled)
 *
 * A dimension is one load that a station must keep within its capacity: one model's time
 * (strict rule), or also the share-weighted average of the models (average rule).
 */
import { allocI32, mustAlloc } from "../balance/arena";

export let taskCount: i32 = 0;
export let dimCount: i32 = 0;
export let arcCount: i32 = 0;

export let timesAt: usize = 0;
export let factorsAt: usize = 0;
export let predOffsetsAt: usize = 0;
export let predTargetsAt: usize = 0;
export let fixedStationsAt: usize = 0;
export let conflictOffsetsAt: usize = 0;
export let conflictTargetsAt: usize = 0;
export let assignmentAt: usize = 0;
export let legsAt: usize = 0;
export let replicasAt: usize = 0;

/** Reserves the boundary regions; call once per fresh instance. */
export function reserveLayout(n: i32, dims: i32, arcs: i32, conflictPairs: i32): void {
  taskCount = n;
  dimCount = dims;
  arcCount = arcs;
  timesAt = mustAlloc(<usize>max(n * dims, 1) << 3);
  factorsAt = mustAlloc(<usize>max(dims, 1) << 3);
  predOffsetsAt = allocI32(n + 1);
  predTargetsAt = allocI32(arcs);
  fixedStationsAt = allocI32(n);
  conflictOffsetsAt = allocI32(n + 1);
  conflictTargetsAt = allocI32(2 * conflictPairs);
  assignmentAt = allocI32(n);
  legsAt = allocI32(n);
  replicasAt = allocI32(n);
}

/** i32 array access. */
@inline export function gi(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline export function si(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
/** f64 array access. */
@inline export function gf(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline export function sf(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
