/**
 * Machine and station records and the one place where a machine changes state. Each change
 * closes the time spent in the old state into the station's accumulator (lazy accounting:
 * nothing is touched per unit of time), keeps the station's counts of starved and blocked
 * machines (so the flow asks "is there one?" with one load, not a scan whose every compare is a
 * coin flip), reports activity changes for the bottleneck analysis, and writes the state change
 * to the event trace when the host asked for one.
 */
import { MACHINE_SHIFT, pAcc, pMachines, pStationState, STATE_COUNT, STATION_SHIFT } from './layout';
import { queueSet } from './queue';
import { stationActivityChanged } from './periods';
import { traceState, tracing } from './trace';

// Machine states, STATE_COUNT (`layout.ts`) of them.
export const PROCESSING: i32 = 0;
export const STARVED: i32 = 1;
export const BLOCKED: i32 = 2;
export const DOWN: i32 = 3;
export const CHANGEOVER: i32 = 4;
/** In a planned stop of its station's calendar: it neither works nor fails. */
export const PLANNED: i32 = 5;

/**
 * Active states as bits: processing, down, changeover and planned stops (Roser, Nakano & Tanaka
 * 2002 count maintenance as active: a station held in planned maintenance constrains the line).
 */
const ACTIVE_STATES: i32 = (1 << PROCESSING) | (1 << DOWN) | (1 << CHANGEOVER) | (1 << PLANNED);

// Machine record fields (byte offsets).
export const M_SINCE: usize = 0;
export const M_EVENT: usize = 8;
export const M_FAIL: usize = 16;
export const M_ENTER: usize = 24;
export const M_PROC: usize = 32;
export const M_REMAIN: usize = 40;
export const M_TTF: usize = 48;
export const M_OPSTART: usize = 56;
export const M_BLOCKED_SINCE: usize = 64;
export const M_STATE: usize = 72;
export const M_STATION: usize = 76;
export const M_PRODUCT: usize = 80;
export const M_LAST: usize = 84;
export const M_RESUME: usize = 88;
/** The part's whole processing time as drawn (the cycle time the trace reports). */
export const M_DRAWN: usize = 96;

// Station record fields (byte offsets).
export const S_FIRST: usize = 0;
export const S_COUNT: usize = 4;
export const S_ACTIVE: usize = 8;
export const S_PENDING: usize = 12;
export const S_PERIOD_START: usize = 16;
export const S_FAIL_MODE: usize = 24;
export const S_PREV: usize = 28;
export const S_NEXT: usize = 32;
export const S_STARVED: usize = 36;
export const S_BLOCKED: usize = 40;
/** 1 while the station is in a planned stop of its calendar, with the stop's reason code. */
export const S_PLANNED: usize = 44;
export const S_PLAN_REASON: usize = 48;

export const FAIL_NONE: i32 = 0;
export const FAIL_OPERATING: i32 = 1;
export const FAIL_CALENDAR: i32 = 2;

/** Byte address of machine m's record. */
@inline export function machineAt(m: i32): usize {
  return pMachines + (<usize>m << MACHINE_SHIFT);
}

/** Byte address of station k's private record. */
@inline export function stationAt(k: i32): usize {
  return pStationState + (<usize>k << STATION_SHIFT);
}

/** Failure mode of station k (FAIL_NONE, FAIL_OPERATING or FAIL_CALENDAR). */
@inline export function failModeOf(k: i32): i32 {
  return load<i32>(stationAt(k), S_FAIL_MODE);
}

/** Re-keys machine m in the event queue from its activity end and next failure. */
@inline export function reschedule(m: i32): void {
  const a = machineAt(m);
  const event = load<f64>(a, M_EVENT);
  const fail = load<f64>(a, M_FAIL);
  // A select, not Math.min: f64.min also orders NaN and ±0 (times are neither) with branches.
  queueSet(m, select<f64>(event, fail, event < fail));
}

/** Moves machine m to state `next` at time t, accounting the time spent in the old state. */
@inline export function setState(m: i32, next: i32, t: f64): void {
  const a = machineAt(m);
  const prev = load<i32>(a, M_STATE);
  // Same state (a finished part followed at once by the next): the open interval just goes on.
  if (prev == next) return;
  const k = load<i32>(a, M_STATION);
  const acc = pAcc + (<usize>(k * STATE_COUNT + prev) << 3);
  store<f64>(acc, load<f64>(acc) + (t - load<f64>(a, M_SINCE)));
  store<f64>(a, t, M_SINCE);
  store<i32>(a, next, M_STATE);
  const s = stationAt(k);
  store<i32>(s, load<i32>(s, S_STARVED) + <i32>(next == STARVED) - <i32>(prev == STARVED), S_STARVED);
  store<i32>(s, load<i32>(s, S_BLOCKED) + <i32>(next == BLOCKED) - <i32>(prev == BLOCKED), S_BLOCKED);
  const wasActive = (ACTIVE_STATES >> prev) & 1;
  const isActive = (ACTIVE_STATES >> next) & 1;
  if (wasActive != isActive) stationActivityChanged(k, isActive != 0, t);
  if (tracing) traceState(m, k, next, t);
}

/** Whether station k is in a planned stop. */
@inline export function inPlannedStop(k: i32): bool {
  return load<i32>(stationAt(k), S_PLANNED) != 0;
}

/** Lowest-index starved machine of station k, or −1 (at once when the station counts none). */
@inline export function findStarved(k: i32): i32 {
  const s = stationAt(k);
  if (load<i32>(s, S_STARVED) == 0) return -1;
  const first = load<i32>(s, S_FIRST);
  const end = first + load<i32>(s, S_COUNT);
  for (let m = first; m < end; m++) {
    if (load<i32>(machineAt(m), M_STATE) == STARVED) return m;
  }
  return -1;
}

/** The machine of station k blocked longest (ties: lowest index), or −1 (at once when none is). */
@inline export function findBlocked(k: i32): i32 {
  const s = stationAt(k);
  if (load<i32>(s, S_BLOCKED) == 0) return -1;
  const first = load<i32>(s, S_FIRST);
  const end = first + load<i32>(s, S_COUNT);
  let best = -1;
  let since: f64 = Infinity;
  for (let m = first; m < end; m++) {
    const a = machineAt(m);
    if (load<i32>(a, M_STATE) == BLOCKED && load<f64>(a, M_BLOCKED_SINCE) < since) {
      best = m;
      since = load<f64>(a, M_BLOCKED_SINCE);
    }
  }
  return best;
}
