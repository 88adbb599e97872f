import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { archivable, id, instant, timestamps, versioned } from './columns.ts';
import { accessRole } from './enums.ts';
import { enterprises, sites } from './plant.ts';

export const people = pgTable(
  'people',
  {
    id: id(),
    name: text().notNull(),
    email: text().notNull().unique(),
    /** Access roles this person may act in; each token picks one of them. */
    roles: accessRole().array().notNull(),
    /**
     * What the person may see, with \`person_sites\`: their sites when they have any, else this
     * enterprise, else (null) every enterprise of the installation.
     */
    scopeEnterpriseId: uuid().references(() => enterprises.id),
    /** argon2id hash of the sign-in password (PHC string); null: the person signs in with tokens only. */
    passwordHash: text(),
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
  /** Narrows a (machine) token to these sites inside its person's scope; null: the person's scope. */
  siteIds: uuid().array(),
  /** After this instant the token is refused; null: until revoked. */
  expiresAt: instant(),
  createdAt: instant().notNull().defaultNow(),
  lastUsedAt: instant(),
  revokedAt: instant(),
});

/** The sites a site-scoped person may see and work in. */
export const personSites = pgTable(
  'person_sites',
  {
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.siteId] })],
);

/**
 * A stand-in: \`standInId\` acts for \`personId\` on what that person owns, from one date to another
 * (both included, in the calendar of the program concerned).
 */
export const standIns = pgTable(
  'stand_ins',
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    standInId: uuid()
      .notNull()
      .references(() => people.id),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }).notNull(),
    note: text().notNull().default(''),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [index().on(t.standInId, t.toDate), index().on(t.personId)],
);
