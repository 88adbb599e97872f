import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { usageOrigin } from './enums.ts';
import { simulationRuns } from './simulations.ts';
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
    /** Recorded by hand, or by the twin when the use case's question was answered (`runId`) or a decision recorded. */
    origin: usageOrigin().notNull().default('manual'),
    runId: uuid().references(() => simulationRuns.id, { onDelete: 'set null' }),
  },
  (t) => [index().on(t.groupId, t.occurredAt)],
);
