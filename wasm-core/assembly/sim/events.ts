/**
 * What happens when a machine's event comes due: its activity ends (changeover, processing,
 * repair) or it fails. A failure interrupts processing or changeover, which resume with the
 * remaining time after repair. With operation-dependent failures the time to failure is
 * consumed only while processing; with calendar-time failures it runs in every state.
 */
import { SF_MTBF, SF_REPAIR_A, SF_REPAIR_B, SF_REPAIR_KIND, stationInput } from './layout';
import { DIST_EXPONENTIAL, sample } from './dists';
import { failureStream, repairStream } from './rng';
import {
  BLOCKED, CHANGEOVER, DOWN, FAIL_CALENDAR, FAIL_OPERATING, M_EVENT, M_FAIL, M_OPSTART, M_PROC,
  M_REMAIN, M_RESUME, M_STATE, M_STATION, M_TTF, machineAt, PROCESSING, reschedule, failModeOf,
  inPlannedStop, setState, STARVED,
} from './machines';
import { beginProcessing, partDone, pullInto } from './flow';
import { traceCycle, tracing } from './trace';
import { holdForPlannedStop } from './calendar';

/** A fresh time to failure of machine m: exponential with mean MTBF. */
export function drawTimeToFailure(m: i32, k: i32): f64 {
  return sample(DIST_EXPONENTIAL, stationInput(k, SF_MTBF), 0, failureStream(m));
}

function fail(m: i32, t: f64): void {
  const a = machineAt(m);
  const state = load<i32>(a, M_STATE);
  const k = load<i32>(a, M_STATION);
  if (state == PROCESSING || state == CHANGEOVER) store<f64>(a, load<f64>(a, M_EVENT) - t, M_REMAIN);
  store<i32>(a, state, M_RESUME);
  setState(m, DOWN, t);
  const repair = sample(
    <i32>stationInput(k, SF_REPAIR_KIND), stationInput(k, SF_REPAIR_A), stationInput(k, SF_REPAIR_B), repairStream(m),
  );
  store<f64>(a, t + repair, M_EVENT);
  store<f64>(a, Infinity, M_FAIL);
  reschedule(m);
}

function repaired(m: i32, t: f64): void {
  const a = machineAt(m);
  const k = load<i32>(a, M_STATION);
  if (failModeOf(k) == FAIL_CALENDAR) store<f64>(a, t + drawTimeToFailure(m, k), M_FAIL);
  else store<f64>(a, drawTimeToFailure(m, k), M_TTF);
  // Repaired during a planned stop: it waits for the stop's end, then resumes as below.
  if (inPlannedStop(k)) {
    holdForPlannedStop(m, t);
    return;
  }
  resumeActivity(m, t);
}

/** Takes up what machine m was doing before a failure or a planned stop (M_RESUME, M_REMAIN). */
export function resumeActivity(m: i32, t: f64): void {
  const a = machineAt(m);
  const resume = load<i32>(a, M_RESUME);
  if (resume == PROCESSING) {
    beginProcessing(m, t, load<f64>(a, M_REMAIN));
    reschedule(m);
  } else if (resume == CHANGEOVER) {
    setState(m, CHANGEOVER, t);
    store<f64>(a, t + load<f64>(a, M_REMAIN), M_EVENT);
    reschedule(m);
  } else if (resume == BLOCKED) {
    partDone(m, t);
  } else if (resume == STARVED) {
    pullInto(m, t);
  }
}

@inline function activityEnded(m: i32, t: f64): void {
  const a = machineAt(m);
  const state = load<i32>(a, M_STATE);
  if (state == CHANGEOVER) {
    beginProcessing(m, t, load<f64>(a, M_PROC));
    reschedule(m);
  } else if (state == PROCESSING) {
    if (failModeOf(load<i32>(a, M_STATION)) == FAIL_OPERATING) {
      // Clamped: rounding must never schedule a failure before the current time.
      const left = load<f64>(a, M_TTF) - (t - load<f64>(a, M_OPSTART));
      store<f64>(a, select<f64>(left, 0, left > 0), M_TTF);
      store<f64>(a, Infinity, M_FAIL);
    }
    if (tracing) traceCycle(m, load<i32>(a, M_STATION), t);
    partDone(m, t);
  } else if (state == DOWN) {
    repaired(m, t);
  }
}

/** Handles machine m's due event at time t (an activity end wins a tie with a failure). */
@inline export function handleEvent(m: i32, t: f64): void {
  const a = machineAt(m);
  if (load<f64>(a, M_FAIL) < load<f64>(a, M_EVENT)) fail(m, t);
  else activityEnded(m, t);
}
