/**
 * Planned stops (breaks, planned maintenance, no shift) from each station's calendar: while its
 * station is in one, a machine neither works nor fails. The host gives the stops as boundaries
 * sorted by time (CALENDAR in `layout.ts`); `runUntil` takes the next one like a tick.
 *
 * At a stop's start a machine that processes or changes over keeps its remaining time, a blocked
 * machine keeps its part, and every failure clock stops with its remaining time. A machine in
 * repair stays in repair (the maintenance crew goes on) and waits out the rest of the stop once
 * repaired. At the stop's end each machine takes up what it was doing.
 *
 * A stop may end with a new MTBF for its station (preventive maintenance lowering the failure
 * rate): from then on failures come at the new rate. A failure clock stopped by the stop keeps
 * its draw, scaled by new ÷ old MTBF: for exponential times to failure that is a draw at the new
 * rate, and runs with and without the maintenance share their random numbers (common random
 * numbers). A machine still in repair draws at the new rate once repaired.
 */
import { CALENDAR_FIELDS, nCalendar, pCalendar, setStationInput, SF_MTBF, stationInput } from './layout';
import {
  CHANGEOVER, DOWN, FAIL_CALENDAR, FAIL_OPERATING, failModeOf, M_EVENT, M_FAIL, M_OPSTART, M_REMAIN,
  M_RESUME, M_STATE, M_STATION, M_TTF, machineAt, PLANNED, PROCESSING, reschedule, S_COUNT, S_FIRST,
  S_PLAN_REASON, S_PLANNED, setState, stationAt,
} from './machines';
import { resumeActivity } from './events';

let nextIndex: i32 = 0;

/** Time of the next calendar boundary (+∞ after the last). */
export let nextBoundary: f64 = Infinity;

@inline function boundaryAt(i: i32): usize {
  return pCalendar + (<usize>(i * CALENDAR_FIELDS) << 3);
}

/** Starts the calendar from its first boundary. */
export function calendarReset(): void {
  nextIndex = 0;
  nextBoundary = nCalendar > 0 ? load<f64>(boundaryAt(0)) : Infinity;
}

/** Applies the boundary due at t (== nextBoundary). */
export function calendarStep(t: f64): void {
  const b = boundaryAt(nextIndex);
  const k = <i32>load<f64>(b, 8);
  const reason = load<f64>(b, 16);
  const s = stationAt(k);
  const first = load<i32>(s, S_FIRST);
  const end = first + load<i32>(s, S_COUNT);
  if (reason >= 0) {
    store<i32>(s, 1, S_PLANNED);
    store<i32>(s, <i32>reason, S_PLAN_REASON);
    for (let m = first; m < end; m++) suspend(m, t);
  } else {
    store<i32>(s, 0, S_PLANNED);
    const mtbfAfter = load<f64>(b, 24);
    if (mtbfAfter > 0) changeMtbf(k, mtbfAfter, first, end);
    for (let m = first; m < end; m++) {
      if (load<i32>(machineAt(m), M_STATE) == PLANNED) release(m, t);
    }
  }
  nextIndex++;
  nextBoundary = nextIndex < nCalendar ? load<f64>(boundaryAt(nextIndex)) : Infinity;
}

/** Station k's failures come at the rate of `mtbf` from now on (its machines first..end−1 are all held or down). */
function changeMtbf(k: i32, mtbf: f64, first: i32, end: i32): void {
  const ratio = mtbf / stationInput(k, SF_MTBF);
  if (isFinite(ratio) && ratio > 0) {
    for (let m = first; m < end; m++) {
      const a = machineAt(m);
      // Held: M_TTF is the time to failure left (calendar or operating time alike).
      if (load<i32>(a, M_STATE) == PLANNED) store<f64>(a, load<f64>(a, M_TTF) * ratio, M_TTF);
    }
  }
  setStationInput(k, SF_MTBF, mtbf);
}

function suspend(m: i32, t: f64): void {
  const a = machineAt(m);
  const state = load<i32>(a, M_STATE);
  if (state == DOWN || state == PLANNED) return;
  const mode = failModeOf(load<i32>(a, M_STATION));
  if (state == PROCESSING || state == CHANGEOVER) store<f64>(a, load<f64>(a, M_EVENT) - t, M_REMAIN);
  if (state == PROCESSING && mode == FAIL_OPERATING) {
    const left = load<f64>(a, M_TTF) - (t - load<f64>(a, M_OPSTART));
    store<f64>(a, select<f64>(left, 0, left > 0), M_TTF);
  }
  store<i32>(a, state, M_RESUME);
  hold(m, t, mode);
}

/** A machine repaired inside a planned stop waits for its end (M_RESUME still says what next). */
export function holdForPlannedStop(m: i32, t: f64): void {
  hold(m, t, failModeOf(load<i32>(machineAt(m), M_STATION)));
}

@inline function hold(m: i32, t: f64, mode: i32): void {
  const a = machineAt(m);
  if (mode == FAIL_CALENDAR) {
    const left = load<f64>(a, M_FAIL) - t;
    store<f64>(a, select<f64>(left, 0, left > 0), M_TTF);
  }
  store<f64>(a, Infinity, M_FAIL);
  store<f64>(a, Infinity, M_EVENT);
  setState(m, PLANNED, t);
  reschedule(m);
}

function release(m: i32, t: f64): void {
  const a = machineAt(m);
  // Operation-dependent clocks restart with processing itself (`beginProcessing`).
  if (failModeOf(load<i32>(a, M_STATION)) == FAIL_CALENDAR) store<f64>(a, t + load<f64>(a, M_TTF), M_FAIL);
  resumeActivity(m, t);
}
