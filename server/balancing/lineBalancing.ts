import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  balancingRuns,
  decisions,
  lineModels,
  lines,
  lineTaskPrecedences,
  lineTasks,
  lineTaskTimes,
  lineTaskZoning,
} from '../../db/schema/index.ts';
import type { Actor, AppDeps } from '../deps.ts';
import { InvalidInputError, NoSolutionError, ruleViolation } from '../core/errors.ts';
import { solveOffThread } from './pool.ts';
import { parseAlb } from './alb.ts';
import { parseCsv } from './csv.ts';
import { normalisedShares, parseModelShares, sharesForColumns } from './modelShares.ts';
import { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
import type { BalancingResult } from './solve.ts';
import { balanceTargetFields, MAX_TIME_LIMIT_MS } from './problemSchema.ts';
import { indexTasks } from './precedence.ts';
import { applyZoning } from './zoning.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, systemViewer, visibilityFor, type Viewer } from '../access/index.ts';
import { deleteUnlessUsed, rowsOf } from '../core/lifecycle.ts';
import { audit, inTransaction, type Write } from '../core/write.ts';

export interface LineTasksInput {
  /** A mixed-model line's models with their demand shares; then every task gives `times` by model. */
  models?: { id: string; share: number }[];
  tasks: { id: string; description?: string; time?: number; times?: Record<string, number>; predecessors: string[] }[];
  constraints: { fixed: { task: string; station: number }[]; mustShare: [string, string][]; mustNotShare: [string, string][] };
}

/** A task's time for a line of one model, or its share-weighted average over the models. */
function taskTime(input: LineTasksInput, task: LineTasksInput['tasks'][number]): number {
  if (!input.models) return task.time!;
  const shares = normalisedShares(input.models);
  return input.models.reduce((sum, m, k) => sum + shares[k] * (task.times?.[m.id] ?? 0), 0);
}

/** Where a field of the balancing problem sits in the request: `tasks.3.time` → `body.problem.tasks.3.time`. */
export type FieldPlace = (field: string | undefined) => string;

/** Fields under one prefix of the request (a parser's `line N` is the whole of it). */
export const underPrefix =
  (prefix: string): FieldPlace =>
  (field) =>
    field && !field.startsWith('line ') ? `${prefix}.${field}` : prefix;

const targetKeys = new Set([...Object.keys(balanceTargetFields(MAX_TIME_LIMIT_MS)), 'mixedRule', 'overloadTolerance', 'layout']);

/** An upload: the target and options came in the query, the tasks in the file (the body). */
export const uploadPlace: FieldPlace = (field) =>
  field?.startsWith('parallel') ? `query.maxReplicas` : field && targetKeys.has(field.split('.')[0]) ? `query.${field}` : 'body';

/** A balancing error as a domain error whose field points where the request holds it. */
export function balancingProblem(err: unknown, at: FieldPlace = underPrefix('body')): unknown {
  if (err instanceof BalancingInputError) return new InvalidInputError(err.message, [{ path: at(err.field), message: err.message }]);
  if (err instanceof BalancingNoSolutionError) {
    return new NoSolutionError(err.message, [{ path: at(err.field), message: err.message }], { reason: err.reason });
  }
  return err;
}

/** Replaces a line's tasks, precedence and zoning; the graph is checked as the solver would. */
export async function setLineTasks(w: Write, lineId: string, input: LineTasksInput) {
  await checkSees(w.tx, w.actor, 'line', lineId);
  await findOrNotFound(w.tx, lines, 'line', lineId, { forUpdate: true });
  try {
    applyZoning(indexTasks(input.tasks), input.constraints);
  } catch (err) {
    throw balancingProblem(err);
  }
  const before = await getLineTasks(w.tx, systemViewer, lineId);
  await w.tx.delete(lineTasks).where(eq(lineTasks.lineId, lineId));
  await w.tx.delete(lineModels).where(eq(lineModels.lineId, lineId));
  const fixed = new Map(input.constraints.fixed.map((f) => [f.task, f.station]));
  const rows = input.tasks.length
    ? await w.tx
        .insert(lineTasks)
        .values(
          input.tasks.map((t, i) => ({
            lineId,
            code: t.id,
            description: t.description ?? '',
            time: taskTime(input, t),
            fixedStation: fixed.get(t.id) ?? null,
            position: i + 1,
          })),
        )
        .returning({ id: lineTasks.id, code: lineTasks.code })
    : [];
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  if (input.models?.length) {
    const models = await w.tx
      .insert(lineModels)
      .values(input.models.map((m, i) => ({ lineId, code: m.id, share: m.share, position: i + 1 })))
      .returning({ id: lineModels.id, code: lineModels.code });
    const times = input.tasks.flatMap((t) => models.map((m) => ({ taskId: idOf.get(t.id)!, modelId: m.id, time: t.times?.[m.code] ?? 0 })));
    if (times.length) await w.tx.insert(lineTaskTimes).values(times);
  }
  const arcs = input.tasks.flatMap((t) =>
    [...new Set(t.predecessors)].map((p) => ({ predecessorId: idOf.get(p)!, successorId: idOf.get(t.id)! })),
  );
  if (arcs.length) await w.tx.insert(lineTaskPrecedences).values(arcs);
  const zoning = [
    ...input.constraints.mustShare.map(([a, b]) => ({ taskAId: idOf.get(a)!, taskBId: idOf.get(b)!, kind: 'same_station' as const })),
    ...input.constraints.mustNotShare.map(([a, b]) => ({
      taskAId: idOf.get(a)!,
      taskBId: idOf.get(b)!,
      kind: 'different_station' as const,
    })),
  ];
  if (zoning.length) await w.tx.insert(lineTaskZoning).values(zoning).onConflictDoNothing();
  await audit(w, { entityType: 'line', entityId: lineId, action: 'set-tasks', before, after: input });
  return getLineTasks(w.tx, systemViewer, lineId);
}

/** A line's tasks in entry order with their predecessors and zoning, in the solver's terms. */
export async function getLineTasks(
  db: Db,
  viewer: Viewer,
  lineId: string,
): Promise<LineTasksInput & { lineId: string; totalTime: number }> {
  await checkSees(db, viewer, 'line', lineId);
  await findOrNotFound(db, lines, 'line', lineId);
  const rows = await db.select().from(lineTasks).where(eq(lineTasks.lineId, lineId)).orderBy(asc(lineTasks.position));
  const models = await db.select().from(lineModels).where(eq(lineModels.lineId, lineId)).orderBy(asc(lineModels.position));
  const ids = rows.map((r) => r.id);
  const modelTimes = models.length && ids.length ? await db.select().from(lineTaskTimes).where(inArray(lineTaskTimes.taskId, ids)) : [];
  const timeOf = new Map(modelTimes.map((x) => [`${x.taskId} ${x.modelId}`, x.time]));
  const timesOf = (taskId: string) => Object.fromEntries(models.map((m) => [m.code, timeOf.get(`${taskId} ${m.id}`) ?? 0]));
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const arcs = ids.length ? await db.select().from(lineTaskPrecedences).where(inArray(lineTaskPrecedences.successorId, ids)) : [];
  const zoning = ids.length ? await db.select().from(lineTaskZoning).where(inArray(lineTaskZoning.taskAId, ids)) : [];
  const pair = (z: (typeof zoning)[number]): [string, string] => [codeOf.get(z.taskAId)!, codeOf.get(z.taskBId)!];
  return {
    lineId,
    totalTime: rows.reduce((s, r) => s + r.time, 0),
    ...(models.length ? { models: models.map((m) => ({ id: m.code, share: m.share })) } : {}),
    tasks: rows.map((r) => ({
      id: r.code,
      description: r.description,
      // A mixed-model task: its time by model (its `time`, stored, is the share-weighted average).
      ...(models.length ? { times: timesOf(r.id) } : { time: r.time }),
      predecessors: arcs
        .filter((a) => a.successorId === r.id)
        .map((a) => codeOf.get(a.predecessorId)!)
        .sort(),
    })),
    constraints: {
      fixed: rows.filter((r) => r.fixedStation !== null).map((r) => ({ task: r.code, station: r.fixedStation! })),
      mustShare: zoning.filter((z) => z.kind === 'same_station').map(pair),
      mustNotShare: zoning.filter((z) => z.kind === 'different_station').map(pair),
    },
  };
}

/** The target a stored line or an uploaded file is balanced to: the target fields of a problem (and for a stored line its layout and parallel stations). */
export type BalanceTarget = z.infer<z.ZodObject<ReturnType<typeof balanceTargetFields>>> & {
  layout?: 'straight' | 'u';
  parallel?: { maxReplicas: number; replicaCost: number };
  mixedRule?: 'strict' | 'average';
  overloadTolerance?: number;
  sequence?: string[];
};

/**
 * Solves off the request thread, then stores the problem and its result together. The
 * transaction opens only after the solve: a search running to its time limit holds no locks.
 */
export async function balanceAndRecord(
  deps: AppDeps,
  actor: Actor,
  input: { lineId?: string; title: string; problem: Record<string, unknown> },
  place: FieldPlace = underPrefix('body.problem'),
) {
  let result: BalancingResult;
  try {
    result = await solveOffThread(input.problem);
  } catch (err) {
    throw balancingProblem(err, place);
  }
  return inTransaction(deps, actor, (w) => recordBalancingRun(w, { ...input, result }));
}

/** Stores a solved problem with its result. */
export async function recordBalancingRun(
  w: Write,
  input: { lineId?: string; title: string; problem: Record<string, unknown>; result: BalancingResult },
) {
  const { result } = input;
  const [row] = await w.tx
    .insert(balancingRuns)
    .values({
      lineId: input.lineId ?? null,
      title: input.title,
      problem: result.problem,
      input: input.problem,
      result,
      stations: result.stations,
      cycleTime: result.cycleTime,
      provenOptimal: result.provenOptimal,
      lowerBound: result.lowerBound,
      elapsedMs: result.elapsedMs,
      createdById: w.actor.personId,
      createdAt: w.now,
    })
    .returning();
  await audit(w, {
    entityType: 'balancing_run',
    entityId: row.id,
    action: 'create',
    after: { title: row.title, lineId: row.lineId, stations: row.stations, cycleTime: row.cycleTime },
  });
  return { ...row, result };
}

/** Balances a stored line to a target and stores the run (titled after the line by default). */
export async function balanceStoredLine(deps: AppDeps, actor: Actor, lineId: string, target: BalanceTarget, title?: string) {
  await checkSees(deps.db, actor, 'line', lineId);
  const line = await findOrNotFound(deps.db, lines, 'line', lineId);
  const problem = await lineProblem(deps.db, lineId, target);
  return balanceAndRecord(deps, actor, { lineId, title: title ?? `${line.name}: balance`, problem }, underPrefix('body'));
}

/** The problem of a stored line balanced to a target (cycle time, station count or takt). */
export async function lineProblem(db: Db, lineId: string, target: BalanceTarget) {
  const stored = await getLineTasks(db, systemViewer, lineId);
  if (!stored.tasks.length) throw ruleViolation('this line has no tasks yet; PUT /lines/{id}/tasks first');
  return {
    ...(stored.models ? { models: stored.models } : {}),
    tasks: stored.tasks.map(({ id, time, times, predecessors }) => ({ id, ...(times ? { times } : { time }), predecessors })),
    constraints: stored.constraints,
    ...target,
  };
}

/** The variant options of an upload, flat as query parameters. */
export interface UploadVariants {
  /** Demand shares of a mixed-model CSV, `A=0.6,B=0.4`. */
  models?: string;
  mixedRule?: 'strict' | 'average';
  overloadTolerance?: number;
  layout?: 'straight' | 'u';
  maxReplicas?: number;
  replicaCost?: number;
}

/**
 * A problem from an uploaded `.alb` or CSV file, a target (an `.alb` brings its own cycle
 * time) and the variant options; a CSV with `time:<model>` columns needs `models` (the shares).
 */
export function uploadedProblem(format: 'alb' | 'csv', text: string, target: BalanceTarget, variants: UploadVariants = {}) {
  const { models, maxReplicas, replicaCost, ...options } = variants;
  const parallel = maxReplicas !== undefined ? { parallel: { maxReplicas, replicaCost: replicaCost ?? 1 } } : {};
  try {
    const shares = models !== undefined ? parseModelShares(models, 'query.models') : undefined;
    if (replicaCost !== undefined && maxReplicas === undefined) {
      throw new BalancingInputError('query.replicaCost', 'query.replicaCost: applies to parallel stations (give maxReplicas)');
    }
    if (format === 'csv') {
      const { tasks, modelIds } = parseCsv(text);
      if (shares && !modelIds) throw new BalancingInputError('query.models', 'query.models: the file has no time:<model> columns');
      const mixed = modelIds ? { models: sharesForColumns(modelIds, shares, 'query.models') } : {};
      return { tasks, ...mixed, ...options, ...parallel, ...target };
    }
    if (shares) throw new BalancingInputError('query.models', 'query.models: an .alb file has one model; mixed-model lines come as CSV');
    const alb = parseAlb(text);
    const hasTarget = target.cycleTime !== undefined || target.stations !== undefined || target.demand !== undefined;
    return { tasks: alb.tasks, ...options, ...parallel, ...target, ...(hasTarget ? {} : { cycleTime: alb.cycleTime }) };
  } catch (err) {
    throw balancingProblem(err, (field) => (field?.startsWith('query.') ? field : 'body'));
  }
}

export async function getBalancingRun(db: Db, viewer: Viewer, id: string) {
  await checkSees(db, viewer, 'balancing_run', id);
  const row = await findOrNotFound(db, balancingRuns, 'balancing run', id);
  return { ...row, result: row.result as BalancingResult };
}

/** Stored runs the viewer sees (of their lines, and those of no line), newest first, without inputs and results. */
export async function listBalancingRuns(db: Db, viewer: Viewer, lineId?: string) {
  if (lineId) await checkSees(db, viewer, 'line', lineId, 'query.lineId');
  const sees = await visibilityFor(db, viewer);
  const rows = await db
    .select({
      id: balancingRuns.id,
      lineId: balancingRuns.lineId,
      title: balancingRuns.title,
      problem: balancingRuns.problem,
      stations: balancingRuns.stations,
      cycleTime: balancingRuns.cycleTime,
      provenOptimal: balancingRuns.provenOptimal,
      lowerBound: balancingRuns.lowerBound,
      elapsedMs: balancingRuns.elapsedMs,
      createdById: balancingRuns.createdById,
      createdAt: balancingRuns.createdAt,
    })
    .from(balancingRuns)
    .where(lineId ? eq(balancingRuns.lineId, lineId) : undefined)
    .orderBy(desc(balancingRuns.createdAt), desc(balancingRuns.id));
  return rows.filter((r) => !r.lineId || sees.line(r.lineId));
}

/** Deletes a balancing run (a planner's scratch work); the audit log keeps what it was. */
export async function deleteBalancingRun(w: Write, id: string) {
  // Its maker, a planner in scope, or an admin.
  await checkMayChange(w, 'balancing_run', id, { roles: ['planner'] });
  await deleteUnlessUsed(
    w,
    { table: balancingRuns, entityType: 'balancing_run', entity: 'balancing run' },
    id,
    [rowsOf('decisions putting it into effect', decisions, eq(decisions.balancingRunId, id))],
    '',
  );
}
