/**
 * Part flow with blocking after service: a machine that finishes a part hands it to an idle
 * downstream machine, else into the buffer if there is room, else holds it and is blocked.
 * A machine that frees up pulls from its input buffer (or directly from a blocked upstream
 * machine when the buffer is empty), and each pull may unblock one upstream machine, which then
 * pulls in turn: the cascade walks upstream in one loop, with no allocation.
 */
import {
  nProducts, nSequence, nStations, pChangeover, pDistKind, pDists, pMix, pSequence, pSlotEnter,
  pSlotProduct,
} from './layout';
import { mixStream, processStream, uniform } from './rng';
import { draw } from './dists';
import {
  BLOCKED, CHANGEOVER, FAIL_OPERATING, findBlocked, findStarved, M_BLOCKED_SINCE, M_DRAWN, M_ENTER,
  M_EVENT, M_FAIL, M_LAST, M_OPSTART, M_PROC, M_PRODUCT, M_STATION, M_TTF, machineAt, PROCESSING,
  failModeOf, reschedule, setState, STARVED,
} from './machines';
import {
  B_CAP, B_COUNT, B_HEAD, B_OFFSET, bufferAt, bufferLevelChanged, departed, wipChanged,
} from './stats';

let sequencePosition: i32 = 0;

/** Restarts the fixed product sequence. */
export function flowReset(): void {
  sequencePosition = 0;
}

/** Product of the next part released into the line: from the fixed sequence or the mix. */
function nextProduct(): i32 {
  if (nSequence > 0) {
    const p = <i32>load<f64>(pSequence + (<usize>sequencePosition << 3));
    sequencePosition = sequencePosition + 1 == nSequence ? 0 : sequencePosition + 1;
    return p;
  }
  if (nProducts == 1) return 0;
  const u = uniform(mixStream());
  let p = 0;
  while (p < nProducts - 1 && u >= load<f64>(pMix + (<usize>p << 3))) p++;
  return p;
}

/** Starts (or resumes) processing on machine m for `duration`. */
@inline export function beginProcessing(m: i32, t: f64, duration: f64): void {
  const a = machineAt(m);
  setState(m, PROCESSING, t);
  store<f64>(a, t + duration, M_EVENT);
  if (failModeOf(load<i32>(a, M_STATION)) == FAIL_OPERATING) {
    // Operation-dependent failures: the failure clock runs only while processing.
    store<f64>(a, t + load<f64>(a, M_TTF), M_FAIL);
    store<f64>(a, t, M_OPSTART);
  }
}

/** Machine m takes a part; a changeover comes first when the product differs from the last. */
@inline function startPart(m: i32, product: i32, entered: f64, t: f64): void {
  const a = machineAt(m);
  const k = load<i32>(a, M_STATION);
  store<i32>(a, product, M_PRODUCT);
  store<f64>(a, entered, M_ENTER);
  const dist = k * nProducts + product;
  const d = pDists + (<usize>(dist * 3) << 3);
  const kind = load<i32>(pDistKind + (<usize>dist << 2));
  const duration = draw(kind, load<f64>(d, 8), load<f64>(d, 16), processStream(k));
  store<f64>(a, duration, M_DRAWN);
  const last = load<i32>(a, M_LAST);
  store<i32>(a, product, M_LAST);
  let changeover: f64 = 0;
  if (last >= 0 && last != product) {
    changeover = load<f64>(pChangeover + (<usize>((k * nProducts + last) * nProducts + product) << 3));
  }
  if (changeover > 0) {
    store<f64>(a, duration, M_PROC);
    setState(m, CHANGEOVER, t);
    store<f64>(a, t + changeover, M_EVENT);
  } else {
    beginProcessing(m, t, duration);
  }
  reschedule(m);
}

/** Puts a part into buffer j (the caller knows there is room). */
@inline export function bufferPush(j: i32, product: i32, entered: f64, t: f64): void {
  const b = bufferAt(j);
  const cap = load<i32>(b, B_CAP);
  let i = load<i32>(b, B_HEAD) + load<i32>(b, B_COUNT);
  if (i >= cap) i -= cap;
  const slot = load<i32>(b, B_OFFSET) + i;
  store<i32>(pSlotProduct + (<usize>slot << 2), product);
  store<f64>(pSlotEnter + (<usize>slot << 3), entered);
  bufferLevelChanged(j, 1, t);
}

/** Machine m (empty) pulls work; each pull may free one blocked machine upstream, and so on. */
export function pullInto(m: i32, t: f64): void {
  for (;;) {
    const k = load<i32>(machineAt(m), M_STATION);
    if (k == 0) {
      wipChanged(1, t);
      startPart(m, nextProduct(), t, t);
      return;
    }
    const j = k - 1;
    const b = bufferAt(j);
    if (load<i32>(b, B_COUNT) > 0) {
      const head = load<i32>(b, B_HEAD);
      const slot = load<i32>(b, B_OFFSET) + head;
      store<i32>(b, head + 1 == load<i32>(b, B_CAP) ? 0 : head + 1, B_HEAD);
      bufferLevelChanged(j, -1, t);
      startPart(m, load<i32>(pSlotProduct + (<usize>slot << 2)), load<f64>(pSlotEnter + (<usize>slot << 3)), t);
      const u = findBlocked(j);
      if (u < 0) return;
      const ua = machineAt(u);
      bufferPush(j, load<i32>(ua, M_PRODUCT), load<f64>(ua, M_ENTER), t);
      m = u;
      continue;
    }
    const u = findBlocked(j);
    if (u >= 0) {
      const ua = machineAt(u);
      startPart(m, load<i32>(ua, M_PRODUCT), load<f64>(ua, M_ENTER), t);
      m = u;
      continue;
    }
    setState(m, STARVED, t);
    store<f64>(machineAt(m), Infinity, M_EVENT);
    reschedule(m);
    return;
  }
}

/** Machine m holds a finished part: it leaves the line, moves on, or m is blocked. */
export function partDone(m: i32, t: f64): void {
  const a = machineAt(m);
  const k = load<i32>(a, M_STATION);
  const product = load<i32>(a, M_PRODUCT);
  const entered = load<f64>(a, M_ENTER);
  if (k == nStations - 1) {
    departed(product, entered, t);
    pullInto(m, t);
    return;
  }
  // A machine downstream starves only while this buffer is empty: the part goes straight to it.
  const v = findStarved(k + 1);
  if (v >= 0) {
    startPart(v, product, entered, t);
    pullInto(m, t);
    return;
  }
  const b = bufferAt(k);
  if (load<i32>(b, B_COUNT) < load<i32>(b, B_CAP)) {
    bufferPush(k, product, entered, t);
    pullInto(m, t);
    return;
  }
  setState(m, BLOCKED, t);
  store<f64>(a, t, M_BLOCKED_SINCE);
  store<f64>(a, Infinity, M_EVENT);
  reschedule(m);
}
