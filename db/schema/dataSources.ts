import { boolean, check, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { archivable, id, instant, timestamps, versioned } from './columns.ts';
import { dataQuality, dataSourceKind } from './enums.ts';
import { areas, lines, sites } from './plant.ts';
import { people } from './people.ts';
import { programs } from './programs.ts';
import { useCases } from './useCases.ts';
import { userGroups } from './userGroups.ts';

/** A system feeding the twin (PLC, historian, MES, …) and how fresh its data must be. */
export const dataSources = pgTable(
  'data_sources',
  {
    id: id(),
    programId: uuid()
      .notNull()
      .references(() => programs.id),
    name: text().notNull(),
    /** A short name machines use to say which source an event refreshes (`source` in ingest); unique in the program. */
    code: text(),
    kind: dataSourceKind().notNull(),
    scopeSiteId: uuid().references(() => sites.id),
    scopeAreaId: uuid().references(() => areas.id),
    scopeLineId: uuid().references(() => lines.id),
    /** Owner of the source's exceptions: stale-data escalations go to this person. */
    ownerId: uuid()
      .notNull()
      .references(() => people.id),
    /** Group whose escalation route takes over when the owner does not resolve in time. */
    escalationGroupId: uuid().references(() => userGroups.id),
    /** How often new data is expected, in seconds (1 for a PLC tag, 86 400 for a daily ERP batch). */
    expectedRefreshSeconds: integer().notNull(),
    /** How late a refresh may arrive and still be acceptable, in seconds. */
    maxLatencySeconds: integer().notNull(),
    /** When the service last received data or a heartbeat. */
    lastReceivedAt: instant(),
    /** Source timestamp of the newest value (OPC UA SourceTimestamp); freshness is measured from it. */
    lastSourceTimestamp: instant(),
    lastQuality: dataQuality(),
    /** Why the newest value is not Good, when the host knows (a Sparkplug edge node's death). */
    lastQualityNote: text(),
    ...timestamps,
    ...versioned,
    ...archivable,
  },
  (t) => [
    unique('data_sources_program_code_unique').on(t.programId, t.code),
    check('data_source_scope_exactly_one', sql`num_nonnulls(${t.scopeSiteId}, ${t.scopeAreaId}, ${t.scopeLineId}) = 1`),
    check('data_source_thresholds_positive', sql`${t.expectedRefreshSeconds} > 0 and ${t.maxLatencySeconds} >= 0`),
  ],
);

/** Which use cases rely on which sources; a stale required source degrades the use case's trust. */
export const useCaseDataSources = pgTable(
  'use_case_data_sources',
  {
    useCaseId: uuid()
      .notNull()
      .references(() => useCases.id, { onDelete: 'cascade' }),
    dataSourceId: uuid()
      .notNull()
      .references(() => dataSources.id, { onDelete: 'cascade' }),
    required: boolean().notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.useCaseId, t.dataSourceId] })],
);
