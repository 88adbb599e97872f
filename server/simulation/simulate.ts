/**
 * `simulateModel`: validate, plan, run the replications (adding more until a requested
 * precision is met, up to its cap) and aggregate. Replication r always uses the same seed
 * stream, so a result depends only on the model, never on scheduling.
 */
import { aggregate, type SimulationResult } from './aggregate.ts';
import { checkRunSize } from './estimate.ts';
import { estimate, relativeHalfWidth } from './intervals.ts';
import { parseSimulationModel } from './model.ts';
import { planRun } from './plan.ts';
import type { ReplicationSummary } from './replication.ts';
import { runJobs, type RunOptions } from './dispatch.ts';

export interface PrecisionOutcome {
  target: number;
  achieved: number;
  reached: boolean;
}

/** Replications to add so the relative half-width falls to `target` (half-width ∝ 1/√n). */
export function replicationsToAdd(n: number, achieved: number, target: number, cap: number): number {
  const needed = Math.ceil(n * (achieved / target) ** 2);
  return Math.max(1, Math.min(cap, needed) - n);
}

/**
 * Simulates a model (any input; invalid models throw `SimulationInputError`).
 * Cancel with `signal` (rejects with an AbortError); `onProgress` follows the run.
 */
export async function simulateModel(
  input: unknown,
  options: RunOptions = {},
): Promise<SimulationResult & { precision?: PrecisionOutcome }> {
  const started = performance.now();
  const model = parseSimulationModel(input);
  checkRunSize(model);
  const plan = planRun(model);
  const cap = model.precision?.maxReplications ?? model.replications;
  const runs: ReplicationSummary[] = [];
  let count = model.replications;
  for (;;) {
    const jobs = Array.from({ length: count - runs.length }, (_, i) => ({ plan, replication: runs.length + i }));
    runs.push(...(await runJobs(jobs, options, runs.length, count)));
    if (!model.precision) break;
    const achieved = relativeHalfWidth(estimate(runs.map((r) => r.throughput)));
    if (achieved <= model.precision.relativeHalfWidth || runs.length >= cap) break;
    count = runs.length + replicationsToAdd(runs.length, achieved, model.precision.relativeHalfWidth, cap);
  }
  const result = aggregate(plan, runs, model.timeUnit, performance.now() - started);
  if (!model.precision) return result;
  const achieved = relativeHalfWidth(result.throughput);
  return {
    ...result,
    precision: { target: model.precision.relativeHalfWidth, achieved, reached: achieved <= model.precision.relativeHalfWidth },
  };
}
