/**
 * The line as it runs against a proposed balance: the observed load of each station (its mean
 * cycle time from live data) beside the proposed station loads of a balancing run of the same
 * line. Both sides get the same figures (stations, cycle time = the largest load, line efficiency,
 * smoothness index), and the work content of the task model is set against the one observed, so
 * a planner sees whether the plan is built on times the line really runs.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { balancingRuns } from '../../db/schema/index.ts';
import type { Viewer } from '../access/index.ts';
import { ruleViolation } from '../core/errors.ts';
import { lineStationLoads } from '../metrics/index.ts';
import { getBalancingRun } from './lineBalancing.ts';
import { smoothnessIndex } from './metrics.ts';

type Query = { from?: string; to?: string; window?: '7d' | 'today' | 'current-shift'; runId?: string };

/** Line efficiency Σ loads ÷ (stations × largest load) and smoothness √Σ(max − load)². */
function figures(loads: readonly number[]) {
  const max = Math.max(...loads);
  const sum = loads.reduce((a, b) => a + b, 0);
  return {
    stations: loads.length,
    cycleTime: max,
    workContent: sum,
    lineEfficiency: max > 0 ? sum / (loads.length * max) : null,
    smoothnessIndex: smoothnessIndex(loads),
  };
}

export async function compareWithCurrent(db: Db, viewer: Viewer, lineId: string, query: Query, now: Date) {
  const { runId, ...window } = query;
  const observed = await lineStationLoads(db, viewer, lineId, window, now);
  let id = runId;
  if (!id) {
    const [latest] = await db
      .select({ id: balancingRuns.id })
      .from(balancingRuns)
      .where(eq(balancingRuns.lineId, lineId))
      .orderBy(desc(balancingRuns.createdAt), desc(balancingRuns.id))
      .limit(1);
    if (!latest) throw ruleViolation('this line has no balance yet: POST /lines/{id}/balance first');
    id = latest.id;
  }
  const run = await getBalancingRun(db, viewer, id);
  if (run.lineId !== lineId) throw ruleViolation('the balancing run belongs to another line', { runId: id });
  const measured = observed.stations.filter((s) => s.cycleTime.mean.value !== null);
  const missing = observed.stations.filter((s) => s.cycleTime.mean.value === null).map((s) => s.code);
  const current = measured.length ? figures(measured.map((s) => s.cycleTime.mean.value as number)) : null;
  const proposedLoads = run.result.stationLoads.map((s) => s.load);
  const proposed = figures(proposedLoads);
  return {
    lineId,
    window: observed.window,
    current: {
      stations: observed.stations,
      /** Over the stations with cycles in the window; null when none has any. */
      figures: current,
      bottleneck: current ? measured.find((s) => s.cycleTime.mean.value === current.cycleTime)!.code : null,
      unmeasured: missing,
    },
    proposed: {
      runId: run.id,
      title: run.title,
      provenOptimal: run.result.provenOptimal,
      stationLoads: run.result.stationLoads,
      figures: proposed,
    },
    change: current
      ? {
          stations: proposed.stations - observed.stations.length,
          cycleTime: proposed.cycleTime - current.cycleTime,
          /** Parts per hour at each side's cycle time (no losses on either side). */
          partsPerHour: { current: 3600 / current.cycleTime, proposed: 3600 / proposed.cycleTime },
          /** Observed work content over the task model's: above 1, the line runs slower than the tasks say. */
          workContentRatio: proposed.workContent > 0 ? current.workContent / proposed.workContent : null,
        }
      : null,
  };
}
