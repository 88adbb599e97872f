import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: random UUIDs, so rows from several sites never collide. */
export const id = () => uuid().primaryKey().defaultRandom();

/** A point in time, always with time zone. */
export const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/** Creation and last-update instants shared by every mutable table. */
export const timestamps = {
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant().notNull().defaultNow(),
};

/**
 * Set when an entity whose history must stay is archived: it takes no new work and no new
 * references, is left out of the figures of what is running, and keeps what refers to it.
 */
export const archivable = { archivedAt: instant() };

/**
 * The stored version of an entity people edit: 1 when created, one more with each change made
 * through the API. It is the entity's ETag, and `If-Match` on a change must name it.
 */
export const versioned = { version: integer().notNull().default(1) };
