import { intersect, totalMs, type Interval } from '../core/intervals.ts';
import type { StateClass } from '../events/index.ts';
import type { PlannedTime } from '../schedules/planned.ts';

/**
 * ISO 22400-2 time and quantity elements of one station over a window, from its state changes and
 * cycles, cut by the planned time. Which state feeds which element (the README has this table):
 *
 *   PBT  = planned time (shifts minus breaks and planned stops) minus time in `planned_stop`
 *   APT  = `running` + `reduced_speed` + microstops (unplanned stops shorter than the line's threshold)
 *   ADET = `unplanned_stop` lasting at least the threshold
 *   ASUT = `setup`
 *   ADOT = `starved` + `blocked` (available, not producing, because of the neighbours)
 *   `offline` (and time before the first known state) is its own row
 *
 * so that APT + ADET + ASUT + ADOT + offline = PBT. Quantities count every cycle in the window.
 */

export interface StateChange {
  ts: number;
  state: StateClass;
  reason: string | null;
}

export interface Cycle {
  ts: number;
  product: string | null;
  cycleSeconds: number | null;
  good: number;
  scrap: number;
}

/** An ideal cycle time and where it came from. */
export interface Ideal {
  seconds: number;
  source: 'product' | 'station' | 'line_model';
}

export interface StationInput {
  /** State changes in time order, including the last one before the window, if any. */
  states: readonly StateChange[];
  cycles: readonly Cycle[];
  /** The energy used in the window (see energyByStation), null when no reading says. */
  energyKwh: number | null;
}

export interface ElementContext {
  window: Interval;
  planned: PlannedTime;
  microstopMs: number;
  /** The ideal cycle time of a product at this station, or null when none is known. */
  ideal(product: string | null): Ideal | null;
}

export type TimeClass = StateClass | 'microstop';

export interface StopSpan {
  reason: string | null;
  state: 'unplanned_stop' | 'setup';
  micro: boolean;
  /** Milliseconds of it inside the planned busy time. */
  busyMs: number;
}

export interface Elements {
  potMs: number;
  /** Breaks and calendar planned stops inside the shifts. */
  scheduledDownMs: number;
  pbtMs: number;
  aptMs: number;
  adetMs: number;
  asutMs: number;
  adotMs: number;
  offlineMs: number;
  /** Time in each class inside the planned time (before `planned_stop` is taken out of it). */
  byClass: Record<TimeClass, number>;
  pq: number;
  gq: number;
  sq: number;
  /** Σ ideal cycle time × produced quantity, in seconds; null when a produced item has none. */
  idealSeconds: number | null;
  idealSources: Ideal['source'][];
  /** Unplanned stops of at least the microstop threshold that touch the planned time. */
  failures: number;
  stops: StopSpan[];
  cycleSeconds: number[];
  energyKwh: number | null;
}

const emptyClasses = (): Record<TimeClass, number> => ({
  running: 0,
  reduced_speed: 0,
  microstop: 0,
  starved: 0,
  blocked: 0,
  unplanned_stop: 0,
  setup: 0,
  planned_stop: 0,
  offline: 0,
});

export function stationElements(input: StationInput, ctx: ElementContext): Elements {
  const { window, planned } = ctx;
  const busy = planned.busy;
  const byClass = emptyClasses();
  const stops: StopSpan[] = [];
  let failures = 0;

  // State intervals: each state lasts until the station's next state; before the first, unknown.
  const spans: { start: number; end: number; state: StateClass; reason: string | null }[] = [];
  const first = input.states[0];
  if (!first || first.ts > window.start) {
    spans.push({ start: window.start, end: Math.min(first?.ts ?? window.end, window.end), state: 'offline', reason: null });
  }
  input.states.forEach((s, i) => {
    const end = input.states[i + 1]?.ts ?? window.end;
    if (end > s.ts) spans.push({ start: s.ts, end, state: s.state, reason: s.reason });
  });

  for (const span of spans) {
    const clipped = { start: Math.max(span.start, window.start), end: Math.min(span.end, window.end) };
    if (clipped.end <= clipped.start) continue;
    const inBusy = totalMs(intersect([clipped], busy));
    // Whether a stop is short is judged on its whole length, not the part inside the window.
    const micro = span.state === 'unplanned_stop' && span.end - span.start < ctx.microstopMs;
    const cls: TimeClass = micro ? 'microstop' : span.state;
    byClass[cls] += inBusy;
    if (span.state === 'unplanned_stop' || span.state === 'setup') {
      stops.push({ reason: span.reason, state: span.state, micro, busyMs: inBusy });
      if (span.state === 'unplanned_stop' && !micro && inBusy > 0) failures++;
    }
  }

  let pq = 0;
  let gq = 0;
  let sq = 0;
  let idealSeconds: number | null = 0;
  const idealSources = new Set<Ideal['source']>();
  const cycleSeconds: number[] = [];
  for (const c of input.cycles) {
    const made = c.good + c.scrap;
    pq += made;
    gq += c.good;
    sq += c.scrap;
    if (c.cycleSeconds !== null) cycleSeconds.push(c.cycleSeconds);
    if (made === 0) continue;
    const ideal = ctx.ideal(c.product);
    if (!ideal) idealSeconds = null;
    else {
      idealSources.add(ideal.source);
      if (idealSeconds !== null) idealSeconds += ideal.seconds * made;
    }
  }

  const potMs = totalMs(planned.operation);
  const scheduledDownMs = totalMs(planned.plannedDown);
  return {
    potMs,
    scheduledDownMs,
    pbtMs: totalMs(busy) - byClass.planned_stop,
    aptMs: byClass.running + byClass.reduced_speed + byClass.microstop,
    adetMs: byClass.unplanned_stop,
    asutMs: byClass.setup,
    adotMs: byClass.starved + byClass.blocked,
    offlineMs: byClass.offline,
    byClass,
    pq,
    gq,
    sq,
    idealSeconds,
    idealSources: [...idealSources].sort(),
    failures,
    stops,
    cycleSeconds,
    energyKwh: input.energyKwh,
  };
}

/** Sums the elements of several stations (a line's, a site's). Quantities are summed too: a caller that wants a line's output takes its exit station's. */
export function sumElements(parts: readonly Elements[]): Omit<Elements, 'stops' | 'cycleSeconds'> {
  const byClass = emptyClasses();
  for (const p of parts) for (const k of Object.keys(byClass) as TimeClass[]) byClass[k] += p.byClass[k];
  const sum = (f: (e: Elements) => number) => parts.reduce((s, p) => s + f(p), 0);
  const energies = parts.map((p) => p.energyKwh).filter((e): e is number => e !== null);
  return {
    potMs: sum((p) => p.potMs),
    scheduledDownMs: sum((p) => p.scheduledDownMs),
    pbtMs: sum((p) => p.pbtMs),
    aptMs: sum((p) => p.aptMs),
    adetMs: sum((p) => p.adetMs),
    asutMs: sum((p) => p.asutMs),
    adotMs: sum((p) => p.adotMs),
    offlineMs: sum((p) => p.offlineMs),
    byClass,
    pq: sum((p) => p.pq),
    gq: sum((p) => p.gq),
    sq: sum((p) => p.sq),
    idealSeconds: parts.some((p) => p.idealSeconds === null) ? null : sum((p) => p.idealSeconds ?? 0),
    idealSources: [...new Set(parts.flatMap((p) => p.idealSources))].sort(),
    failures: sum((p) => p.failures),
    energyKwh: energies.length ? energies.reduce((a, b) => a + b, 0) : null,
  };
}
