/**
 * What the balance page reads, in one go: the line (and its site's zone), its stored tasks, its
 * runs, and the two runs it shows: the proposal (`?run=`) and the current balance (`?current=`,
 * else the newest run of the line other than the proposal: what the line was last balanced to).
 */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lineSimulationModels } from '../../db/schema/index.ts';
import type { Viewer } from '../access/index.ts';
import { notFound } from '../core/errors.ts';
import { linePath, listSites } from '../plant/plant.ts';
import { getBalancingRun, getLineTasks, listBalancingRuns } from './lineBalancing.ts';
import type { BalanceRun } from './pageModel.ts';
import { PAGE_DEFAULT_TIME_LIMIT_S } from './pageForms.ts';

const uuid = z.uuid();

/** An id from the URL, or 404: a malformed id names nothing (and never reaches the database). */
export function idOr404(id: string | undefined, entity: string): string {
  if (id === undefined || !uuid.safeParse(id).success) throw notFound(entity, String(id));
  return id;
}

export type BalancePageData = Awaited<ReturnType<typeof loadBalancePage>>;

/** A run of this line, or 404 (a run of another line, or of none, is not this page's). */
async function runOfLine(db: Db, viewer: Viewer, lineId: string, runId: string): Promise<BalanceRun> {
  const run = await getBalancingRun(db, viewer, runId);
  if (run.lineId !== lineId) throw notFound('balancing run', runId);
  return { id: run.id, title: run.title, createdAt: new Date(run.createdAt), input: run.input, result: run.result };
}

export async function loadBalancePage(db: Db, viewer: Viewer, lineId: string, pick: { runId?: string; currentId?: string } = {}) {
  // The proposal is known from the URL: it is read beside the rest; the current one may need the list of runs first.
  const proposedRead = pick.runId ? runOfLine(db, viewer, lineId, pick.runId) : Promise.resolve(undefined);
  const [{ line, siteId }, stored, runs, sites, proposed, model] = await Promise.all([
    linePath(db, viewer, lineId),
    getLineTasks(db, viewer, lineId),
    listBalancingRuns(db, viewer, lineId),
    listSites(db, viewer),
    proposedRead,
    db.select({ lineId: lineSimulationModels.lineId }).from(lineSimulationModels).where(eq(lineSimulationModels.lineId, lineId)),
  ]);
  const currentId = pick.currentId ?? runs.find((r) => r.id !== pick.runId)?.id;
  const current = currentId ? await runOfLine(db, viewer, lineId, currentId) : undefined;
  return {
    line: { id: line.id, name: line.name, code: line.code },
    zone: sites.find((s) => s.id === siteId)?.timezone ?? 'UTC',
    stored,
    runs: runs.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    proposed,
    current,
    descriptions: new Map(stored.tasks.map((task) => [task.id, task.description ?? ''])),
    /** A balance is simulated as a model of the line's stored model: without one it cannot be. */
    hasSimulationModel: model.length > 0,
  };
}

/** The balance form filled as the run shown was asked for (its target and options), else empty with the page's time limit. */
export function balanceFormValues(run: BalanceRun | undefined): Record<string, string> {
  const values: Record<string, string> = { timeLimit: String(PAGE_DEFAULT_TIME_LIMIT_S) };
  const input = (run?.input ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'number' ? String(Number(v.toFixed(6))) : '');
  if (input.cycleTime !== undefined) values.target = 'cycle';
  else if (input.stations !== undefined) values.target = 'stations';
  else if (input.demand !== undefined) values.target = 'takt';
  for (const key of ['cycleTime', 'stations', 'demand', 'availableTime']) if (input[key] !== undefined) values[key] = text(input[key]);
  if (typeof input.utilisation === 'number') values.utilisation = text(100 * input.utilisation);
  if (input.layout === 'u') values.layout = 'u';
  const parallel = input.parallel as { maxReplicas?: number; replicaCost?: number } | undefined;
  if (parallel?.maxReplicas !== undefined) values.maxReplicas = text(parallel.maxReplicas);
  if (parallel?.replicaCost !== undefined && parallel.replicaCost !== 1) values.replicaCost = text(parallel.replicaCost);
  if (input.mixedRule === 'average' || input.mixedRule === 'strict') values.mixedRule = input.mixedRule;
  if (typeof input.overloadTolerance === 'number') values.overloadTolerance = text(100 * input.overloadTolerance);
  if (Array.isArray(input.sequence) && input.sequence.length <= 1000) values.sequence = input.sequence.join(',');
  return values;
}
