import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInFailures } from '../../db/schema/index.ts';
import { TooManyAttemptsError } from '../core/errors.ts';
import { signInLimits } from './settings.ts';

/** The counters a sign-in attempt is held against. */
export function limitKeys(email: string, address: string): { key: string; limit: number }[] {
  const account = email.trim().toLowerCase();
  return [
    { key: `pair:${account}|${address}`, limit: signInLimits.perAccountAndAddress },
    { key: `account:${account}`, limit: signInLimits.perAccount },
    { key: `address:${address}`, limit: signInLimits.perAddress },
  ];
}

/**
 * Checks the limits and counts the attempt as a failure before the password is verified, in one
 * transaction that holds a lock per counter: concurrent attempts are counted one after the other,
 * so a burst cannot all pass the check. A successful sign-in takes its provisional failure back.
 */
export async function reserveAttempt(db: Db, keys: { key: string; limit: number }[], now: Date): Promise<string[]> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (const { key } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    }
    await checkSignInAllowed(tx, keys, now);
    return recordSignInFailure(tx, keys, now);
  });
}

/** A successful sign-in: its provisional failures go, and the account's failures from this address. */
export async function settleSuccess(db: Db, ids: string[], email: string, address: string): Promise<void> {
  await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
  await db.delete(signInFailures).where(eq(signInFailures.key, `pair:${email.trim().toLowerCase()}|${address}`));
}

/**
 * Refuses (429 with the seconds to wait) when an account or an address has had too many failed
 * sign-ins within the window; checked before the password, so guessing costs nothing but time.
 */
export async function checkSignInAllowed(db: Db, keys: { key: string; limit: number }[], now: Date): Promise<void> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  for (const { key, limit } of keys) {
    const [{ n }] = await db
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since)));
    if (n < limit) continue;
    // Free again when the oldest failure that still counts leaves the window.
    const inWindow = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since)))
      .orderBy(asc(signInFailures.at))
      .limit(n - limit + 1);
    const freeAt = inWindow[inWindow.length - 1].at.getTime() + signInLimits.windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    const what = key.startsWith('address:') ? 'this address' : key.startsWith('pair:') ? 'this account from this address' : 'this account';
    throw new TooManyAttemptsError(`too many failed sign-ins for ${what}; try again in ${retryAfterSeconds} s`, undefined, {
      retryAfterSeconds,
    });
  }
}

/** Counts a failed sign-in against every key, forgetting failures that left the window; the ids of the new counts. */
export async function recordSignInFailure(db: Db, keys: { key: string }[], now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  const ids: string[] = [];
  for (const { key } of keys) {
    await db.delete(signInFailures).where(and(eq(signInFailures.key, key), lt(signInFailures.at, since)));
    const [row] = await db.insert(signInFailures).values({ key, at: now }).returning({ id: signInFailures.id });
    ids.push(row.id);
  }
  return ids;
}
