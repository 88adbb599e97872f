/**
 * The task editor of the balance page as text fields and back: one row per task (`tasks.3.id`,
 * `.description`, `.time` or `.times.<model>`, `.predecessors`, `.station` for a fixed station),
 * the models' demand shares (`A=0.6, B=0.4`) and the zoning pairs, one per line (`T14 + T15`).
 * Blank rows are left out, so the domain's `tasks.<k>` is mapped back to the row it came from.
 */
import { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import { domainFieldErrors, type FieldErrors } from '../web/forms.ts';
import { BalancingInputError } from './errors.ts';
import type { LineTasksInput } from './lineBalancing.ts';
import { parseModelShares } from './modelShares.ts';
import { balancingModelSchema, checkModelTimes, MAX_MODELS, MAX_TASKS, timeSchema } from './problemSchema.ts';
import { isInputRefusal } from './pageForms.ts';

/** The stored tasks as the editor's fields. */
export function taskFormValues(stored: LineTasksInput): Record<string, string> {
  const values: Record<string, string> = {};
  const fixed = new Map(stored.constraints.fixed.map((f) => [f.task, f.station]));
  if (stored.models) values.models = stored.models.map((m) => `${m.id}=${m.share}`).join(', ');
  stored.tasks.forEach((task, i) => {
    values[`tasks.${i}.id`] = task.id;
    values[`tasks.${i}.description`] = task.description ?? '';
    if (task.times) for (const [m, v] of Object.entries(task.times)) values[`tasks.${i}.times.${m}`] = String(v);
    else values[`tasks.${i}.time`] = task.time === undefined ? '' : String(task.time);
    values[`tasks.${i}.predecessors`] = task.predecessors.join(' ');
    const station = fixed.get(task.id);
    if (station !== undefined) values[`tasks.${i}.station`] = String(station);
  });
  values.mustShare = stored.constraints.mustShare.map((p) => p.join(' + ')).join('\n');
  values.mustNotShare = stored.constraints.mustNotShare.map((p) => p.join(' + ')).join('\n');
  // The models as stored, sent back with the form: a change of models changes the balance form too.
  values.modelsBefore = values.models ?? '';
  return values;
}

/** The row numbers the fields hold, in order (`tasks.7.id` → 7). */
export function taskRows(values: Record<string, string>): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = /^tasks\.(\d+)\./.exec(key);
    if (m && Number(m[1]) < MAX_TASKS + 100) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Model ids as typed in the shares field, leniently (to draw the time columns of a form being corrected). */
export function typedModels(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((part) => part.split('=')[0].trim())
    .filter((id, k, all) => id !== '' && all.indexOf(id) === k)
    .slice(0, MAX_MODELS);
}

const number = (text: string) => Number(text.trim().replace(',', '.'));
const ids = (text: string | undefined) => (text ?? '').split(/[\s,;]+/).filter(Boolean);

/** `T14 + T15` per line (or separated by `;`) as pairs; `field` names the field in errors. */
function pairs(text: string | undefined, errors: FieldErrors, field: string): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of (text ?? '').split(/[\n;]+/)) {
    const parts = entry.split(/[\s+&,]+/).filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.length !== 2) errors[field] ??= `"${entry.trim()}" is not a pair of task ids, e.g. T14 + T15`;
    else out.push([parts[0], parts[1]]);
  }
  return out;
}

const taskSchema = z.object({
  id: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
  description: z.string().max(500, 'at most 500 characters'),
  time: timeSchema.optional(),
  times: z.record(z.string(), z.number().finite().min(0, 'at least 0')).optional(),
  predecessors: z.array(z.string().max(64)),
});

