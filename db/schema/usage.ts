import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { people } from './people.ts';
import { useCases } from './useCases.ts';
import { userGroups } from './userGroups.ts';

/** A use case was used (a decision taken with the twin) by a person of a group, at a time. */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: id(),
    useCaseId: uuid()
      .notNull()
      .references(() => useCases.id),
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id),
    personId: uuid().references(() => people.id),
    occurredAt: instant().notNull(),
    note: text().notNull().default(''),
  },
  (t) => [index().on(t.groupId, t.occurredAt)],
);
