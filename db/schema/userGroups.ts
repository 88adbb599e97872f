import { integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { archivable, id, timestamps, versioned } from './columns.ts';
import { frequency, userGroupKind } from './enums.ts';
import { people } from './people.ts';
import { programs } from './programs.ts';

/** A stakeholder group of a program (operators, planners, …) and what it gets from the twin. */
export const userGroups = pgTable(
  'user_groups',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    kind: userGroupKind().notNull(),
    name: text().notNull(),
    valuePath: text().notNull(),
    expectedFrequency: frequency().notNull(),
    ...timestamps,
    ...versioned,
    ...archivable,
  },
  (t) => [unique().on(t.programId, t.name)],
);

export const userGroupMembers = pgTable(
  'user_group_members',
  {
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
);

/** The ordered escalation route of a group: step 1 is asked first. */
export const escalationRouteSteps = pgTable(
  'escalation_route_steps',
  {
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id, { onDelete: 'cascade' }),
    step: integer().notNull(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.step] })],
);
