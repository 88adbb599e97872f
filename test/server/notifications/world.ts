import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseKind } from '../../../db/client.ts';
import { notificationEvents, notifications } from '../../../db/schema/index.ts';
import type { AccessRole, Actor } from '../../../server/deps.ts';
import { inTransaction } from '../../../server/core/write.ts';
import { savePreferences, smtpMailer, type NotificationDeps, type Preferences } from '../../../server/notifications/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from './sinks.ts';

export const PUBLIC_URL = 'https://twin.plant.example';

/**
 * The webhook receiver listens on loopback, which delivery refuses: the tests allow it the way an
 * installation would (WEBHOOK_ALLOWED_HOSTS), and only it.
 */
export const ALLOWED_HOSTS = ['127.0.0.1'];

/** The test app with a program and a use case, an SMTP sink and a webhook receiver, and delivery deps pointing at them. */
export interface NotificationWorld {
  t: TestApp;
  f: ProgramFixture;
  useCaseId: string;
  smtp: SmtpSink;
  hooks: WebhookReceiver;
  deps: { db: TestApp['database']['db']; notifications: NotificationDeps; clock: TestApp['clock'] };
  actor(role: AccessRole): Actor;
  prefer(role: AccessRole, prefs: Partial<Preferences>): Promise<void>;
  raise(body?: Record<string, unknown>): Promise<any>;
  /** The outbox rows with their events, oldest first. */
  outbox(): Promise<
    {
      kind: string;
      key: string;
      subject: string;
      recipientId: string;
      channel: string;
      status: string;
      attempts: number;
      lastError: string | null;
      nextAttemptAt: Date;
    }[]
  >;
  close(): Promise<void>;
}

export async function notificationWorld(kind: DatabaseKind, start = '2026-11-25T08:00:00Z'): Promise<NotificationWorld> {
  const t = await createTestApp(kind, start);
  const f = await createProgramFixture(t);
  const uc = await createUseCaseFixture(t, f);
  const [smtp, hooks] = await Promise.all([startSmtpSink(), startWebhookReceiver()]);
  const mailer = smtpMailer({ url: smtp.url, from: 'twinward <twin@plant.example>' });
  const deps = {
    db: t.database.db,
    clock: t.clock,
    notifications: { mailer, publicUrl: PUBLIC_URL, webhookTimeoutMs: 5_000, webhookAllowedHosts: ALLOWED_HOSTS },
  };
  const actor = (role: AccessRole): Actor => ({
    personId: t.people[role],
    name: `Test ${role}`,
    role,
    tokenId: null,
    scope: { kind: 'installation' },
    siteIds: null,
  });
  return {
    t,
    f,
    useCaseId: uc.id,
    smtp,
    hooks,
    deps,
    actor,
    async prefer(role, prefs) {
      const full: Preferences = { channels: 'email', delivery: 'immediate', digestHour: 8, timezone: 'UTC', webhookUrl: null, ...prefs };
      await inTransaction({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, actor(role), (w) =>
        savePreferences(w, full, { allowedHosts: ALLOWED_HOSTS }),
      );
    },
    async raise(body = {}) {
      const res = await t.call('POST', '/api/v1/escalations', {
        body: { subjectType: 'use_case', subjectId: uc.id, title: 'Which machine constrains?', severity: 'critical', ...body },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
    outbox: () =>
      t.database.db
        .select({
          kind: notificationEvents.kind,
          key: notificationEvents.key,
          subject: notificationEvents.subject,
          recipientId: notifications.recipientId,
          channel: notifications.channel,
          status: notifications.status,
          attempts: notifications.attempts,
          lastError: notifications.lastError,
          nextAttemptAt: notifications.nextAttemptAt,
        })
        .from(notifications)
        .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
        .orderBy(notificationEvents.createdAt, notifications.channel),
    async close() {
      mailer.close();
      await Promise.all([smtp.close(), hooks.close()]);
      await t.close();
    },
  };
}