const tasksSchema = z
  .object({
    models: z.array(balancingModelSchema).min(1).max(MAX_MODELS).optional(),
    tasks: z.array(taskSchema).max(MAX_TASKS, `at most ${MAX_TASKS} tasks`),
  })
  .superRefine((input, ctx) => checkModelTimes(input, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

/** Where each task of the input came from: its row, and the row of each fixed-station entry. */
export interface TaskRowMap {
  rowOf: number[];
  fixedRowOf: number[];
}

export type TaskFormOutcome = { ok: true; input: LineTasksInput; rows: TaskRowMap } | { ok: false; errors: FieldErrors };

/** The editor's fields as the domain's task list, or the field errors (by form field) of what cannot be read. */
export function parseTaskForm(values: Record<string, string>): TaskFormOutcome {
  const errors: FieldErrors = {};
  let models: { id: string; share: number }[] | undefined;
  if (values.models?.trim()) {
    try {
      models = parseModelShares(values.models, 'models');
    } catch (err) {
      errors.models = err instanceof BalancingInputError ? err.message.replace(/^models: /, '') : String(err);
    }
  }
  const rowOf: number[] = [];
  const fixed: { task: string; station: number }[] = [];
  const fixedRowOf: number[] = [];
  const tasks = taskRows(values).flatMap((i) => {
    const cell = (name: string) => (values[`tasks.${i}.${name}`] ?? '').trim();
    const timeKeys = Object.keys(values).filter((k) => k.startsWith(`tasks.${i}.times.`));
    const filled =
      ['id', 'description', 'time', 'predecessors', 'station'].some((n) => cell(n) !== '') || timeKeys.some((k) => values[k].trim());
    if (!filled) return [];
    rowOf.push(i);
    const id = cell('id');
    const time = cell('time') === '' ? undefined : number(cell('time'));
    let times: Record<string, number> | undefined;
    if (models) {
      const given = timeKeys.filter((k) => values[k].trim() !== '');
      // A line turned mixed-model: a task's one time stands for every model until times per model are given.
      times = Object.fromEntries(
        models.map((m) => {
          const text = values[`tasks.${i}.times.${m.id}`]?.trim() ?? '';
          return [m.id, text !== '' ? number(text) : given.length === 0 && time !== undefined ? time : 0];
        }),
      );
    }
    const station = cell('station');
    if (station !== '') {
      const s = Number(station);
      if (!Number.isInteger(s) || s < 1) errors[`tasks.${i}.station`] = 'a station number from 1';
      else if (id) {
        fixed.push({ task: id, station: s });
        fixedRowOf.push(i);
      }
    }
    return [{ id, description: cell('description'), ...(models ? { times } : { time }), predecessors: ids(cell('predecessors')) }];
  });
  const mustShare = pairs(values.mustShare, errors, 'mustShare');
  const mustNotShare = pairs(values.mustNotShare, errors, 'mustNotShare');
  const parsed = tasksSchema.safeParse({ ...(models ? { models } : {}), tasks });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, k, name, model] = issue.path.map(String);
      const field = head === 'tasks' && k !== undefined ? rowField(rowOf[Number(k)], name, model, models) : 'models';
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    input: { ...(models ? { models } : {}), tasks: parsed.data!.tasks, constraints: { fixed, mustShare, mustNotShare } },
    rows: { rowOf, fixedRowOf },
  };
}

/** The form field of one cell of a row; a task's times as a whole are shown at its first model's time. */
function rowField(row: number, name: string | undefined, model: string | undefined, models: { id: string }[] | undefined): string {
  if (name === 'times') return `tasks.${row}.times.${model ?? models?.[0]?.id ?? ''}`;
  if (name === 'predecessors') return `tasks.${row}.predecessors`;
  return `tasks.${row}.${name ?? 'id'}`;
}

/** The field errors of a refused task list, by form field; undefined when the error is not the input's fault. */
export function taskErrors(err: unknown, rows: TaskRowMap, models: { id: string }[] | undefined): FieldErrors | undefined {
  if (!(err instanceof DomainError) || !isInputRefusal(err)) return undefined;
  const raw = domainFieldErrors(err)!;
  const errors: FieldErrors = { _form: raw._form };
  for (const [path, message] of Object.entries(raw)) {
    if (path === '_form') continue;
    const parts = path.split('.');
    let field = '_form';
    if (parts[0] === 'tasks' && parts[1] !== undefined) field = rowField(rows.rowOf[Number(parts[1])], parts[2], parts[3], models);
    else if (parts[1] === 'fixed' && parts[2] !== undefined) field = `tasks.${rows.fixedRowOf[Number(parts[2])]}.station`;
    else if (parts[1] === 'mustShare' || parts[1] === 'mustNotShare') field = parts[1];
    else if (parts[0] === 'models') field = 'models';
    if (field !== '_form') errors[field] ??= message;
  }
  return errors;
}
