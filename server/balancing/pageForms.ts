/**
 * The balance page's forms as the domain takes them: the target and options of a balance (the
 * same number rules as the API's body, typed as text, percentages where a planner thinks in
 * them), and the refusals of the domain mapped back onto the fields a planner typed them in.
 */
import { z } from 'zod';
import { InvalidInputError, NoSolutionError, RuleViolationError } from '../core/errors.ts';
import { domainFieldErrors, type FieldErrors } from '../web/forms.ts';
import type { Translate } from '../web/i18n.ts';
import type { BalanceTarget, UploadVariants } from './lineBalancing.ts';
import { balanceTargetFields, MAX_REPLICAS } from './problemSchema.ts';

/** A page waits for its answer: the search gets at most this long (the API allows two minutes). */
export const PAGE_MAX_TIME_LIMIT_S = 30;
export const PAGE_DEFAULT_TIME_LIMIT_S = 5;

const fields = balanceTargetFields(PAGE_MAX_TIME_LIMIT_S * 1000);

/** A number typed in a form (blank: not given; a decimal comma is read as a point). */
const typed = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const text = v.trim();
    return text === '' ? undefined : Number(text.replace(',', '.'));
  }, schema);

const blankIsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const percent = typed(z.number('a number').gt(0, 'more than 0 %').max(100, 'at most 100 %').optional());

/** The ways a planner states the target: a cycle time, takt from demand, a station count, or an `.alb` file's own cycle time. */
export const targetKinds = ['cycle', 'takt', 'stations', 'file'] as const;
export type TargetKind = (typeof targetKinds)[number];

const options = {
  target: z.preprocess(blankIsUndefined, z.enum(targetKinds).default('cycle')),
  cycleTime: typed(fields.cycleTime),
  stations: typed(fields.stations),
  demand: typed(fields.demand),
  availableTime: typed(fields.availableTime),
  utilisation: percent,
  timeLimit: typed(
    z.number('a number').positive('more than 0 s').max(PAGE_MAX_TIME_LIMIT_S, `at most ${PAGE_MAX_TIME_LIMIT_S} s`).optional(),
  ),
  layout: z.preprocess(blankIsUndefined, z.enum(['straight', 'u']).default('straight')),
  maxReplicas: typed(
    z.number('a number').int('a whole number').min(2, 'at least 2').max(MAX_REPLICAS, `at most ${MAX_REPLICAS}`).optional(),
  ),
  replicaCost: typed(z.number('a number').min(0, 'at least 0').max(100, 'at most 100').optional()),
  mixedRule: z.preprocess(blankIsUndefined, z.enum(['strict', 'average']).optional()),
  overloadTolerance: typed(z.number('a number').min(0, 'at least 0 %').max(100, 'at most 100 %').optional()),
  sequence: z.preprocess(blankIsUndefined, z.string().max(200_000).optional()),
  title: z.preprocess(blankIsUndefined, z.string().trim().max(200).optional()),
};

type Options = z.output<z.ZodObject<typeof options>>;

/** The target's fields must be there for the kind chosen; the others are ignored. */
function checkTarget(o: Options, ctx: z.RefinementCtx, allowFile: boolean) {
  const need = (path: keyof Options) => {
    if (o[path] === undefined) ctx.addIssue({ code: 'custom', path: [path], message: 'required for this target' });
  };
  if (o.target === 'cycle') need('cycleTime');
  if (o.target === 'takt') {
    need('demand');
    need('availableTime');
  }
  if (o.target === 'stations') need('stations');
  if (o.target === 'file' && !allowFile) ctx.addIssue({ code: 'custom', path: ['target'], message: 'a stored line has no file' });
  if (o.replicaCost !== undefined && o.maxReplicas === undefined) {
    ctx.addIssue({ code: 'custom', path: ['replicaCost'], message: 'applies to parallel stations: give the most workplaces per station' });
  }
}

/** The target as the domain takes it, from the fields of the kind chosen. */
function toTarget(o: Options): BalanceTarget {
  const target: BalanceTarget = { timeLimitMs: Math.round((o.timeLimit ?? PAGE_DEFAULT_TIME_LIMIT_S) * 1000) };
  if (o.target === 'cycle') target.cycleTime = o.cycleTime;
  if (o.target === 'stations') target.stations = o.stations;
  if (o.target === 'takt') {
    target.demand = o.demand;
    target.availableTime = o.availableTime;
    if (o.utilisation !== undefined) target.utilisation = o.utilisation / 100;
  }
  if (o.mixedRule) target.mixedRule = o.mixedRule;
  if (o.overloadTolerance !== undefined) target.overloadTolerance = o.overloadTolerance / 100;
  const sequence = o.sequence?.split(/[\s,;]+/).filter(Boolean);
  if (sequence?.length) target.sequence = sequence;
  return target;
}

