import { z } from 'zod';
import { LIVE_METRICS, LIVE_METRIC_UNITS, type LiveMetric, type MetricPrediction } from '../metrics/index.ts';
import { SECONDS_PER_TIME_UNIT } from '../simulation/index.ts';

/** What the mapping reads of a stored run (a row of simulation_runs). */
export interface MappedRun {
  id: string;
  kind: string;
  lineId: string | null;
  title: string;
  input: unknown;
  result: unknown;
  finishedAt: Date | null;
}

/** A run's prediction of one live metric, with the run and the line it is of. */
export interface RunPrediction extends MetricPrediction {
  runId: string;
  lineId: string | null;
}

const finite = z.number().refine(Number.isFinite);
const metricPrediction = z
  .object({
    metric: z.enum(LIVE_METRICS),
    stationCode: z.string().nullable(),
    scenario: z.string(),
    window: z.object({ start: z.string(), end: z.string(), kind: z.enum(['shift', 'week', '72h', 'steady_state']) }),
    value: finite,
    low: finite,
    high: finite,
    unit: z.string(),
  })
  .refine((p) => p.low <= p.value && p.value <= p.high);
const estimate = z.object({ mean: finite, ciLow: finite, ciHigh: finite });
const simulated = z.object({ throughput: estimate, timeUnit: z.enum(['s', 'min', 'h']).optional() });
const modelUnit = z.object({ model: z.object({ timeUnit: z.enum(['s', 'min', 'h']).optional() }) });

/**
 * A simulated throughput as the `throughput` metric: the estimate (parts per model time unit,
 * steady state after the warm-up) in parts per hour, its 95 % interval as the interval. A
 * simulation runs the line's production time only, so an hour of it is an hour of planned
 * production time, the metric's denominator. A steady state has no calendar window: its window
 * starts and ends when the run finished.
 */
export function throughputPrediction(
  e: { mean: number; ciLow: number; ciHigh: number },
  timeUnit: keyof typeof SECONDS_PER_TIME_UNIT,
  scenario: string,
  at: string,
): MetricPrediction {
  const perHour = 3600 / SECONDS_PER_TIME_UNIT[timeUnit];
  return {
    metric: 'throughput',
    stationCode: null,
    scenario,
    window: { start: at, end: at, kind: 'steady_state' },
    value: e.mean * perHour,
    low: e.ciLow * perHour,
    high: e.ciHigh * perHour,
    unit: LIVE_METRIC_UNITS.throughput,
  };
}

/**
 * What a succeeded run predicts about live metrics, the rule a decision's predictions are taken by:
 * - `next_shift`, `maintenance_plan`, `mix_scenario`: the `result.predictions` they carry, as they are
 *   (entries of another shape are left out);
 * - `simulation`: the line's `throughput` from `result.throughput`, in the model's time unit
 *   (`result.timeUnit`, else `input.model.timeUnit`, else minutes), one scenario named by the run's title;
 * - `comparison`: the same for its baseline and each variant, each scenario named as the comparison names it;
 * - `calibration`, and any result without an interval (one replication): nothing.
 */
export function runPredictions(run: MappedRun): RunPrediction[] {
  const at = (run.finishedAt ?? new Date(0)).toISOString();
  const own = (p: MetricPrediction): RunPrediction => ({ ...p, runId: run.id, lineId: run.lineId });
  const result = run.result as Record<string, unknown> | null;
  if (!result) return [];
  const fallbackUnit = modelUnit.safeParse(run.input).data?.model.timeUnit ?? 'min';
  const fromSimulation = (r: unknown, scenario: string): MetricPrediction[] => {
    const parsed = simulated.safeParse(r);
    const e = parsed.data?.throughput;
    if (!e || !(e.ciLow <= e.mean && e.mean <= e.ciHigh)) return [];
    return [throughputPrediction(e, parsed.data!.timeUnit ?? fallbackUnit, scenario, at)];
  };
  switch (run.kind) {
    case 'next_shift':
    case 'maintenance_plan':
    case 'mix_scenario': {
      const list = Array.isArray(result.predictions) ? result.predictions : [];
      return list.flatMap((p) => {
        const parsed = metricPrediction.safeParse(p);
        return parsed.success ? [own(parsed.data)] : [];
      });
    }
    case 'simulation':
      return fromSimulation(result, run.title).map(own);
    case 'comparison': {
      const scenarios = [result.baseline, ...(Array.isArray(result.variants) ? result.variants : [])] as {
        name?: unknown;
        result?: unknown;
      }[];
      return scenarios.flatMap((s) => (s && typeof s.name === 'string' ? fromSimulation(s.result, s.name).map(own) : []));
    }
    default:
      return [];
  }
}

/** What a KPI's prediction is looked up by: its live metric, the line it is of and its station's code (null: the line). */
export interface PredictionTarget {
  metric: LiveMetric;
  lineId: string;
  stationCode: string | null;
}

export type PredictionMatch =
  { kind: 'match'; prediction: RunPrediction } | { kind: 'none' } | { kind: 'ambiguous'; scenarios: string[]; runIds: string[] };

/**
 * The one run prediction a KPI's predicted value is taken from: among the predictions of the runs
 * the decision is based on, those of the KPI's metric, of runs of its line and of its station (or
 * of the line as a whole), for the scenario named (the prediction's, else the choice's). Without
 * a scenario named, the only one there is. Several left: ambiguous (name a scenario, or base the
 * decision on one run of it); none: the value is to be given by hand.
 */
export function matchPrediction(predictions: readonly RunPrediction[], target: PredictionTarget, scenario: string | null): PredictionMatch {
  const candidates = predictions.filter(
    (p) => p.metric === target.metric && p.lineId === target.lineId && p.stationCode === target.stationCode,
  );
  const named = scenario === null ? candidates : candidates.filter((p) => p.scenario === scenario);
  if (named.length === 1) return { kind: 'match', prediction: named[0] };
  if (!named.length) return { kind: 'none' };
  return {
    kind: 'ambiguous',
    scenarios: [...new Set(named.map((p) => p.scenario))],
    runIds: [...new Set(named.map((p) => p.runId))],
  };
}
