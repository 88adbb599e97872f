/**
 * What maintenance action prevents the highest downtime exposure this week. The line plays out
 * from its live state over the coming seven days without the work (the baseline) and with each
 * work order at each of its placements (`placements.ts`), all on common random numbers: the job
 * stops its station while it lasts, and preventive work divides the station's MTBF by its
 * failure-rate factor from its end on. Per placement, the expected lost output of doing it there
 * versus not doing it (baseline output − output with it: negative when the job pays for itself
 * within the week) and the station's downtime it avoids, with paired 95 % intervals; ranked from
 * the least lost output. The recommended placement is the best one over all work orders.
 *
 * Placements are screened first (Nelson et al., 2001): all run the starting replications, and only
 * those not clearly worse than the best go on to the precision asked, so that a week of many
 * placements is answered in the time of a few.
 */
import type { RunOptions } from '../simulation/dispatch.ts';
import { estimate, pairedDifference, type Estimate } from '../simulation/intervals.ts';
import { parseSimulationModel } from '../simulation/model.ts';
import type { ReplicationSummary } from '../simulation/replication.ts';
import { LIVE_METRIC_UNITS, type MetricPrediction } from '../metrics/liveMetrics.ts';
import { count, plannedHours, wallClock, type QuestionBase } from './common.ts';
import { placementsOf, type Placement, type PlacementKind, type WorkOrderCandidate } from './placements.ts';
import { replicateScenarios, windowPlan, type PrecisionReached } from './replicate.ts';

export interface MaintenanceInput extends QuestionBase {
  /** The week: from the live state's instant. */
  endMs: number;
  workOrders: (WorkOrderCandidate & { source: 'cmms' | 'inline' })[];
}

export interface PlacementAnswer {
  start: string;
  end: string;
  kind: PlacementKind;
  fitsStop: boolean;
  /** Replications it ran: all of them, or only the screening ones when it was clearly worse than the best. */
  replications: number;
  screenedOut: boolean;
  output: Estimate;
  /** Baseline output − output with the job here (parts over the week; negative: a gain). */
  lostOutput: Estimate;
  /** The station's downtime (hours) without the job − with it. */
  downtimeAvoidedHours: Estimate;
}

export interface WorkOrderAnswer {
  externalId: string;
  station: string;
  plannedMinutes: number;
  failureRateFactor: number | null;
  source: 'cmms' | 'inline';
  /** Ranked, least lost output first; empty when no placement fits the week. */
  placements: PlacementAnswer[];
}

export interface MaintenanceAnswer {
  window: { start: string; end: string };
  baseline: { output: Estimate; stationDownHours: { station: string; hours: number }[] };
  workOrders: WorkOrderAnswer[];
  recommended: (PlacementAnswer & { externalId: string; station: string }) | null;
  predictions: MetricPrediction[];
  precision: PrecisionReached;
  assumptions: string[];
  sentence: string;
}

const HOUR_MS = 3_600_000;
/** Placements that go on after screening at most, and the share of the progress screening takes. */
const FINALISTS = 3;
const SCREEN_SHARE = 0.3;

