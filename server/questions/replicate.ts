/**
 * What the three questions share: a line's model planned from the live state over a window of
 * wall-clock time (its planned stops and any maintenance as the core's calendar), and replications
 * on common random numbers (replication r of every scenario draws from stream r), added until the
 * question's key estimate is as precise as asked or the cap is reached.
 */
import type { LineStop } from '../schedules/index.ts';
import type { CalendarMaintenance, PlacedMaintenance } from '../simulation/calendar.ts';
import { coreCalendar } from '../simulation/calendar.ts';
import { runJobs, type RunOptions } from '../simulation/dispatch.ts';
import { relativeHalfWidth, type Estimate } from '../simulation/intervals.ts';
import type { SimulationModel } from '../simulation/model.ts';
import { SECONDS_PER_TIME_UNIT } from '../simulation/modelSchema.ts';
import { planRun, type RunPlan } from '../simulation/plan.ts';
import type { ReplicationSummary } from '../simulation/replication.ts';
import { replicationsToAdd } from '../simulation/simulate.ts';
import { startingState, type LiveStart } from './liveStart.ts';

/** The reason code maintenance stops carry in the core (planned stops carry 0). */
const MAINTENANCE_REASON = 1;

/** How precise a question's key estimate must be, and how far it may go to get there. */
export interface PrecisionSettings {
  replications: number;
  maxReplications: number;
  /** Target 95 % half-width as a share of the estimate (0.02: ±2 %). */
  relativeHalfWidth: number;
  seed: number;
}

export interface PrecisionReached {
  replications: number;
  target: number;
  achieved: number;
  reached: boolean;
}

/** Milliseconds per model time unit. */
export function unitMsOf(model: Pick<SimulationModel, 'timeUnit'>): number {
  return SECONDS_PER_TIME_UNIT[model.timeUnit] * 1000;
}

export interface WindowPlanInput {
  model: SimulationModel;
  start: LiveStart;
  /** Line stations' ids in the model's order (station stops and maintenance are matched by them). */
  stationIds: readonly string[];
  stops: readonly LineStop[];
  /** The run ends here (epoch ms); it starts at the live state's instant. */
  endMs: number;
  /** What is measured starts here (default: at the start); the time before plays out the live state. */
  measureFromMs?: number;
  maintenance?: readonly PlacedMaintenance[];
  /** A fixed release sequence of product names (any length), repeated once it is done. */
  sequence?: readonly string[];
  /** Product shares instead of the model's (normalised). */
  shares?: Readonly<Record<string, number>>;
  seed: number;
}

/** A run plan of the window: its calendar from the live state's instant, its starting state, its measured period. */
export function windowPlan(input: WindowPlanInput): { plan: RunPlan; assumptions: string[] } {
  const unitMs = unitMsOf(input.model);
  const origin = Date.parse(input.start.asOf);
  const horizon = (input.endMs - origin) / unitMs;
  const warmup = Math.max(0, ((input.measureFromMs ?? origin) - origin) / unitMs);
  // Products a mix leaves out keep their place (share 0), so every scenario numbers products alike.
  const products = input.shares ? input.model.products?.map((p) => ({ ...p, share: input.shares![p.name] ?? 0 })) : input.model.products;
  const model: SimulationModel = {
    ...input.model,
    products,
    sequence: undefined,
    horizon,
    warmup,
    seed: input.seed,
    precision: undefined,
  };
  const plan = planRun(model);
  if (input.sequence) {
    const index = new Map(plan.line.productNames.map((n, i) => [n, i]));
    plan.line = { ...plan.line, sequence: Float64Array.from(input.sequence, (n) => index.get(n) ?? 0) };
  } else if (input.model.sequence && !input.shares) {
    const index = new Map(plan.line.productNames.map((n, i) => [n, i]));
    plan.line = { ...plan.line, sequence: Float64Array.from(input.model.sequence, (n) => index.get(n) ?? 0) };
  }
  const mtbf = input.model.machines.map((m) => m.failure?.mtbf ?? null);
  const maintenance: CalendarMaintenance | undefined = input.maintenance?.length
    ? { work: input.maintenance, mtbf, reason: MAINTENANCE_REASON }
    : undefined;
  plan.calendar = coreCalendar(input.stops, input.stationIds, origin, unitMs, () => 0, maintenance);
  const { state, assumptions } = startingState(plan.line, input.start, unitMs);
  plan.initial = state;
  return { plan, assumptions };
}

/**
 * Replicates every plan alike (replication r of each on stream r) until `key` of the runs is as
 * precise as asked or the cap is reached; the runs are returned per plan, in replication order.
 * `prior` holds replications already run of the same plans (as many of each), which are kept.
 */
export async function replicateScenarios(
  plans: readonly RunPlan[],
  settings: PrecisionSettings,
  key: (runs: ReplicationSummary[][]) => Estimate,
  options: RunOptions = {},
  prior?: readonly ReplicationSummary[][],
): Promise<{ runs: ReplicationSummary[][]; precision: PrecisionReached }> {
  const runs: ReplicationSummary[][] = plans.map((_, s) => [...(prior?.[s] ?? [])]);
  let target = Math.max(runs[0].length, Math.min(settings.replications, settings.maxReplications));
  for (;;) {
    const done = runs[0].length;
    const jobs = plans.flatMap((plan) => Array.from({ length: target - done }, (_, i) => ({ plan, replication: done + i })));
    const results = await runJobs(jobs, options, done * plans.length, target * plans.length);
    plans.forEach((_, s) => runs[s].push(...results.slice(s * (target - done), (s + 1) * (target - done))));
    const achieved = relativeHalfWidth(key(runs));
    if (achieved <= settings.relativeHalfWidth || target >= settings.maxReplications) {
      return {
        runs,
        precision: {
          replications: target,
          target: settings.relativeHalfWidth,
          achieved,
          reached: achieved <= settings.relativeHalfWidth,
        },
      };
    }
    target += replicationsToAdd(target, Math.min(achieved, 1e6), settings.relativeHalfWidth, settings.maxReplications);
  }
}
