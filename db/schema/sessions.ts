import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { accessRole, signInMethod } from './enums.ts';
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
    method: signInMethod().notNull().default('password'),
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

/**
 * A single sign-on in progress: made when the browser is sent to the identity provider, used once
 * when it comes back. `state` and the browser binding cookie are stored only as hashes; the PKCE
 * verifier and nonce are kept because the token request needs them, and are worthless without the
 * one-time code that only the browser receives.
 */
export const oidcLogins = pgTable('oidc_logins', {
  id: id(),
  stateHash: text().notNull().unique(),
  /** Hash of the `tw_oidc` cookie set on the browser that started the sign-in. */
  bindingHash: text().notNull(),
  codeVerifier: text().notNull(),
  nonce: text().notNull(),
  /** The role asked for at the start, if any. */
  role: accessRole(),
  returnTo: text().notNull().default('/'),
  createdAt: instant().notNull(),
  expiresAt: instant().notNull(),
  usedAt: instant(),
});
