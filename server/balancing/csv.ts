/**
 * Parser for task lists as planners keep them in spreadsheets: a header `task,time,predecessors`
 * (any order, case-insensitive, extra columns ignored) and one row per task; predecessors are
 * separated by spaces or semicolons and may be empty. Double-quoted fields are supported.
 */
import { BalancingInputError } from './errors.ts';
import type { BalancingTask } from './problemSchema.ts';

/** Parses CSV text into tasks; throws BalancingInputError with `field` = `line N`. */
export function parseCsv(text: string): { tasks: BalancingTask[] } {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let columns = { task: -1, time: -1, predecessors: -1 };
  const tasks: BalancingTask[] = [];
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].replace(/^\uFEFF/, '');
    if (raw.trim() === '') continue;
    const where = `line ${k + 1}`;
    const fields = splitRow(raw, where);
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      columns = { task: header.indexOf('task'), time: header.indexOf('time'), predecessors: header.indexOf('predecessors') };
      const absent = Object.entries(columns).find(([, index]) => index < 0);
      if (absent)
        throw new BalancingInputError(where, `${where}: the header needs columns task, time, predecessors (missing ${absent[0]})`);
      continue;
    }
    const id = (fields[columns.task] ?? '').trim();
    if (id === '') throw new BalancingInputError(where, `${where}: empty task id`);
    const timeText = (fields[columns.time] ?? '').trim();
    const time = Number(timeText);
    if (timeText === '' || !Number.isFinite(time) || time <= 0) {
      throw new BalancingInputError(where, `${where}: time of task ${id} "${timeText}" is not a positive number`);
    }
    const predecessors = (fields[columns.predecessors] ?? '').split(/[\s;]+/).filter((p) => p !== '');
    tasks.push({ id, time, predecessors });
  }
  if (!header) throw new BalancingInputError('line 1', 'empty file: expected a header task,time,predecessors');
  if (tasks.length === 0) throw new BalancingInputError('line 2', 'no tasks after the header');
  return { tasks };
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
