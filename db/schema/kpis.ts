import { date, doublePrecision, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { archivable, id, instant, timestamps, versioned } from './columns.ts';
import { kpiDirection, reviewCadence } from './enums.ts';
import { people } from './people.ts';
import { useCases } from './useCases.ts';

/** A narrow economic target of a use case: baseline → target, measured on a cadence. */
export const kpis = pgTable('kpis', {
  id: id(),
  useCaseId: uuid()
    .notNull()
    .references(() => useCases.id),
  name: text().notNull(),
  unit: text().notNull(),
  direction: kpiDirection().notNull(),
  baselineValue: doublePrecision(),
  baselinePeriodStart: date({ mode: 'string' }),
  baselinePeriodEnd: date({ mode: 'string' }),
  baselineSource: text(),
  targetValue: doublePrecision().notNull(),
  targetDate: date({ mode: 'string' }).notNull(),
  reviewCadence: reviewCadence().notNull(),
  ownerId: uuid()
    .notNull()
    .references(() => people.id),
  /** Money per year for one unit of improvement over baseline, for the ROI view (optional). */
  annualValuePerUnit: doublePrecision(),
  currency: text(),
  ...timestamps,
  ...versioned,
  ...archivable,
});

/** One measured value of a KPI over a period. */
export const kpiMeasurements = pgTable(
  'kpi_measurements',
  {
    id: id(),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id, { onDelete: 'cascade' }),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    value: doublePrecision().notNull(),
    source: text().notNull(),
    recordedById: uuid()
      .notNull()
      .references(() => people.id),
    recordedAt: instant().notNull(),
    ...versioned,
  },
  (t) => [index().on(t.kpiId, t.periodEnd), unique().on(t.kpiId, t.periodStart, t.periodEnd)],
);
