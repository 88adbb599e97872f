import { bigserial, check, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, timestamps, versioned } from './columns.ts';
import { frequency, questionKind, useCaseStatus } from './enums.ts';
import { areas, lines } from './plant.ts';
import { people } from './people.ts';
import { programs } from './programs.ts';
import { userGroups } from './userGroups.ts';

/** A business question the twin must answer repeatedly, with one accountable owner. */
export const useCases = pgTable(
  'use_cases',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    title: text().notNull(),
    question: text().notNull(),
    scopeAreaId: uuid().references(() => areas.id),
    scopeLineId: uuid().references(() => lines.id),
    decisionFrequency: frequency().notNull(),
    ownerId: uuid().references(() => people.id),
    status: useCaseStatus().notNull().default('proposed'),
    /** The twin question this use case is answered by (null: none), on which line, with which body. */
    boundQuestion: questionKind(),
    boundLineId: uuid().references(() => lines.id),
    boundParameters: jsonb().notNull().default({}),
    ...timestamps,
    ...versioned,
  },
  (t) => [
    check('use_case_scope_exactly_one', sql`(${t.scopeAreaId} is null) <> (${t.scopeLineId} is null)`),
    check('use_case_bound_question_has_line', sql`(${t.boundQuestion} is null) = (${t.boundLineId} is null)`),
  ],
);

export const useCaseGroups = pgTable(
  'use_case_groups',
  {
    useCaseId: uuid()
      .notNull()
      .references(() => useCases.id, { onDelete: 'cascade' }),
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id),
  },
  (t) => [primaryKey({ columns: [t.useCaseId, t.groupId] })],
);

/** Every lifecycle step of a use case, with who made it and when. */
export const useCaseTransitions = pgTable('use_case_transitions', {
  /** Monotonic, so steps taken within the same instant keep their order. */
  id: bigserial({ mode: 'number' }).primaryKey(),
  useCaseId: uuid()
    .notNull()
    .references(() => useCases.id, { onDelete: 'cascade' }),
  fromStatus: useCaseStatus(),
  toStatus: useCaseStatus().notNull(),
  actorId: uuid()
    .notNull()
    .references(() => people.id),
  at: instant().notNull(),
  note: text().notNull().default(''),
});
