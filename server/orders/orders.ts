/**
 * Planned orders from the ERP: so many of a product due at an instant on a line. Imported by the
 * line (JSON or CSV), replaced by their `externalId`, listed by due time.
 */
import { z } from '@hono/zod-openapi';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { plannedOrders } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { invalidInput } from '../core/errors.ts';
import type { Write } from '../core/write.ts';
import { expected, externalIdField, instantField, optional, textField } from './fields.ts';
import { runImport, type ImportKind, type ItemProblem } from './imports.ts';
import type { CsvColumns, ImportItem } from './items.ts';

const wholeNumber = 'a whole number above 0';

/** One planned order as an import gives it; the CSV columns have the same names. */
export const plannedOrderItem = z.object({
  externalId: externalIdField,
  product: textField(200).openapi({ description: 'The product (variant) code, as the line model names it', example: 'GB6' }),
  quantity: z
    .number({ error: expected(wholeNumber) })
    .int(wholeNumber)
    .min(1, wholeNumber)
    .max(1_000_000_000, 'at most 1 000 000 000')
    .openapi({ example: 350 }),
  due: instantField.openapi({ description: 'When the quantity must be made' }),
  line: optional(textField(200)).openapi({
    description: 'The line’s code or id, when the export names it: it must be the line of the URL',
  }),
});
type PlannedOrderItem = z.infer<typeof plannedOrderItem>;
type PlannedOrderRow = { externalId: string; product: string; quantity: number; dueAt: Date };

export const plannedOrderColumns: CsvColumns = {
  fields: Object.keys(plannedOrderItem.shape),
  required: ['externalId', 'product', 'quantity', 'due'],
  numbers: ['quantity'],
  instants: ['due'],
};

const plannedOrderKind: ImportKind<PlannedOrderItem, PlannedOrderRow> = {
  entity: 'planned order',
  table: plannedOrders,
  schema: plannedOrderItem,
  fields: plannedOrderColumns.fields,
  replaced: ['product', 'quantity', 'dueAt'],
  sourceKind: 'erp',
  action: 'import-orders',
  async prepare(line) {
    return (item): ItemProblem[] | PlannedOrderRow => {
      if (item.line != null && item.line !== line.id && item.line.toLowerCase() !== line.code.toLowerCase()) {
        return [{ field: 'line', message: `names another line: this import is for line ${line.code}` }];
      }
      return { externalId: item.externalId, product: item.product, quantity: item.quantity, dueAt: new Date(item.due) };
    };
  },
};

/** Imports planned orders into a line: admins, planners and integrations who see the line. */
export function importPlannedOrders(w: Write, lineId: string, items: ImportItem[]) {
  return runImport(w, lineId, plannedOrderKind, items);
}

/** A stored planned order as the API answers it. */
export function plannedOrderView(row: typeof plannedOrders.$inferSelect) {
  const { dueAt, ...rest } = row;
  return { ...rest, due: dueAt };
}

/** A line's planned orders due in [from, to), by due time. */
export async function listPlannedOrders(db: Db, viewer: Viewer, lineId: string, window: { from?: string; to?: string } = {}) {
  await checkSees(db, viewer, 'line', lineId);
  if (window.from && window.to && Date.parse(window.to) <= Date.parse(window.from)) throw invalidInput('query.to', 'must lie after from');
  const rows = await db
    .select()
    .from(plannedOrders)
    .where(
      and(
        eq(plannedOrders.lineId, lineId),
        window.from ? gte(plannedOrders.dueAt, new Date(window.from)) : undefined,
        window.to ? lt(plannedOrders.dueAt, new Date(window.to)) : undefined,
      ),
    )
    .orderBy(asc(plannedOrders.dueAt), asc(plannedOrders.externalId));
  return rows.map(plannedOrderView);
}
