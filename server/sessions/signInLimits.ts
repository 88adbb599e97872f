import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInFailures } from '../../db/schema/index.ts';
import { TooManyAttemptsError } from '../core/errors.ts';
import { signInLimits } from './settings.ts';

/** The counters a sign-in attempt is held against. */
export function limitKeys(email: string, address: string): { key: string; limit: number }[] {
  return [
    { key: `account:${email.trim().toLowerCase()}`, limit: signInLimits.perAccount },
    { key: `address:${address}`, limit: signInLimits.perAddress },
  ];
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
    const what = key.startsWith('account:') ? 'this account' : 'this address';
    throw new TooManyAttemptsError(`too many failed sign-ins for ${what}; try again in ${retryAfterSeconds} s`, undefined, {
      retryAfterSeconds,
    });
  }
}

/** Counts a failed sign-in against every key, forgetting failures that left the window. */
export async function recordSignInFailure(db: Db, keys: { key: string }[], now: Date): Promise<void> {
  const since = new Date(now.getTime() - signInLimits.windowMs);
  for (const { key } of keys) {
    await db.delete(signInFailures).where(and(eq(signInFailures.key, key), lt(signInFailures.at, since)));
    await db.insert(signInFailures).values({ key, at: now });
  }
}

/** A successful sign-in clears its account's failures (not its address's: others may be guessing from there). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, `account:${email.trim().toLowerCase()}`));
}
