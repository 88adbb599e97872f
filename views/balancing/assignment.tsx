/**
 * The assignment of a balance as a table: each station with its tasks and their times, its load
 * and idle time, per model of a mixed-model line, the overload of a checked sequence, and on a
 * U-line the leg of each task. The CSV export writes the same rows.
 */
import type { Translate } from '../../server/web/i18n.ts';
import type { AssignmentRow } from '../../server/balancing/pageModel.ts';
import type { CsvCell } from '../../server/web/csv.ts';
import { TableTools } from '../components/tableTools.tsx';
import { num, secs } from './format.ts';

export interface AssignmentProps {
  t: Translate;
  models: string[];
  rows: AssignmentRow[];
  csvHref: string;
  /** True when the run has parallel stations (a workplaces column). */
  parallel: boolean;
}

export function AssignmentTable({ t, models, rows, csvHref, parallel }: AssignmentProps) {
  const sequence = rows.some((r) => r.overload !== undefined);
  const total = (pick: (r: AssignmentRow) => number) => rows.reduce((sum, r) => sum + pick(r), 0);
  return (
    <div class="balance-assignment">
      <h3 id="balance-assignment-heading">{t('balance.assign.heading')}</h3>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table aria-labelledby="balance-assignment-heading">
          <thead>
            <tr>
              <th scope="col">{t('balance.col.station')}</th>
              {parallel && (
                <th scope="col" class="num">
                  {t('balance.col.workplaces')}
                </th>
              )}
              <th scope="col">{t('balance.col.tasks')}</th>
              <th scope="col" class="num">
                {models.length ? t('balance.col.weightedLoad') : t('balance.col.load')}
              </th>
              {models.map((m) => (
                <th scope="col" class="num">
                  {t('balance.col.modelLoad', { model: m })}
                </th>
              ))}
              <th scope="col" class="num">
                {t('balance.col.idle')}
              </th>
              {sequence && (
                <th scope="col" class="num">
                  {t('balance.col.overload')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr class={r.bottleneck ? 'balance-bottleneck' : undefined}>
                <th scope="row">
                  {t('balance.chart.station', { station: r.station })}{' '}
                  {r.bottleneck && <span class="badge bad">{t('balance.chart.bottleneck')}</span>}
                </th>
                {parallel && <td class="num">{r.replicas}</td>}
                <td>
                  <ul class="balance-tasks">
                    {r.tasks.map((task) => (
                      <li>
                        <strong>{task.id}</strong> {secs(task.time)}
                        {task.leg === 'back' && <span class="badge info">{t('balance.leg.back')}</span>}
                        {task.description && <span class="muted"> {task.description}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td class="num">{num(r.load)}</td>
                {r.modelLoads.map((l) => (
                  <td class="num">{num(l)}</td>
                ))}
                <td class="num">{num(r.idle)}</td>
                {sequence && <td class="num">{num(r.overload)}</td>}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('balance.assign.total')}</th>
              {parallel && <td class="num">{total((r) => r.replicas)}</td>}
              <td>{t('balance.assign.taskCount', { count: total((r) => r.tasks.length) })}</td>
              <td class="num">{num(total((r) => r.load))}</td>
              {models.map((_, m) => (
                <td class="num">{num(total((r) => r.modelLoads[m]))}</td>
              ))}
              <td class="num">{num(total((r) => r.idle))}</td>
              {sequence && <td class="num">{num(total((r) => r.overload ?? 0))}</td>}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/** The same table as CSV columns and rows (tasks as their ids, a back-leg task as `T3(back)`). */
export function assignmentCsv(models: string[], rows: AssignmentRow[], parallel: boolean): { columns: string[]; rows: CsvCell[][] } {
  const sequence = rows.some((r) => r.overload !== undefined);
  return {
    columns: [
      'station',
      ...(parallel ? ['workplaces'] : []),
      'tasks',
      'task_times',
      models.length ? 'weighted_load' : 'load',
      ...models.map((m) => `load:${m}`),
      'idle',
      ...(sequence ? ['sequence_overload'] : []),
      'bottleneck',
    ],
    rows: rows.map((r) => [
      r.station,
      ...(parallel ? [r.replicas] : []),
      r.tasks.map((task) => (task.leg === 'back' ? `${task.id}(back)` : task.id)).join(' '),
      r.tasks.map((task) => round(task.time)).join(' '),
      round(r.load),
      ...r.modelLoads.map(round),
      round(r.idle),
      ...(sequence ? [round(r.overload ?? 0)] : []),
      r.bottleneck,
    ]),
  };
}

/** Figures in a CSV: at most three decimals, as the solver takes times. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
