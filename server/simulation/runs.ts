import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { decisionPredictions, decisionRuns, lineSimulationModels, lines, simulationRuns, stations } from '../../db/schema/index.ts';
import { InvalidInputError, NotFoundError, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, visibilityFor, type Viewer } from '../access/index.ts';
import { deleteUnlessUsed, rowsOf } from '../core/lifecycle.ts';
import { SimulationInputError } from './errors.ts';
import { parseSimulationModel } from './model.ts';
import { checkVariantSettings } from './compare.ts';
import { checkRunSize } from './estimate.ts';
import { audit, type Write } from '../core/write.ts';

type RunRow = typeof simulationRuns.$inferSelect;

/** A model error as invalid input whose field paths point into the request body. */
function modelProblem(err: unknown, prefix: string): unknown {
  if (!(err instanceof SimulationInputError)) return err;
  const errors = err.issues.map((i) => ({ path: [prefix, i.path].filter(Boolean).join('.'), message: i.message }));
  return new InvalidInputError(`invalid simulation model: ${err.message}`, errors);
}

/** Checks a model's shape, rules and run size (a run that would take hours is refused here). */
function checkModel(model: unknown, prefix: string): void {
  try {
    checkRunSize(parseSimulationModel(model));
  } catch (err) {
    throw modelProblem(err, prefix);
  }
}

/** Stores a line's throughput model; its machines must be the line's stations, in flow order. */
export async function setLineSimulationModel(w: Write, lineId: string, model: Record<string, unknown>) {
  await checkSees(w.tx, w.actor, 'line', lineId);
  await findOrNotFound(w.tx, lines, 'line', lineId);
  checkModel(model, 'body');
  const codes = (
    await w.tx.select({ code: stations.code }).from(stations).where(eq(stations.lineId, lineId)).orderBy(asc(stations.position))
  ).map((s) => s.code);
  const names = (model.machines as { name: string }[]).map((m) => m.name);
  if (codes.join('\n') !== names.join('\n')) {
    throw ruleViolation(
      `the model's machines must be the line's stations in flow order: ${codes.join(', ') || '(the line has no stations)'}`,
      { stations: codes },
      [{ path: 'body.machines', message: 'names must be the station codes, in order' }],
    );
  }
  const [before] = await w.tx.select().from(lineSimulationModels).where(eq(lineSimulationModels.lineId, lineId));
  const row = { lineId, model, updatedById: w.actor.personId, updatedAt: w.now };
  await w.tx.insert(lineSimulationModels).values(row).onConflictDoUpdate({ target: lineSimulationModels.lineId, set: row });
  await audit(w, { entityType: 'line', entityId: lineId, action: 'set-simulation-model', before: before?.model ?? null, after: model });
  return row;
}

export async function getLineSimulationModel(db: Db, viewer: Viewer, lineId: string) {
  await checkSees(db, viewer, 'line', lineId);
  await findOrNotFound(db, lines, 'line', lineId);
  const [row] = await db.select().from(lineSimulationModels).where(eq(lineSimulationModels.lineId, lineId));
  if (!row) throw new NotFoundError('this line has no simulation model yet; PUT one first');
  return { ...row, model: row.model as Record<string, unknown> };
}

export async function enqueueRun(
  w: Write,
  values: Pick<RunRow, 'kind' | 'title' | 'input'> & { lineId?: string | null; useCaseId?: string | null },
) {
  const [row] = await w.tx
    .insert(simulationRuns)
    .values({ ...values, status: 'queued', createdById: w.actor.personId, createdAt: w.now })
    .returning();
  await audit(w, {
    entityType: 'simulation_run',
    entityId: row.id,
    action: 'submit',
    after: { kind: row.kind, title: row.title, lineId: row.lineId, useCaseId: row.useCaseId },
  });
  return row;
}

