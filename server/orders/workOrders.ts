/**
 * Maintenance work orders from the CMMS: work on a station of the line, of a planned length, to
 * start within a window; once begun, when it actually ran. Preventive work may say how much it
 * lowers the station's failure rate (`failureRateFactor`). Imported by the line, replaced by
 * their `externalId`, listed by earliest start.
 */
import { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { stations, workOrders, workOrderKind, workOrderStatus } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import type { Write } from '../core/write.ts';
import { choiceField, expected, externalIdField, instantField, optional, textField } from './fields.ts';
import { runImport, type ImportKind, type ItemProblem } from './imports.ts';
import type { CsvColumns, ImportItem } from './items.ts';
import { CLOCK_SKEW_MS } from '../core/calendar.ts';

export const workOrderKinds = workOrderKind.enumValues;
export const workOrderStatuses = workOrderStatus.enumValues;
type Status = (typeof workOrderStatuses)[number];

/** One work order as an import gives it; the CSV columns have the same names. */
export const workOrderItem = z.object({
  externalId: externalIdField,
  station: textField(200).openapi({ description: 'The station’s code in the line (`op40`) or its id', example: 'op40' }),
  kind: choiceField(workOrderKinds).openapi({ description: workOrderKinds.join(', ') }),
  plannedMinutes: z
    .number({ error: expected('minutes above 0') })
    .gt(0, 'minutes above 0')
    .max(43_200, 'at most 43 200 minutes (30 days)')
    .openapi({ description: 'How long the work takes, in minutes', example: 90 }),
  earliestStart: instantField,
  latestStart: instantField.openapi({ description: 'The last instant the work may start; not before earliestStart' }),
  status: choiceField(workOrderStatuses)
    .default('planned')
    .openapi({ description: `${workOrderStatuses.join(', ')} (planned when absent)` }),
  actualStart: optional(instantField).openapi({ description: 'When the work began: needed once it is in progress or done' }),
  actualEnd: optional(instantField).openapi({ description: 'When the work ended: needed once it is done' }),
  failureRateFactor: optional(
    z
      .number({ error: expected('a number above 0, at most 1') })
      .gt(0, 'a number above 0, at most 1')
      .lte(1, 'a number above 0, at most 1'),
  ).openapi({
    description:
      'Preventive work only: after it is done the station’s failure rate is multiplied by this (0.6: 40 % fewer failures per operating hour; 1: no change); absent: not known',
    example: 0.6,
  }),
});
type WorkOrderItem = z.infer<typeof workOrderItem>;
type WorkOrderRow = {
  externalId: string;
  stationId: string;
  kind: WorkOrderItem['kind'];
  plannedMinutes: number;
  earliestStart: Date;
  latestStart: Date;
  status: Status;
  actualStart: Date | null;
  actualEnd: Date | null;
  failureRateFactor: number | null;
};

export const workOrderColumns: CsvColumns = {
  fields: Object.keys(workOrderItem.shape),
  required: ['externalId', 'station', 'kind', 'plannedMinutes', 'earliestStart', 'latestStart'],
  numbers: ['plannedMinutes', 'failureRateFactor'],
  instants: ['earliestStart', 'latestStart', 'actualStart', 'actualEnd'],
};

/** What a work order's own fields must agree on, as problems by field; `now` bounds what has happened. */
export function workOrderProblems(item: WorkOrderItem, now: Date): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const at = (text: string | null | undefined) => (text ? Date.parse(text) : undefined);
  const [earliest, latest, start, end] = [at(item.earliestStart)!, at(item.latestStart)!, at(item.actualStart), at(item.actualEnd)];
  if (latest < earliest) problems.push({ field: 'latestStart', message: 'lies before earliestStart' });
  if (item.status === 'planned' || item.status === 'released') {
    for (const [field, value] of [
      ['actualStart', start],
      ['actualEnd', end],
    ] as const) {
      if (value !== undefined)
        problems.push({ field, message: `a ${item.status} work order has not begun (it is given once in_progress or done)` });
    }
  } else {
    if (start === undefined && (end !== undefined || item.status !== 'cancelled')) {
      problems.push({
        field: 'actualStart',
        message: item.status === 'cancelled' ? 'needed with actualEnd' : `needed: the work is ${item.status.replace('_', ' ')}`,
      });
    }
    if (end === undefined && item.status === 'done') problems.push({ field: 'actualEnd', message: 'needed: the work is done' });
    if (end !== undefined && item.status === 'in_progress')
      problems.push({ field: 'actualEnd', message: 'a work order in progress has not ended' });
  }
  if (start !== undefined && end !== undefined && end < start) problems.push({ field: 'actualEnd', message: 'lies before actualStart' });
  for (const [field, value] of [
    ['actualStart', start],
    ['actualEnd', end],
  ] as const) {
    if (value !== undefined && value > now.getTime() + CLOCK_SKEW_MS) problems.push({ field, message: 'lies in the future' });
  }
  if (item.failureRateFactor != null && item.kind !== 'preventive') {
    problems.push({ field: 'failureRateFactor', message: 'only preventive work changes the failure rate' });
  }
  return problems;
}

const instant = (text: string | null | undefined) => (text ? new Date(text) : null);

const workOrderKindOfImport: ImportKind<WorkOrderItem, WorkOrderRow> = {
  entity: 'work order',
  table: workOrders,
  schema: workOrderItem,
  fields: workOrderColumns.fields,
  replaced: [
    'stationId',
    'kind',
    'plannedMinutes',
    'earliestStart',
    'latestStart',
    'status',
    'actualStart',
    'actualEnd',
    'failureRateFactor',
  ],
  sourceKind: 'maintenance',
  action: 'import-work-orders',
  async prepare(line, w) {
    const own = await w.tx.select({ id: stations.id, code: stations.code }).from(stations).where(eq(stations.lineId, line.id));
    const byCode = new Map(own.map((s) => [s.code.toLowerCase(), s.id]));
    const ids = new Set(own.map((s) => s.id));
    return (item): ItemProblem[] | WorkOrderRow => {
      const stationId = ids.has(item.station) ? item.station : byCode.get(item.station.toLowerCase());
      const problems = workOrderProblems(item, w.now);
      if (!stationId) problems.unshift({ field: 'station', message: `not a station of line ${line.code}` });
      if (problems.length || !stationId) return problems;
      return {
        externalId: item.externalId,
        stationId,
        kind: item.kind,
        plannedMinutes: item.plannedMinutes,
        earliestStart: new Date(item.earliestStart),
        latestStart: new Date(item.latestStart),
        status: item.status,
        actualStart: instant(item.actualStart),
        actualEnd: instant(item.actualEnd),
        failureRateFactor: item.failureRateFactor ?? null,
      };
    };
  },
};

/** Imports work orders into a line: admins, planners and integrations who see the line. */
export function importWorkOrders(w: Write, lineId: string, items: ImportItem[]) {
  return runImport(w, lineId, workOrderKindOfImport, items);
}

/** A line's work orders (of one status, if given), by earliest start, each with its station's code. */
export async function listWorkOrders(db: Db, viewer: Viewer, lineId: string, filter: { status?: Status } = {}) {
  await checkSees(db, viewer, 'line', lineId);
  const rows = await db
    .select({ order: workOrders, station: stations.code })
    .from(workOrders)
    .innerJoin(stations, eq(stations.id, workOrders.stationId))
    .where(and(eq(workOrders.lineId, lineId), filter.status ? eq(workOrders.status, filter.status) : undefined))
    .orderBy(asc(workOrders.earliestStart), asc(workOrders.externalId));
  return rows.map(({ order, station }) => ({ ...order, station }));
}
