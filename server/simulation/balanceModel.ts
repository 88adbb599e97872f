/**
 * A proposed balance as a simulation model, so that it can be simulated before it is decided
 * (issue 14). The rule:
 * - Station k of the balance becomes machine k. Its process time is its load, the sum of its
 *   tasks' times (seconds, the line's task unit), converted to the model's time unit; the shape of
 *   the time stays that of the model's machine at the same position (its coefficient of variation,
 *   its distribution, observed samples scaled), so variability measured on the line is kept. A
 *   machine with a time per product has each product's time scaled by the same factor, the load
 *   over the machine's mean across products weighted by their shares.
 * - Its parallel workplaces (replicas) are the machine's count; each one takes the station's load.
 * - Failures, power, changeovers and the buffer after it come from the model's machine at the same
 *   position, the last machine's (and the last buffer's, 0 without any) when the balance has more
 *   stations than the model has machines; such added stations are named after the balance's
 *   station number (`S7`). With fewer stations, the model's last machines and buffers are dropped.
 * - Everything else of the model (products, sequence, horizon, replications, energy) is kept.
 */
import type { Db } from '../../db/client.ts';
import type { Viewer } from '../access/index.ts';
import { ruleViolation } from '../core/errors.ts';
import type { StationLoad } from '../balancing/metrics.ts';
import { getBalancingRun } from '../balancing/lineBalancing.ts';
import { getLineSimulationModel } from './runs.ts';
import { SimulationInputError } from './errors.ts';
import { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';
import { scaleProcessTime } from './lineScenarios.ts';
import { distributionMean } from './flatten.ts';
import type { Distribution } from './model.ts';

type Model = Record<string, unknown>;

/** A machine's mean process time over its products, weighted by their shares (equal without). */
function machineMean(processTime: unknown, shares: Map<string, number>): number {
  if (typeof processTime === 'object' && processTime !== null && 'dist' in processTime)
    return distributionMean(processTime as Distribution);
  const entries = Object.entries(processTime as Record<string, Distribution>);
  const weight = (product: string) => shares.get(product) ?? (shares.size ? 0 : 1);
  const total = entries.reduce((s, [p]) => s + weight(p), 0);
  return total > 0 ? entries.reduce((s, [p, d]) => s + weight(p) * distributionMean(d), 0) / total : 0;
}

export function balanceAsModel(base: Model, stationLoads: readonly StationLoad[]): Model {
  const machines = base.machines as Model[];
  const buffers = base.buffers as number[];
  if (!stationLoads.length) throw SimulationInputError.at('stationLoads', 'the balance has no stations');
  const unitSeconds = SECONDS_PER_TIME_UNIT[(base.timeUnit as keyof typeof SECONDS_PER_TIME_UNIT | undefined) ?? 'min'];
  const shares = new Map(((base.products as { name: string; share?: number }[] | undefined) ?? []).map((p) => [p.name, p.share ?? 1]));
  const proposed = stationLoads.map((s, k) => {
    const like = machines[Math.min(k, machines.length - 1)];
    const load = s.load / unitSeconds;
    const mean = machineMean(like.processTime, shares);
    const processTime = mean > 0 ? scaleProcessTime(like.processTime, load / mean) : { dist: 'deterministic', mean: load };
    return {
      ...like,
      name: k < machines.length ? like.name : `S${s.station}`,
      count: s.replicas ?? 1,
      processTime,
    };
  });
  const between = proposed.slice(1).map((_, j) => buffers[Math.min(j, buffers.length - 1)] ?? 0);
  return { ...base, machines: proposed, buffers: between };
}

/** A line's balancing run as a model of its line (the rule above), with what it was made from. */
export async function balancingRunModel(db: Db, viewer: Viewer, runId: string) {
  const run = await getBalancingRun(db, viewer, runId);
  if (!run.lineId) throw ruleViolation('the balancing run belongs to no line: there is no line model to take failures and buffers from');
  const stored = await getLineSimulationModel(db, viewer, run.lineId);
  return {
    runId: run.id,
    lineId: run.lineId,
    title: run.title,
    baseUpdatedAt: stored.updatedAt,
    model: balanceAsModel(stored.model, run.result.stationLoads),
  };
}
