/**
 * How a change in product mix affects throughput and energy over the next 72 hours. Each
 * scenario is a sequence of lots (products in the order they are made: the planned orders by due
 * time, or a proposed sequence) or a mix of shares; the line plays out from its live state with
 * its planned stops and the model's changeovers, on common random numbers. Per scenario: output
 * (in total and per product), energy (kWh, kWh per part, the highest mean power over the peak
 * interval against the site's limit), and against the first scenario (the current plan) the
 * paired differences. The trade-off flag marks a scenario that raises output only at the price
 * of energy (more kWh per part, or a peak over the limit), or that saves energy only at the
 * price of output.
 */
import type { RunOptions } from '../simulation/dispatch.ts';
import { estimate, pairedDifference, type Estimate } from '../simulation/intervals.ts';
import { parseSimulationModel } from '../simulation/model.ts';
import type { ReplicationSummary } from '../simulation/replication.ts';
import { LIVE_METRIC_UNITS, type MetricPrediction } from '../metrics/liveMetrics.ts';
import { count, plannedHours, percent, type QuestionBase } from './common.ts';
import { replicateScenarios, windowPlan, type PrecisionReached } from './replicate.ts';

export interface Lot {
  product: string;
  quantity: number;
}

export interface MixScenarioInput {
  name: string;
  /** Lots in the order they are made (the sequence repeats once it is done). */
  lots?: Lot[];
  /** Or product shares, drawn part by part. */
  shares?: Record<string, number>;
}

export interface MixInput extends QuestionBase {
  endMs: number;
  /** The site's peak demand limit in kW (null: none known). */
  peakLimitKw: number | null;
  /** The first is the current plan, which the others are compared with. */
  scenarios: MixScenarioInput[];
}

export interface MixScenarioAnswer {
  name: string;
  output: Estimate;
  throughputPerHour: Estimate;
  products: { name: string; output: Estimate }[];
  energy: {
    kwh: Estimate;
    kwhPerPart: Estimate | null;
    peakKw: (Estimate & { max: number }) | null;
    /** Share of replications whose peak crossed the limit (null without a limit). */
    shareOverLimit: number | null;
    overLimit: boolean;
  } | null;
  /** Against the first scenario (null for it). */
  difference: { output: Estimate; kwh: Estimate | null; kwhPerPart: Estimate | null; peakKw: Estimate | null } | null;
  tradeOff: boolean;
  tradeOffWhy: string | null;
}

export interface MixAnswer {
  window: { start: string; end: string };
  peakLimitKw: number | null;
  peakIntervalMinutes: number;
  scenarios: MixScenarioAnswer[];
  predictions: MetricPrediction[];
  precision: PrecisionReached;
  assumptions: string[];
  sentence: string;
}

/** The release sequence of lots: each lot's product as many times as its quantity. */
export function sequenceOf(lots: readonly Lot[]): string[] {
  return lots.flatMap((l) => new Array<string>(l.quantity).fill(l.product));
}

const allKnown = <T>(xs: (T | null)[]): xs is T[] => xs.every((x) => x !== null);

function energyOf(runs: ReplicationSummary[], limit: number | null): MixScenarioAnswer['energy'] {
  const energies = runs.map((r) => r.energy);
  if (!allKnown(energies)) return null;
  const perPart = energies.map((e) => e.kwhPerPart);
  const peaks = energies.map((e) => e.peakKw);
  const peak = allKnown(peaks) ? { ...estimate(peaks), max: Math.max(...peaks) } : null;
  const shareOverLimit = limit !== null && allKnown(peaks) ? peaks.filter((p) => p > limit).length / peaks.length : null;
  return {
    kwh: estimate(energies.map((e) => e.kwh)),
    kwhPerPart: allKnown(perPart) ? estimate(perPart) : null,
    peakKw: peak,
    shareOverLimit,
    // A hard site limit: one replication over it is a plant that trips.
    overLimit: limit !== null && peak !== null && peak.max > limit,
  };
}

function paired(a: ReplicationSummary[], b: ReplicationSummary[], pick: (r: ReplicationSummary) => number | null | undefined) {
  const x = a.map(pick);
  const y = b.map(pick);
  return x.every((v) => typeof v === 'number') && y.every((v) => typeof v === 'number')
    ? pairedDifference(x as number[], y as number[])
    : null;
}

/** Whether a scenario's gain on one side is paid for on the other (see the module comment). */
export function tradeOffOf(d: NonNullable<MixScenarioAnswer['difference']>, overLimit: boolean): string | null {
  const more = d.output.ciLow > 0;
  const less = d.output.ciHigh < 0;
  if (more && overLimit) return 'more output, but the peak demand crosses the site limit';
  if (more && d.kwhPerPart && d.kwhPerPart.ciLow > 0) return 'more output, but more energy per part';
  if (less && d.kwhPerPart && d.kwhPerPart.ciHigh < 0) return 'less energy per part, but less output';
  return null;
}

