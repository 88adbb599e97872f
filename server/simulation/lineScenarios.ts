/**
 * What a line's simulation page works with: the line's stored model, the model of its latest
 * succeeded calibration (the calibrated twin, with its validation), a proposed line derived from
 * a model by changing machine counts, process times and buffers, and a queued run of one such
 * model for the line.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lineSimulationModels, lines, simulationRuns } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { InvalidInputError } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';
import { SimulationInputError } from './errors.ts';
import { checkRunSize } from './estimate.ts';
import { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';
import { parseSimulationModel } from './model.ts';
import { enqueueRun } from './runs.ts';

type Model = Record<string, unknown>;

/** The line's stored model (null: none yet) and its latest succeeded calibration (null: never calibrated). */
export async function lineScenarioSources(db: Db, viewer: Viewer, lineId: string) {
  await checkSees(db, viewer, 'line', lineId);
  const [stored] = await db.select().from(lineSimulationModels).where(eq(lineSimulationModels.lineId, lineId));
  const [calibration] = await db
    .select()
    .from(simulationRuns)
    .where(and(eq(simulationRuns.lineId, lineId), eq(simulationRuns.kind, 'calibration'), eq(simulationRuns.status, 'succeeded')))
    .orderBy(desc(simulationRuns.finishedAt), desc(simulationRuns.createdAt))
    .limit(1);
  return {
    stored: stored ? { model: stored.model as Model, updatedAt: stored.updatedAt } : null,
    calibration: calibration ?? null,
  };
}

/** A change to a line: per machine its count and a factor on its process times (1: as is), per buffer its capacity. */
export interface LineChanges {
  counts: number[];
  timeFactors: number[];
  buffers: number[];
}

type Distribution = { dist: string; mean?: number; sd?: number; samples?: number[] };

function scaled(d: Distribution, f: number): Distribution {
  if (d.dist === 'empirical') return { ...d, samples: (d.samples ?? []).map((x) => x * f) };
  return { ...d, ...(d.mean !== undefined ? { mean: d.mean * f } : {}), ...(d.sd !== undefined ? { sd: d.sd * f } : {}) };
}

/** A process time (one distribution, or one per product) with every time multiplied by `f`; the shape (cv) stays. */
export function scaleProcessTime(p: unknown, f: number): unknown {
  if (f === 1 || typeof p !== 'object' || p === null) return p;
  if ('dist' in p) return scaled(p as Distribution, f);
  return Object.fromEntries(Object.entries(p as Record<string, Distribution>).map(([product, d]) => [product, scaled(d, f)]));
}

/** The model with the changes made: what a planner proposes (a second cell, a faster station, a bigger buffer). */
export function proposedModel(base: Model, changes: LineChanges): Model {
  const machines = (base.machines as Model[]).map((m, i) => ({
    ...m,
    count: changes.counts[i] ?? m.count ?? 1,
    processTime: scaleProcessTime(m.processTime, changes.timeFactors[i] ?? 1),
  }));
  const buffers = (base.buffers as number[]).map((b, j) => changes.buffers[j] ?? b);
  return { ...base, machines, buffers };
}

/** What a proposal changes against the base, in words for the run's title (`op40 ×2`, `buffer op30→op40 12→20`). */
export function describeChanges(base: Model, changes: LineChanges): string[] {
  const machines = base.machines as { name: string; count?: number }[];
  const out: string[] = [];
  machines.forEach((m, i) => {
    const count = changes.counts[i];
    if (count !== undefined && count !== (m.count ?? 1)) out.push(`${m.name} ×${count}`);
    const f = changes.timeFactors[i];
    if (f !== undefined && f !== 1) out.push(`${m.name} ${Math.round(f * 100)} % time`);
  });
  (base.buffers as number[]).forEach((b, j) => {
    const to = changes.buffers[j];
    if (to !== undefined && to !== b) out.push(`buffer ${machines[j].name}→${machines[j + 1].name} ${b}→${to}`);
  });
  return out;
}

/**
 * The model with its times in another unit: process times, failures and repairs, changeovers,
 * warm-up and horizon. A comparison pairs the scenarios' throughputs per time unit as they are,
 * so its scenarios must share one (a calibrated model is in seconds, a stored one often in minutes).
 */
export function inTimeUnit(model: Model, unit: keyof typeof SECONDS_PER_TIME_UNIT): Model {
  const from = (model.timeUnit as keyof typeof SECONDS_PER_TIME_UNIT | undefined) ?? 'min';
  const f = SECONDS_PER_TIME_UNIT[from] / SECONDS_PER_TIME_UNIT[unit];
  if (f === 1) return { ...model, timeUnit: unit };
  const machines = (model.machines as Model[]).map((m) => {
    const failure = m.failure as { mtbf: number; mttr: number } | undefined;
    const changeover = m.changeover as Record<string, Record<string, number>> | undefined;
    return {
      ...m,
      processTime: scaleProcessTime(m.processTime, f),
      ...(failure ? { failure: { ...failure, mtbf: failure.mtbf * f, mttr: failure.mttr * f } } : {}),
      ...(changeover
        ? {
            changeover: Object.fromEntries(
              Object.entries(changeover).map(([a, to]) => [a, Object.fromEntries(Object.entries(to).map(([b, x]) => [b, x * f]))]),
            ),
          }
        : {}),
    };
  });
  const warmup = typeof model.warmup === 'number' ? { warmup: model.warmup * f } : {};
  return { ...model, timeUnit: unit, machines, ...warmup, horizon: Number(model.horizon) * f };
}

/** Queues a simulation of a line under a model other than its stored one (the calibrated or a proposed line). */
export async function submitLineModelRun(w: Write, lineId: string, input: { title: string; model: Model }) {
  await checkSees(w.tx, w.actor, 'line', lineId);
  await findOrNotFound(w.tx, lines, 'line', lineId);
  try {
    checkRunSize(parseSimulationModel(input.model));
  } catch (err) {
    if (!(err instanceof SimulationInputError)) throw err;
    const errors = err.issues.map((i) => ({ path: ['body.model', i.path].filter(Boolean).join('.'), message: i.message }));
    throw new InvalidInputError(`invalid simulation model: ${err.message}`, errors);
  }
  return enqueueRun(w, { kind: 'simulation', lineId, title: input.title, input: { model: input.model } });
}
