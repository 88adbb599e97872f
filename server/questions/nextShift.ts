/**
 * Which station is likely to constrain output in the next shift. The line plays out from its live
 * state through the rest of the current shift (and any time off before the next), then the next
 * shift is measured: its output against plan, and per replication the station that was the
 * bottleneck for the longest share of the shift by the active-period method (sole plus shifting
 * time, Roser et al.). A station's probability is the share of replications in which it was that
 * station, with a Wilson interval.
 *
 * Why the top station constrains: the largest part of its active time in the shift — processing
 * (its speed), down (downtime) or changeovers; and how much the stations after it starve (the
 * starvation chain it causes).
 */
import type { RunOptions } from '../simulation/dispatch.ts';
import { estimate, type Estimate } from '../simulation/intervals.ts';
import { parseSimulationModel } from '../simulation/model.ts';
import { LIVE_METRIC_UNITS, type MetricPrediction } from '../metrics/liveMetrics.ts';
import { count, mean, percent, plannedHours, proportion, wallClock, type QuestionBase } from './common.ts';
import { replicateScenarios, windowPlan, type PrecisionReached } from './replicate.ts';

export interface NextShiftInput extends QuestionBase {
  shift: { name: string; start: number; end: number };
  /** Planned output of the shift by the live page's rule (null: no ideal cycle times), and parts of orders due in it. */
  plan: { parts: number | null; basis: string; ordersDue: number | null };
}

export type Cause = 'speed' | 'downtime' | 'changeovers';

export interface StationForecast {
  station: string;
  /** Share of replications in which it was the shift's bottleneck, with its 95 % interval. */
  probability: { value: number; low: number; high: number };
  soleShare: number;
  shiftingShare: number;
  processing: number;
  starved: number;
  blocked: number;
  down: number;
  changeover: number;
}

export interface NextShiftAnswer {
  shift: { name: string; start: string; end: string };
  output: Estimate;
  plan: NextShiftInput['plan'];
  /** Expected output − plan (null without a plan). */
  againstPlan: number | null;
  stations: StationForecast[];
  top: {
    station: string;
    probability: number;
    cause: Cause;
    /** Mean starved share of the stations after it. */
    downstreamStarved: number;
    /** Its state now, from the live data. */
    now: { state: string | null; since: string | null };
  };
  predictions: MetricPrediction[];
  precision: PrecisionReached;
  assumptions: string[];
  sentence: string;
}

/** The largest share of a station's active time: its speed, its downtime or its changeovers. */
export function causeOf(s: Pick<StationForecast, 'processing' | 'down' | 'changeover'>): Cause {
  if (s.down >= s.processing && s.down >= s.changeover) return 'downtime';
  return s.changeover > s.processing ? 'changeovers' : 'speed';
}

const causeWords: Record<Cause, (s: StationForecast) => string> = {
  speed: (s) => `its speed (processing ${percent(s.processing)} of the shift)`,
  downtime: (s) => `downtime (down ${percent(s.down)} of the shift)`,
  changeovers: (s) => `changeovers (${percent(s.changeover)} of the shift)`,
};