export async function answerMix(input: MixInput, options: RunOptions = {}): Promise<MixAnswer> {
  const model = parseSimulationModel(input.model);
  const origin = Date.parse(input.start.asOf);
  const built = input.scenarios.map((s) =>
    windowPlan({
      model,
      start: input.start,
      stationIds: input.stationIds,
      stops: input.stops,
      endMs: input.endMs,
      sequence: s.lots ? sequenceOf(s.lots) : undefined,
      shares: s.shares,
      seed: input.precision.seed,
    }),
  );
  const plans = built.map((b) => b.plan);
  // The precision asked is that of every scenario's 72-hour output: the widest one counts.
  const key = (runs: ReplicationSummary[][]): Estimate =>
    runs.map((r) => estimate(r.map((x) => x.departures))).reduce((a, b) => (b.ciHalfWidth / b.mean > a.ciHalfWidth / a.mean ? b : a));
  const { runs, precision } = await replicateScenarios(plans, input.precision, key, options);

  const exitId = input.stationIds[input.stationIds.length - 1];
  const hours = plannedHours(input.stops, exitId, { start: origin, end: input.endMs });
  const limit = input.peakLimitKw;
  const scenarios = input.scenarios.map((s, i): MixScenarioAnswer => {
    const own = runs[i];
    const energy = energyOf(own, limit);
    const difference =
      i === 0
        ? null
        : {
            output: pairedDifference(
              own.map((r) => r.departures),
              runs[0].map((r) => r.departures),
            ),
            kwh: paired(own, runs[0], (r) => r.energy?.kwh),
            kwhPerPart: paired(own, runs[0], (r) => r.energy?.kwhPerPart),
            peakKw: paired(own, runs[0], (r) => r.energy?.peakKw),
          };
    const why = difference ? tradeOffOf(difference, energy?.overLimit ?? false) : null;
    return {
      name: s.name,
      output: estimate(own.map((r) => r.departures)),
      throughputPerHour: estimate(own.map((r) => (hours > 0 ? r.departures / hours : 0))),
      products: plans[i].line.productNames.map((name, p) => ({
        name,
        output: estimate(own.map((r) => r.productThroughput[p] * (plans[i].horizon - r.warmup))),
      })),
      energy,
      difference,
      tradeOff: why !== null,
      tradeOffWhy: why,
    };
  });

  const window = { start: new Date(origin).toISOString(), end: new Date(input.endMs).toISOString(), kind: '72h' as const };
  const predictions: MetricPrediction[] = scenarios.flatMap((s) => {
    const out: MetricPrediction[] = [];
    if (hours > 0) {
      const t = s.throughputPerHour;
      out.push({
        metric: 'throughput',
        stationCode: null,
        scenario: s.name,
        window,
        value: t.mean,
        low: t.ciLow,
        high: t.ciHigh,
        unit: LIVE_METRIC_UNITS.throughput,
      });
    }
    const e = s.energy?.kwhPerPart;
    if (e) {
      out.push({
        metric: 'energy_per_good_part',
        stationCode: null,
        scenario: s.name,
        window,
        value: e.mean,
        low: e.ciLow,
        high: e.ciHigh,
        unit: LIVE_METRIC_UNITS.energy_per_good_part,
      });
    }
    return out;
  });

  const assumptions = [...new Set(built.flatMap((b) => b.assumptions))];
  if (scenarios.some((s) => s.energy)) assumptions.push('the model makes no scrap: energy per good part is energy per part made');
  if (input.scenarios.some((s) => s.lots))
    assumptions.push('a sequence of lots repeats from its first lot once it is done within the 72 hours');
  return {
    window: { start: window.start, end: window.end },
    peakLimitKw: limit,
    peakIntervalMinutes: plans[0].peakIntervalMinutes,
    scenarios,
    predictions,
    precision,
    assumptions,
    sentence: mixSentence(scenarios, limit),
  };
}

function mixSentence(scenarios: MixScenarioAnswer[], limit: number | null): string {
  const [current, ...others] = scenarios;
  const e = current.energy;
  const head =
    `${current.name}: ${count(current.output.mean)} parts in 72 hours (95 % interval ${count(current.output.ciLow)}–${count(current.output.ciHigh)})` +
    (e ? `, ${count(e.kwh.mean)} kWh${e.kwhPerPart ? ` (${e.kwhPerPart.mean.toFixed(2)} kWh per part)` : ''}` : '') +
    (e?.peakKw
      ? `, peak ${e.peakKw.max.toFixed(0)} kW${limit !== null ? ` against the limit of ${limit} kW${e.overLimit ? ' — over it' : ''}` : ''}`
      : '') +
    '.';
  const parts = others.map((s) => {
    const d = s.difference!;
    const change = d.output.ciLow > 0 ? 'more' : d.output.ciHigh < 0 ? 'fewer' : 'no clear change in';
    const size =
      change === 'no clear change in'
        ? ''
        : `${count(Math.abs(d.output.mean))} (${percent(Math.abs(d.output.mean) / current.output.mean)}) `;
    return `${s.name}: ${size}${change} parts${s.tradeOffWhy ? ` — trade-off: ${s.tradeOffWhy}` : ''}${s.energy?.overLimit ? `; its peak crosses the limit in ${percent(s.energy.shareOverLimit ?? 0)} of the runs` : ''}.`;
  });
  return [head, ...parts].join(' ');
}
