import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { people } from './people.ts';

/** What a notification tells: an escalation handed over, nearly or already past its SLA, a stale source, a review due. */
export const notificationKind = pgEnum('notification_kind', [
  'escalation_assigned',
  'escalation_due_soon',
  'escalation_breached',
  'data_source_stale',
  'review_due',
  'kpi_review_due',
]);

/** How a notification reaches its person. */
export const notificationChannel = pgEnum('notification_channel', ['email', 'webhook']);

/** Which channels a person chose (none: nothing is queued for them). */
export const notificationChannels = pgEnum('notification_channels', ['email', 'webhook', 'both', 'none']);

/** Sent at once, or gathered into one message a day at the person's digest hour. */
export const notificationDelivery = pgEnum('notification_delivery', ['immediate', 'digest']);

/**
 * pending: waiting for its next attempt (`nextAttemptAt`); sent; failed: given up after the last
 * attempt; undeliverable: the channel cannot be used here (no SMTP server configured, no webhook URL).
 */
export const notificationStatus = pgEnum('notification_status', ['pending', 'sent', 'failed', 'undeliverable']);

/**
 * Something worth telling people, recorded once: `key` names the occasion (one breach per
 * escalation and due time, one stale spell per source), so a sweep that looks again, or two
 * instances that look at once, record it only once. Written in the transaction of the change
 * that caused it, so a rolled-back change tells nobody.
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: id(),
    key: text().notNull().unique(),
    kind: notificationKind().notNull(),
    subject: text().notNull(),
    /** The message as plain text, without the link. */
    body: text().notNull(),
    /** The page it is about, as a path of the web application (`/escalations/…`). */
    link: text().notNull(),
    /** Structured facts for webhooks (ids, severity, due time). */
    fields: jsonb().notNull().default({}),
    createdAt: instant().notNull(),
  },
  (t) => [index().on(t.createdAt)],
);

/**
 * The outbox: one row per event, recipient and channel, delivered by the sweeper's delivery job
 * (claimed with FOR UPDATE SKIP LOCKED, retried with backoff, gathered into digests).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => notificationEvents.id, { onDelete: 'cascade' }),
    // A person's deliveries are theirs alone: they go when the person is deleted.
    recipientId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    channel: notificationChannel().notNull(),
    delivery: notificationDelivery().notNull(),
    status: notificationStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** When it is next tried: now for an immediate one, the digest hour for a digest, later after a failure. */
    nextAttemptAt: instant().notNull(),
    lastError: text(),
    sentAt: instant(),
    createdAt: instant().notNull(),
  },
  (t) => [
    unique('notifications_event_recipient_channel_unique').on(t.eventId, t.recipientId, t.channel),
    index('notifications_due')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.recipientId, t.createdAt),
  ],
);

/** A person's choice of channels and timing; without a row: email, immediately. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: uuid()
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    channels: notificationChannels().notNull().default('email'),
    delivery: notificationDelivery().notNull().default('immediate'),
    /** The hour of the day (0–23) the digest goes out, in `timezone`. */
    digestHour: integer().notNull().default(8),
    timezone: text().notNull().default('UTC'),
    /** An http(s) URL taking a JSON POST (Slack, Mattermost or Teams workflow incoming webhook). */
    webhookUrl: text(),
    updatedAt: instant().notNull(),
  },
  (t) => [check('notification_digest_hour_in_day', sql`${t.digestHour} between 0 and 23`)],
);
