import { and, inArray, isNull } from 'drizzle-orm';
import { notificationEvents, notifications, people } from '../../db/schema/index.ts';
import type { WriteContext } from '../core/write.ts';
import { defaultPreferences, storedPreferences, type Preferences } from './preferences.ts';
import { nextDigestAt } from './schedule.ts';

export type NotificationKind = (typeof notificationEvents.$inferSelect)['kind'];
type Channel = (typeof notifications.$inferSelect)['channel'];

/** What happened, in words and as facts; `key` names the occasion, so it is recorded once. */
export interface NotificationEvent {
  key: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  /** A path of the web application: `/escalations/{id}`, `/programs/{id}`, … */
  link: string;
  fields?: Record<string, unknown>;
}

function channelsOf(p: Pick<Preferences, 'channels'>): Channel[] {
  if (p.channels === 'both') return ['email', 'webhook'];
  if (p.channels === 'none') return [];
  return [p.channels];
}

/**
 * Queues an event for its recipients, in the caller's transaction: it commits with the change
 * that caused it or not at all. An occasion already recorded (same key) queues nothing, whoever
 * looks again. The person who acted is not told of their own act, nor is anyone archived. Each
 * recipient gets a row per chosen channel, due now or at their digest hour. Answers how many
 * rows were queued.
 */
export async function notify(w: WriteContext, event: NotificationEvent, recipientIds: (string | null | undefined)[]): Promise<number> {
  const [recorded] = await w.tx
    .insert(notificationEvents)
    .values({ ...event, fields: event.fields ?? {}, createdAt: w.now })
    .onConflictDoNothing({ target: notificationEvents.key })
    .returning({ id: notificationEvents.id });
  if (!recorded) return 0;
  const wanted = [...new Set(recipientIds.filter((id): id is string => !!id && id !== w.actor?.personId))];
  if (!wanted.length) return 0;
  const active = await w.tx
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, wanted), isNull(people.archivedAt)));
  const stored = await storedPreferences(
    w.tx,
    active.map((p) => p.id),
  );
  const rows = active.flatMap(({ id }) => {
    const p = stored.get(id) ?? { ...defaultPreferences, timezone: 'UTC' };
    const nextAttemptAt = p.delivery === 'digest' ? nextDigestAt(w.now, p.digestHour, p.timezone) : w.now;
    return channelsOf(p).map((channel) => ({
      eventId: recorded.id,
      recipientId: id,
      channel,
      delivery: p.delivery,
      nextAttemptAt,
      createdAt: w.now,
    }));
  });
  if (rows.length) await w.tx.insert(notifications).values(rows).onConflictDoNothing();
  return rows.length;
}

/** The occasion keys among these that are already recorded (what a sweep need not look at again). */
export async function recordedKeys(tx: WriteContext['tx'], keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await tx.select({ key: notificationEvents.key }).from(notificationEvents).where(inArray(notificationEvents.key, keys));
  return new Set(rows.map((r) => r.key));
}
