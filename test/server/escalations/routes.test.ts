import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../../server/escalations/sweep.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const HOUR = 3_600_000;

describe.each(databaseKinds)('escalations on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    // Owner of the use case: the test owner. Served groups: operators (route owner → sponsor)
    // and planners (route planner → owner); the first by name with a route is "Planners".
    useCaseId = (await createUseCaseFixture(t, f)).id;
  });
  afterAll(async () => t?.close());

  const raise = (severity: string, extra: Record<string, unknown> = {}) =>
    t.call('POST', '/api/v1/escalations', {
      as: 'viewer',
      body: { subjectType: 'use_case', subjectId: useCaseId, title: `Question ${severity}`, severity, ...extra },
    });

  it('defaults the assignee to the owner and the due time to the severity SLA', async () => {
    const res = await raise('high');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      assigneeId: t.people.owner,
      slaHours: 48,
      status: 'open',
      routeGroupId: f.groupIds.planners,
      raisedById: t.people.viewer,
    });
    expect(res.body.dueAt).toBe(new Date(t.clock().getTime() + 48 * HOUR).toISOString());
    // The SLA per severity is the program's (kept in severity order: critical ≤ high ≤ normal ≤ low).
    await t.call('PATCH', `/api/v1/programs/${f.programId}`, { body: { slaHighHours: 30 } });
    expect((await raise('high')).body.slaHours).toBe(30);
    expect((await raise('critical')).body.slaHours).toBe(24);
    expect((await raise('low')).body.slaHours).toBe(120);
  });

  it('goes open → acknowledged → resolved (with a note) → reopened, with comments, all audited', async () => {
    const id = (await raise('normal')).body.id;
    expect((await t.call('POST', `/api/v1/escalations/${id}/acknowledge`, { as: 'owner', body: {} })).body.status).toBe('acknowledged');
    await t.call('POST', `/api/v1/escalations/${id}/comments`, { as: 'planner', body: { text: 'Buffer data from MES is two shifts old' } });
    const noNote = await t.call('POST', `/api/v1/escalations/${id}/resolve`, { as: 'owner', body: {} });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].path).toBe('body.note');
    t.clock.advance(5 * HOUR);
    const resolved = await t.call('POST', `/api/v1/escalations/${id}/resolve`, { as: 'owner', body: { note: 'Refresh moved to 05:30' } });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolutionNote: 'Refresh moved to 05:30' });
    const twice = await t.call('POST', `/api/v1/escalations/${id}/acknowledge`, { as: 'owner', body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ status: 409, currentStatus: 'resolved', allowedFrom: ['open', 'reopened'] });
    const reopened = await t.call('POST', `/api/v1/escalations/${id}/reopen`, { as: 'owner', body: { note: 'Late again on Monday' } });
    expect(reopened.body.status).toBe('reopened');
    expect(reopened.body.dueAt).toBe(new Date(t.clock().getTime() + 72 * HOUR).toISOString());
    expect(reopened.body.events.map((e: any) => e.kind)).toEqual(['raised', 'acknowledged', 'comment', 'resolved', 'reopened']);
    expect((await t.call('POST', `/api/v1/escalations/${id}/resolve`, { as: 'viewer', body: { note: 'x' } })).status).toBe(403);
    const trail = (await t.call('GET', `/api/v1/audit/escalation/${id}`)).body.items;
    expect(trail.map((e: any) => e.action)).toEqual(['raise', 'acknowledge', 'comment', 'resolve', 'reopen']);
  });

  it('moves a breached escalation to the next person on the route, with a new due time, until the route ends', async () => {
    const id = (await raise('critical', { title: 'Which machine constrains next shift?' })).body.id;
    const start = t.clock().getTime();
    t.clock.set(new Date(start + 23 * HOUR));
    expect((await escalateOverdue(t.database.db, t.clock())).some((s) => s.escalationId === id)).toBe(false);
    t.clock.set(new Date(start + 25 * HOUR));
    const steps = await escalateOverdue(t.database.db, t.clock());
    // Owner is second on the planners' route (planner → owner): the route has nobody after them.
    expect(steps.find((s) => s.escalationId === id)).toEqual({ escalationId: id, fromAssigneeId: t.people.owner, toAssigneeId: null });
    const exhausted = (await t.call('GET', `/api/v1/escalations/${id}`)).body;
    expect(exhausted).toMatchObject({ assigneeId: t.people.owner, autoEscalate: false, breached: true });
    expect((await escalateOverdue(t.database.db, t.clock())).some((s) => s.escalationId === id)).toBe(false);

    const viaOperators = (await raise('critical', { routeGroupId: f.groupIds.operators, assigneeId: t.people.planner })).body.id;
    t.clock.set(new Date(t.clock().getTime() + 25 * HOUR));
    await escalateOverdue(t.database.db, t.clock());
    let e = (await t.call('GET', `/api/v1/escalations/${viaOperators}`)).body;
    expect([e.assigneeId, e.routeStep, e.escalationCount, e.breached]).toEqual([t.people.owner, 1, 1, false]);
    expect(e.dueAt).toBe(new Date(t.clock().getTime() + 24 * HOUR).toISOString());
    expect(e.events.at(-1)).toMatchObject({
      kind: 'escalated',
      actorId: null,
      fromAssigneeId: t.people.planner,
      toAssigneeId: t.people.owner,
    });
    t.clock.set(new Date(t.clock().getTime() + 25 * HOUR));
    await escalateOverdue(t.database.db, t.clock());
    e = (await t.call('GET', `/api/v1/escalations/${viaOperators}`)).body;
    expect([e.assigneeId, e.routeStep, e.escalationCount]).toEqual([t.people.sponsor, 2, 2]);
    const inbox = (await t.call('GET', '/api/v1/me/escalations', { as: 'sponsor' })).body.items;
    expect(inbox.map((x: any) => x.id)).toContain(viaOperators);
  });

  it('loses nothing and repeats nothing when a sweep crashes midway', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await raise('critical', { routeGroupId: f.groupIds.operators, assigneeId: t.people.planner })).body.id);
    t.clock.set(new Date(t.clock().getTime() + 25 * HOUR));
    // Other tests' escalations may be swept too; the crash hits while taking our third one.
    let mine = 0;
    const crash = (id: string) => {
      if (ids.includes(id) && ++mine === 3) throw new Error('process killed');
    };
    await expect(escalateOverdue(t.database.db, t.clock(), { batchSize: 1, afterEach: crash })).rejects.toThrow('process killed');
    const afterCrash = await Promise.all(ids.map(async (id) => (await t.call('GET', `/api/v1/escalations/${id}`)).body.escalationCount));
    expect(afterCrash.filter((n) => n === 1)).toHaveLength(2);
    await escalateOverdue(t.database.db, t.clock(), { batchSize: 1 });
    for (const id of ids) {
      const e = (await t.call('GET', `/api/v1/escalations/${id}`)).body;
      expect(e.escalationCount).toBe(1);
      expect(e.events.filter((x: any) => x.kind === 'escalated')).toHaveLength(1);
    }
  });

  it('escalates each item once when two sweeps run at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await raise('critical', { routeGroupId: f.groupIds.operators, assigneeId: t.people.planner })).body.id);
    t.clock.set(new Date(t.clock().getTime() + 25 * HOUR));
    const [a, b] = await Promise.all([
      escalateOverdue(t.database.db, t.clock(), { batchSize: 2 }),
      escalateOverdue(t.database.db, t.clock(), { batchSize: 2 }),
    ]);
    const mine = [...a, ...b].filter((s) => ids.includes(s.escalationId)).map((s) => s.escalationId);
    expect(mine.sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await t.call('GET', `/api/v1/escalations/${id}`)).body.escalationCount).toBe(1);
  });

  it('orders the inbox breached first, then by due time, and reports figures', async () => {
    const inbox = (await t.call('GET', '/api/v1/me/escalations', { as: 'owner' })).body.items;
    const breached = inbox.map((e: any) => e.breached);
    expect(breached.indexOf(false)).toBeGreaterThan(breached.lastIndexOf(true));
    for (let i = 1; i < inbox.length; i++) {
      if (inbox[i].breached === inbox[i - 1].breached) expect(inbox[i].dueAt >= inbox[i - 1].dueAt).toBe(true);
    }
    const figures = (await t.call('GET', `/api/v1/programs/${f.programId}/escalation-figures`)).body;
    expect(figures.program.resolved).toBe(0);
    expect(figures.program.open).toBe(figures.program.total);
    expect(figures.byOwner.find((o: any) => o.personId === t.people.owner).breached).toBeGreaterThan(0);
    expect(figures.byGroup.map((g: any) => g.name).sort()).toEqual(['Planners', 'Shift leaders']);
  });

  it('computes the median time to resolution and the share within SLA', async () => {
    const fast = (await raise('normal')).body.id;
    const slow = (await raise('normal')).body.id;
    const third = (await raise('normal')).body.id;
    t.clock.advance(10 * HOUR);
    await t.call('POST', `/api/v1/escalations/${fast}/resolve`, { as: 'owner', body: { note: 'done' } });
    t.clock.advance(20 * HOUR);
    await t.call('POST', `/api/v1/escalations/${third}/resolve`, { as: 'owner', body: { note: 'done' } });
    t.clock.advance(60 * HOUR);
    await t.call('POST', `/api/v1/escalations/${slow}/resolve`, { as: 'owner', body: { note: 'late' } });
    const figures = (await t.call('GET', `/api/v1/programs/${f.programId}/escalation-figures`)).body;
    // Resolved after 10, 30 and 90 hours against a 72 h SLA (the one resolved earlier was reopened).
    expect(figures.program.resolved).toBe(3);
    expect(figures.program.medianHoursToResolution).toBe(30);
    expect(figures.program.resolvedWithinSlaShare).toBeCloseTo(2 / 3, 10);
  });

  it('refuses unknown subjects and a subject without owner when no assignee is named', async () => {
    const unknown = await t.call('POST', '/api/v1/escalations', {
      body: { subjectType: 'kpi', subjectId: '00000000-0000-4000-8000-000000000000', title: 'x', severity: 'low' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('body.subjectId');
    const ownerless = (await createUseCaseFixture(t, f, { ownerId: null })).id;
    const res = await t.call('POST', '/api/v1/escalations', {
      body: { subjectType: 'use_case', subjectId: ownerless, title: 'x', severity: 'low' },
    });
    expect(res.status).toBe(409);
    expect(res.body.missing).toEqual(['assignee']);
    const bad = await t.call('POST', '/api/v1/escalations', {
      body: { subjectType: 'team', subjectId: ownerless, title: 'x', severity: 'urgent' },
    });
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['body.severity', 'body.subjectType']);
  });
});