export async function answerNextShift(input: NextShiftInput, options: RunOptions = {}): Promise<NextShiftAnswer> {
  const model = parseSimulationModel(input.model);
  const { plan, assumptions } = windowPlan({
    model,
    start: input.start,
    stationIds: input.stationIds,
    stops: input.stops,
    endMs: input.shift.end,
    measureFromMs: input.shift.start,
    seed: input.precision.seed,
  });
  const { runs, precision } = await replicateScenarios([plan], input.precision, (r) => estimate(r[0].map((x) => x.departures)), options);
  const reps = runs[0];
  const names = plan.line.stationNames;
  const tops = reps.map((r) => {
    let best = 0;
    names.forEach((_, s) => {
      if (r.soleBottleneck[s] + r.shiftingBottleneck[s] > r.soleBottleneck[best] + r.shiftingBottleneck[best]) best = s;
    });
    return best;
  });
  const stations: StationForecast[] = names.map((station, s) => ({
    station,
    probability: proportion(tops.filter((t) => t === s).length, reps.length),
    soleShare: mean(reps.map((r) => r.soleBottleneck[s])),
    shiftingShare: mean(reps.map((r) => r.shiftingBottleneck[s])),
    processing: mean(reps.map((r) => r.states[s][0])),
    starved: mean(reps.map((r) => r.states[s][1])),
    blocked: mean(reps.map((r) => r.states[s][2])),
    down: mean(reps.map((r) => r.states[s][3])),
    changeover: mean(reps.map((r) => r.states[s][4])),
  }));
  const topIndex = stations.reduce((b, s, i) => (s.probability.value > stations[b].probability.value ? i : b), 0);
  const top = stations[topIndex];
  const after = stations.slice(topIndex + 1);
  const downstreamStarved = after.length ? mean(after.map((s) => s.starved)) : 0;
  const live = input.start.stations.find((s) => s.code === top.station);
  const output = estimate(reps.map((r) => r.departures));
  const againstPlan = input.plan.parts === null ? null : output.mean - input.plan.parts;

  const window = { start: new Date(input.shift.start).toISOString(), end: new Date(input.shift.end).toISOString(), kind: 'shift' as const };
  const exitId = input.stationIds[input.stationIds.length - 1];
  const hours = plannedHours(input.stops, exitId, { start: input.shift.start, end: input.shift.end });
  const predictions: MetricPrediction[] = [];
  if (hours > 0) {
    const rate = estimate(reps.map((r) => r.departures / hours));
    predictions.push({
      metric: 'throughput',
      stationCode: null,
      scenario: 'forecast',
      window,
      value: rate.mean,
      low: rate.ciLow,
      high: rate.ciHigh,
      unit: LIVE_METRIC_UNITS.throughput,
    });
  }
  const perPart = reps.map((r) => r.energy?.kwhPerPart ?? null);
  if (perPart.every((x) => x !== null)) {
    const e = estimate(perPart as number[]);
    predictions.push({
      metric: 'energy_per_good_part',
      stationCode: null,
      scenario: 'forecast',
      window,
      value: e.mean,
      low: e.ciLow,
      high: e.ciHigh,
      unit: LIVE_METRIC_UNITS.energy_per_good_part,
    });
    assumptions.push('the model makes no scrap: energy per good part is energy per part made');
  }

  const zone = input.timezone;
  const nowWords =
    live?.state === 'unplanned_stop' && live.since
      ? ` It is down now (since ${wallClock(Date.parse(live.since), zone)}).`
      : live?.state === 'setup'
        ? ' It is changing over now.'
        : '';
  const chain = downstreamStarved >= 0.1 ? `; the stations after it starve ${percent(downstreamStarved)} of the shift` : '';
  const planWords =
    input.plan.parts === null
      ? ''
      : ` against a plan of ${count(input.plan.parts)} (${againstPlan! >= 0 ? '+' : '−'}${count(Math.abs(againstPlan!))})`;
  const sentence =
    `${top.station} is the likely constraint of the ${input.shift.name} shift (${wallClock(input.shift.start, zone)}–${wallClock(input.shift.end, zone)}): ` +
    `the bottleneck in ${percent(top.probability.value)} of the simulated shifts, mostly for ${causeWords[causeOf(top)](top)}${chain}.${nowWords} ` +
    `Expected output ${count(output.mean)} parts (95 % interval ${count(output.ciLow)}–${count(output.ciHigh)})${planWords}.`;

  return {
    shift: { name: input.shift.name, start: window.start, end: window.end },
    output,
    plan: input.plan,
    againstPlan,
    stations,
    top: {
      station: top.station,
      probability: top.probability.value,
      cause: causeOf(top),
      downstreamStarved,
      now: { state: live?.state ?? null, since: live?.since ?? null },
    },
    predictions,
    precision,
    assumptions: [...new Set(assumptions)],
    sentence,
  };
}
