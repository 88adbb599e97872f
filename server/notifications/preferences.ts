import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationPreferences, notifications, people, personSites, sites } from '../../db/schema/index.ts';
import { ForbiddenError, invalidInput } from '../core/errors.ts';
import { machineRoles, type Actor } from '../deps.ts';
import { audit, type Write } from '../core/write.ts';
import { nextDigestAt } from './schedule.ts';
import { isRefusedLiteral, NOT_ALLOWED } from './webhookAddress.ts';

export type Channels = (typeof notificationPreferences.$inferSelect)['channels'];
export type Delivery = (typeof notificationPreferences.$inferSelect)['delivery'];

/** A person's notification settings, stored or the defaults. */
export interface Preferences {
  channels: Channels;
  delivery: Delivery;
  digestHour: number;
  timezone: string;
  webhookUrl: string | null;
}

/** Without a choice of their own, people get email at once; a digest goes out at 08:00. */
export const defaultPreferences: Omit<Preferences, 'timezone'> = {
  channels: 'email',
  delivery: 'immediate',
  digestHour: 8,
  webhookUrl: null,
};

/** The stored settings of these people (absent: they chose nothing yet). */
export async function storedPreferences(db: Db, personIds: string[]): Promise<Map<string, Preferences>> {
  if (!personIds.length) return new Map();
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.personId, personIds));
  return new Map(
    rows.map(({ personId, channels, delivery, digestHour, timezone, webhookUrl }) => [
      personId,
      { channels, delivery, digestHour, timezone, webhookUrl },
    ]),
  );
}

/** The zone a person's digest hour defaults to: that of their first site, else UTC. */
async function homeZone(db: Db, personId: string): Promise<string> {
  const [site] = await db
    .select({ zone: sites.timezone })
    .from(personSites)
    .innerJoin(sites, eq(sites.id, personSites.siteId))
    .where(eq(personSites.personId, personId))
    .orderBy(asc(sites.code))
    .limit(1);
  return site?.zone ?? 'UTC';
}

/** The signed-in person's own settings (the defaults until they save some). */
export async function myPreferences(db: Db, actor: Actor): Promise<Preferences & { email: string }> {
  const [person] = await db.select({ email: people.email }).from(people).where(eq(people.id, actor.personId));
  const stored = (await storedPreferences(db, [actor.personId])).get(actor.personId);
  return { ...(stored ?? { ...defaultPreferences, timezone: await homeZone(db, actor.personId) }), email: person?.email ?? '' };
}

/** True for an absolute http(s) URL without credentials: the only webhooks twinward posts to. */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && url.hostname !== '';
}

/**
 * Saves a person's own settings. Only people decide where their notifications go: a machine
 * token of theirs may read them but not send them elsewhere. A webhook on an IP address that is
 * not public (loopback, private, link-local, …) is refused unless the installation allows it
 * (`allowedHosts`, WEBHOOK_ALLOWED_HOSTS); a host name is checked when posted to. Pending
 * notifications follow the new timing (a digest row goes out at the new hour, an immediate one
 * at once).
 */
export async function savePreferences(
  w: Write,
  input: Preferences,
  options: { allowedHosts?: readonly string[] } = {},
): Promise<Preferences & { email: string }> {
  if ((machineRoles as readonly string[]).includes(w.actor.role)) {
    throw new ForbiddenError('a machine token may not change where notifications go');
  }
  const webhookUrl = input.webhookUrl?.trim() || null;
  if (webhookUrl && !isWebhookUrl(webhookUrl)) throw invalidInput('body.webhookUrl', 'an http:// or https:// URL without user or password');
  if (webhookUrl && isRefusedLiteral(webhookUrl, options.allowedHosts ?? [])) throw invalidInput('body.webhookUrl', NOT_ALLOWED);
  if ((input.channels === 'webhook' || input.channels === 'both') && !webhookUrl) {
    throw invalidInput('body.webhookUrl', 'required for webhook notifications');
  }
  const values = { ...input, webhookUrl, personId: w.actor.personId, updatedAt: w.now };
  const before = (await storedPreferences(w.tx, [w.actor.personId])).get(w.actor.personId) ?? null;
  await w.tx.insert(notificationPreferences).values(values).onConflictDoUpdate({ target: notificationPreferences.personId, set: values });
  // Those in a retry keep their backoff.
  const nextAttemptAt = input.delivery === 'digest' ? nextDigestAt(w.now, input.digestHour, input.timezone) : w.now;
  await w.tx
    .update(notifications)
    .set({ delivery: input.delivery, nextAttemptAt })
    .where(and(eq(notifications.recipientId, w.actor.personId), eq(notifications.status, 'pending'), eq(notifications.attempts, 0)));
  await audit(w, { entityType: 'person', entityId: w.actor.personId, action: 'notification-settings', before, after: values });
  return myPreferences(w.tx, w.actor);
}
