/**
 * What every question gathers of a line when it is asked: the model (the body's, else the newer
 * of the newest succeeded calibration and the stored model), the live state (or the body's), the
 * planned stops of the window (with maintenance in progress as a stop of its station), and the
 * precision settings. All of it goes into the run's input, so the answer can be traced to it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { workOrders } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { InvalidInputError, ruleViolation } from '../core/errors.ts';
import type { Write } from '../core/write.ts';
import { loadLine, type LoadedLine } from '../metrics/index.ts';
import { lineStopsIn, type LineStop } from '../schedules/index.ts';
import { SimulationInputError } from '../simulation/errors.ts';
import { lineScenarioSources } from '../simulation/lineScenarios.ts';
import { parseSimulationModel, type SimulationModel, type SimulationModelInput } from '../simulation/model.ts';
import { notFound } from '../core/errors.ts';
import type { QuestionBase } from './common.ts';
import { readLiveStart, type LiveStart } from './liveStart.ts';
import type { PrecisionSettings } from './replicate.ts';

/** Defaults of every question: start with 20 replications, add up to 400 until the key estimate is within ±2 %. */
export const DEFAULT_PRECISION: PrecisionSettings = { replications: 20, maxReplications: 400, relativeHalfWidth: 0.02, seed: 1 };

export interface CommonBody {
  title?: string;
  model?: Record<string, unknown>;
  start?: Pick<LiveStart, 'stations' | 'buffers'>;
  precision?: Partial<PrecisionSettings>;
}

function checkedModel(input: unknown, codes: string[]): SimulationModel {
  let model: SimulationModel;
  try {
    model = parseSimulationModel(input);
  } catch (err) {
    if (!(err instanceof SimulationInputError)) throw err;
    const errors = err.issues.map((i) => ({ path: ['body.model', i.path].filter(Boolean).join('.'), message: i.message }));
    throw new InvalidInputError(`invalid simulation model: ${err.message}`, errors);
  }
  if (model.machines.map((m) => m.name).join('\n') !== codes.join('\n')) {
    throw ruleViolation(`the model's machines must be the line's stations in flow order: ${codes.join(', ')}`, { stations: codes }, [
      { path: 'body.model.machines', message: 'names must be the station codes, in order' },
    ]);
  }
  return model;
}

/** The model a question uses and where it came from. */
async function modelFor(
  w: Write,
  loaded: LoadedLine,
  body: CommonBody,
): Promise<{ model: SimulationModelInput; source: QuestionBase['modelSource'] }> {
  const codes = loaded.stations.map((s) => s.code);
  if (body.model) {
    checkedModel(body.model, codes);
    return { model: body.model as SimulationModelInput, source: { kind: 'body' } };
  }
  const { stored, calibration } = await lineScenarioSources(w.tx, w.actor, loaded.line.id);
  const calibrated = (calibration?.result as { model?: SimulationModelInput } | null)?.model;
  const calibratedFits = calibrated && calibrated.machines.map((m) => m.name).join('\n') === codes.join('\n');
  if (calibrated && calibratedFits && (!stored || (calibration!.finishedAt ?? calibration!.createdAt) >= stored.updatedAt)) {
    return { model: calibrated, source: { kind: 'calibration', runId: calibration!.id } };
  }
  if (stored) return { model: stored.model as SimulationModelInput, source: { kind: 'stored' } };
  throw ruleViolation('the line has no simulation model: store one (PUT /lines/{id}/simulation-model) or calibrate the line first', {});
}

/** Maintenance running now, as a planned stop of its station until its planned end. */
async function maintenanceInProgress(w: Write, lineId: string, now: number): Promise<LineStop[]> {
  const rows = await w.tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.lineId, lineId), inArray(workOrders.status, ['in_progress'])));
  return rows
    .filter((r) => r.actualStart !== null)
    .map((r) => ({
      start: now,
      end: r.actualStart!.getTime() + r.plannedMinutes * 60_000,
      category: 'planned_maintenance' as const,
      stationId: r.stationId,
    }))
    .filter((s) => s.end > now);
}

/** The line, seen by the caller, with its stations; 404 when it is not theirs to see, 409 without stations. */
export async function questionLine(w: Write, lineId: string): Promise<LoadedLine> {
  await checkSees(w.tx, w.actor, 'line', lineId);
  const loaded = await loadLine(w.tx, lineId);
  if (!loaded) throw notFound('line', lineId);
  if (!loaded.stations.length) throw ruleViolation('the line has no stations', {});
  return loaded;
}

/** The common part of a question's input, over the window from now to `endMs`. */
export async function questionBase(w: Write, loaded: LoadedLine, body: CommonBody, endMs: number): Promise<QuestionBase> {
  const now = w.now.getTime();
  const { model, source } = await modelFor(w, loaded, body);
  const start: LiveStart = body.start
    ? { asOf: w.now.toISOString(), stations: body.start.stations, buffers: body.start.buffers }
    : await readLiveStart(w.tx, w.actor, loaded.line.id, w.now);
  const site = { id: loaded.line.siteId, timezone: loaded.line.timezone };
  const stops = [
    ...(await lineStopsIn(w.tx, site, loaded.line.id, { start: now, end: endMs })),
    ...(await maintenanceInProgress(w, loaded.line.id, now)),
  ];
  return {
    lineId: loaded.line.id,
    lineName: loaded.line.name,
    timezone: loaded.line.timezone,
    model,
    modelSource: source,
    start,
    stationIds: loaded.stations.map((s) => s.id),
    stops,
    precision: { ...DEFAULT_PRECISION, ...body.precision },
  };
}
