import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant, timestamps, versioned } from './columns.ts';
import { eventKind, stateClass } from './enums.ts';
import { sites, stations } from './plant.ts';

/**
 * What the machines report: one row per event, of every kind (a wide table, so that one key
 * de-duplicates all of them and one bulk insert takes a mixed batch). The table is partitioned by
 * day on `ts` (see migration 0010, which drizzle does not model): partitions are made ahead by a
 * job and dropped whole when older than the retention. No foreign key to stations: ingest resolves
 * every station before it writes, and a check per row would cost a lookup per event.
 *
 * The key is the station, the source timestamp and the sender's event id: a replayed event is
 * not stored twice, and the key holds the partition column as PostgreSQL requires.
 */
export const machineEvents = pgTable(
  'machine_events',
  {
    stationId: uuid().notNull(),
    eventId: text().notNull(),
    /** The source timestamp: when it happened at the machine. */
    ts: instant().notNull(),
    kind: eventKind().notNull(),
    /** When twinward received it. */
    receivedAt: instant().notNull(),
    /** The data source it refreshed, when one feeds the station. */
    sourceId: uuid(),
    // state
    state: stateClass(),
    /** The stop reason code as sent; its meaning comes from the site's reason tree. */
    reason: text(),
    /** The numeric state code as sent (United Manufacturing Hub convention), when it came as one. */
    stateCode: integer(),
    // cycle and count
    product: text(),
    cycleSeconds: doublePrecision(),
    good: integer(),
    scrap: integer(),
    // energy: a power reading or a meter reading
    kw: doublePrecision(),
    kwh: doublePrecision(),
    // buffer
    bufferLevel: integer(),
    // count totals of a period from a named system (MES, quality), for consistency checks
    system: text(),
    periodStart: instant(),
  },
  (t) => [
    // Ordered by station and time, so that a station's window is one range of the key.
    primaryKey({ columns: [t.stationId, t.ts, t.eventId] }),
    // A station's state changes, found without reading its cycles (the live view, the metrics).
    index('machine_events_states')
      .on(t.stationId, t.ts)
      .where(sql`${t.kind} = 'state'`),
  ],
);

/**
 * A site's stop reasons: the codes its machines send, what they mean and which state class and
 * loss category they belong to. Admins edit it; codes that are not in it are kept on the events
 * and counted as unclassified.
 */
export const stopReasons = pgTable(
  'stop_reasons',
  {
    id: id(),
    siteId: uuid()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    stateClass: stateClass().notNull(),
    /** Within the class: technical, material, operator, quality, other; changeover, cleaning; break, no_order, no_shift, planned_maintenance. */
    category: text().notNull(),
    ...timestamps,
    ...versioned,
  },
  (t) => [unique().on(t.siteId, t.code)],
);

/**
 * Which Sparkplug B edge node (or device of it) is which station, and which of its metrics carry
 * the state, the counters, the cycle time, the energy and the buffer level.
 */
export const sparkplugMappings = pgTable(
  'sparkplug_mappings',
  {
    id: id(),
    groupId: text().notNull(),
    edgeNode: text().notNull(),
    /** The device below the edge node; '' for the node's own metrics. */
    device: text().notNull().default(''),
    stationId: uuid()
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    /** Metric names, by what they mean: state, good, scrap (counters), cycleSeconds, kw, kwh, buffer. */
    metrics: jsonb().$type<SparkplugMetricNames>().notNull(),
    ...timestamps,
  },
  (t) => [unique().on(t.groupId, t.edgeNode, t.device, t.stationId)],
);

export interface SparkplugMetricNames {
  state?: string;
  good?: string;
  scrap?: string;
  cycleSeconds?: string;
  kw?: string;
  kwh?: string;
  buffer?: string;
}

/** The host's view of each Sparkplug edge node: online or not, its birth-death sequence, gaps seen. */
export const sparkplugNodes = pgTable(
  'sparkplug_nodes',
  {
    groupId: text().notNull(),
    edgeNode: text().notNull(),
    online: boolean().notNull(),
    bdSeq: bigint({ mode: 'number' }),
    lastSeq: integer(),
    /** Messages whose `seq` did not follow the one before. */
    seqGaps: integer().notNull().default(0),
    lastBirthAt: instant(),
    lastDeathAt: instant(),
    /** Devices that are offline (DDEATH), by name. */
    offlineDevices: jsonb().$type<string[]>().notNull().default([]),
    updatedAt: instant().notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.edgeNode] })],
);
