/**
 * Accumulators and ticks. Time-weighted sums (state times, buffer levels, WIP) are closed lazily
 * when a level changes; at each tick (a snapshot time or an energy window boundary) every open
 * interval is closed up to the tick, so the snapshot rows are exact cumulative values and the
 * host can take any warm-up that falls on a snapshot time by subtracting two rows.
 */
import {
  nMachines, nSnapshots, nStations, nWindows, pAcc, pBufferState, pSnapshots, pSnapTimes,
  pStations, pWindows, RECORD_SHIFT, SF_POWER, snapWidth, STATE_COUNT, STATION_FIELDS,
} from './layout';
import { M_SINCE, M_STATE, M_STATION, machineAt, S_COUNT, S_FIRST, stationAt } from './machines';
import { traceEnergy, tracing } from './trace';

// Buffer record fields (byte offsets).
export const B_CAP: usize = 0;
export const B_HEAD: usize = 4;
export const B_COUNT: usize = 8;
export const B_OFFSET: usize = 12;
export const B_SINCE: usize = 16;

let wip: i32 = 0;
let wipSince: f64 = 0;
let nextSnapshot: i32 = 0;
let nextWindow: i32 = 0;
let windowWidth: f64 = Infinity;

/** Time of the next tick (+∞ after the last). */
export let nextTick: f64 = 0;

@inline function accAt(i: i32): usize {
  return pAcc + (<usize>i << 3);
}

/** Byte address of buffer j's private record. */
@inline export function bufferAt(j: i32): usize {
  return pBufferState + (<usize>j << RECORD_SHIFT);
}

/** Changes buffer j's level by delta at time t. */
@inline export function bufferLevelChanged(j: i32, delta: i32, t: f64): void {
  const b = bufferAt(j);
  const count = load<i32>(b, B_COUNT);
  const area = accAt(STATE_COUNT * nStations + j);
  store<f64>(area, load<f64>(area) + <f64>count * (t - load<f64>(b, B_SINCE)));
  store<f64>(b, t, B_SINCE);
  store<i32>(b, count + delta, B_COUNT);
}

/** Changes the number of parts in the line by delta at time t. */
@inline export function wipChanged(delta: i32, t: f64): void {
  const area = accAt((STATE_COUNT + 1) * nStations - 1);
  store<f64>(area, load<f64>(area) + <f64>wip * (t - wipSince));
  wipSince = t;
  wip += delta;
}

/** Counts a finished part of `product` that entered the line at `entered`. */
export function departed(product: i32, entered: f64, t: f64): void {
  wipChanged(-1, t);
  const k6 = (STATE_COUNT + 1) * nStations;
  store<f64>(accAt(k6), load<f64>(accAt(k6)) + 1);
  store<f64>(accAt(k6 + 1), load<f64>(accAt(k6 + 1)) + (t - entered));
  store<f64>(accAt(k6 + 2 + product), load<f64>(accAt(k6 + 2 + product)) + 1);
}

function scheduleTick(): void {
  const snap = nextSnapshot < nSnapshots ? load<f64>(pSnapTimes + (<usize>nextSnapshot << 3)) : Infinity;
  const win = nextWindow < nWindows ? <f64>nextWindow * windowWidth : Infinity;
  nextTick = Math.min(snap, win);
}

/** Resets the tick schedule for a run with energy windows of the given width. */
export function ticksReset(width: f64): void {
  wip = 0;
  wipSince = 0;
  nextSnapshot = 0;
  nextWindow = 0;
  windowWidth = width;
  scheduleTick();
}

/** Closes every open time-weighted interval at t. */
function closeAll(t: f64): void {
  for (let m = 0; m < nMachines; m++) {
    const a = machineAt(m);
    const acc = accAt(load<i32>(a, M_STATION) * STATE_COUNT + load<i32>(a, M_STATE));
    store<f64>(acc, load<f64>(acc) + (t - load<f64>(a, M_SINCE)));
    store<f64>(a, t, M_SINCE);
  }
  for (let j = 0; j < nStations - 1; j++) bufferLevelChanged(j, 0, t);
  wipChanged(0, t);
}

/**
 * Energy so far in kW × time unit: state time × that state's power, over all stations (just after
 * `closeAll`). With a trace, each station's meter reading and present power go to it as well.
 */
function energySoFar(t: f64): f64 {
  let sum: f64 = 0;
  for (let k = 0; k < nStations; k++) {
    const power = pStations + (<usize>(k * STATION_FIELDS + SF_POWER) << 3);
    let station: f64 = 0;
    for (let s = 0; s < STATE_COUNT; s++) {
      station += load<f64>(accAt(k * STATE_COUNT + s)) * load<f64>(power + (<usize>s << 3));
    }
    sum += station;
    if (tracing) {
      let now: f64 = 0;
      const first = load<i32>(stationAt(k), S_FIRST);
      const end = first + load<i32>(stationAt(k), S_COUNT);
      for (let m = first; m < end; m++) now += load<f64>(power + (<usize>load<i32>(machineAt(m), M_STATE) << 3));
      traceEnergy(k, t, station, now);
    }
  }
  return sum;
}

/** Performs the tick at `t` (== nextTick): writes due snapshot rows and window energies. */
export function tick(t: f64): void {
  closeAll(t);
  if (nextSnapshot < nSnapshots && load<f64>(pSnapTimes + (<usize>nextSnapshot << 3)) == t) {
    memory.copy(pSnapshots + (<usize>(nextSnapshot * snapWidth) << 3), pAcc, <usize>snapWidth << 3);
    nextSnapshot++;
  }
  if (nextWindow < nWindows && <f64>nextWindow * windowWidth == t) {
    store<f64>(pWindows + (<usize>nextWindow << 3), energySoFar(t));
    nextWindow++;
  }
  scheduleTick();
}