export async function answerMaintenance(input: MaintenanceInput, options: RunOptions = {}): Promise<MaintenanceAnswer> {
  const model = parseSimulationModel(input.model);
  const origin = Date.parse(input.start.asOf);
  const week = { start: origin, end: input.endMs };
  const common = {
    model,
    start: input.start,
    stationIds: input.stationIds,
    stops: input.stops,
    endMs: input.endMs,
    seed: input.precision.seed,
  };
  const scenarios: { wo: number; placement: Placement }[] = [];
  const placementLists = input.workOrders.map((wo) => placementsOf(wo, input.stops, week));
  placementLists.forEach((list, wo) => list.forEach((placement) => scenarios.push({ wo, placement })));
  const base = windowPlan(common);
  const plans = [
    base.plan,
    ...scenarios.map(({ wo, placement }) => {
      const w = input.workOrders[wo];
      return windowPlan({
        ...common,
        maintenance: [{ stationId: w.stationId, start: placement.start, end: placement.end, failureRateFactor: w.failureRateFactor }],
      }).plan;
    }),
  ];
  const hours = (input.endMs - origin) / HOUR_MS;
  const stationIndex = (code: string) => base.plan.line.stationNames.indexOf(code);
  const downHours = (r: ReplicationSummary, s: number) => r.states[s][3] * hours;
  const lostOf = (baseline: ReplicationSummary[], own: ReplicationSummary[]) =>
    pairedDifference(
      baseline.map((r) => r.departures),
      own.map((r) => r.departures),
    );

  // Screening, then precision: every placement runs the first replications; those clearly worse
  // than the best (their lost output's interval wholly above the best one's) stop there, and the
  // rest (at most FINALISTS) go on until the best one's lost output is as precise as asked.
  const screenSettings = { ...input.precision, maxReplications: input.precision.replications };
  const stage = (from: number, to: number) => ({
    ...options,
    onProgress:
      options.onProgress &&
      ((p: Parameters<NonNullable<RunOptions['onProgress']>>[0]) =>
        options.onProgress!({ ...p, fraction: from + (to - from) * p.fraction })),
  });
  const bestOf = (runs: ReplicationSummary[][]): Estimate =>
    runs.length > 1
      ? runs
          .slice(1)
          .map((own) => lostOf(runs[0], own))
          .reduce((a, b) => (b.mean < a.mean ? b : a))
      : estimate(runs[0].map((r) => r.departures));
  const screened = await replicateScenarios(plans, screenSettings, bestOf, stage(0, SCREEN_SHARE));
  const screenLost = scenarios.map((_, i) => lostOf(screened.runs[0], screened.runs[i + 1]));
  const best = screenLost.reduce((b, e, i) => (e.mean < screenLost[b].mean ? i : b), 0);
  const finalists = screenLost
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => scenarios.length && e.ciLow <= screenLost[best].ciHigh)
    .sort((a, b) => a.e.mean - b.e.mean)
    .slice(0, FINALISTS)
    .map(({ i }) => i);
  const finalPlans = [plans[0], ...finalists.map((i) => plans[i + 1])];
  const { runs: finalRuns, precision } = await replicateScenarios(finalPlans, input.precision, bestOf, stage(SCREEN_SHARE, 1), [
    screened.runs[0],
    ...finalists.map((i) => screened.runs[i + 1]),
  ]);
  /** Each scenario's runs: the finalists' all of them, the others' their screening ones (paired with as many of the baseline's). */
  const runsOf = (i: number) => {
    const f = finalists.indexOf(i);
    return f >= 0 ? finalRuns[f + 1] : screened.runs[i + 1];
  };
  const baselineFor = (i: number) => finalRuns[0].slice(0, runsOf(i).length);
  const iso = (ms: number) => new Date(ms).toISOString();
  const workOrders: WorkOrderAnswer[] = input.workOrders.map((w, wo) => {
    const s = stationIndex(w.stationCode);
    const placements = scenarios
      .map((sc, i) => ({ sc, i }))
      .filter(({ sc }) => sc.wo === wo)
      .map(({ sc, i }): PlacementAnswer => ({
        start: iso(sc.placement.start),
        end: iso(sc.placement.end),
        kind: sc.placement.kind,
        fitsStop: sc.placement.fitsStop,
        replications: runsOf(i).length,
        screenedOut: !finalists.includes(i),
        output: estimate(runsOf(i).map((r) => r.departures)),
        lostOutput: lostOf(baselineFor(i), runsOf(i)),
        downtimeAvoidedHours: pairedDifference(
          baselineFor(i).map((r) => downHours(r, s)),
          runsOf(i).map((r) => downHours(r, s)),
        ),
      }))
      // Those that went on first: a screened-out one's few replications do not outrank them.
      .sort((a, b) => Number(a.screenedOut) - Number(b.screenedOut) || a.lostOutput.mean - b.lostOutput.mean);
    return {
      externalId: w.externalId,
      station: w.stationCode,
      plannedMinutes: w.plannedMinutes,
      failureRateFactor: w.failureRateFactor,
      source: w.source,
      placements,
    };
  });
  const recommended =
    workOrders
      .flatMap((w) =>
        w.placements[0] && !w.placements[0].screenedOut ? [{ ...w.placements[0], externalId: w.externalId, station: w.station }] : [],
      )
      .sort((a, b) => a.lostOutput.mean - b.lostOutput.mean)[0] ?? null;

  const baselineOutput = estimate(finalRuns[0].map((r) => r.departures));
  const exitId = input.stationIds[input.stationIds.length - 1];
  const planned = plannedHours(input.stops, exitId, week);
  const window = { start: iso(week.start), end: iso(week.end), kind: 'week' as const };
  const rate = (name: string, runsOf: ReplicationSummary[]): MetricPrediction | null => {
    if (planned <= 0) return null;
    const e = estimate(runsOf.map((r) => r.departures / planned));
    return {
      metric: 'throughput',
      stationCode: null,
      scenario: name,
      window,
      value: e.mean,
      low: e.ciLow,
      high: e.ciHigh,
      unit: LIVE_METRIC_UNITS.throughput,
    };
  };
  const predictions = [
    rate('not doing it', finalRuns[0]),
    ...scenarios.map((sc, i) => rate(placementName(input.workOrders[sc.wo].externalId, sc.placement.start), runsOf(i))),
  ].filter((p): p is MetricPrediction => p !== null);

  const assumptions = [...base.assumptions];
  const none = workOrders.filter((w) => !w.placements.length).map((w) => w.externalId);
  if (none.length)
    assumptions.push(
      `no feasible start this week for ${none.join(', ')} (its window lies outside the week, or the job would not end in it)`,
    );
  assumptions.push('the week is the coming seven days from the live state; a job not done this week keeps its station’s failure rate');
  const sentence = recommended
    ? recommendation(recommended, input, scenarios.length)
    : input.workOrders.length
      ? 'None of the work orders can start this week.'
      : 'The line has no open preventive work order this week: give candidates in the request.';
  return {
    window: { start: window.start, end: window.end },
    baseline: {
      output: baselineOutput,
      stationDownHours: base.plan.line.stationNames.map((station, s) => ({
        station,
        hours: finalRuns[0].reduce((sum, r) => sum + downHours(r, s), 0) / finalRuns[0].length,
      })),
    },
    workOrders,
    recommended,
    predictions,
    precision,
    assumptions,
    sentence,
  };
}

