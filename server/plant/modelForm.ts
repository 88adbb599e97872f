/**
 * The line's simulation model as two forms edit it: a few key figures per station (the process
 * time distribution with its mean and spread, MTBF and MTTR, the buffer after it) laid onto the
 * stored model, or the whole model as JSON. The model's own rules are checked by the domain
 * (`setLineSimulationModel` → `parseSimulationModel`); here only what is typed is read.
 */
import type { FieldErrors } from '../web/forms.ts';

type Json = Record<string, unknown>;

/** Distributions the key figures edit; per-product and empirical times are edited as JSON. */
export const simpleDistributions = ['deterministic', 'exponential', 'normal', 'lognormal'] as const;
type Simple = (typeof simpleDistributions)[number];

/** Buffer capacity and process time of a station that has none in the model yet. */
const DEFAULT_BUFFER = 5;
const DEFAULT_PROCESS_SECONDS = 60;

export interface StationRef {
  code: string;
  name: string;
  idealCycleSeconds: number | null;
}

/** A starting model for a line without one: its stations in order, at their ideal cycle times, in seconds. */
export function skeletonModel(stations: StationRef[]): Json {
  return {
    timeUnit: 's',
    machines: stations.map((s) => ({
      name: s.code,
      processTime: { dist: 'deterministic', mean: s.idealCycleSeconds ?? DEFAULT_PROCESS_SECONDS },
    })),
    buffers: stations.slice(1).map(() => DEFAULT_BUFFER),
    warmup: 'auto',
    horizon: 8 * 3600,
    replications: 10,
    seed: 1,
  };
}

function machinesOf(model: Json): Json[] {
  return Array.isArray(model.machines) ? (model.machines as Json[]).filter((m) => typeof m === 'object' && m !== null) : [];
}

/** The machine of a station in the model (by its code), if the model has it. */
function machineFor(model: Json, code: string): Json | undefined {
  return machinesOf(model).find((m) => m.name === code);
}

/** A process time the key figures can show: one of the simple distributions, not by product. */
function simpleTime(machine: Json | undefined): { dist: Simple; mean: unknown; sd?: unknown; cv?: unknown } | undefined {
  const time = machine?.processTime as Json | undefined;
  if (!time || typeof time !== 'object' || !simpleDistributions.includes(time.dist as Simple)) return undefined;
  return time as { dist: Simple; mean: unknown };
}

export interface KeyRow {
  index: number;
  code: string;
  name: string;
  /** False when the station's time is by product or empirical: it is edited as JSON. */
  editable: boolean;
  /** Whether a buffer follows it (every station but the last). */
  buffer: boolean;
}

/** The key-figure rows, one per station of the line in flow order, and their values as text. */
export function keyFigures(model: Json, stations: StationRef[]): { rows: KeyRow[]; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const buffers = Array.isArray(model.buffers) ? (model.buffers as unknown[]) : [];
  const rows = stations.map((s, i) => {
    const machine = machineFor(model, s.code);
    const time = machine ? simpleTime(machine) : { dist: 'deterministic' as const, mean: s.idealCycleSeconds ?? DEFAULT_PROCESS_SECONDS };
    const p = `machines.${i}`;
    if (time) {
      values[`${p}.processTime.dist`] = time.dist;
      values[`${p}.processTime.mean`] = text(time.mean);
      values[`${p}.processTime.spread`] = text(time.dist === 'normal' ? time.sd : time.dist === 'lognormal' ? time.cv : '');
    }
    const failure = machine?.failure as Json | undefined;
    values[`${p}.failure.mtbf`] = text(failure?.mtbf);
    values[`${p}.failure.mttr`] = text(failure?.mttr);
    if (i < stations.length - 1) values[`buffers.${i}`] = text(buffers[i] ?? DEFAULT_BUFFER);
    return { index: i, code: s.code, name: s.name, editable: time !== undefined, buffer: i < stations.length - 1 };
  });
  return { rows, values };
}

function number(values: Record<string, string>, name: string, errors: FieldErrors): number | undefined {
  const text = (values[name] ?? '').trim();
  if (text === '') return undefined;
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n)) errors[name] = 'a number';
  return n;
}

/**
 * The model with the key figures typed into the form laid onto it: each station's machine (in
 * the line's order, named by its code), its process time and failures, and the buffers. What
 * the form does not show (products, power, calendars, run settings) stays as it was.
 */
export function applyKeyFigures(
  base: Json,
  stations: StationRef[],
  values: Record<string, string>,
): { ok: true; model: Json } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const machines = stations.map((s, i) => {
    const p = `machines.${i}`;
    const machine: Json = { ...(machineFor(base, s.code) ?? {}), name: s.code };
    const dist = values[`${p}.processTime.dist`];
    if (dist !== undefined) {
      if (!simpleDistributions.includes(dist as Simple)) errors[`${p}.processTime.dist`] = 'choose a distribution';
      const mean = number(values, `${p}.processTime.mean`, errors);
      const spread = number(values, `${p}.processTime.spread`, errors);
      if (mean === undefined) errors[`${p}.processTime.mean`] ??= 'required';
      if ((dist === 'normal' || dist === 'lognormal') && spread === undefined)
        errors[`${p}.processTime.spread`] ??= 'required for this distribution';
      machine.processTime = {
        dist,
        mean,
        ...(dist === 'normal' ? { sd: spread } : {}),
        ...(dist === 'lognormal' ? { cv: spread } : {}),
      };
    } else if (!machine.processTime) {
      machine.processTime = { dist: 'deterministic', mean: s.idealCycleSeconds ?? DEFAULT_PROCESS_SECONDS };
    }
    const mtbf = number(values, `${p}.failure.mtbf`, errors);
    const mttr = number(values, `${p}.failure.mttr`, errors);
    if ((mtbf === undefined) !== (mttr === undefined)) {
      errors[`${p}.failure.${mtbf === undefined ? 'mtbf' : 'mttr'}`] ??= 'give both MTBF and MTTR, or neither';
    }
    if (mtbf === undefined && mttr === undefined) delete machine.failure;
    else machine.failure = { ...((machine.failure as Json | undefined) ?? {}), mtbf, mttr };
    return machine;
  });
  const buffers = stations.slice(1).map((_, i) => {
    const capacity = number(values, `buffers.${i}`, errors);
    if (capacity === undefined) errors[`buffers.${i}`] ??= 'required';
    return capacity;
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, model: { ...base, machines, buffers } };
}

/** The model typed as JSON: an object, or the reason it is none. */
export function parseModelJson(text: string): { ok: true; model: Json } | { ok: false; errors: FieldErrors } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: { model: `not valid JSON: ${(err as Error).message}` } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errors: { model: 'the model is a JSON object: {"machines": [...], "buffers": [...], ...}' } };
  }
  return { ok: true, model: parsed as Json };
}

/** The domain names a distribution's spread by its parameter (`sd`, `cv`); the form has one field for both. */
export function spreadErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) out[key.replace(/\.processTime\.(sd|cv)$/, '.processTime.spread')] ??= message;
  return out;
}
