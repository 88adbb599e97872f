/**
 * The event trace: what a plant's machines would report (state changes, cycle completions,
 * energy meter readings) written as flat records into the TRACE region while the run goes on.
 * The host drains the region whenever `runUntil` says it is full and resets it; the run goes
 * on where it stopped. The trace never draws a random number, so a run with a trace takes
 * exactly the same path as one without.
 *
 * Record (TRACE_FIELDS f64): time, kind, station, machine slot in the station, v1, v2
 *   TRACE_STATE   v1 = new state (PROCESSING … PLANNED), v2 = reason: the calendar's reason
 *                 code of a planned stop, the product changed to for a changeover, else −1
 *   TRACE_CYCLE   v1 = product, v2 = the part's processing time (repairs not included)
 *   TRACE_ENERGY  slot −1, v1 = the station's cumulative energy (kW × time unit), v2 = its
 *                 power now (kW); one per station at every energy window boundary
 */
import { nMachines, nStations, nTrace, pTrace, TRACE_FIELDS } from './layout';
import { CHANGEOVER, M_DRAWN, M_PRODUCT, machineAt, PLANNED, S_FIRST, S_PLAN_REASON, stationAt } from './machines';

export const TRACE_STATE: f64 = 0;
export const TRACE_CYCLE: f64 = 1;
export const TRACE_ENERGY: f64 = 2;

/** Whether this run writes a trace. */
export let tracing: bool = false;
/** Records written since the host last drained the region. */
export let traceLength: i32 = 0;
/** `runUntil` stops for a drain once the trace holds more than this (never without a trace). */
export let traceLimit: i32 = i32.MAX_VALUE;

/**
 * Records one step may write at most: each machine changes state at most twice and completes at
 * most one part in one event or calendar boundary, and a tick writes one record per station.
 */
export function traceReserve(k: i32, n: i32): i32 {
  return 3 * n + k + 16;
}

/** Starts an empty trace (or none, when the run has no trace region). */
export function traceReset(): void {
  tracing = nTrace > 0;
  traceLength = 0;
  traceLimit = tracing ? nTrace - traceReserve(nStations, nMachines) : i32.MAX_VALUE;
}

/** Empties the region after the host copied it. */
export function traceDrained(): void {
  traceLength = 0;
}

@inline function record(t: f64, kind: f64, k: i32, slot: i32, v1: f64, v2: f64): void {
  const at = pTrace + (<usize>(traceLength * TRACE_FIELDS) << 3);
  store<f64>(at, t, 0);
  store<f64>(at, kind, 8);
  store<f64>(at, <f64>k, 16);
  store<f64>(at, <f64>slot, 24);
  store<f64>(at, v1, 32);
  store<f64>(at, v2, 40);
  traceLength++;
}

/** Machine m of station k entered `state` at t. */
export function traceState(m: i32, k: i32, state: i32, t: f64): void {
  let reason: f64 = -1;
  if (state == PLANNED) reason = <f64>load<i32>(stationAt(k), S_PLAN_REASON);
  else if (state == CHANGEOVER) reason = <f64>load<i32>(machineAt(m), M_PRODUCT);
  record(t, TRACE_STATE, k, m - load<i32>(stationAt(k), S_FIRST), <f64>state, reason);
}

/** Machine m of station k finished its part at t. */
export function traceCycle(m: i32, k: i32, t: f64): void {
  const a = machineAt(m);
  record(t, TRACE_CYCLE, k, m - load<i32>(stationAt(k), S_FIRST), <f64>load<i32>(a, M_PRODUCT), load<f64>(a, M_DRAWN));
}

/** Station k's energy meter at t. */
export function traceEnergy(k: i32, t: f64, energy: f64, power: f64): void {
  record(t, TRACE_ENERGY, k, -1, energy, power);
}
