/**
 * Parser for task lists as planners keep them in spreadsheets: a header `task,time,predecessors`
 * (any order, case-insensitive, extra columns ignored) and one row per task; predecessors are
 * separated by spaces or semicolons and may be empty. Double-quoted fields are supported.
 * A mixed-model line has a column `time:<model>` per model instead of `time` (a blank cell is 0:
 * the model does not need the task); the models' demand shares come from elsewhere (the CLI's
 * `--models`, the upload's `models` query).
 */
import { BalancingInputError } from './errors.ts';
import type { ProblemTask } from './problemSchema.ts';

/** Parses CSV text into tasks (and the model ids of `time:` columns); throws BalancingInputError with `field` = `line N`. */
export function parseCsv(text: string): { tasks: ProblemTask[]; modelIds?: string[] } {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let columns = { task: -1, time: -1, predecessors: -1 };
  let modelColumns: { id: string; index: number }[] = [];
  const tasks: ProblemTask[] = [];
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].replace(/^\uFEFF/, '');
    if (raw.trim() === '') continue;
    const where = `line ${k + 1}`;
    const fields = splitRow(raw, where);
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      columns = { task: header.indexOf('task'), time: header.indexOf('time'), predecessors: header.indexOf('predecessors') };
      modelColumns = fields.flatMap((f, index) => (/^time:/i.test(f.trim()) ? [{ id: f.trim().slice(5).trim(), index }] : []));
      modelColumns.forEach((m, k) => {
        if (m.id === '') throw new BalancingInputError(where, `${where}: a column time: needs the model after the colon, e.g. time:A`);
        if (modelColumns.findIndex((o) => o.id === m.id) !== k)
          throw new BalancingInputError(where, `${where}: model ${m.id} has two time columns`);
      });
      if (modelColumns.length && columns.time >= 0) {
        throw new BalancingInputError(where, `${where}: give either one time column or a time:<model> column per model, not both`);
      }
      const absent = Object.entries(columns).find(([key, index]) => index < 0 && !(key === 'time' && modelColumns.length));
      if (absent)
        throw new BalancingInputError(
          where,
          `${where}: the header needs columns task, time (or time:<model> per model), predecessors (missing ${absent[0]})`,
        );
      continue;
    }
    const id = (fields[columns.task] ?? '').trim();
    if (id === '') throw new BalancingInputError(where, `${where}: empty task id`);
    const predecessors = (fields[columns.predecessors] ?? '').split(/[\s;]+/).filter((p) => p !== '');
    if (modelColumns.length) {
      const times = Object.fromEntries(
        modelColumns.map(({ id: model, index }) => {
          const text = (fields[index] ?? '').trim();
          const value = text === '' ? 0 : Number(text);
          if (!Number.isFinite(value) || value < 0) {
            throw new BalancingInputError(where, `${where}: time of task ${id} for model ${model} "${text}" is not a number ≥ 0`);
          }
          return [model, value];
        }),
      );
      tasks.push({ id, times, predecessors });
      continue;
    }
    const timeText = (fields[columns.time] ?? '').trim();
    const time = Number(timeText);
    if (timeText === '' || !Number.isFinite(time) || time <= 0) {
      throw new BalancingInputError(where, `${where}: time of task ${id} "${timeText}" is not a positive number`);
    }
    tasks.push({ id, time, predecessors });
  }
  if (!header) throw new BalancingInputError('line 1', 'empty file: expected a header task,time,predecessors');
  if (tasks.length === 0) throw new BalancingInputError('line 2', 'no tasks after the header');
  return modelColumns.length ? { tasks, modelIds: modelColumns.map((m) => m.id) } : { tasks };
}

/** Splits one CSV row on commas, honouring double quotes ("" inside quotes is a quote). */
function splitRow(row: string, where: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (quoted) {
      if (ch === '"' && row[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new BalancingInputError(where, `${where}: unclosed quote`);
  fields.push(field);
  return fields;
}
