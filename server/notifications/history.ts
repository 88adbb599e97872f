import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationEvents, notifications } from '../../db/schema/index.ts';
import type { Actor } from '../deps.ts';

/** The signed-in person's latest notifications on every channel, newest first, with how each went. */
export async function myNotifications(db: Db, actor: Actor, limit = 50) {
  return db
    .select({
      id: notifications.id,
      kind: notificationEvents.kind,
      subject: notificationEvents.subject,
      link: notificationEvents.link,
      channel: notifications.channel,
      delivery: notifications.delivery,
      status: notifications.status,
      attempts: notifications.attempts,
      nextAttemptAt: notifications.nextAttemptAt,
      lastError: notifications.lastError,
      sentAt: notifications.sentAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .where(eq(notifications.recipientId, actor.personId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export type NotificationRow = Awaited<ReturnType<typeof myNotifications>>[number];
