/**
 * Active period method (Roser, Nakano & Tanaka, "Shifting bottleneck detection", WSC 2002).
 * At each moment the bottleneck is the station whose active period containing that moment is
 * longest. Consecutive bottleneck periods that overlap make a shifting bottleneck over the
 * overlap (credited to both stations); the rest of a bottleneck period is sole.
 *
 * Periods arrive from `periods.ts` in start order with known lengths, so the momentary
 * bottleneck is a sliding-window maximum: a deque of periods containing the sweep time, longest
 * at the front. A period shorter than a later one can never win again and leaves from the back.
 * A front that holds for zero time (same-instant changes) is not a bottleneck.
 */
import { nSnapshots, nStations, pCredits, pDeque, pSnapTimes, RECORD_SHIFT } from './layout';

const SOLE: i32 = 0;
const SHIFTING: i32 = 1;

// Deque entries: end f64 @0, start f64 @8, station i32 @16, in a ring of K + 1 slots.
let head: i32 = 0;
let size: i32 = 0;

let frontValid = false;
let frontStation: i32 = 0;
let frontStart: f64 = 0;
let frontEnd: f64 = 0;
let frontSince: f64 = 0;

let currentValid = false;
let currentStation: i32 = 0;
let currentStart: f64 = 0;
let currentEnd: f64 = 0;
let previousEnd: f64 = -Infinity;

@inline function entry(i: i32): usize {
  return pDeque + (<usize>((head + i) % (nStations + 1)) << RECORD_SHIFT);
}

/** Adds `amount` of kind (sole/shifting) for station k over [a, b), split by snapshot bins. */
function credit(kind: i32, k: i32, a: f64, b: f64): void {
  if (b <= a) return;
  const bins = nSnapshots - 1;
  let lo = 0;
  let hi = bins - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (load<f64>(pSnapTimes + (<usize>mid << 3)) <= a) lo = mid;
    else hi = mid - 1;
  }
  for (let i = lo; i < bins && a < b; i++) {
    const binEnd = i == bins - 1 ? b : Math.min(b, load<f64>(pSnapTimes + (<usize>(i + 1) << 3)));
    if (binEnd > a) {
      const at = pCredits + (<usize>((i * nStations + k) * 2 + kind) << 3);
      store<f64>(at, load<f64>(at) + (binEnd - a));
      a = binEnd;
    }
  }
}

/** Splits bottleneck period [s, e] of station k by its overlaps with its neighbours. */
function settle(k: i32, s: f64, e: f64, prevEnd: f64, nextStart: f64): void {
  const soleFrom = prevEnd > s ? Math.min(prevEnd, e) : s;
  const soleTo = nextStart < e ? Math.max(nextStart, s) : e;
  if (soleFrom >= soleTo) {
    credit(SHIFTING, k, s, e);
    return;
  }
  credit(SHIFTING, k, s, soleFrom);
  credit(SOLE, k, soleFrom, soleTo);
  credit(SHIFTING, k, soleTo, e);
}

/** The held front becomes the next bottleneck; the one before it can now be settled. */
function commitFront(): void {
  if (currentValid) settle(currentStation, currentStart, currentEnd, previousEnd, frontStart);
  previousEnd = currentValid ? currentEnd : -Infinity;
  currentValid = true;
  currentStation = frontStation;
  currentStart = frontStart;
  currentEnd = frontEnd;
}

function frontChanged(t: f64): void {
  if (frontValid && frontSince < t) commitFront();
  const f = entry(0);
  frontValid = size > 0;
  frontStation = load<i32>(f, 16);
  frontStart = load<f64>(f, 8);
  frontEnd = load<f64>(f, 0);
  frontSince = t;
}

/** Moves the sweep to t: periods that ended by then leave from the front. */
function advanceTo(t: f64): void {
  while (size > 0) {
    const ended = load<f64>(entry(0), 0);
    if (ended > t) return;
    while (size > 0 && load<f64>(entry(0), 0) <= ended) {
      head = (head + 1) % (nStations + 1);
      size--;
    }
    if (size > 0) {
      frontChanged(ended);
    } else {
      if (frontValid && frontSince < ended) commitFront();
      frontValid = false;
    }
  }
}

/** Takes the next undominated period [s, e] of station k (starts arrive in increasing order). */
export function sweepPeriod(k: i32, s: f64, e: f64): void {
  advanceTo(s);
  const length = e - s;
  while (size > 0) {
    const back = entry(size - 1);
    if (load<f64>(back, 0) - load<f64>(back, 8) > length) break;
    size--;
  }
  const at = entry(size);
  store<f64>(at, e, 0);
  store<f64>(at, s, 8);
  store<i32>(at, k, 16);
  size++;
  if (size == 1) frontChanged(s);
}

/** After the last period: settles every remaining bottleneck. */
export function sweepFinish(): void {
  advanceTo(Infinity);
  if (currentValid) settle(currentStation, currentStart, currentEnd, previousEnd, Infinity);
  currentValid = false;
}
