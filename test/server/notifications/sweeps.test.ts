import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { notificationEvents, notifications } from '../../../db/schema/index.ts';
import { sweepFreshness } from '../../../server/dataSources/index.ts';
import { deliverNotifications, sweepNotifications } from '../../../server/notifications/index.ts';
import { startSweeper } from '../../../server/sweeper.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { notificationWorld, PUBLIC_URL, type NotificationWorld } from './world.ts';

const HOUR = 3_600_000;

describe.each(databaseKinds)('what the sweeps tell, on %s', (kind) => {
  let n: NotificationWorld;
  const now = () => n.t.clock();
  beforeAll(async () => {
    // 06:00 in Prague (CET, UTC+1).
    n = await notificationWorld(kind, '2026-11-25T05:00:00Z');
  }, 60_000);
  afterAll(async () => n?.close());
  beforeEach(() => {
    n.smtp.mails.length = 0;
    n.hooks.hooks.length = 0;
  });

  it('gathers a digest person’s notifications into one email at their digest hour', async () => {
    await n.prefer('owner', { delivery: 'digest', digestHour: 9, timezone: 'Europe/Prague' });
    for (const title of ['Digest one', 'Digest two', 'Digest three']) await n.raise({ title });
    // 08:59 in Prague: not yet.
    await deliverNotifications(n.deps, new Date('2026-11-25T07:59:00Z'));
    expect(n.smtp.mails.filter((m) => m.to.includes('owner@test.example'))).toEqual([]);
    await deliverNotifications(n.deps, new Date('2026-11-25T08:00:00Z'));
    const digests = n.smtp.mails.filter((m) => m.to.includes('owner@test.example'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('[twinward] Daily digest: 3 notification(s)');
    for (const title of ['Digest one', 'Digest two', 'Digest three']) expect(digests[0].text).toContain(title);
    expect(digests[0].text).toContain(`${PUBLIC_URL}/escalations/`);
    // Nothing is left for the next pass.
    await deliverNotifications(n.deps, new Date('2026-11-26T08:00:00Z'));
    expect(n.smtp.mails.filter((m) => m.to.includes('owner@test.example'))).toHaveLength(1);
    await n.prefer('owner', { delivery: 'immediate' });
  });

  it('tells the owner of a source that went stale, once per stale spell', async () => {
    const source = await n.t.call('POST', `/api/v1/programs/${n.f.programId}/data-sources`, {
      body: {
        name: 'Spindle PLC',
        kind: 'plc_sensor',
        scope: { lineId: n.f.lineId },
        ownerId: n.t.people.owner,
        expectedRefreshSeconds: 60,
        maxLatencySeconds: 30,
      },
    });
    expect(source.status).toBe(201);
    expect((await n.t.call('POST', `/api/v1/data-sources/${source.body.id}/heartbeat`, { body: {} })).status).toBe(200);
    const later = new Date(now().getTime() + 10 * 60_000);
    await sweepFreshness(n.t.database.db, later);
    await sweepFreshness(n.t.database.db, new Date(later.getTime() + 60_000));
    await deliverNotifications(n.deps, later);
    const toOwner = n.smtp.mails.filter((m) => m.to.includes('owner@test.example'));
    expect(toOwner.map((m) => m.subject)).toEqual(['[twinward] Data source stale: Spindle PLC']);
    expect(toOwner[0].text).toMatch(/newest value .* old; stale after/);
    expect(toOwner[0].text).toContain(`${PUBLIC_URL}/escalations/`);
    // The stale-source escalation is told as such, not a second time as "assigned".
    expect((await n.outbox()).filter((r) => r.subject.startsWith('Escalation assigned') && r.subject.includes('Spindle PLC'))).toEqual([]);
  });

  it('tells "about to breach" and "breached" exactly once each, whatever the number of passes', async () => {
    const sweeper = startSweeper(
      { db: n.t.database.db, dbKind: n.t.database.kind, clock: n.t.clock, notifications: n.deps.notifications },
      3_600_000,
      () => {},
    );
    try {
      const e = await n.raise({ title: 'Coolant pump', assigneeId: n.t.people.viewer });
      const subjects = () => n.smtp.mails.filter((m) => m.subject.includes('Coolant pump')).map((m) => `${m.to.join()} ${m.subject}`);
      await sweeper.runOnce();
      n.smtp.mails.length = 0;
      const raised = new Date(e.createdAt).getTime();
      n.t.clock.set(new Date(raised + 19 * HOUR)); // 5 h left
      await sweeper.runOnce();
      expect(subjects()).toEqual([]);
      n.t.clock.set(new Date(raised + 20.5 * HOUR)); // 3.5 h left
      await sweeper.runOnce();
      await sweeper.runOnce();
      n.t.clock.advance(HOUR);
      await sweeper.runOnce();
      expect(subjects()).toEqual(['viewer@test.example [twinward] Escalation about to breach its SLA: Coolant pump']);
      n.t.clock.set(new Date(raised + 24.5 * HOUR));
      await sweeper.runOnce();
      await sweeper.runOnce();
      const told = subjects().slice(1);
      expect(told).toContain('viewer@test.example [twinward] Escalation breached its SLA: Coolant pump');
      expect(told.filter((s) => s.includes('breached'))).toHaveLength(1);
      // The route takes it on to its next person, who is told it is theirs now.
      const after = (await n.t.call('GET', `/api/v1/escalations/${e.id}`)).body;
      if (after.assigneeId !== n.t.people.viewer) expect(told.some((s) => s.includes('Escalation assigned to you'))).toBe(true);
      const kinds = (await n.outbox()).filter((r) => r.key.includes(e.id)).map((r) => r.kind);
      expect(kinds.filter((k) => k === 'escalation_due_soon')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'escalation_breached')).toHaveLength(1);
    } finally {
      await sweeper.stop();
    }
  });

  it('tells the sponsor a review is due once a milestone fell due, and the KPI owner a value is due, once each', async () => {
    const milestone = await n.t.call('POST', `/api/v1/programs/${n.f.programId}/milestones`, {
      body: { title: 'Pilot live on line 1', criterion: 'used daily', due: { date: '2026-11-20' }, ownerId: n.t.people.owner },
    });
    expect(milestone.status, JSON.stringify(milestone.body)).toBe(201);
    const kpi = await n.t.call('POST', `/api/v1/use-cases/${n.useCaseId}/kpis`, {
      body: {
        name: 'Spindle OEE',
        unit: '%',
        direction: 'higher_is_better',
        baseline: { value: 60, periodStart: '2026-09-01', periodEnd: '2026-09-30', source: 'MES' },
        target: { value: 70, date: '2027-06-01' },
        reviewCadence: 'monthly',
        ownerId: n.t.people.owner,
      },
    });
    expect(kpi.status, JSON.stringify(kpi.body)).toBe(201);
    await sweepNotifications(n.t.database.db, now());
    await sweepNotifications(n.t.database.db, now());
    await deliverNotifications(n.deps, now());
    const review = n.smtp.mails.filter((m) => m.subject.startsWith('[twinward] Review due'));
    expect(review.map((m) => m.to)).toEqual([['sponsor@test.example']]);
    expect(review[0].text).toContain('Pilot live on line 1');
    expect(review[0].text).toContain(`${PUBLIC_URL}/programs/${n.f.programId}`);
    const value = n.smtp.mails.filter((m) => m.subject === '[twinward] KPI value due: Spindle OEE');
    expect(value.map((m) => m.to)).toEqual([['owner@test.example']]);
    expect(value[0].text).toContain(`${PUBLIC_URL}/use-cases/${n.useCaseId}`);
    expect(value[0].text).toContain('due by 2026-11-06');
  });

  /** The queued notifications whose occasion key starts so, with their texts and recipients, oldest first. */
  const queued = (prefix: string) =>
    n.t.database.db
      .select({
        key: notificationEvents.key,
        kind: notificationEvents.kind,
        subject: notificationEvents.subject,
        body: notificationEvents.body,
        fields: notificationEvents.fields,
        recipientId: notifications.recipientId,
      })
      .from(notificationEvents)
      .innerJoin(notifications, eq(notifications.eventId, notificationEvents.id))
      .where(like(notificationEvents.key, `${prefix}%`))
      .orderBy(notificationEvents.createdAt, notificationEvents.id);

  it('tells the escalation’s assignee when a source goes stale again, and its owner apart when that is someone else', async () => {
    const created = await n.t.call('POST', `/api/v1/programs/${n.f.programId}/data-sources`, {
      body: {
        name: 'Coolant flow meter',
        kind: 'plc_sensor',
        scope: { lineId: n.f.lineId },
        ownerId: n.t.people.owner,
        expectedRefreshSeconds: 60,
        maxLatencySeconds: 30,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sourceId = created.body.id;
    const beat = async () => expect((await n.t.call('POST', `/api/v1/data-sources/${sourceId}/heartbeat`, { body: {} })).status).toBe(200);
    await beat();
    const start = now().getTime();
    await sweepFreshness(n.t.database.db, new Date(start + 10 * 60_000));
    const raised = await queued(`data_source_stale:${sourceId}:`);
    expect(raised.map((r) => r.recipientId)).toEqual([n.t.people.owner]);
    const escalationId = (raised[0].fields as { escalationId: string }).escalationId;
    // The owner hands the escalation to the planner; data flows, then stops again.
    const moved = await n.t.call('POST', `/api/v1/escalations/${escalationId}/reassign`, { body: { assigneeId: n.t.people.planner } });
    expect(moved.status).toBe(200);
    n.t.clock.set(new Date(start + 11 * 60_000));
    await beat();
    await sweepFreshness(n.t.database.db, new Date(start + 11 * 60_000));
    await sweepFreshness(n.t.database.db, new Date(start + 25 * 60_000));
    const again = (await queued(`data_source_stale:${sourceId}:`)).filter((r) => !r.key.endsWith(':raised'));
    expect(again.map((r) => r.recipientId).sort()).toEqual([n.t.people.owner, n.t.people.planner].sort());
    const toAssignee = again.find((r) => r.recipientId === n.t.people.planner)!;
    expect(toAssignee.body).toContain('the escalation is yours to resolve');
    expect(toAssignee.fields).toMatchObject({ escalationId, again: true, assigneeId: n.t.people.planner });
    const toOwner = again.find((r) => r.recipientId === n.t.people.owner)!;
    expect(toOwner.body).toContain('Test planner');
    expect(toOwner.body).not.toContain('yours to resolve');
  });

  it('tells the assignee of a reopened escalation that it is theirs again, with its new due time', async () => {
    const e = await n.raise({ title: 'Chip conveyor jams', assigneeId: n.t.people.viewer });
    const resolved = await n.t.call('POST', `/api/v1/escalations/${e.id}/resolve`, { body: { note: 'cleared' } });
    expect(resolved.status).toBe(200);
    n.t.clock.advance(HOUR);
    const reopened = await n.t.call('POST', `/api/v1/escalations/${e.id}/reopen`, { body: { note: 'jammed again' } });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const told = (await queued(`escalation_assigned:${e.id}:`)).filter((r) => r.recipientId === n.t.people.viewer);
    expect(told.map((r) => (r.fields as { reason: string }).reason)).toEqual(['raised', 'reopened']);
    expect(told[1].subject).toBe('Escalation reopened: Chip conveyor jams');
    expect(told[1].body).toContain('was reopened and is yours again');
    expect(told[1].fields).toMatchObject({ status: 'reopened', dueAt: reopened.body.dueAt });
    await deliverNotifications(n.deps, now());
    expect(n.smtp.mails.filter((m) => m.to.includes('viewer@test.example')).map((m) => m.subject)).toContain(
      '[twinward] Escalation reopened: Chip conveyor jams',
    );
  });

  it('calls an escalation breached only once past its due time, as the escalation itself does', async () => {
    const e = await n.raise({ title: 'Due to the millisecond', assigneeId: n.t.people.viewer });
    const dueAt = new Date(e.dueAt);
    await sweepNotifications(n.t.database.db, dueAt);
    n.t.clock.set(dueAt);
    expect((await n.t.call('GET', `/api/v1/escalations/${e.id}`)).body.breached).toBe(false);
    const kinds = async () => (await n.outbox()).filter((r) => r.key.includes(e.id)).map((r) => r.kind);
    expect(await kinds()).toEqual(['escalation_assigned', 'escalation_due_soon']);
    await sweepNotifications(n.t.database.db, new Date(dueAt.getTime() + 1));
    expect(await kinds()).toEqual(['escalation_assigned', 'escalation_due_soon', 'escalation_breached']);
  });
});
