import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, sessions } from '../../db/schema/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { ForbiddenError, UnauthenticatedError, invalidInput, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { machineRoles, type AccessRole } from '../deps.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { limitKeys, reserveAttempt, settleSuccess } from './signInLimits.ts';
import type { SessionSettings } from './settings.ts';
import { checkManages, manages } from '../people/management.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The role to act in, for a person who holds several; their first role otherwise. */
  role?: AccessRole;
}

export interface Client {
  address: string;
  userAgent: string;
}

type SessionRow = typeof sessions.$inferSelect;

/** A session as its person and admins see it: never its secret's hash or its CSRF token. */
export function sessionView(row: SessionRow) {
  const { secretHash: _hash, csrfToken: _csrf, ...rest } = row;
  return rest;
}

/**
 * Signs a person in with email and password. Refused alike (401, one message) for an unknown
 * email, a wrong password, an archived person or one without a password, so the answer tells no
 * one which accounts exist; too many failures per account or address are refused first (429).
 * Returns the session and its cookie secret, which is never stored.
 */
export async function signIn(db: Db, input: SignInInput, client: Client, now: Date, settings: SessionSettings) {
  const keys = limitKeys(input.email, client.address);
  // Counted as a failure before the password is checked, so parallel guesses meet the limit too.
  const reserved = await reserveAttempt(db, keys, now);
  const [person] = await db
    .select()
    .from(people)
    .where(sql`lower(${people.email}) = ${input.email.trim().toLowerCase()}`)
    .limit(1);
  const valid = await verifyPassword(person?.passwordHash ?? (await decoyHash()), input.password);
  if (!person || !person.passwordHash || !valid || person.archivedAt) throw new UnauthenticatedError('the email or the password is wrong');
  await settleSuccess(db, reserved, input.email, client.address);
  return openSession(db, { person, role: input.role, method: 'password', rolePath: 'body.role' }, client, now, settings);
}

type PersonRow = typeof people.$inferSelect;

/**
 * Opens a browser session for a person who has proven who they are (password or identity
 * provider), acting in the role asked for, which must be one of their roles that sign in.
 */
export async function openSession(
  db: Db,
  how: {
    person: PersonRow;
    role: AccessRole | null | undefined;
    method: 'password' | 'oidc';
    /** Where the asked role came from, for the error that refuses it. */
    rolePath: string;
  },
  client: Client,
  now: Date,
  settings: SessionSettings,
) {
  const { person, method } = how;
  const humanRoles = person.roles.filter((r) => !machineRoles.includes(r));
  const role = how.role ?? humanRoles[0];
  if (!role || !humanRoles.includes(role)) {
    throw invalidInput(how.rolePath, `not one of your roles that sign in (${humanRoles.join(', ') || 'none'})`);
  }
  const secret = `tws_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(sessions)
    .values({
      personId: person.id,
      role,
      method,
      secretHash: hashToken(secret),
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.absoluteMs),
      userAgent: client.userAgent.slice(0, 300),
      address: client.address.slice(0, 100),
    })
    .returning();
  return { session: row, secret };
}

// Seeing a session again refreshes its idle clock; a minute's precision spares a write per request.
const LAST_SEEN_PRECISION_MS = 60_000;

/** The live session a cookie secret names, its idle clock refreshed; undefined when it has ended. */
export async function liveSession(db: Db, secret: string, now: Date, settings: SessionSettings) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.secretHash, hashToken(secret)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || now.getTime() - row.lastSeenAt.getTime() > settings.idleMs) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return row;
}

/** Ends a session: the caller's own (signing out), or any of a person's by an admin. */
export async function revokeSession(w: Write, id: string) {
  const before = await findOrNotFound(w.tx, sessions, 'session', id, { forUpdate: true });
  if (w.actor.role !== 'admin' && before.personId !== w.actor.personId)
    throw new ForbiddenError('only the person or an admin ends a session');
  if (before.personId !== w.actor.personId) await checkManages(w, before.personId);
  if (before.revokedAt) throw ruleViolation('the session has already ended');
  const [after] = await w.tx.update(sessions).set({ revokedAt: w.now }).where(eq(sessions.id, id)).returning();
  await audit(w, { entityType: 'session', entityId: id, action: 'revoke', before: sessionView(before), after: sessionView(after) });
  return sessionView(after);
}

/** A person's sessions, newest first (live ones only unless asked), for them and for admins. */
export async function listSessions(
  db: Db,
  viewer: { personId: string; role: AccessRole; siteIds: readonly string[] | null },
  personId: string,
  now: Date,
  all = false,
) {
  await findOrNotFound(db, people, 'person', personId);
  const own = viewer.personId === personId;
  if (!own && (viewer.role !== 'admin' || !(await manages(db, viewer, personId)))) {
    throw new ForbiddenError("only the person or an admin of their sites sees a person's sessions");
  }
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, personId), all ? undefined : and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now))))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  return rows.map(sessionView);
}