/** Queues a simulation of an uploaded model. */
export function submitSimulation(w: Write, input: { title?: string; model: Record<string, unknown> }) {
  checkModel(input.model, 'body.model');
  return enqueueRun(w, { kind: 'simulation', title: input.title ?? 'Uploaded model', input: { model: input.model } });
}

export type RunSettings = Partial<Record<'horizon' | 'warmup' | 'replications' | 'seed' | 'precision', unknown>>;

/** Queues a simulation of a line's stored model, with run settings (horizon, seed, …) overridden. */
export async function submitLineSimulation(w: Write, lineId: string, input: { title?: string; settings?: RunSettings }) {
  const stored = await getLineSimulationModel(w.tx, w.actor, lineId);
  const model = { ...(stored.model as Record<string, unknown>), ...input.settings };
  checkModel(model, 'body.settings');
  const line = await findOrNotFound(w.tx, lines, 'line', lineId);
  return enqueueRun(w, { kind: 'simulation', lineId, title: input.title ?? `${line.name}: throughput`, input: { model } });
}

export interface ScenarioRef {
  name: string;
  model?: Record<string, unknown>;
  /** A stored simulation run whose model to use. */
  runId?: string;
}

/** A scenario's model; one taken from a stored run also says the run's line (null: none). */
async function scenarioModel(
  db: Db,
  viewer: Viewer,
  s: ScenarioRef,
  path: string,
  isVariant: boolean,
): Promise<{ name: string; model: unknown; lineId: string | null }> {
  if (s.model) {
    checkModel(s.model, `${path}.model`);
    return { name: s.name, model: s.model, lineId: null };
  }
  // A run of a line out of the caller's scope names nothing for them.
  await checkSees(db, viewer, 'simulation_run', s.runId as string, `${path}.runId`);
  const run = await findOrNotFound(db, simulationRuns, 'simulation run', s.runId as string, { field: `${path}.runId` });
  if (run.kind !== 'simulation')
    throw ruleViolation('a comparison is built from simulation runs, not comparisons', {}, [
      { path: `${path}.runId`, message: 'not a simulation run' },
    ]);
  // A stored run's seed and replications are its run settings, not part of the scenario: the
  // comparison decides them (common random numbers on the baseline's).
  const stored = (run.input as { model: Record<string, unknown> }).model;
  if (!isVariant) return { name: s.name, model: stored, lineId: run.lineId };
  const { seed: _seed, replications: _replications, ...model } = stored;
  return { name: s.name, model, lineId: run.lineId };
}

/** Queues a scenario comparison: a baseline and variants on common random numbers. */
export async function submitComparison(
  w: Write,
  input: { title?: string; lineId?: string; baseline: ScenarioRef; variants: ScenarioRef[]; peakLimitKw?: number; replications?: number },
) {
  if (input.lineId) {
    await checkSees(w.tx, w.actor, 'line', input.lineId, 'body.lineId');
    await findOrNotFound(w.tx, lines, 'line', input.lineId, { field: 'body.lineId' });
  }
  const { lineId: baselineLine, ...baseline } = await scenarioModel(w.tx, w.actor, input.baseline, 'body.baseline', false);
  const variants = [];
  const lineIds = [baselineLine];
  for (const [i, v] of input.variants.entries()) {
    const { lineId, ...variant } = await scenarioModel(w.tx, w.actor, v, `body.variants.${i}`, true);
    variants.push(variant);
    lineIds.push(lineId);
  }
  // Built from a line's stored run, the comparison is of that line (and seen where the line is),
  // so that a line's model never reaches those out of its scope through a comparison of no line.
  // One comparison is of one line: runs of different lines (or of a line other than the one named)
  // would carry one line's model to the people of another.
  const named = [...new Set([input.lineId ?? null, ...lineIds].filter((id): id is string => id !== null))];
  if (named.length > 1) {
    throw ruleViolation('a comparison is of one line: its runs and its lineId name different lines', { lineIds: named }, [
      { path: 'body', message: 'runs of different lines' },
    ]);
  }
  const lineId = named[0] ?? null;
  const comparison = { baseline, variants, peakLimitKw: input.peakLimitKw, replications: input.replications };
  try {
    checkVariantSettings(comparison);
  } catch (err) {
    throw modelProblem(err, 'body');
  }
  return enqueueRun(w, {
    kind: 'comparison',
    lineId,
    title: input.title ?? `${baseline.name} vs ${variants.map((v) => v.name).join(', ')}`,
    input: comparison,
  });
}

