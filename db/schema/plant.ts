import { doublePrecision, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, versioned } from './columns.ts';

// ISA-95 equipment hierarchy: enterprise → site → area → line (work centre) → station (work cell).
// Codes are Unified Namespace segments (no spaces, no + # / $), unique within their parent,
// so `enterprise/site/area/line/station` is a stable key for live data topics.

export const enterprises = pgTable('enterprises', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  ...timestamps,
  ...versioned,
});

export const sites = pgTable(
  'sites',
  {
    id: id(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprises.id),
    code: text().notNull(),
    name: text().notNull(),
    timezone: text().notNull().default('UTC'),
    /** The site's contracted peak demand in kW (15-minute mean), which scenarios are checked against; null: none known. */
    peakLimitKw: doublePrecision(),
    ...timestamps,
    ...versioned,
  },
  (t) => [unique().on(t.enterpriseId, t.code)],
);

export const areas = pgTable(
  'areas',
  {
    id: id(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
    code: text().notNull(),
    name: text().notNull(),
    ...timestamps,
    ...versioned,
  },
  (t) => [unique().on(t.siteId, t.code)],
);

export const lines = pgTable(
  'lines',
  {
    id: id(),
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    code: text().notNull(),
    name: text().notNull(),
    /** Stops shorter than this count as speed loss (microstops), not availability loss. */
    microstopSeconds: integer().notNull().default(120),
    ...timestamps,
    ...versioned,
  },
  (t) => [unique().on(t.areaId, t.code)],
);

export const stations = pgTable(
  'stations',
  {
    id: id(),
    lineId: uuid()
      .notNull()
      .references(() => lines.id),
    code: text().notNull(),
    name: text().notNull(),
    /** Order along the line, 1 = first. */
    position: integer().notNull(),
    /** Ideal cycle time (ISO 22400 PRI, planned run time per item) in seconds; the line model's mean when absent. */
    idealCycleSeconds: doublePrecision(),
    /** Ideal cycle times of particular products, where they differ. */
    idealCycleByProduct: jsonb().$type<Record<string, number>>().notNull().default({}),
    ...timestamps,
    ...versioned,
  },
  (t) => [unique().on(t.lineId, t.code), unique().on(t.lineId, t.position)],
);
