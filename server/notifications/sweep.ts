import { and, eq, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escalations } from '../../db/schema/index.ts';
import type { SystemWrite } from '../core/write.ts';
import { isBreached } from '../escalations/escalations.ts';
import { breachKey, dueSoonKey, notifyBreached, notifyDueSoon } from './escalationNotices.ts';
import { notify, recordedKeys } from './outbox.ts';
import { kpiReviewsDue, reviewsDue } from './reviewNotices.ts';
import { DUE_SOON_HOURS } from './schedule.ts';

type EscalationRow = typeof escalations.$inferSelect;

function system(txRaw: unknown, now: Date): SystemWrite {
  return { tx: txRaw as Db, actor: null, now };
}

// Breached as the escalation itself says (strictly past its due time), so that a notice never
// says "breached" of one the page still shows as due.
const breached = (row: EscalationRow, now: Date) => isBreached(row, now);
const keyOf = (row: EscalationRow, now: Date) => (breached(row, now) ? breachKey(row) : dueSoonKey(row));

/**
 * Escalations within DUE_SOON_HOURS of their due time are told "about to breach", those past it
 * "breached", once per due time (a reopened or escalated one has a new due time, and is told
 * again). What was told is read from the stored events, so a restart or a second instance
 * repeats nothing. Answers how many were told.
 */
async function sweepEscalations(db: Db, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
  const near = await db
    .select()
    .from(escalations)
    .where(and(ne(escalations.status, 'resolved'), lte(escalations.dueAt, horizon)));
  const told = await recordedKeys(
    db,
    near.map((r) => keyOf(r, now)),
  );
  let count = 0;
  for (const candidate of near.filter((r) => !told.has(keyOf(r, now)))) {
    count += await db.transaction(async (tx) => {
      const w = system(tx, now);
      // As it is now: handled meanwhile (resolved, escalated, being changed) means nothing to tell.
      const [row] = await w.tx.select().from(escalations).where(eq(escalations.id, candidate.id)).for('update', { skipLocked: true });
      if (!row || row.status === 'resolved' || row.dueAt.getTime() !== candidate.dueAt.getTime()) return 0;
      await (breached(row, now) ? notifyBreached(w, row) : notifyDueSoon(w, row));
      return 1;
    });
  }
  return count;
}

/** Program reviews and KPI values that fell due, told once per due date. */
async function sweepReviews(db: Db, now: Date): Promise<number> {
  const due = [...(await reviewsDue(db, now)), ...(await kpiReviewsDue(db, now))];
  const told = await recordedKeys(
    db,
    due.map((d) => d.event.key),
  );
  let count = 0;
  for (const d of due.filter((x) => !told.has(x.event.key))) {
    await db.transaction(async (tx) => notify(system(tx, now), d.event, d.recipientIds));
    count++;
  }
  return count;
}

/** The notification sweep: what time alone makes worth telling (SLAs nearing and passing, reviews due). */
export async function sweepNotifications(db: Db, now: Date): Promise<{ escalations: number; reviews: number }> {
  return { escalations: await sweepEscalations(db, now), reviews: await sweepReviews(db, now) };
}
