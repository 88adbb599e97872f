import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationEvents, notificationPreferences, notifications, people } from '../../db/schema/index.ts';
import type { Mailer } from './mailer.ts';
import { emailOf, webhookBodyOf, type Outgoing } from './messages.ts';
import { MAX_ATTEMPTS, retryAt } from './schedule.ts';
import { postWebhook } from './webhook.ts';
import { WebhookRefused } from './webhookAddress.ts';

/** How notifications leave: the mail server (absent: email is undeliverable) and the base URL of links. */
export interface NotificationDeps {
  mailer?: Mailer;
  /** `https://twin.plant.example`, no trailing slash (PUBLIC_URL). */
  publicUrl: string;
  webhookTimeoutMs?: number;
  /**
   * Webhook hosts (names or IPs, as written in the URL) posted to even on a loopback, private or
   * link-local address (WEBHOOK_ALLOWED_HOSTS); every other webhook goes to public addresses only.
   */
  webhookAllowedHosts?: readonly string[];
}

export interface DeliveryOutcome {
  sent: number;
  retrying: number;
  failed: number;
  undeliverable: number;
}

// A claimed row is not taken again for this long: longer than any send may take (the SMTP and
// webhook timeouts), so only a crashed sender's rows come back, and then they are sent again.
const LEASE_MS = 10 * 60_000;
const BATCH = 25;
const MAX_BATCHES = 20;

export const NO_SMTP = 'email is not set up on this server (SMTP_URL and MAIL_FROM)';
const NO_WEBHOOK = 'no webhook URL is set in the notification settings';

/**
 * Claims rows pending and due at `due` in a short transaction: locked with FOR UPDATE SKIP LOCKED
 * (a parallel delivery takes other rows or none), counted as an attempt and leased from `now`,
 * the time of the claim, then committed, so the sending happens outside any transaction and
 * holds no lock while the network is slow.
 */
