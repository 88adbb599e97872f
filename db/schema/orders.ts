import { check, doublePrecision, index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, timestamps } from './columns.ts';
import { lines, stations } from './plant.ts';

// The plant's plans as its other systems keep them: planned orders from the ERP, maintenance work
// orders from the CMMS. Both are imported (never edited here) and keyed by the other system's id,
// unique in the line, so a daily re-import replaces what it sent before instead of doubling it.

/** An ERP planned order: so many of a product, due at an instant, on a line. */
export const plannedOrders = pgTable(
  'planned_orders',
  {
    id: id(),
    lineId: uuid()
      .notNull()
      .references(() => lines.id, { onDelete: 'cascade' }),
    /** The ERP's order number. */
    externalId: text().notNull(),
    product: text().notNull(),
    quantity: integer().notNull(),
    dueAt: instant().notNull(),
    ...timestamps,
  },
  (t) => [
    unique().on(t.lineId, t.externalId),
    index().on(t.lineId, t.dueAt),
    check('planned_order_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const workOrderKind = pgEnum('work_order_kind', ['preventive', 'corrective', 'inspection']);
export const workOrderStatus = pgEnum('work_order_status', ['planned', 'released', 'in_progress', 'done', 'cancelled']);

/**
 * A CMMS maintenance work order on a station: how long it takes, the window in which it may
 * start, its status and, once begun, when it actually ran. `lineId` is the station's line, kept
 * for the upsert key and the line's lists.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: id(),
    lineId: uuid()
      .notNull()
      .references(() => lines.id, { onDelete: 'cascade' }),
    stationId: uuid()
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    /** The CMMS's work order number. */
    externalId: text().notNull(),
    kind: workOrderKind().notNull(),
    plannedMinutes: doublePrecision().notNull(),
    earliestStart: instant().notNull(),
    latestStart: instant().notNull(),
    status: workOrderStatus().notNull(),
    actualStart: instant(),
    actualEnd: instant(),
    /**
     * Preventive work only: the station's failure rate is multiplied by this factor (0 < f ≤ 1)
     * once the work is done (0.6: 40 % fewer failures per unit of operating time; 1: no effect).
     */
    failureRateFactor: doublePrecision(),
    ...timestamps,
  },
  (t) => [
    unique().on(t.lineId, t.externalId),
    index().on(t.lineId, t.status),
    check('work_order_planned_minutes_positive', sql`${t.plannedMinutes} > 0`),
    check('work_order_window_ordered', sql`${t.latestStart} >= ${t.earliestStart}`),
    check(
      'work_order_actual_ordered',
      sql`${t.actualEnd} is null or (${t.actualStart} is not null and ${t.actualEnd} >= ${t.actualStart})`,
    ),
    check('work_order_done_has_actuals', sql`${t.status} <> 'done' or (${t.actualStart} is not null and ${t.actualEnd} is not null)`),
    check(
      'work_order_failure_rate_factor',
      sql`${t.failureRateFactor} is null or (${t.kind} = 'preventive' and ${t.failureRateFactor} > 0 and ${t.failureRateFactor} <= 1)`,
    ),
  ],
);