/** The balance of a stored line: a target, the layout, parallel stations, and for a mixed-model line its rule and a sequence. */
export const balanceForm = z
  .object(options)
  .superRefine((o, ctx) => checkTarget(o, ctx, false))
  .transform((o) => {
    const target = toTarget(o);
    if (o.layout === 'u') target.layout = 'u';
    if (o.maxReplicas !== undefined) target.parallel = { maxReplicas: o.maxReplicas, replicaCost: o.replicaCost ?? 1 };
    return { kind: o.target, target, title: o.title };
  });

/** An uploaded `.alb` or CSV file: the file (or its text pasted), its format, the models' shares of a mixed-model CSV, and the balance's options. */
export const uploadForm = z
  .object({
    ...options,
    target: z.preprocess(blankIsUndefined, z.enum(targetKinds).default('file')),
    format: z.preprocess(blankIsUndefined, z.enum(['auto', 'alb', 'csv']).default('auto')),
    models: z.preprocess(blankIsUndefined, z.string().max(2000).optional()),
    text: z.preprocess(blankIsUndefined, z.string().max(2_000_000, 'at most 2 MB of text').optional()),
  })
  .superRefine((o, ctx) => checkTarget(o, ctx, true))
  .transform((o) => {
    const variants: UploadVariants = {
      ...(o.models ? { models: o.models } : {}),
      ...(o.layout === 'u' ? { layout: 'u' as const } : {}),
      ...(o.maxReplicas !== undefined ? { maxReplicas: o.maxReplicas, replicaCost: o.replicaCost ?? 1 } : {}),
    };
    const { mixedRule, overloadTolerance, ...target } = toTarget(o);
    return {
      kind: o.target,
      format: o.format,
      text: o.text,
      target,
      variants: { ...variants, ...(mixedRule ? { mixedRule } : {}), ...(overloadTolerance !== undefined ? { overloadTolerance } : {}) },
      title: o.title,
    };
  });

/** The format of an upload: as chosen, else by the file's name, else by its content (`.alb` files open with a `<…>` section). */
export function uploadFormat(chosen: 'auto' | 'alb' | 'csv', fileName: string | undefined, text: string): 'alb' | 'csv' {
  if (chosen !== 'auto') return chosen;
  if (fileName && /\.alb$/i.test(fileName)) return 'alb';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return /^\s*</.test(text) ? 'alb' : 'csv';
}

/** The field of the target kind that sets the cycle time: where "a task is longer than the cycle" belongs. */
const targetField: Record<TargetKind, string> = { cycle: 'cycleTime', takt: 'demand', stations: 'stations', file: 'file' };

/**
 * A domain path (after `body.`/`query.`) as the page's field of a balance form. A task or a
 * must-share group too long for the cycle belongs to the target (that is what to change); other
 * defects of the tasks and zoning are the whole form's (they are fixed in the task editor).
 */
function balanceField(path: string, message: string, kind: TargetKind): string {
  if (/longer .*than the cycle time/.test(message)) return targetField[kind];
  if (path.startsWith('constraints') && /U-line/.test(message)) return 'layout';
  if (path.startsWith('tasks') || path.startsWith('constraints')) return '_form';
  if (path === 'body') return 'file';
  if (path.startsWith('parallel')) return path === 'parallel.replicaCost' ? 'replicaCost' : 'maxReplicas';
  if (path.startsWith('sequence')) return 'sequence';
  if (path === 'timeLimitMs') return 'timeLimit';
  if (path.startsWith('models')) return 'models';
  return path.split('.')[0];
}

/** Refusals a form shows beside its fields (422); anything else (not found, not allowed) is the page error's. */
function isInputRefusal(err: unknown): boolean {
  return err instanceof InvalidInputError || err instanceof NoSolutionError || err instanceof RuleViolationError;
}

/**
 * The field errors of a refused balance (stored line or upload), or undefined when the error is
 * not the input's fault. A search that ran out of time without any balance says so in words.
 */
export function balanceErrors(err: unknown, kind: TargetKind, t: Translate): FieldErrors | undefined {
  if (!isInputRefusal(err)) return undefined;
  const raw = domainFieldErrors(err)!;
  // The solver prefixes a message with its path (`cycleTime: …`): beside the field, the reason says enough.
  const bare = (message: string) => message.replace(/^[\w.]+: /, '');
  const errors: FieldErrors = { _form: bare(raw._form) };
  for (const [path, message] of Object.entries(raw)) {
    if (path === '_form') continue;
    const field = balanceField(path, message, kind);
    if (field !== '_form') errors[field] ??= bare(message);
  }
  if (err instanceof NoSolutionError && err.details.reason === 'infeasible' && !raw.maxStations) {
    errors._form = `${errors._form}. ${t('balance.error.zoningHint')}`;
  }
  // The domain's words name the API call; the page says where to enter the tasks.
  if (err instanceof RuleViolationError && /no tasks yet/.test(err.message)) errors._form = t('balance.error.noTasks');
  if (err instanceof NoSolutionError && err.details.reason === 'time-limit') {
    errors._form = t('balance.error.timeLimit');
    errors.timeLimit ??= t('balance.error.raiseTimeLimit');
  }
  return errors;
}

export { isInputRefusal };
