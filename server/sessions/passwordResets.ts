import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { passwordResets, people, sessions } from '../../db/schema/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { ForbiddenError, UnauthenticatedError, ruleViolation } from '../core/errors.ts';
import { checkSignInAllowed, limitKeys } from './signInLimits.ts';
import { findActive } from '../core/lifecycle.ts';
import { audit, type WriteContext, type Write } from '../core/write.ts';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords.ts';
import { RESET_LINK_HOURS } from './settings.ts';
import { checkManages } from '../people/management.ts';

/**
 * An admin issues a one-time link for a person to set their password (a new person, or one who
 * forgot theirs): no mail server is needed, the admin hands the link over. Only its hash is stored.
 */
export async function issuePasswordReset(w: Write, personId: string) {
  await checkManages(w, personId);
  const person = await findActive(w.tx, people, 'person', personId);
  const secret = `twr_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(w.now.getTime() + RESET_LINK_HOURS * 3_600_000);
  // A new link replaces any earlier one that was not used.
  await w.tx
    .update(passwordResets)
    .set({ expiresAt: w.now })
    .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, w.now)));
  const [row] = await w.tx
    .insert(passwordResets)
    .values({ personId, secretHash: hashToken(secret), createdById: w.actor.personId, createdAt: w.now, expiresAt })
    .returning({
      id: passwordResets.id,
      personId: passwordResets.personId,
      createdAt: passwordResets.createdAt,
      expiresAt: passwordResets.expiresAt,
    });
  await audit(w, { entityType: 'password_reset', entityId: row.id, action: 'create', after: row });
  return { ...row, name: person.name, token: secret, path: `/reset-password?token=${secret}` };
}

/** Sets a person's password and ends all their sessions: whoever knew the old one is out. */
async function setPassword(w: WriteContext, personId: string, password: string): Promise<void> {
  await w.tx
    .update(people)
    .set({ passwordHash: await hashPassword(password), updatedAt: w.now })
    .where(eq(people.id, personId));
  await w.tx
    .update(sessions)
    .set({ revokedAt: w.now })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)));
}

/** Uses a reset link: once, before it expires, for a person still active. */
export async function usePasswordReset(tx: Db, now: Date, input: { token: string; password: string }) {
  const [reset] = await tx
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.secretHash, hashToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .for('update')
    .limit(1);
  if (!reset) throw new UnauthenticatedError('the link is unknown, used or expired; ask an admin for a new one');
  const person = await findActive(tx, people, 'person', reset.personId);
  checkPasswordRules(input.password, person.email);
  const w: WriteContext = { tx, now, actor: null };
  await setPassword(w, person.id, input.password);
  await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, reset.id));
  await audit(w, { entityType: 'password_reset', entityId: reset.id, action: 'use', after: { personId: person.id, usedAt: now } });
  return { personId: person.id, email: person.email };
}

/**
 * A person changes their own password, signed in with it, proving the current one. Not with a
 * token (a token narrowed to some sites or one role must not become the person's whole account),
 * and not for someone without a password (they get a link from an admin). Wrong current passwords
 * count against the account like failed sign-ins.
 */
export async function changeOwnPassword(w: Write, input: { currentPassword?: string; newPassword: string }, address: string) {
  if (!w.actor.sessionId) throw new ForbiddenError('change your password signed in with it (a browser session), not with an API token');
  const person = await findActive(w.tx, people, 'person', w.actor.personId);
  if (!person.passwordHash) throw ruleViolation('you have no password yet; ask an admin for a link to set one');
  const keys = limitKeys(person.email, address);
  await checkSignInAllowed(w.tx, keys, w.now);
  if (!(await verifyPassword(person.passwordHash, input.currentPassword ?? ''))) {
    // Counted outside this transaction, which the refusal rolls back.
    throw new UnauthenticatedError('the current password is wrong', [{ path: 'body.currentPassword', message: 'wrong' }], {
      countFailure: keys,
    });
  }
  checkPasswordRules(input.newPassword, person.email, 'body.newPassword');
  await setPassword(w, person.id, input.newPassword);
  await audit(w, { entityType: 'person', entityId: person.id, action: 'change-password' });
}

/** Sets a password directly: the first admin from the command line, the demo's people. */
export async function setPasswordDirectly(w: WriteContext, personId: string, password: string, email: string): Promise<void> {
  checkPasswordRules(password, email);
  await setPassword(w, personId, password);
  await audit(w, { entityType: 'person', entityId: personId, action: 'set-password' });
}
