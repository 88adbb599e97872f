/**
 * A starting state instead of an empty line, so that a run can start from the plant as it is now:
 * per machine its state, the time already spent in it, the part in work and the last product
 * (for changeovers), and the parts waiting in each buffer (INITIAL and INIT_SLOTS in `layout.ts`).
 *
 * Remaining times are drawn given the age (`residual`): processing and repair from their
 * distributions, a changeover as its fixed time minus the age. A machine down with a part resumes
 * that part with a fresh processing time after repair. Parts already in the line count their lead
 * time from the start of the run. A planned stop in progress is not a machine state here: it is
 * the station's calendar, from time 0.
 *
 * Once every machine and buffer is placed, the line settles at time 0 from its end to its start:
 * a blocked machine whose part can move moves it, and a starved machine with work in reach pulls,
 * so a state that the plant reported slightly out of step (derived buffer levels) stays consistent.
 */
import {
  nProducts, nStations, pChangeover, pDistKind, pDists, pInitial, pInitSlots, SF_REPAIR_A, SF_REPAIR_B,
  SF_REPAIR_KIND, stationInput,
} from './layout';
import { residual } from './dists';
import { processStream, repairStream } from './rng';
import {
  BLOCKED, CHANGEOVER, DOWN, findStarved, M_BLOCKED_SINCE, M_DRAWN, M_ENTER, M_EVENT, M_FAIL, M_LAST,
  M_PROC, M_PRODUCT, M_REMAIN, M_RESUME, M_STATE, machineAt, PROCESSING, reschedule, S_COUNT,
  S_FIRST, setState, STARVED, stationAt,
} from './machines';
import { beginProcessing, bufferPush, partDone, pullInto } from './flow';
import { B_CAP, B_COUNT, B_OFFSET, bufferAt, wipChanged } from './stats';

@inline function initialAt(m: i32): usize {
  return pInitial + (<usize>(m * 4) << 3);
}

/** Processing time of a product at station k: the whole draw if age is 0, else what remains. */
function processing(k: i32, product: i32, age: f64): f64 {
  const dist = k * nProducts + product;
  const d = pDists + (<usize>(dist * 3) << 3);
  const kind = load<i32>(pDistKind + (<usize>dist << 2));
  return residual(kind, load<f64>(d, 8), load<f64>(d, 16), age, processStream(k));
}

function placeMachine(m: i32, k: i32): void {
  const a = machineAt(m);
  const rec = initialAt(m);
  const state = <i32>load<f64>(rec, 0);
  const age = load<f64>(rec, 8);
  const product = <i32>load<f64>(rec, 16);
  store<i32>(a, <i32>load<f64>(rec, 24), M_LAST);
  if (state == STARVED || (product < 0 && state != DOWN)) return;
  if (product >= 0) {
    store<i32>(a, product, M_PRODUCT);
    store<f64>(a, 0, M_ENTER);
    wipChanged(1, 0);
  }
  if (state == PROCESSING) {
    const left = processing(k, product, age);
    store<f64>(a, age + left, M_DRAWN);
    store<i32>(a, product, M_LAST);
    beginProcessing(m, 0, left);
  } else if (state == CHANGEOVER) {
    const last = load<i32>(a, M_LAST);
    const full = last >= 0 ? load<f64>(pChangeover + (<usize>((k * nProducts + last) * nProducts + product) << 3)) : 0;
    const whole = processing(k, product, 0);
    store<f64>(a, whole, M_PROC);
    store<f64>(a, whole, M_DRAWN);
    store<i32>(a, product, M_LAST);
    setState(m, CHANGEOVER, 0);
    store<f64>(a, full > age ? full - age : 0, M_EVENT);
  } else if (state == DOWN) {
    if (product >= 0) {
      const whole = processing(k, product, 0);
      store<f64>(a, whole, M_REMAIN);
      store<f64>(a, whole, M_DRAWN);
      store<i32>(a, product, M_LAST);
      store<i32>(a, PROCESSING, M_RESUME);
    } else {
      store<i32>(a, STARVED, M_RESUME);
    }
    const repair = residual(
      <i32>stationInput(k, SF_REPAIR_KIND), stationInput(k, SF_REPAIR_A), stationInput(k, SF_REPAIR_B), age, repairStream(m),
    );
    setState(m, DOWN, 0);
    store<f64>(a, repair, M_EVENT);
    store<f64>(a, Infinity, M_FAIL);
  } else if (state == BLOCKED) {
    setState(m, BLOCKED, 0);
    store<f64>(a, -age, M_BLOCKED_SINCE);
    store<f64>(a, Infinity, M_EVENT);
  }
  reschedule(m);
}

/** Places the starting state (machines start STARVED from `start`) and settles the line at 0. */
export function applyStartingState(): void {
  for (let j = 0; j < nStations - 1; j++) {
    const b = bufferAt(j);
    const offset = load<i32>(b, B_OFFSET);
    const cap = load<i32>(b, B_CAP);
    for (let i = 0; i < cap; i++) {
      const product = <i32>load<f64>(pInitSlots + (<usize>(offset + i) << 3));
      if (product < 0) break;
      bufferPush(j, product, 0, 0);
      wipChanged(1, 0);
    }
  }
  for (let k = 0; k < nStations; k++) {
    const s = stationAt(k);
    const first = load<i32>(s, S_FIRST);
    const end = first + load<i32>(s, S_COUNT);
    for (let m = first; m < end; m++) placeMachine(m, k);
  }
  for (let k = nStations - 1; k >= 0; k--) {
    const s = stationAt(k);
    const first = load<i32>(s, S_FIRST);
    const end = first + load<i32>(s, S_COUNT);
    for (let m = first; m < end; m++) {
      const state = load<i32>(machineAt(m), M_STATE);
      if (state == BLOCKED && canPass(k)) partDone(m, 0);
      else if (state == STARVED) pullInto(m, 0);
    }
  }
}

/** Whether a part finished at station k could leave it now. */
function canPass(k: i32): bool {
  if (k == nStations - 1 || findStarved(k + 1) >= 0) return true;
  const b = bufferAt(k);
  return load<i32>(b, B_COUNT) < load<i32>(b, B_CAP);
}
