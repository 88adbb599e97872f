import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { accessRole } from './enums.ts';
import { people } from './people.ts';

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256 hash is stored, so a
 * copy of the database signs nobody in. Ends when revoked, idle too long, or at `expiresAt`.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    role: accessRole().notNull(),
    secretHash: text().notNull().unique(),
    /** Sent back in `X-CSRF-Token` with every change made with the cookie. */
    csrfToken: text().notNull(),
    createdAt: instant().notNull(),
    lastSeenAt: instant().notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: instant().notNull(),
    revokedAt: instant(),
    userAgent: text().notNull().default(''),
    address: text().notNull().default(''),
  },
  (t) => [index().on(t.personId)],
);

/**
 * Failed sign-ins, counted per account and per client address over a window. Kept in the database
 * so that the limit holds across several server instances.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: id(),
    /** `account:<lower-case email>` or `address:<client address>`. */
    key: text().notNull(),
    at: instant().notNull(),
  },
  (t) => [index().on(t.key, t.at)],
);

/** A one-time password link an admin issued; only its hash is stored. */
export const passwordResets = pgTable('password_resets', {
  id: id(),
  personId: uuid()
    .notNull()
    .references(() => people.id),
  secretHash: text().notNull().unique(),
  createdById: uuid().references(() => people.id),
  createdAt: instant().notNull(),
  expiresAt: instant().notNull(),
  usedAt: instant(),
});
