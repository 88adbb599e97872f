/**
 * The simulation page's form: its fields as a zod schema (built for the line's stations), the
 * line a proposal starts from, and the scenarios a valid form asks to run.
 */
import { z } from 'zod';
import type { Translate } from '../web/i18n.ts';
import { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';
import { describeChanges, proposedModel, type LineChanges } from './lineScenarios.ts';

type Model = Record<string, unknown>;

/** The machines and buffers of the model a proposal starts from, as the form shows them. */
export interface BaseLine {
  /** Which model the proposal changes: the stored one, else the calibrated one. */
  source: 'current' | 'calibrated';
  timeUnit: string;
  machines: { name: string; count: number; meanTime: number | null }[];
  buffers: number[];
  horizon: number;
  replications: number;
}

/** The mean of a process time given as one distribution (null for one per product). */
function meanTime(p: unknown): number | null {
  const d = p as { dist?: string; mean?: number; samples?: number[] } | undefined;
  if (!d?.dist) return null;
  if (d.mean !== undefined) return d.mean;
  return d.samples?.length ? d.samples.reduce((a, b) => a + b, 0) / d.samples.length : null;
}

/** The line a proposal changes, as the form shows it: the stored model, else the calibrated one. */
export function baseLineOf(model: Model | null, source: BaseLine['source']): BaseLine | null {
  if (!model || !Array.isArray(model.machines)) return null;
  return {
    source,
    timeUnit: typeof model.timeUnit === 'string' ? model.timeUnit : 'min',
    machines: (model.machines as { name: string; count?: number; processTime?: unknown }[]).map((m) => ({
      name: m.name,
      count: m.count ?? 1,
      meanTime: meanTime(m.processTime),
    })),
    buffers: (model.buffers as number[]) ?? [],
    horizon: Number(model.horizon),
    replications: typeof model.replications === 'number' ? model.replications : 10,
  };
}

/**
 * A number typed into the form: blank is "not given" (undefined), never 0, and a decimal comma
 * reads as a point. Whether a blank is allowed is the schema's to say.
 */
export const typed = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const text = v.trim();
    return text === '' ? undefined : Number(text.replace(',', '.'));
  }, schema);

/** "required" for a blank number, `what` for text that is no number. */
export const numberError = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'required' : what),
});

const wholeNumber = (min: number, max: number) =>
  z
    .number(numberError(`a whole number from ${min} to ${max}`))
    .int({ error: `a whole number from ${min} to ${max}` })
    .min(min, { error: `at least ${min}` })
    .max(max, { error: `at most ${max}` });
/** A whole number that must be given (blank: "required"). */
const whole = (min: number, max: number) => typed(wholeNumber(min, max));
/** A number of the proposal: blank leaves the line's own value unchanged. */
const proposal = (min: number, max: number) => typed(wholeNumber(min, max).optional());
const ticked = z.literal('on').optional();

/** The form's fields for a line of these machines and buffers; at least one line must be ticked. */
export function simulateFormSchema(base: BaseLine) {
  const shape: Record<string, z.ZodType> = {
    title: z.string().trim().max(120).optional(),
    runCurrent: ticked,
    runCalibrated: ticked,
    runProposed: ticked,
    proposedName: z.string().trim().min(1, { error: 'name the proposal' }).max(60),
    horizonHours: typed(
      z.number(numberError('a number of hours')).positive({ error: 'more than 0 hours' }).max(8760, { error: 'at most a year (8760 h)' }),
    ),
    replications: whole(2, 100),
    peakLimitKw: typed(z.number(numberError('a power in kW')).positive({ error: 'more than 0 kW' }).optional()),
  };
  base.machines.forEach((_, i) => {
    shape[`count.${i}`] = proposal(1, 64);
    shape[`time.${i}`] = proposal(10, 1000);
  });
  base.buffers.forEach((_, j) => (shape[`buffer.${j}`] = proposal(0, 100_000)));
  return z
    .object(shape)
    .superRefine((form, ctx) => {
      if (!form.runCurrent && !form.runCalibrated && !form.runProposed)
        ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'tick at least one line to simulate' });
    })
    .transform((form) => form as Record<string, string | number | undefined>);
}

/**
 * The proposal's changes from the form's numbers (process time given in % of today); a number
 * left blank (not given) keeps the line's own: its machine count, 100 % of its time, its buffer.
 */
export function changesOf(form: Record<string, unknown>, base: BaseLine): LineChanges {
  const given = (name: string, unchanged: number) => {
    const value = form[name];
    return typeof value === 'number' ? value : unchanged;
  };
  return {
    counts: base.machines.map((m, i) => given(`count.${i}`, m.count)),
    timeFactors: base.machines.map((_, i) => given(`time.${i}`, 100) / 100),
    buffers: base.buffers.map((b, j) => given(`buffer.${j}`, b)),
  };
}

export interface Scenario {
  key: 'current' | 'calibrated' | 'proposed';
  name: string;
  model: Model;
}

/**
 * The scenarios a valid form asks for, in the order current, calibrated, proposed (the first is
 * the baseline), each with the form's horizon in its own time unit; with the proposal's changes
 * in words. A proposal that changes nothing is refused by the field it would have needed.
 */
export function scenariosOf(
  form: Record<string, unknown>,
  models: { current: Model | null; calibrated: Model | null },
  base: BaseLine,
  t: Translate,
): { scenarios: Scenario[]; changes: string[] } | { error: [string, string] } {
  const withHorizon = (m: Model): Model => {
    const unit = SECONDS_PER_TIME_UNIT[(m.timeUnit as keyof typeof SECONDS_PER_TIME_UNIT) ?? 'min'] ?? 60;
    return { ...m, horizon: (Number(form.horizonHours) * 3600) / unit, replications: Number(form.replications) };
  };
  const scenarios: Scenario[] = [];
  let changes: string[] = [];
  if (form.runCurrent && models.current)
    scenarios.push({ key: 'current', name: t('line.sim.scenario.current'), model: withHorizon(models.current) });
  if (form.runCalibrated && models.calibrated)
    scenarios.push({ key: 'calibrated', name: t('line.sim.scenario.calibrated'), model: withHorizon(models.calibrated) });
  if (form.runProposed) {
    const from = (base.source === 'current' ? models.current : models.calibrated)!;
    const change = changesOf(form, base);
    changes = describeChanges(from, change);
    if (!changes.length)
      return { error: ['proposedName', 'the proposal changes nothing: change a machine count, a process time or a buffer'] };
    scenarios.push({ key: 'proposed', name: String(form.proposedName), model: withHorizon(proposedModel(from, change)) });
  }
  if (!scenarios.length) return { error: ['scenarios', 'tick at least one line to simulate'] };
  return { scenarios, changes };
}
