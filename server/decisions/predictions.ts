import { kpis, stations, useCases } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { ContradictionError, invalidInput } from '../core/errors.ts';
import { refuseArchived } from '../core/lifecycle.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';
import { kpiScale } from '../kpis/index.ts';
import type { LiveMetric, MetricPrediction } from '../metrics/index.ts';
import type { RunRow } from './basis.ts';
import { matchPrediction, runPredictions, type PredictionMatch, type PredictionTarget } from './predictionMapping.ts';

type KpiRow = typeof kpis.$inferSelect;
type UseCaseRow = typeof useCases.$inferSelect;

/** A predicted effect on one KPI as the API takes it: typed by hand only where no run predicts it. */
export interface PredictionInput {
  kpiId: string;
  value?: number;
  low?: number;
  high?: number;
  scenario?: string;
}

/** A prediction ready to be stored, in the KPI's unit, with where it came from. */
export interface ResolvedPrediction {
  kpiId: string;
  value: number;
  low: number;
  high: number;
  scenario: string | null;
  source: 'run' | 'hand';
  runId: string | null;
  window: MetricPrediction['window'] | null;
  liveMetric: LiveMetric | null;
  liveLineId: string | null;
  liveStationId: string | null;
}

/** Two numbers are the same value when they agree to the 12 significant digits the API answers with. */
function sameValue(a: number, b: number): boolean {
  return Number(a.toPrecision(12)) === Number(b.toPrecision(12));
}

/**
 * What a live-bound KPI's predictions are looked up by: its metric, line and station code. Null for
 * a KPI without a live metric, and for a station-bound one whose station is not given.
 */
export function targetOf(
  kpi: Pick<KpiRow, 'liveMetric' | 'liveLineId'>,
  station: { lineId: string; code: string } | undefined,
): PredictionTarget | null {
  if (!kpi.liveMetric) return null;
  if (kpi.liveLineId) return { metric: kpi.liveMetric, lineId: kpi.liveLineId, stationCode: null };
  return station ? { metric: kpi.liveMetric, lineId: station.lineId, stationCode: station.code } : null;
}

/** The station a station-bound live KPI reads (404 when it is gone); undefined for any other KPI. */
async function liveStationOf(w: Write, kpi: KpiRow) {
  if (!kpi.liveMetric || kpi.liveLineId) return undefined;
  return findOrNotFound(w.tx, stations, 'station', kpi.liveStationId!);
}

function fromRun(input: PredictionInput, match: Extract<PredictionMatch, { kind: 'match' }>, scale: number, field: string) {
  const p = match.prediction;
  const taken = { value: p.value * scale, low: p.low * scale, high: p.high * scale };
  for (const key of ['value', 'low', 'high'] as const) {
    const typed = input[key];
    if (typed !== undefined && !sameValue(typed, taken[key])) {
      throw new ContradictionError(
        `${field}.${key} (${typed}) differs from the ${key} run ${p.runId} predicts for '${p.scenario}' (${taken[key]}): leave it out, it is taken from the run`,
        [{ path: `${field}.${key}`, message: `differs from the run's ${taken[key]}` }],
        { runId: p.runId, scenario: p.scenario, predicted: taken },
      );
    }
  }
  return { ...taken, scenario: p.scenario, source: 'run' as const, runId: p.runId, window: p.window };
}

/**
 * Each prediction of a decision, checked and completed: its KPI seen (404), of the decision's use
 * case and not archived; then, for a KPI fed by a live metric, the one prediction of the runs
 * (matchPrediction over runPredictions, for the prediction's scenario, else the choice's) gives
 * value, low and high, scaled to the KPI's unit, and a value typed that differs is refused (422).
 * Where no run predicts it, value, low and high must be typed (low ≤ value ≤ high).
 */
export async function resolvePredictions(
  w: Write,
  useCase: UseCaseRow,
  inputs: readonly PredictionInput[],
  runs: readonly RunRow[],
  choiceScenario: string | null,
): Promise<ResolvedPrediction[]> {
  const candidates = runs.flatMap(runPredictions);
  const out: ResolvedPrediction[] = [];
  for (const [i, input] of inputs.entries()) {
    const field = `body.predictions.${i}`;
    await checkSees(w.tx, w.actor, 'kpi', input.kpiId, `${field}.kpiId`);
    const kpi = await findOrNotFound(w.tx, kpis, 'kpi', input.kpiId, { field: `${field}.kpiId` });
    if (kpi.useCaseId !== useCase.id) throw invalidInput(`${field}.kpiId`, 'is not a KPI of the decision’s use case');
    refuseArchived(kpi, `KPI '${kpi.name}'`, `${field}.kpiId`);
    const target = targetOf(kpi, await liveStationOf(w, kpi));
    const scenario = input.scenario ?? choiceScenario;
    const match: PredictionMatch = target ? matchPrediction(candidates, target, scenario) : { kind: 'none' };
    const scale = target ? kpiScale(target.metric, kpi.unit) : null;
    const live = { liveMetric: kpi.liveMetric, liveLineId: kpi.liveLineId, liveStationId: kpi.liveStationId };
    if (match.kind === 'ambiguous') {
      throw invalidInput(
        match.scenarios.length > 1 ? `${field}.scenario` : 'body.basedOn',
        match.scenarios.length > 1
          ? `the runs predict ${target!.metric} for several scenarios: name one of ${match.scenarios.map((s) => `'${s}'`).join(', ')}`
          : `several runs (${match.runIds.join(', ')}) predict ${target!.metric} for '${match.scenarios[0]}': base the decision on one of them`,
      );
    }
    if (match.kind === 'match' && scale !== null) {
      out.push({ kpiId: kpi.id, ...fromRun(input, match, scale, field), ...live });
      continue;
    }
    const missing = (['value', 'low', 'high'] as const).filter((k) => input[k] === undefined);
    if (missing.length) {
      const why = target
        ? `${target.metric}${target.stationCode ? ` of station ${target.stationCode}` : ''} for this scenario`
        : `'${kpi.name}' (it is fed by no live metric)`;
      throw invalidInput(`${field}.${missing[0]}`, `no run this decision is based on predicts ${why}: give value, low and high`);
    }
    if (!(input.low! <= input.value! && input.value! <= input.high!)) throw invalidInput(`${field}.value`, 'must lie between low and high');
    out.push({
      kpiId: kpi.id,
      value: input.value!,
      low: input.low!,
      high: input.high!,
      scenario,
      source: 'hand',
      runId: null,
      window: null,
      ...live,
    });
  }
  return out;
}
