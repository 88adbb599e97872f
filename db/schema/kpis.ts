import { check, date, doublePrecision, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { archivable, id, instant, timestamps, versioned } from './columns.ts';
import { kpiDirection, liveMetric, measurementRecorder, reviewCadence } from './enums.ts';
import { people } from './people.ts';
import { lines, stations } from './plant.ts';
import { useCases } from './useCases.ts';

/** A narrow economic target of a use case: baseline → target, measured on a cadence. */
export const kpis = pgTable(
  'kpis',
  {
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
    /**
     * The live metric that feeds it (null: measured by hand), of one line or one station: the twin
     * then records its measurements from machine events, one per period of its cadence.
     */
    liveMetric: liveMetric(),
    liveLineId: uuid().references(() => lines.id),
    liveStationId: uuid().references(() => stations.id),
    ...timestamps,
    ...versioned,
    ...archivable,
  },
  (t) => [
    check(
      'kpi_live_binding',
      sql`(${t.liveMetric} is null and ${t.liveLineId} is null and ${t.liveStationId} is null) or (${t.liveMetric} is not null and (${t.liveLineId} is null) <> (${t.liveStationId} is null))`,
    ),
  ],
);

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
    /** A person entered it (`recordedById`), or the twin computed it from live data (no person did: null). */
    recordedBy: measurementRecorder().notNull().default('person'),
    recordedById: uuid().references(() => people.id),
    recordedAt: instant().notNull(),
    ...versioned,
  },
  (t) => [
    index().on(t.kpiId, t.periodEnd),
    unique().on(t.kpiId, t.periodStart, t.periodEnd),
    check('kpi_measurement_recorder', sql`(${t.recordedBy} = 'person') = (${t.recordedById} is not null)`),
  ],
);