/**
 * The planner's sentence: where to do the best job and what it gains; a job that clearly costs
 * output wherever it goes this week, and may still start after it, is better left to next week.
 */
function recommendation(r: NonNullable<MaintenanceAnswer['recommended']>, input: MaintenanceInput, tried: number): string {
  const zone = input.timezone;
  const interval = `(95 % interval ${signed(-r.lostOutput.ciHigh)} to ${signed(-r.lostOutput.ciLow)})`;
  const avoided = `avoids ${r.downtimeAvoidedHours.mean.toFixed(1)} h of downtime at ${r.station}`;
  const wo = input.workOrders.find((w) => w.externalId === r.externalId)!;
  if (r.lostOutput.ciLow > 0 && wo.latestStart > input.endMs) {
    return `Leave ${r.externalId} on ${r.station} to next week if it can wait: this week it costs about ${count(r.lostOutput.mean)} parts even at its best placement ${interval}, ${wallClock(Date.parse(r.start), zone)} (${kindWords[r.kind]}), which ${avoided}.`;
  }
  const effect =
    r.lostOutput.mean <= 0
      ? `it gains ${count(-r.lostOutput.mean)} parts over the week against not doing it`
      : `it costs ${count(r.lostOutput.mean)} parts over the week, the least of the ${tried} placements tried`;
  return `Do ${r.externalId} on ${r.station} at ${wallClock(Date.parse(r.start), zone)} (${kindWords[r.kind]}): ${effect} ${interval} and ${avoided}.`;
}

/** The scenario name of a placement, as predictions and decisions refer to it. */
export function placementName(externalId: string, startMs: number): string {
  return `${externalId} at ${new Date(startMs).toISOString()}`;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${count(Math.abs(x))}`;

const kindWords: Record<PlacementKind, string> = {
  break: 'in a break',
  no_shift: 'outside the shifts',
  no_order: 'in a period without orders',
  planned_maintenance: 'in a planned maintenance stop',
  production: 'in production time',
};
