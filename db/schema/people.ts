import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { archivable, id, instant, timestamps, versioned } from './columns.ts';
import { accessRole } from './enums.ts';

export const people = pgTable(
  'people',
  {
    id: id(),
    name: text().notNull(),
    email: text().notNull().unique(),
    /** Access roles this person may act in; each token picks one of them. */
    roles: accessRole().array().notNull(),
    ...timestamps,
    ...versioned,
    ...archivable,
  },
  // One person per address, whatever its case: Anna.Berg@ and anna.berg@ are the same mailbox.
  (t) => [uniqueIndex('people_email_lower_unique').on(sql`lower(${t.email})`)],
);

/** Bearer API tokens. Only a SHA-256 hash is stored; the secret is shown once at creation. */
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  personId: uuid()
    .notNull()
    .references(() => people.id),
  role: accessRole().notNull(),
  label: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: instant().notNull().defaultNow(),
  lastUsedAt: instant(),
  revokedAt: instant(),
});
