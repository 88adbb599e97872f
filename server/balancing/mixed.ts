/**
 * What a planner reads off a mixed-model balance (and off U-lines and parallel stations, which
 * share the shape): station loads per model (one Yamazumi per model), the share-weighted load
 * and line efficiency, the horizontal imbalance (how unevenly one station's work falls on the
 * models), and the work overload a paced line suffers for a given launch sequence.
 */
import { smoothnessIndex, type LineMetrics } from './metrics.ts';
import type { ModelTimes } from './variants.ts';

export interface MixedMetrics extends LineMetrics {
  /** Mixed-model lines: each model's load per station, in station order. */
  modelLoads?: Record<string, number[]>;
  /** Mixed-model lines: each model's line efficiency Σt_m / (workplaces · c). */
  modelEfficiency?: Record<string, number>;
  /**
   * Mixed-model lines: per station the spread of its load across models (largest − smallest),
   * and in total Σ_stations Σ_models share · |load − weighted load| (0 = every model loads each
   * station alike, so any launch sequence runs smoothly).
   */
  horizontalImbalance?: { byStation: number[]; total: number };
}

/**
 * Metrics of an assignment (station per task, 1-based) with `replicas` workplaces per station
 * at `cycleUnits`. Loads are the share-weighted loads of the station; efficiency, idle time and
 * smoothness count workplaces.
 */
export function mixedMetrics(ids: string[], times: ModelTimes, assignment: number[], replicas: number[], cycleUnits: number): MixedMetrics {
  const stations = replicas.length;
  const { scale, shares } = times;
  const models = times.ids.length;
  const loads = times.units.map(() => new Array<number>(stations).fill(0));
  const tasks: string[][] = Array.from({ length: stations }, () => []);
  assignment.forEach((s, j) => {
    tasks[s - 1].push(ids[j]);
    for (let m = 0; m < models; m++) loads[m][s - 1] += times.units[m][j];
  });
  const weighted = Array.from({ length: stations }, (_, s) => loads.reduce((sum, row, m) => sum + shares[m] * row[s], 0));
  const workplaces = replicas.reduce((a, b) => a + b, 0);
  const capacity = workplaces * cycleUnits;
  const total = weighted.reduce((a, b) => a + b, 0);
  const efficiency = total / capacity;
  const metrics: MixedMetrics = {
    stationLoads: weighted.map((l, s) => ({
      station: s + 1,
      tasks: tasks[s],
      load: l / scale,
      idle: (replicas[s] * cycleUnits - l) / scale,
      ...(replicas[s] > 1 ? { replicas: replicas[s] } : {}),
    })),
    lineEfficiency: efficiency,
    balanceDelay: 1 - efficiency,
    smoothnessIndex: smoothnessIndex(weighted.map((l, s) => l / replicas[s])) / scale,
    totalIdle: (capacity - total) / scale,
  };
  if (times.ids.length === 1 && times.ids[0] === '') return metrics;
  metrics.modelLoads = Object.fromEntries(times.ids.map((id, m) => [id, loads[m].map((l) => l / scale)]));
  metrics.modelEfficiency = Object.fromEntries(times.ids.map((id, m) => [id, loads[m].reduce((a, b) => a + b, 0) / capacity]));
  const byStation = weighted.map((_, s) => (Math.max(...loads.map((row) => row[s])) - Math.min(...loads.map((row) => row[s]))) / scale);
  const deviation = weighted.reduce((sum, w, s) => sum + loads.reduce((acc, row, m) => acc + shares[m] * Math.abs(row[s] - w), 0), 0);
  metrics.horizontalImbalance = { byStation, total: deviation / scale };
  return metrics;
}

export interface SequenceCheck {
  /** Units in the sequence (one pass). */
  units: number;
  /** Time between launches, the cycle time. */
  launchInterval: number;
  /** How far an operator may drift into the next station: cycle × (1 + overloadTolerance). */
  stationWindow: number;
  /** Work no operator finishes within the window, per station, in one pass of the sequence. */
  overloadByStation: number[];
  totalOverload: number;
  /** Overload as a share of the work content of one pass. */
  overloadShare: number;
  /** Units that leave at least one station unfinished. */
  unitsWithOverload: number;
  /** Passes of the repeated sequence until the operators' starting positions repeat. */
  passes: number;
  /** Whether they did repeat; if not (after 100 rounds, fewer for very long sequences), the figures are those of the last pass. */
  steady: boolean;
}

