/** Calibrations as stored runs: submitted for a line and a window, executed by the runner, applied as the line's model. */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { lines, machineEvents, stations } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';
import { enqueueRun, getRun, setLineSimulationModel } from '../simulation/index.ts';
import type { CalibrationResult } from './calibrate.ts';

/** The longest window a calibration reads. */
export const MAX_CALIBRATION_DAYS = 92;

/** Queues a calibration of a line on the window [from, to), which must hold cycles of the line. */
export async function submitCalibration(w: Write, lineId: string, input: { from: string; to: string; title?: string }) {
  await checkSees(w.tx, w.actor, 'line', lineId);
  const line = await findOrNotFound(w.tx, lines, 'line', lineId);
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (!(to > from)) throw invalidInput('body.to', 'must lie after from');
  if (to.getTime() > w.now.getTime()) throw invalidInput('body.to', 'lies in the future: a calibration reads what happened');
  if (to.getTime() - from.getTime() > MAX_CALIBRATION_DAYS * 86_400_000) {
    throw invalidInput('body.from', `the window is longer than ${MAX_CALIBRATION_DAYS} days`);
  }
  const [any] = await w.tx
    .select({ one: sql`1` })
    .from(machineEvents)
    .innerJoin(stations, eq(stations.id, machineEvents.stationId))
    .where(and(eq(stations.lineId, lineId), eq(machineEvents.kind, 'cycle'), gte(machineEvents.ts, from), lt(machineEvents.ts, to)))
    .limit(1);
  if (!any) throw ruleViolation('the line has no cycles in this window: nothing to calibrate on', { from: input.from, to: input.to });
  return enqueueRun(w, {
    kind: 'calibration',
    lineId,
    title: input.title ?? `${line.name}: calibration on ${from.toISOString().slice(0, 16)} – ${to.toISOString().slice(0, 16)}`,
    input: { lineId, from: from.toISOString(), to: to.toISOString() },
  });
}

/** Makes a succeeded calibration's model the line's model. */
export async function applyCalibration(w: Write, runId: string) {
  const run = await getRun(w.tx, w.actor, runId);
  if (run.kind !== 'calibration') throw ruleViolation('this run is not a calibration', { kind: run.kind });
  if (run.status !== 'succeeded') throw ruleViolation(`the calibration has not succeeded (it is ${run.status})`, { status: run.status });
  const result = run.result as CalibrationResult;
  return setLineSimulationModel(w, run.lineId!, result.model as Record<string, unknown>);
}
