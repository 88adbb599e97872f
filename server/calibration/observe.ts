/**
 * What a window of machine events says about each station, as calibration needs it: time per
 * state class, the processing times of its cycles by product, its unplanned stops (each a
 * failure with its repair time), its changeovers between products, and the exit station's output
 * by product. Times in seconds.
 */
import { stateClasses, type StateClass } from '../events/index.ts';
import type { Interval } from '../core/intervals.ts';
import type { eventsOf } from '../metrics/index.ts';

type StationEvents = NonNullable<Awaited<ReturnType<typeof eventsOf>> extends Map<string, infer V> ? V : never>;

export interface StationObservation {
  /** Seconds in each state class inside the window (time before the first known state is `offline`). */
  seconds: Record<StateClass, number>;
  /** Processing times of the cycles, by product (`''` when the plant sends none). */
  cycleSeconds: Map<string, number[]>;
  /** Products of the cycles in time order. */
  products: string[];
  /** Durations of the unplanned stops that began and ended inside the window. */
  repairSeconds: number[];
  /** Unplanned stops that began inside the window. */
  failures: number;
  /** Changeovers (setup stops between cycles of two products), as from → to → seconds. */
  changeovers: { from: string; to: string; seconds: number }[];
  /** Parts counted (good + scrap). */
  parts: number;
}

const emptySeconds = () => Object.fromEntries(stateClasses.map((c) => [c, 0])) as Record<StateClass, number>;

/** Reads one station's events (its states start with the last one before the window). */
export function observeStation(events: StationEvents, window: Interval): StationObservation {
  const seconds = emptySeconds();
  const repairSeconds: number[] = [];
  let failures = 0;
  const setups: Interval[] = [];
  const states = events.states;
  const firstKnown = states.length ? Math.max(window.start, states[0].ts) : window.end;
  seconds.offline += (firstKnown - window.start) / 1000;
  // Consecutive intervals of one class are one stop (a reason may change while a machine is down).
  let stopStart: number | null = null;
  states.forEach((s, i) => {
    const start = Math.max(window.start, s.ts);
    const end = Math.min(window.end, states[i + 1]?.ts ?? window.end);
    if (end > start) seconds[s.state] += (end - start) / 1000;
    const previous = states[i - 1]?.state;
    const next = states[i + 1];
    if (s.state === 'unplanned_stop' && previous !== 'unplanned_stop') {
      stopStart = s.ts;
      if (s.ts >= window.start) failures++;
    }
    if (s.state === 'unplanned_stop' && next?.state !== 'unplanned_stop') {
      if (stopStart !== null && stopStart >= window.start && next && next.ts <= window.end)
        repairSeconds.push((next.ts - stopStart) / 1000);
      stopStart = null;
    }
    if (s.state === 'setup' && next && s.ts >= window.start && next.ts <= window.end) setups.push({ start: s.ts, end: next.ts });
  });
  const cycleSeconds = new Map<string, number[]>();
  const products: string[] = [];
  let parts = 0;
  for (const c of events.cycles) {
    const product = c.product ?? '';
    products.push(product);
    parts += c.good + c.scrap;
    if (c.cycleSeconds !== null && c.cycleSeconds > 0) {
      const list = cycleSeconds.get(product) ?? [];
      list.push(c.cycleSeconds);
      cycleSeconds.set(product, list);
    }
  }
  // A setup between a cycle of one product and the next cycle of another is a changeover.
  // Cycles are in time order: each setup's neighbours by binary search, not a scan per setup.
  const changeovers: StationObservation['changeovers'] = [];
  const cycles = events.cycles;
  /** The first cycle index whose time passes `ok`'s test no longer (ok holds for a prefix). */
  const firstFailing = (ok: (ts: number) => boolean) => {
    let lo = 0;
    let hi = cycles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ok(cycles[mid].ts)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const setup of setups) {
    const before = cycles[firstFailing((ts) => ts <= setup.start) - 1];
    const after = cycles[firstFailing((ts) => ts < setup.end)];
    if (before && after && (before.product ?? '') !== (after.product ?? '')) {
      changeovers.push({ from: before.product ?? '', to: after.product ?? '', seconds: (setup.end - setup.start) / 1000 });
    }
  }
  return { seconds, cycleSeconds, products, repairSeconds, failures, changeovers, parts };
}
