/**
 * Discrete-event simulation of a serial production line (stations with parallel identical
 * machines, finite buffers, blocking after service, failures, changeovers), one replication per
 * instance, optionally from a starting state, with a calendar of planned stops and an event
 * trace. Host protocol: `configure` → write the input regions → `start` → `runUntil` in chunks
 * up to the horizon (draining the trace whenever it answers 2) → `finish` → read the output
 * regions (see `layout.ts`).
 *
 * Files, in the order to read them:
 *   index.ts       these exports: the host protocol above
 *   layout.ts      linear memory: input/output regions, static records, limits, station inputs
 *   machines.ts    machine and station records; setState, the one place a machine changes state
 *   events.ts      a machine's due event: activity end, failure, repair
 *   flow.ts        part flow with blocking after service: buffers, pulls, product choice
 *   calendar.ts    planned stops per station: machines hold, failure clocks stop
 *   initial.ts     a starting state: machine states with their ages, parts in work and waiting
 *   trace.ts       the event trace: states with reasons, cycles, energy meter readings
 *   queue.ts       event queue: a SIMD tournament tree, one key per machine
 *   stats.ts       accumulators and ticks: snapshot rows and energy windows
 *   periods.ts     active periods per station, filtered for the bottleneck sweep
 *   bottleneck.ts  active period method: sole and shifting bottleneck time per bin
 *   dists.ts       draws by distribution kind, from the host's (kind, a, b)
 *   rng.ts         xoshiro256** streams, seeded per replication, purpose, station and slot
 *   ziggurat.ts    exponential and normal variates by the ziggurat method
 */
import {
  hasInitial, nMachines, nProducts, nStations, pBuffers, pDistKind, pDists, plan, regionOffset, SF_COUNT,
  SF_FAIL_MODE, snapWidth, stationInput,
} from './layout';
import {
  FAIL_CALENDAR, FAIL_OPERATING, M_EVENT, M_FAIL, M_LAST, M_STATE, M_STATION, M_TTF, machineAt,
  reschedule, S_COUNT, S_FAIL_MODE, S_FIRST, S_STARVED, STARVED, stationAt,
} from './machines';
import { queueKey, queueReset, queueTop } from './queue';
import {
  failureStream, mixStream, processStream, PURPOSE_FAILURE, PURPOSE_MIX, PURPOSE_PROCESS,
  PURPOSE_REPAIR, repairStream, replicationKey, seedStream,
} from './rng';
import { B_CAP, B_OFFSET, bufferAt, nextTick, tick, ticksReset } from './stats';
import { flowReset, pullInto } from './flow';
import { drawTimeToFailure, handleEvent } from './events';
import { closeAllAt, closePending, hasPendingCloses, periodsReset } from './periods';
import { sweepFinish } from './bottleneck';
import { zigguratInit } from './ziggurat';
import { calendarReset, calendarStep, nextBoundary } from './calendar';
import { applyStartingState } from './initial';
import { traceDrained, traceLength, traceLimit, traceReserve, traceReset } from './trace';

let eventsDone: f64 = 0;
let now: f64 = 0;
let lastEventTime: f64 = 0;
/** The earlier of the next tick and the next calendar boundary. */
let nextTimed: f64 = 0;

/** Version of the simulation core's memory layout; the host checks it at load. */
export function layoutVersion(): i32 {
  return 4;
}

/**
 * Plans memory for K stations, N machines, P products, a fixed sequence of length L (0: mix),
 * E empirical samples, `snapshots` snapshot times, `windows` energy window boundaries, `slots`
 * buffer places in total, `calendar` planned-stop boundaries, a trace of `trace` records (0: none)
 * and, when `initial` is 1, a starting state. Returns 0; 1 when memory cannot grow that far; 2
 * when a trace is asked for with fewer than twice `traceMinimum` records.
 */
export function configure(
  k: i32, n: i32, p: i32, l: i32, e: i32, snapshots: i32, windows: i32, slots: i32, calendar: i32, trace: i32, initial: i32,
): i32 {
  if (trace > 0 && trace < 2 * traceReserve(k, n)) return 2;
  return plan(k, n, p, l, e, snapshots, windows, slots < 1 ? 1 : slots, calendar, trace, initial != 0) ? 0 : 1;
}

/** Trace records one step may write: a trace must hold at least twice this many. */
export function traceMinimum(k: i32, n: i32): i32 {
  return traceReserve(k, n);
}

/** Trace records written since the last drain. */
export function traceCount(): i32 {
  return traceLength;
}

/** The host copied the trace: it starts again at the region's beginning. */
export function traceClear(): void {
  traceDrained();
}

