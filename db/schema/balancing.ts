import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant } from './columns.ts';
import { lines } from './plant.ts';
import { people } from './people.ts';

export const zoningKind = pgEnum('zoning_kind', ['same_station', 'different_station']);
export const balancingProblem = pgEnum('balancing_problem', ['SALBP-1', 'SALBP-2', 'MALBP-1', 'MALBP-2', 'UALBP-1', 'UALBP-2']);

/** The work elements of a line, with their times, in the order the planner entered them. */
export const lineTasks = pgTable(
  'line_tasks',
  {
    id: id(),
    lineId: uuid()
      .notNull()
      .references(() => lines.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    description: text().notNull().default(''),
    /** Task time in the line's time unit (seconds by convention). */
    time: doublePrecision().notNull(),
    /** Station (1 = first) the task is fixed to, e.g. where its tooling is installed. */
    fixedStation: integer(),
    position: integer().notNull(),
  },
  (t) => [unique().on(t.lineId, t.code), check('line_task_time_positive', sql`${t.time} > 0`)],
);

/** The product variants of a mixed-model line with their demand shares (normalised when balanced). */
export const lineModels = pgTable(
  'line_models',
  {
    id: id(),
    lineId: uuid()
      .notNull()
      .references(() => lines.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    share: doublePrecision().notNull(),
    position: integer().notNull(),
  },
  (t) => [unique().on(t.lineId, t.code), check('line_model_share_positive', sql`${t.share} > 0`)],
);

/**
 * A task's time for one model of a mixed-model line (0: the model does not need it). The
 * task's own `time` is then the share-weighted average, what one unit of the mix takes.
 */
export const lineTaskTimes = pgTable(
  'line_task_times',
  {
    taskId: uuid()
      .notNull()
      .references(() => lineTasks.id, { onDelete: 'cascade' }),
    modelId: uuid()
      .notNull()
      .references(() => lineModels.id, { onDelete: 'cascade' }),
    time: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.modelId] }), check('line_task_time_not_negative', sql`${t.time} >= 0`)],
);

/** Precedence arcs: `predecessorId` must be done at the same or an earlier station than `successorId`. */
export const lineTaskPrecedences = pgTable(
  'line_task_precedences',
  {
    predecessorId: uuid()
      .notNull()
      .references(() => lineTasks.id, { onDelete: 'cascade' }),
    successorId: uuid()
      .notNull()
      .references(() => lineTasks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

/** Zoning: pairs of tasks that must, or must not, share a station. */
export const lineTaskZoning = pgTable(
  'line_task_zoning',
  {
    taskAId: uuid()
      .notNull()
      .references(() => lineTasks.id, { onDelete: 'cascade' }),
    taskBId: uuid()
      .notNull()
      .references(() => lineTasks.id, { onDelete: 'cascade' }),
    kind: zoningKind().notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskAId, t.taskBId] })],
);

/** A balancing run: the full problem as solved, and the result, so a planner can come back to it. */
export const balancingRuns = pgTable(
  'balancing_runs',
  {
    id: id(),
    lineId: uuid().references(() => lines.id),
    title: text().notNull(),
    problem: balancingProblem().notNull(),
    input: jsonb().notNull(),
    result: jsonb().notNull(),
    stations: integer().notNull(),
    cycleTime: doublePrecision().notNull(),
    provenOptimal: boolean().notNull(),
    lowerBound: doublePrecision().notNull(),
    elapsedMs: doublePrecision().notNull(),
    createdById: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: instant().notNull(),
  },
  (t) => [index().on(t.lineId, t.createdAt)],
);