/** Cancels a queued run at once, or asks the runner to stop a running one. */
export async function cancelRun(w: Write, id: string) {
  // Its maker, a planner in scope, or an admin.
  await checkMayChange(w, 'simulation_run', id, { roles: ['planner'] });
  const before = await findOrNotFound(w.tx, simulationRuns, 'simulation run', id, { forUpdate: true });
  if (before.status !== 'queued' && before.status !== 'running')
    throw ruleViolation(`the run has already ${before.status === 'cancelled' ? 'been cancelled' : before.status}`, {
      currentStatus: before.status,
    });
  const fields =
    before.status === 'queued' ? { status: 'cancelled' as const, finishedAt: w.now, cancelRequested: true } : { cancelRequested: true };
  const [after] = await w.tx.update(simulationRuns).set(fields).where(eq(simulationRuns.id, id)).returning();
  await audit(w, {
    entityType: 'simulation_run',
    entityId: id,
    action: 'cancel',
    before: { status: before.status },
    after: { status: after.status },
  });
  return after;
}

export async function getRun(db: Db, viewer: Viewer, id: string) {
  await checkSees(db, viewer, 'simulation_run', id);
  return findOrNotFound(db, simulationRuns, 'simulation run', id);
}

/** What a list of runs shows of each: not its (large) input and result. */
export const runSummaryColumns = {
  id: simulationRuns.id,
  kind: simulationRuns.kind,
  lineId: simulationRuns.lineId,
  title: simulationRuns.title,
  status: simulationRuns.status,
  progress: simulationRuns.progress,
  createdById: simulationRuns.createdById,
  createdAt: simulationRuns.createdAt,
  finishedAt: simulationRuns.finishedAt,
};

/** Stored runs, newest first, without their (large) inputs and results. */
export async function listRuns(db: Db, viewer: Viewer, filter: { lineId?: string; kind?: RunRow['kind']; status?: RunRow['status'] }) {
  if (filter.lineId) await checkSees(db, viewer, 'line', filter.lineId, 'query.lineId');
  const sees = await visibilityFor(db, viewer);
  const conditions = [
    filter.lineId ? eq(simulationRuns.lineId, filter.lineId) : undefined,
    filter.kind ? eq(simulationRuns.kind, filter.kind) : undefined,
    filter.status ? eq(simulationRuns.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db
    .select(runSummaryColumns)
    .from(simulationRuns)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(simulationRuns.createdAt), desc(simulationRuns.id));
  return rows.filter((r) => !r.lineId || sees.line(r.lineId));
}

/** Deletes a finished run (a planner's scratch work); a queued or running one is cancelled first. */
export async function deleteRun(w: Write, id: string) {
  await checkMayChange(w, 'simulation_run', id, { roles: ['planner'] });
  // A decision is a record of what it was based on: the run stays with it.
  const dependents = [
    rowsOf('decisions based on it', decisionRuns, eq(decisionRuns.runId, id)),
    rowsOf('decision predictions taken from it', decisionPredictions, eq(decisionPredictions.runId, id)),
  ];
  await deleteUnlessUsed(
    w,
    { table: simulationRuns, entityType: 'simulation_run', entity: 'simulation run' },
    id,
    dependents,
    '',
    (run) => {
      if (run.status === 'queued' || run.status === 'running') {
        throw ruleViolation(`the run is ${run.status}; cancel it first`, { currentStatus: run.status });
      }
    },
  );
}
