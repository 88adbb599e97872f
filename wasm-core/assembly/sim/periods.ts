/**
 * Active periods per station (active while any of its machines processes, is in repair or in
 * changeover) and the filter that keeps memory bounded for the active period method.
 *
 * A period that ends while another one that started no later is still open is contained in it,
 * so it is never the longest at any moment and is dropped at once. Open periods sit in a list
 * ordered by start (a period opens "now", so it joins at the tail): a closing period survives
 * only from the head, and only if it started strictly before the next one. Survivors reach
 * `bottleneck.ts` in increasing start order, and at most one per station overlaps any moment.
 *
 * A station that goes inactive and active again at the same instant (a part handed over in a
 * chain of same-time events) keeps its period: closes wait until the clock moves on.
 */
import { nStations, pPending } from './layout';
import { S_ACTIVE, S_NEXT, S_PENDING, S_PERIOD_START, S_PREV, stationAt } from './machines';
import { sweepPeriod } from './bottleneck';

let pendingCount: i32 = 0;
let pendingTime: f64 = 0;

// The open-period list is a ring through a sentinel record (start +∞) after the last station:
// no end of the list needs a branch of its own.
@inline function sentinel(): i32 {
  return nStations;
}

/** Empties the open-period list. */
export function periodsReset(): void {
  pendingCount = 0;
  const s = stationAt(sentinel());
  store<f64>(s, Infinity, S_PERIOD_START);
  store<i32>(s, sentinel(), S_PREV);
  store<i32>(s, sentinel(), S_NEXT);
}

/** Whether closes are waiting for the clock to move past `pendingTime`. */
@inline export function hasPendingCloses(): bool {
  return pendingCount > 0;
}

@inline function open(k: i32, t: f64): void {
  const s = stationAt(k);
  const end = stationAt(sentinel());
  const last = load<i32>(end, S_PREV);
  store<f64>(s, t, S_PERIOD_START);
  store<i32>(s, last, S_PREV);
  store<i32>(s, sentinel(), S_NEXT);
  store<i32>(stationAt(last), k, S_NEXT);
  store<i32>(end, k, S_PREV);
}

/** Removes station k's period from the list; true when it is kept for the sweep. */
@inline function unlink(k: i32): bool {
  const s = stationAt(k);
  const prev = load<i32>(s, S_PREV);
  const next = load<i32>(s, S_NEXT);
  store<i32>(stationAt(prev), next, S_NEXT);
  store<i32>(stationAt(next), prev, S_PREV);
  return prev == sentinel() && load<f64>(s, S_PERIOD_START) < load<f64>(stationAt(next), S_PERIOD_START);
}

/** Called by `setState` when station k's active machine count crosses zero (inline: most events). */
@inline export function stationActivityChanged(k: i32, active: bool, t: f64): void {
  const s = stationAt(k);
  const count = load<i32>(s, S_ACTIVE);
  if (active) {
    store<i32>(s, count + 1, S_ACTIVE);
    if (count != 0) return;
    if (load<i32>(s, S_PENDING)) cancelPending(k);
    else open(k, t);
  } else {
    store<i32>(s, count - 1, S_ACTIVE);
    if (count == 1) addPending(k, t);
  }
}

function addPending(k: i32, t: f64): void {
  store<i32>(stationAt(k), 1, S_PENDING);
  store<i32>(pPending + (<usize>pendingCount << 2), k);
  pendingCount++;
  pendingTime = t;
}

function cancelPending(k: i32): void {
  store<i32>(stationAt(k), 0, S_PENDING);
  for (let i = 0; i < pendingCount; i++) {
    if (load<i32>(pPending + (<usize>i << 2)) == k) {
      pendingCount--;
      store<i32>(pPending + (<usize>i << 2), load<i32>(pPending + (<usize>pendingCount << 2)));
      return;
    }
  }
}

/**
 * Closes the waiting periods at `pendingTime`. Their order does not matter: of two periods
 * ending together, the later-starting one is inside the other and either dropped (when
 * closed first) or kept harmlessly (the sweep drops periods contained in the front).
 */
@inline export function closePending(): void {
  for (let i = 0; i < pendingCount; i++) {
    const k = load<i32>(pPending + (<usize>i << 2));
    const s = stationAt(k);
    store<i32>(s, 0, S_PENDING);
    const start = load<f64>(s, S_PERIOD_START);
    if (unlink(k) && pendingTime > start) sweepPeriod(k, start, pendingTime);
  }
  pendingCount = 0;
}

/** At the horizon: every open period ends there. */
export function closeAllAt(t: f64): void {
  if (pendingCount > 0) closePending();
  for (let k = 0; k < nStations; k++) {
    if (load<i32>(stationAt(k), S_ACTIVE) > 0) addPending(k, t);
  }
  if (pendingCount > 0) closePending();
}
