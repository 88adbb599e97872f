/**
 * The balance page's tables as CSV (`?format=csv&table=<name>`, with the page's `run` and
 * `current`): the assignment of the balance shown, the comparison, the runs, and the line's
 * tasks in the upload format (task, time or time:<model>, predecessors), so a file exported
 * here can be edited in a spreadsheet and balanced again.
 */
import type { CsvTable } from '../web/csv.ts';
import type { Translate } from '../web/i18n.ts';
import { assignmentCsv, round } from '../../views/balancing/assignment.tsx';
import { comparisonRows } from '../../views/balancing/summary.tsx';
import type { BalancePageData } from './pageData.ts';
import { assignmentOf, summaryOf } from './pageModel.ts';

export const csvTables = ['assignment', 'comparison', 'runs', 'tasks'] as const;
export type CsvTableName = (typeof csvTables)[number];

export function balanceCsv(data: BalancePageData, table: CsvTableName, t: Translate, day: string): CsvTable {
  const name = `balance-${data.line.code}-${table}-${day}`;
  const main = data.proposed ?? data.current;
  if (table === 'assignment') {
    if (!main) return { name, columns: ['station', 'tasks', 'load', 'idle'], rows: [] };
    const { models, rows } = assignmentOf(main, data.descriptions);
    return { name, ...assignmentCsv(models, rows, !!main.result.replicas) };
  }
  if (table === 'comparison') {
    const columns = ['figure', 'current', 'proposed'];
    if (!data.current || !data.proposed) return { name, columns, rows: [] };
    const rows = comparisonRows(summaryOf(data.current.result), summaryOf(data.proposed.result), t);
    const cell = (v: number | string) => (typeof v === 'number' ? round(v) : v);
    return { name, columns, rows: rows.map((r) => [r.key, cell(r.current), cell(r.proposed)]) };
  }
  if (table === 'runs') {
    return {
      name,
      columns: ['id', 'created_at', 'title', 'problem', 'stations', 'cycle_time', 'proven_optimal', 'lower_bound', 'elapsed_ms'],
      rows: data.runs.map((r) => [
        r.id,
        r.createdAt,
        r.title,
        r.problem,
        r.stations,
        round(r.cycleTime),
        r.provenOptimal,
        round(r.lowerBound),
        Math.round(r.elapsedMs),
      ]),
    };
  }
  const { stored } = data;
  const models = stored.models?.map((m) => m.id) ?? [];
  const fixed = new Map(stored.constraints.fixed.map((f) => [f.task, f.station]));
  return {
    name,
    columns: ['task', 'description', ...(models.length ? models.map((m) => `time:${m}`) : ['time']), 'predecessors', 'fixed_station'],
    rows: stored.tasks.map((task) => [
      task.id,
      task.description ?? '',
      ...(models.length ? models.map((m) => task.times?.[m] ?? 0) : [task.time ?? null]),
      task.predecessors.join(' '),
      fixed.get(task.id) ?? null,
    ]),
  };
}