/** Byte offset of region `id` (see `layout.ts`). */
export function region(id: i32): usize {
  return regionOffset(id);
}

/** Number of f64 values in one snapshot row. */
export function snapshotWidth(): i32 {
  return snapWidth;
}

/**
 * Builds the initial state from the inputs: the starting state when one was configured, else an
 * empty line where every machine of station 1 starts.
 */
export function start(seedHigh: u32, seedLow: u32, replication: u32, windowWidth: f64): void {
  zigguratInit();
  const key = replicationKey((<u64>seedHigh << 32) | <u64>seedLow, <u64>replication);
  seedStream(mixStream(), key, PURPOSE_MIX, 0, 0);
  let m = 0;
  let slots = 0;
  for (let k = 0; k < nStations; k++) {
    const s = stationAt(k);
    const count = <i32>stationInput(k, SF_COUNT);
    const mode = <i32>stationInput(k, SF_FAIL_MODE);
    store<i32>(s, m, S_FIRST);
    store<i32>(s, count, S_COUNT);
    store<i32>(s, mode, S_FAIL_MODE);
    store<i32>(s, count, S_STARVED);
    seedStream(processStream(k), key, PURPOSE_PROCESS, k, 0);
    if (k < nStations - 1) {
      const cap = <i32>load<f64>(pBuffers + (<usize>k << 3));
      store<i32>(bufferAt(k), cap, B_CAP);
      store<i32>(bufferAt(k), slots, B_OFFSET);
      slots += cap;
    }
    for (let slot = 0; slot < count; slot++, m++) {
      const a = machineAt(m);
      store<i32>(a, k, M_STATION);
      store<i32>(a, STARVED, M_STATE);
      store<i32>(a, -1, M_LAST);
      store<f64>(a, Infinity, M_EVENT);
      store<f64>(a, Infinity, M_FAIL);
      seedStream(failureStream(m), key, PURPOSE_FAILURE, k, slot);
      seedStream(repairStream(m), key, PURPOSE_REPAIR, k, slot);
      if (mode == FAIL_CALENDAR) store<f64>(a, drawTimeToFailure(m, k), M_FAIL);
      if (mode == FAIL_OPERATING) store<f64>(a, drawTimeToFailure(m, k), M_TTF);
    }
  }
  for (let i = 0; i < nStations * nProducts; i++) {
    store<i32>(pDistKind + (<usize>i << 2), <i32>load<f64>(pDists + (<usize>(i * 3) << 3)));
  }
  queueReset();
  ticksReset(windowWidth);
  flowReset();
  periodsReset();
  calendarReset();
  traceReset();
  eventsDone = 0;
  now = 0;
  lastEventTime = 0;
  nextTimed = Math.min(nextTick, nextBoundary);
  for (let i = 0; i < nMachines; i++) reschedule(i);
  if (hasInitial) {
    applyStartingState();
  } else {
    const first = load<i32>(stationAt(0), S_COUNT);
    for (let i = 0; i < first; i++) pullInto(i, 0);
  }
}

/**
 * Processes events, ticks and calendar boundaries up to time `until`, or until `maxEvents`
 * events in total. At equal times machine events come first, then ticks, then boundaries.
 * Returns 0 when the clock reached `until`, 1 when the event cap stopped it first, 2 when the
 * trace is full: drain it (`traceClear`) and call again to go on.
 */
export function runUntil(until: f64, maxEvents: f64): i32 {
  for (;;) {
    if (traceLength > traceLimit) return 2;
    const m = queueTop();
    const t = queueKey(m);
    if (nextTimed < t) {
      if (nextTimed > until) break;
      if (nextTick <= nextBoundary) tick(nextTick);
      else {
        if (nextBoundary > lastEventTime) {
          if (hasPendingCloses()) closePending();
          lastEventTime = nextBoundary;
        }
        calendarStep(nextBoundary);
      }
      nextTimed = Math.min(nextTick, nextBoundary);
      continue;
    }
    if (t > until) break;
    if (eventsDone >= maxEvents) {
      now = t;
      return 1;
    }
    if (t > lastEventTime) {
      if (hasPendingCloses()) closePending();
      lastEventTime = t;
    }
    handleEvent(m, t);
    eventsDone += 1;
  }
  now = until;
  return 0;
}

/** Ends the run at the current clock: closes open active periods and settles bottlenecks. */
export function finish(): void {
  closeAllAt(now);
  sweepFinish();
}

/** Events processed so far. */
export function eventCount(): f64 {
  return eventsDone;
}

/** Current simulated time. */
export function clock(): f64 {
  return now;
}
