import { date, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, instant, timestamps, versioned } from './columns.ts';
import { milestoneStatus } from './enums.ts';
import { people } from './people.ts';
import { programs } from './programs.ts';
import { useCases } from './useCases.ts';

/** An adoption milestone: what must be true by a quarter or date. */
export const milestones = pgTable('milestones', {
  id: id(),
  programId: uuid()
    .notNull()
    .references(() => programs.id),
  useCaseId: uuid().references(() => useCases.id),
  title: text().notNull(),
  criterion: text().notNull(),
  /** `YYYY-Qn`, or null when a due date is given instead. */
  dueQuarter: text(),
  dueDate: date({ mode: 'string' }),
  ownerId: uuid()
    .notNull()
    .references(() => people.id),
  status: milestoneStatus().notNull().default('planned'),
  evidence: text().notNull().default(''),
  ...timestamps,
  ...versioned,
});

/** A review cycle of a program, held on a date. */
export const reviews = pgTable(
  'reviews',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    heldOn: date({ mode: 'string' }).notNull(),
    summary: text().notNull().default(''),
    createdById: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [unique().on(t.programId, t.heldOn)],
);

/** Each open milestone's status as recorded in a review. */
export const reviewItems = pgTable(
  'review_items',
  {
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    milestoneId: uuid()
      .notNull()
      .references(() => milestones.id),
    status: milestoneStatus().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.milestoneId] })],
);
