import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, timestamps, versioned } from './columns.ts';
import { people } from './people.ts';
import { lines, sites, stations } from './plant.ts';

/** A shift of a site's week, in the site's wall-clock time; it may run past midnight. */
export interface ShiftDefinition {
  name: string;
  /** `HH:MM` */
  start: string;
  /** `HH:MM`; at or before `start` means the next day. */
  end: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the shift starts. */
  days: number[];
  breaks: { start: string; end: string; name?: string }[];
}

/** A site's work schedule: its shifts. Without one, the whole of any window is planned time. */
export const workSchedules = pgTable('work_schedules', {
  siteId: uuid()
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  shifts: jsonb().$type<ShiftDefinition[]>().notNull(),
  ...timestamps,
  ...versioned,
});

/**
 * A planned stop of a site, a line or a station (planned maintenance, no order, a holiday): time
 * taken out of the planned busy time, as breaks are.
 */
export const plannedStops = pgTable(
  'planned_stops',
  {
    id: id(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    lineId: uuid().references(() => lines.id, { onDelete: 'cascade' }),
    stationId: uuid().references(() => stations.id, { onDelete: 'cascade' }),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    /** break, no_order, no_shift or planned_maintenance */
    category: text().notNull(),
    note: text().notNull().default(''),
    createdById: uuid().references(() => people.id),
    ...timestamps,
  },
  (t) => [index().on(t.siteId, t.startsAt), check('planned_stop_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`)],
);
