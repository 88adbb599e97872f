import type { Elements, StopSpan, TimeClass } from './elements.ts';

/**
 * A figure is a value, or no value with the reason (a denominator of zero is not 0 and not 1):
 * `no_planned_time`, `no_production_time`, `no_output`, `no_good_output`, `no_ideal_cycle_time`,
 * `no_failures`, `no_cycles`, `no_energy_data`.
 */
export type Figure = { value: number } | { value: null; reason: string };

const absent = (reason: string): Figure => ({ value: null, reason });
const ratio = (num: number, den: number, reason: string): Figure => (den > 0 ? { value: num / den } : absent(reason));

type Summed = Omit<Elements, 'stops' | 'cycleSeconds'>;

/** Availability, effectiveness, quality rate and OEE from (summed) elements; line quantities may be given apart. */
export function oeeFigures(e: Summed, output: { pq: number; gq: number } = e) {
  const availability = ratio(e.aptMs, e.pbtMs, 'no_planned_time');
  const effectiveness: Figure =
    e.aptMs <= 0
      ? absent('no_production_time')
      : e.idealSeconds === null
        ? absent('no_ideal_cycle_time')
        : { value: (e.idealSeconds * 1000) / e.aptMs };
  const quality = ratio(output.gq, output.pq, 'no_output');
  const parts = [availability, effectiveness, quality];
  const missing = parts.find((f) => f.value === null) as { reason: string } | undefined;
  const oee: Figure = missing ? absent(missing.reason) : { value: parts.reduce((p, f) => p * (f.value as number), 1) };
  // Technical efficiency = APT / (APT + ADET): how much of the time the station itself allowed it worked.
  const technicalEfficiency = ratio(e.aptMs, e.aptMs + e.adetMs, 'no_production_time');
  return { availability, effectiveness, quality, oee, technicalEfficiency };
}

/** The ISO 22400 elements in seconds and units, as the API answers them. */
export function elementView(e: Summed, output: { pq: number; gq: number; sq: number } = e) {
  const s = (ms: number) => ms / 1000;
  return {
    POT: s(e.potMs),
    PBT: s(e.pbtMs),
    APT: s(e.aptMs),
    ADET: s(e.adetMs),
    ADOT: s(e.adotMs),
    ASUT: s(e.asutMs),
    offline: s(e.offlineMs),
    plannedDown: s(e.scheduledDownMs + e.byClass.planned_stop),
    PQ: output.pq,
    GQ: output.gq,
    SQ: output.sq,
  };
}

/** Seconds in each state class inside the planned time. */
export function stateSeconds(byClass: Record<TimeClass, number>) {
  return Object.fromEntries(Object.entries(byClass).map(([k, ms]) => [k, ms / 1000])) as Record<TimeClass, number>;
}

/** MTBF (operating time between failures) and MTTR (mean failure duration), in seconds. */
export function reliability(e: Summed) {
  return {
    failures: e.failures,
    mtbf: e.failures > 0 ? { value: e.aptMs / 1000 / e.failures } : absent('no_failures'),
    mttr: e.failures > 0 ? { value: e.adetMs / 1000 / e.failures } : absent('no_failures'),
  };
}

/** Percentile by linear interpolation between closest ranks (type 7, the spreadsheet's PERCENTILE). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0];
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

/** The observed cycle-time distribution: count, mean, coefficient of variation, p50/p90/p99. */
export function cycleDistribution(values: readonly number[]) {
  if (!values.length)
    return {
      count: 0,
      mean: absent('no_cycles'),
      cv: absent('no_cycles'),
      p50: absent('no_cycles'),
      p90: absent('no_cycles'),
      p99: absent('no_cycles'),
    };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const variance = sorted.length > 1 ? sorted.reduce((a, v) => a + (v - mean) ** 2, 0) / (sorted.length - 1) : 0;
  return {
    count: sorted.length,
    mean: { value: mean },
    cv: sorted.length > 1 ? { value: Math.sqrt(variance) / mean } : absent('no_cycles'),
    p50: { value: percentile(sorted, 0.5) },
    p90: { value: percentile(sorted, 0.9) },
    p99: { value: percentile(sorted, 0.99) },
  };
}

export interface ReasonInfo {
  name: string;
  category: string;
  classified: boolean;
}

/**
 * Stop reasons by time and by count (unplanned stops, microstops and setups), named from the
 * site's reason tree; a code the tree does not know is an unclassified stop.
 */
export function paretoOfStops(stops: readonly StopSpan[], reasonOf: (code: string | null, state: StopSpan['state']) => ReasonInfo) {
  const groups = new Map<
    string,
    {
      reason: string | null;
      name: string;
      category: string;
      classified: boolean;
      state: string;
      seconds: number;
      count: number;
      microstops: number;
    }
  >();
  for (const stop of stops) {
    if (stop.busyMs <= 0) continue;
    const key = `${stop.state}\u0001${stop.reason ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      const info = reasonOf(stop.reason, stop.state);
      g = { reason: stop.reason, ...info, state: stop.state, seconds: 0, count: 0, microstops: 0 };
      groups.set(key, g);
    }
    g.seconds += stop.busyMs / 1000;
    g.count++;
    if (stop.micro) g.microstops++;
  }
  const all = [...groups.values()];
  return {
    byTime: [...all].sort((a, b) => b.seconds - a.seconds || b.count - a.count),
    byCount: [...all].sort((a, b) => b.count - a.count || b.seconds - a.seconds),
    unclassifiedSeconds: all.filter((g) => !g.classified).reduce((s, g) => s + g.seconds, 0),
  };
}
