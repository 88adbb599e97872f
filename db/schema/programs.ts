import { date, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { archivable, id, timestamps, versioned } from './columns.ts';
import { enterprises, sites } from './plant.ts';
import { people } from './people.ts';

/** A digital-twin program: who sponsors it, where it runs, and when it must show value. */
export const programs = pgTable('programs', {
  id: id(),
  enterpriseId: uuid()
    .notNull()
    .references(() => enterprises.id),
  name: text().notNull(),
  description: text().notNull().default(''),
  sponsorId: uuid()
    .notNull()
    .references(() => people.id),
  goLiveDate: date({ mode: 'string' }).notNull(),
  /** Months after go-live within which the program must show measured value (6–12 typical). */
  valueWindowMonths: integer().notNull(),
  /**
   * The IANA zone of the program's calendar: what day it is for its periods, reviews, due dates and
   * adoption weeks. By default the zone most of its sites use.
   */
  timezone: text().notNull().default('UTC'),
  /** Shifts per working day and working days per week: the calendar for "per shift" usage. */
  shiftsPerDay: integer().notNull().default(3),
  workingDaysPerWeek: integer().notNull().default(5),
  /** Resolution SLA of escalations by severity, in hours. */
  slaCriticalHours: integer().notNull().default(24),
  slaHighHours: integer().notNull().default(48),
  slaNormalHours: integer().notNull().default(72),
  slaLowHours: integer().notNull().default(120),
  /** Overrides of the early-warning weights and thresholds (see server/warnings/settings.ts). */
  earlyWarningSettings: jsonb().notNull().default({}),
  ...timestamps,
  ...versioned,
  ...archivable,
});

export const programSites = pgTable(
  'program_sites',
  {
    programId: uuid()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
  },
  (t) => [primaryKey({ columns: [t.programId, t.siteId] })],
);