async function claim(db: Db, due: Date, now: Date, where: SQL | undefined, limit: number): Promise<string[]> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const rows = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.status, 'pending'), lte(notifications.nextAttemptAt, due), where))
      .orderBy(asc(notifications.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const ids = rows.map((r) => r.id);
    if (ids.length) {
      await tx
        .update(notifications)
        .set({ attempts: sql`${notifications.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(notifications.id, ids));
    }
    return ids;
  });
}

/** The claimed rows with their events, addresses and webhook URLs, oldest event first. */
async function load(db: Db, ids: string[]) {
  const rows = await db
    .select({
      id: notifications.id,
      channel: notifications.channel,
      attempts: notifications.attempts,
      kind: notificationEvents.kind,
      subject: notificationEvents.subject,
      body: notificationEvents.body,
      link: notificationEvents.link,
      fields: notificationEvents.fields,
      occurredAt: notificationEvents.createdAt,
      email: people.email,
      webhookUrl: notificationPreferences.webhookUrl,
    })
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .innerJoin(people, eq(people.id, notifications.recipientId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.personId, notifications.recipientId))
    .where(inArray(notifications.id, ids))
    .orderBy(asc(notificationEvents.createdAt));
  return rows;
}

type Loaded = Awaited<ReturnType<typeof load>>[number];

/** Sends one message for these rows (one row, or one person's digest on one channel). */
async function send(deps: NotificationDeps, rows: Loaded[], digest: boolean): Promise<void> {
  const [first] = rows;
  const items: Outgoing[] = rows;
  if (first.channel === 'email') {
    if (!deps.mailer) throw new Undeliverable(NO_SMTP);
    await deps.mailer.send(emailOf(items, first.email, { publicUrl: deps.publicUrl, from: deps.mailer.from, digest }));
    return;
  }
  if (!first.webhookUrl) throw new Undeliverable(NO_WEBHOOK);
  await postWebhook(first.webhookUrl, webhookBodyOf(items, { publicUrl: deps.publicUrl, digest }), {
    deliveryId: digest ? `digest-${first.id}` : first.id,
    timeoutMs: deps.webhookTimeoutMs ?? 10_000,
    allowedHosts: deps.webhookAllowedHosts ?? [],
  });
}

class Undeliverable extends Error {}

/**
 * Records how sending went, as of `now` (when it was sent or failed): sent, retried later with
 * backoff, or given up; the reason is kept. A webhook address that is not allowed fails at once:
 * trying again would change nothing.
 */
async function settle(db: Db, now: Date, rows: Loaded[], error: unknown, outcome: DeliveryOutcome): Promise<void> {
  const ids = rows.map((r) => r.id);
  if (!error) {
    await db.update(notifications).set({ status: 'sent', sentAt: now, lastError: null }).where(inArray(notifications.id, ids));
    outcome.sent += ids.length;
    return;
  }
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  if (error instanceof Undeliverable) {
    await db.update(notifications).set({ status: 'undeliverable', lastError: reason }).where(inArray(notifications.id, ids));
    outcome.undeliverable += ids.length;
    return;
  }
  const attempts = Math.max(...rows.map((r) => r.attempts));
  const givenUp = attempts >= MAX_ATTEMPTS || error instanceof WebhookRefused;
  await db
    .update(notifications)
    .set(givenUp ? { status: 'failed', lastError: reason } : { lastError: reason, nextAttemptAt: retryAt(now, attempts) })
    .where(inArray(notifications.id, ids));
  if (givenUp) outcome.failed += ids.length;
  else outcome.retrying += ids.length;
}

async function deliverClaimed(
  deps: { db: Db; notifications: NotificationDeps },
  now: () => Date,
  ids: string[],
  digest: boolean,
  outcome: DeliveryOutcome,
) {
  const rows = await load(deps.db, ids);
  const groups = digest ? [rows] : rows.map((r) => [r]);
  for (const group of groups) {
    if (!group.length) continue;
    const error = await send(deps.notifications, group, digest).then(
      () => null,
      (err: unknown) => err,
    );
    await settle(deps.db, now(), group, error ?? null, outcome);
  }
}

/**
 * Delivers what is due at `now`: each immediate notification on its own, and each person's due
 * digest rows of one channel as one message. Called by the sweeper every pass; safe to run on
 * several instances at once (claims skip what another holds) and after a crash (a leased row
 * comes back after the lease). Without a mail server configured, due email is marked
 * undeliverable with the reason, visible on the person's settings page.
 *
 * A pass may take long (slow servers, many batches): each claim is leased, and each outcome
 * recorded, at the clock's time when it happens, never earlier than `now`, so a later batch's
 * lease does not start out already run out.
 */
export async function deliverNotifications(
  deps: { db: Db; notifications?: NotificationDeps; clock: () => Date },
  now: Date,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { sent: 0, retrying: 0, failed: 0, undeliverable: 0 };
  const settings = deps.notifications ?? { publicUrl: 'http://localhost:3000' };
  const ready = { db: deps.db, notifications: settings };
  const current = () => new Date(Math.max(deps.clock().getTime(), now.getTime()));
  for (let i = 0; i < MAX_BATCHES; i++) {
    const ids = await claim(deps.db, now, current(), eq(notifications.delivery, 'immediate'), BATCH);
    if (ids.length) await deliverClaimed(ready, current, ids, false, outcome);
    if (ids.length < BATCH) break;
  }
  const due = await deps.db
    .selectDistinct({ recipientId: notifications.recipientId, channel: notifications.channel })
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), eq(notifications.delivery, 'digest'), lte(notifications.nextAttemptAt, now)))
    .limit(BATCH * MAX_BATCHES);
  for (const group of due) {
    const where = and(
      eq(notifications.delivery, 'digest'),
      eq(notifications.recipientId, group.recipientId),
      eq(notifications.channel, group.channel),
    );
    const ids = await claim(deps.db, now, current(), where, 500);
    if (ids.length) await deliverClaimed(ready, current, ids, true, outcome);
  }
  return outcome;
}
