import { bigserial, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, timestamps } from './columns.ts';
import { escalationEventKind, escalationOrigin, escalationSeverity, escalationStatus, escalationSubject } from './enums.ts';
import { people } from './people.ts';
import { programs } from './programs.ts';
import { userGroups } from './userGroups.ts';

/**
 * A question or problem that must be settled within its SLA. The due time lives here, in the
 * database, so the escalation sweep needs no in-memory timers and survives restarts.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    subjectType: escalationSubject().notNull(),
    subjectId: uuid().notNull(),
    origin: escalationOrigin().notNull().default('manual'),
    title: text().notNull(),
    description: text().notNull().default(''),
    severity: escalationSeverity().notNull(),
    status: escalationStatus().notNull().default('open'),
    raisedById: uuid().references(() => people.id),
    assigneeId: uuid()
      .notNull()
      .references(() => people.id),
    /** The group whose escalation route is followed; null when no route applies. */
    routeGroupId: uuid().references(() => userGroups.id),
    /** Position on the route of the current assignee (0: before the route, i.e. the owner). */
    routeStep: integer().notNull().default(0),
    /** False once the route is exhausted (or there is none): the sweep stops picking it up. */
    autoEscalate: boolean().notNull().default(true),
    slaHours: integer().notNull(),
    dueAt: instant().notNull(),
    /** The due time of the first SLA, for "resolved within SLA" figures. */
    firstDueAt: instant().notNull(),
    escalationCount: integer().notNull().default(0),
    acknowledgedAt: instant(),
    resolvedAt: instant(),
    resolutionNote: text(),
    /** When data flowed again after a stale-source escalation was raised. */
    dataRestoredAt: instant(),
    ...timestamps,
  },
  (t) => [
    index().on(t.status, t.dueAt),
    index().on(t.assigneeId, t.status),
    // At most one unresolved freshness escalation per data source, even under concurrent sweeps.
    uniqueIndex('escalations_one_open_freshness_per_subject')
      .on(t.subjectType, t.subjectId)
      .where(sql`${t.origin} = 'freshness' and ${t.status} <> 'resolved'`),
  ],
);

/** The timeline of an escalation: status changes, route steps, comments, data notes. */
export const escalationEvents = pgTable(
  'escalation_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    escalationId: uuid()
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    at: instant().notNull(),
    kind: escalationEventKind().notNull(),
    /** Null when the system acted (sweeps). */
    actorId: uuid().references(() => people.id),
    fromAssigneeId: uuid().references(() => people.id),
    toAssigneeId: uuid().references(() => people.id),
    note: text().notNull().default(''),
  },
  (t) => [index().on(t.escalationId, t.id)],
);
