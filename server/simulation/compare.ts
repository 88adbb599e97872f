/**
 * Scenario comparison on common random numbers: the baseline and every variant run the same
 * replications with the same seed, so stream by stream they see the same draws where the models
 * agree (same stations, same products) and the paired differences have far narrower intervals
 * than independent runs would give.
 */
import { aggregate, type SimulationResult } from './aggregate.ts';
import { SimulationInputError } from './errors.ts';
import { checkWallTime, estimateEvents } from './estimate.ts';
import { pairedDifference, type Estimate } from './intervals.ts';
import { parseSimulationModel, type SimulationModel } from './model.ts';
import { planRun } from './plan.ts';
import { runJobs, type RunOptions } from './dispatch.ts';

export interface ScenarioInput {
  name: string;
  /** A simulation model (see the README, "Simulation model"). */
  model: unknown;
}

export interface ComparisonInput {
  baseline: ScenarioInput;
  variants: ScenarioInput[];
  /** The site's peak demand limit in kW; variants that exceed it are flagged. */
  peakLimitKw?: number;
  /** Replications per scenario (default: the baseline's). */
  replications?: number;
}

export interface VariantComparison {
  name: string;
  result: SimulationResult;
  /** Variant − baseline, paired over replications. */
  difference: { throughput: Estimate; peakKw: Estimate | null; kwhPerPart: Estimate | null };
  /** The throughput interval lies wholly above zero. */
  raisesThroughput: boolean;
  /** The highest peak demand of any replication is above `peakLimitKw` while the mean throughput rises. */
  peakLimitExceeded: boolean;
  /** Share of the variant's replications whose peak demand crossed `peakLimitKw` (null without a limit or energy data). */
  shareOverPeakLimit: number | null;
  warnings: string[];
}

export interface ScenarioComparison {
  replications: number;
  seed: number;
  peakLimitKw: number | null;
  baseline: { name: string; result: SimulationResult };
  variants: VariantComparison[];
}

function parseScenario(s: ScenarioInput, path: string): SimulationModel {
  try {
    return parseSimulationModel(s.model);
  } catch (err) {
    if (!(err instanceof SimulationInputError)) throw err;
    throw new SimulationInputError(err.issues.map((i) => ({ path: [path, i.path].filter(Boolean).join('.'), message: i.message })));
  }
}

/**
 * The baseline and the replications a comparison runs, after checking the variants: every variant
 * runs on the baseline's seed and replications (that is what common random numbers mean), so a
 * variant naming other values would have them ignored, and is refused instead.
 */
export function checkVariantSettings(input: ComparisonInput): { base: SimulationModel; n: number } {
  const base = parseScenario(input.baseline, 'baseline.model');
  const n = input.replications ?? base.replications;
  if (!Number.isInteger(n) || n < 2 || n > 1000) throw SimulationInputError.at('replications', 'must be an integer from 2 to 1000');
  // Compared with the baseline's own values: a comparison-wide `replications` applies to all alike.
  const used = { seed: base.seed, replications: base.replications };
  const issues = input.variants.flatMap((v, i) => {
    const own = (typeof v.model === 'object' && v.model !== null ? v.model : {}) as Record<string, unknown>;
    return (['seed', 'replications'] as const)
      .filter((key) => own[key] !== undefined && own[key] !== used[key])
      .map((key) => ({
        path: `variants.${i}.model.${key}`,
        message: `a comparison runs every variant on the baseline's ${key} (${used[key]}) for common random numbers; leave it out of the variant`,
      }));
  });
  if (issues.length) throw new SimulationInputError(issues);
  return { base, n };
}

/** Compares variants against a baseline; model errors name `baseline.model.…` or `variants.<i>.model.…`. */
export async function compareScenarios(input: ComparisonInput, options: RunOptions = {}): Promise<ScenarioComparison> {
  if (input.variants.length === 0) throw SimulationInputError.at('variants', 'at least one variant is needed');
  const started = performance.now();
  const { base, n } = checkVariantSettings(input);
  // Common random numbers need one seed; the precision target (which adds replications) is dropped.
  const variantModels = input.variants.map((v, i) => parseScenario(v, `variants.${i}.model`));
  // Throughputs are paired per time unit as they are: a variant in another unit would compare parts
  // per second with parts per minute, so it is refused rather than silently misread.
  const otherUnits = variantModels.flatMap((m, i) =>
    m.timeUnit === base.timeUnit
      ? []
      : [{ path: `variants.${i}.model.timeUnit`, message: `must be the baseline's time unit ('${base.timeUnit}'), not '${m.timeUnit}'` }],
  );
  if (otherUnits.length) throw new SimulationInputError(otherUnits);
  const models = [base, ...variantModels].map((m) => ({
    ...m,
    seed: base.seed,
    precision: undefined,
  }));
  const events = models.reduce((sum, m) => sum + n * estimateEvents(m).eventsPerReplication, 0);
  checkWallTime(events, n * models.length, base.limits?.maxWallSeconds ?? 600);
  const plans = models.map((m) => planRun(m));
  const jobs = plans.flatMap((plan) => Array.from({ length: n }, (_, r) => ({ plan, replication: r })));
  const runs = await runJobs(jobs, options);
  const elapsed = performance.now() - started;
  const results = plans.map((plan, s) => aggregate(plan, runs.slice(s * n, (s + 1) * n), models[s].timeUnit, elapsed));
  const per = (s: number) => runs.slice(s * n, (s + 1) * n);
  const limit = input.peakLimitKw ?? null;
  const variants = input.variants.map((v, i): VariantComparison => {
    const result = results[i + 1];
    const [baseRuns, varRuns] = [per(0), per(i + 1)];
    const energyDiff = (pick: (e: NonNullable<(typeof baseRuns)[number]['energy']>) => number | null) => {
      const a = varRuns.map((r) => (r.energy ? pick(r.energy) : null));
      const b = baseRuns.map((r) => (r.energy ? pick(r.energy) : null));
      return a.every((x) => x !== null) && b.every((x) => x !== null) ? pairedDifference(a as number[], b as number[]) : null;
    };
    const throughput = pairedDifference(
      varRuns.map((r) => r.throughput),
      baseRuns.map((r) => r.throughput),
    );
    // The limit is a hard site limit: one replication over it is a plant that trips, so the
    // highest peak seen is what counts, as the result reports it.
    const peak = result.energy?.peakKw?.max;
    const peakLimitExceeded = limit !== null && peak !== undefined && peak > limit && throughput.mean > 0;
    const peaks = varRuns.map((r) => r.energy?.peakKw ?? null);
    const shareOverPeakLimit =
      limit !== null && peaks.every((p) => p !== null) ? peaks.filter((p) => p! > limit).length / peaks.length : null;
    const warnings = peakLimitExceeded
      ? [
          `peak demand up to ${peak.toFixed(1)} kW (in ${Math.round(100 * shareOverPeakLimit!)} % of replications over the limit) exceeds the site limit of ${limit} kW although throughput rises by ${((100 * throughput.mean) / results[0].throughput.mean).toFixed(1)} %`,
        ]
      : [];
    return {
      name: v.name,
      result,
      difference: { throughput, peakKw: energyDiff((e) => e.peakKw), kwhPerPart: energyDiff((e) => e.kwhPerPart) },
      raisesThroughput: throughput.ciLow > 0,
      peakLimitExceeded,
      shareOverPeakLimit,
      warnings,
    };
  });
  return { replications: n, seed: base.seed, peakLimitKw: limit, baseline: { name: input.baseline.name, result: results[0] }, variants };
}
