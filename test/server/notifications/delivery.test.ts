import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { notificationEvents, notifications } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/client.ts';
import { reassignEscalation } from '../../../server/escalations/escalations.ts';
import { deliverNotifications, MAX_ATTEMPTS, notify, type Mailer } from '../../../server/notifications/index.ts';
import { testClock } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { notificationWorld, PUBLIC_URL, type NotificationWorld } from './world.ts';

const MINUTE = 60_000;

describe.each(databaseKinds)('notification delivery on %s', (kind) => {
  let n: NotificationWorld;
  const now = () => n.t.clock();
  beforeAll(async () => {
    n = await notificationWorld(kind);
  }, 60_000);
  afterAll(async () => n?.close());
  beforeEach(async () => {
    // Whatever earlier tests left due goes out first, so each test sees only its own messages.
    await deliverNotifications(n.deps, new Date(now().getTime() + 48 * 3_600_000));
    n.smtp.mails.length = 0;
    n.hooks.hooks.length = 0;
  });

  it('tells the new assignee of a reassigned escalation by email and webhook, with the link to it', async () => {
    await n.prefer('planner', { channels: 'both', webhookUrl: n.hooks.url });
    const e = await n.raise({ title: 'Spindle vibration' });
    const res = await n.t.call('POST', `/api/v1/escalations/${e.id}/reassign`, { body: { assigneeId: n.t.people.planner, note: 'yours' } });
    expect(res.status).toBe(200);
    const outcome = await deliverNotifications(n.deps, now());
    expect(outcome.failed + outcome.retrying).toBe(0);

    const toPlanner = n.smtp.mails.filter((m) => m.to.includes('planner@test.example'));
    expect(toPlanner).toHaveLength(1);
    expect(toPlanner[0].subject).toBe('[twinward] Escalation assigned to you: Spindle vibration');
    expect(toPlanner[0].text).toContain(`${PUBLIC_URL}/escalations/${e.id}`);
    expect(toPlanner[0].text).toContain('was handed over to you');
    expect(toPlanner[0].from).toBe('twin@plant.example');

    expect(n.hooks.hooks).toHaveLength(1);
    const hook = n.hooks.hooks[0];
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.body.text).toContain('Escalation assigned to you: Spindle vibration');
    expect(hook.body.text).toContain(`${PUBLIC_URL}/escalations/${e.id}`);
    expect(hook.body.events[0]).toMatchObject({
      kind: 'escalation_assigned',
      url: `${PUBLIC_URL}/escalations/${e.id}`,
      fields: { escalationId: e.id, severity: 'critical', reason: 'reassigned', assigneeId: n.t.people.planner },
    });
    expect(hook.headers['x-twinward-delivery']).toBeTruthy();
  });

  it('sends nothing for a change that was rolled back', async () => {
    const e = await n.raise({ title: 'Rolled back' });
    await deliverNotifications(n.deps, now());
    const before = (await n.outbox()).length;
    n.smtp.mails.length = 0;
    const failed = n.t.database.db.transaction(async (tx) => {
      await reassignEscalation({ tx: tx as never, actor: n.actor('admin'), now: now() }, e.id, { assigneeId: n.t.people.viewer });
      throw new Error('the request failed after the change');
    });
    await expect(failed).rejects.toThrow('failed after the change');
    expect((await n.outbox()).length).toBe(before);
    await deliverNotifications(n.deps, now());
    expect(n.smtp.mails).toEqual([]);
  });

  it('sends once when two deliveries run at the same time', async () => {
    await n.raise({ title: 'Once only', assigneeId: n.t.people.viewer });
    const [a, b] = await Promise.all([deliverNotifications(n.deps, now()), deliverNotifications(n.deps, now())]);
    expect(a.sent + b.sent).toBe(1);
    expect(n.smtp.mails.filter((m) => m.subject.includes('Once only'))).toHaveLength(1);
  });

  it('retries a refused email with backoff, keeping the reason, and sends it once the server takes it', async () => {
    await n.raise({ title: 'Mail server busy', assigneeId: n.t.people.viewer });
    n.smtp.refuseNext(1);
    const t0 = now();
    expect(await deliverNotifications(n.deps, t0)).toMatchObject({ sent: 0, retrying: 1 });
    const [row] = (await n.outbox()).filter((r) => r.subject.includes('Mail server busy'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/451|busy/);
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + MINUTE);

    expect((await deliverNotifications(n.deps, new Date(t0.getTime() + 30_000))).sent).toBe(0);
    expect(await deliverNotifications(n.deps, new Date(t0.getTime() + MINUTE))).toMatchObject({ sent: 1 });
    expect(n.smtp.mails.map((m) => m.subject)).toEqual(['[twinward] Escalation assigned to you: Mail server busy']);
    const [after] = (await n.outbox()).filter((r) => r.subject.includes('Mail server busy'));
    expect(after).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('retries a failing webhook with growing waits and gives up after the last attempt, saying why', async () => {
    await n.prefer('owner', { channels: 'webhook', webhookUrl: n.hooks.url });
    await n.raise({ title: 'Chat is down' });
    n.hooks.answerNext(MAX_ATTEMPTS, 503);
    let at = now();
    const waits: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverNotifications(n.deps, at);
      const [row] = (await n.outbox()).filter((r) => r.subject.includes('Chat is down'));
      expect(row.attempts).toBe(i + 1);
      expect(row.lastError).toBe('the webhook answered HTTP 503');
      if (row.status === 'failed') break;
      waits.push(row.nextAttemptAt.getTime() - at.getTime());
      at = row.nextAttemptAt;
    }
    const [row] = (await n.outbox()).filter((r) => r.subject.includes('Chat is down'));
    expect(row.status).toBe('failed');
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
    expect(waits.every((w, i) => i === 0 || w > waits[i - 1])).toBe(true);
    expect(n.hooks.hooks).toEqual([]);
    await n.prefer('owner', { channels: 'email' });
  });

  it('keeps email undeliverable, with the reason, where no mail server is set up', async () => {
    await n.raise({ title: 'No SMTP here', assigneeId: n.t.people.viewer });
    const outcome = await deliverNotifications({ db: n.deps.db, clock: n.t.clock, notifications: { publicUrl: PUBLIC_URL } }, now());
    expect(outcome.undeliverable).toBeGreaterThanOrEqual(1);
    const [row] = (await n.outbox()).filter((r) => r.subject.includes('No SMTP here'));
    expect(row.status).toBe('undeliverable');
    expect(row.lastError).toContain('SMTP_URL');
    expect(n.smtp.mails).toEqual([]);
  });

  it('refuses a webhook on a loopback or private address unless its host is allowed, failing it at once with a generic reason', async () => {
    const strict = { ...n.deps, notifications: { ...n.deps.notifications, webhookAllowedHosts: [] } };
    const byName = n.hooks.url.replace('127.0.0.1', 'localhost');
    for (const [title, webhookUrl] of [
      ['Hook on loopback', n.hooks.url],
      ['Hook by a name of loopback', byName],
    ]) {
      await n.prefer('planner', { channels: 'webhook', webhookUrl });
      await n.raise({ title, assigneeId: n.t.people.planner });
      expect(await deliverNotifications(strict, now()), title).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
      const [row] = (await n.outbox()).filter((r) => r.subject.includes(title));
      // Not retried: no backoff, no second attempt, and nothing that tells an open port from a closed one.
      expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: "the webhook's address is not allowed" });
      expect(await deliverNotifications(strict, new Date(now().getTime() + 24 * 3_600_000))).toMatchObject({ failed: 0, retrying: 0 });
    }
    expect(n.hooks.hooks).toEqual([]);
    // The same receiver, allowed by the installation, gets it.
    await n.prefer('planner', { channels: 'webhook', webhookUrl: n.hooks.url });
    await n.raise({ title: 'Hook allowed', assigneeId: n.t.people.planner });
    expect(await deliverNotifications(n.deps, now())).toMatchObject({ sent: 1, failed: 0 });
    expect(n.hooks.hooks.map((h) => h.body.events[0].subject)).toEqual(['Escalation assigned to you: Hook allowed']);
    await n.prefer('planner', { channels: 'email' });
  });

  it('leases and settles each row at the time it is claimed and sent, so a slow pass keeps hold of its later batches', async () => {
    const t0 = now();
    const count = 40; // two claims of 25
    await n.t.database.db.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        await notify(
          { tx: tx as unknown as Db, actor: null, now: t0 },
          { key: `slow-pass:${t0.toISOString()}:${i}`, kind: 'review_due', subject: `Slow pass ${i}`, body: 'b', link: '/programs/x' },
          [n.t.people.viewer],
        );
      }
    });
    // Each send takes 20 s on this clock: the whole pass about 13 minutes, longer than a lease.
    const clock = testClock(t0.toISOString());
    const seen: { id: string; at: number; lease: number }[] = [];
    const mailer: Mailer = {
      from: 'twin@plant.example',
      async send(message) {
        clock.advance(20_000);
        const id = /^<([^@>]+)@/.exec(message.messageId)![1];
        const [row] = await n.t.database.db.select().from(notifications).where(eq(notifications.id, id));
        seen.push({ id, at: clock().getTime(), lease: row.nextAttemptAt.getTime() });
        if (seen.length > count - 5) throw new Error('451 mailbox busy');
      },
      close() {},
    };
    const outcome = await deliverNotifications({ db: n.deps.db, clock, notifications: { ...n.deps.notifications, mailer } }, t0);
    expect(outcome).toMatchObject({ sent: count - 5, retrying: 5 });
    expect(seen).toHaveLength(count);
    // While a row is being sent its lease has not run out, so no other instance takes it meanwhile.
    for (const s of seen) expect(s.lease, `sent at +${(s.at - t0.getTime()) / 1000} s`).toBeGreaterThan(s.at);
    const rows = await n.t.database.db
      .select({
        id: notifications.id,
        status: notifications.status,
        sentAt: notifications.sentAt,
        nextAttemptAt: notifications.nextAttemptAt,
      })
      .from(notifications)
      .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
      .where(like(notificationEvents.key, `slow-pass:${t0.toISOString()}:%`));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, s] of seen.entries()) {
      const row = byId.get(s.id)!;
      // Sent when it was sent; a retry counted from the failure, not from the start of the pass.
      if (i < count - 5) expect(row).toMatchObject({ status: 'sent', sentAt: new Date(s.at) });
      else expect(row).toMatchObject({ status: 'pending', nextAttemptAt: new Date(s.at + MINUTE) });
    }
  });
});