/** Most rounds (of R passes each, see below) until the operators' positions must repeat. */
const MAX_ROUNDS = 100;
/** Most unit-station steps the check takes (about a second). */
const WORK_LIMIT = 2e7;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * The work overload of a launch sequence on a paced line with closed stations (Yano &
 * Rachamadugu 1991): a unit enters each station every cycle; its operator starts where the
 * previous unit left them, may drift up to the window's end, and what is not done there is
 * overload (finished by a utility worker, or lost). A station of k workplaces gives each
 * workplace every k-th unit with k cycles for it. The sequence is repeated (a day is many
 * passes of the same pattern) until the operators' positions at its start repeat; the
 * figures are those of that steady pass (averaged over the passes that realign the
 * workplaces' turns).
 */
export function sequenceOverload(
  times: ModelTimes,
  metrics: MixedMetrics,
  sequence: string[],
  cycleUnits: number,
  tolerance: number,
): SequenceCheck {
  const { scale } = times;
  const index = new Map(times.ids.map((id, m) => [id, m]));
  const seq = sequence.map((id) => index.get(id)!);
  const stations = metrics.stationLoads.length;
  const modelLoad = (m: number, s: number) => (metrics.modelLoads ? metrics.modelLoads[times.ids[m]][s] * scale : 0);
  const replicas = metrics.stationLoads.map((l) => l.replicas ?? 1);
  // Units go to a station's k workplaces in turn; when the sequence's length is no multiple of k
  // the turn rotates from pass to pass. R passes realign every station: R = lcm of k / gcd(k, L).
  const repeat = replicas.reduce((r, k) => lcm(r, k / gcd(k, seq.length)), 1);
  const roundLength = repeat * seq.length;
  // Enough rounds to settle, within a bounded amount of work (a long sequence on many stations).
  const rounds = Math.max(1, Math.min(MAX_ROUNDS, Math.floor(WORK_LIMIT / (roundLength * Math.max(1, stations)))));
  const overload = new Array<number>(stations).fill(0);
  const unitOver = new Uint8Array(seq.length);
  // One offset per workplace, carried from round to round.
  const offsets = replicas.map((k) => new Float64Array(k));
  let passes = 0;
  let steady = false;
  for (; passes < rounds && !steady; passes++) {
    const before = offsets.map((o) => Float64Array.from(o));
    overload.fill(0);
    unitOver.fill(0);
    for (let s = 0; s < stations; s++) {
      const k = replicas[s];
      const interval = k * cycleUnits;
      const window = interval * (1 + tolerance);
      for (let u = 0; u < roundLength; u++) {
        const m = seq[u % seq.length];
        const r = u % k;
        let finish = offsets[s][r] + modelLoad(m, s);
        if (finish > window + 1e-9) {
          overload[s] += finish - window;
          unitOver[u % seq.length] = 1;
          finish = window;
        }
        offsets[s][r] = Math.max(0, finish - interval);
      }
    }
    steady = offsets.every((o, s) => o.every((z, r) => Math.abs(z - before[s][r]) <= 1e-9));
  }
  overload.forEach((o, s) => (overload[s] = o / repeat));
  const work = seq.reduce((sum, m) => sum + times.units[m].reduce((a, b) => a + b, 0), 0);
  const totalOverload = overload.reduce((a, b) => a + b, 0);
  return {
    units: seq.length,
    launchInterval: cycleUnits / scale,
    stationWindow: (cycleUnits * (1 + tolerance)) / scale,
    overloadByStation: overload.map((o) => o / scale),
    totalOverload: totalOverload / scale,
    overloadShare: work > 0 ? totalOverload / work : 0,
    unitsWithOverload: unitOver.reduce((a, b) => a + b, 0),
    passes: passes * repeat,
    steady,
  };
}
