import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

// The lists a user reaches for, with the filters they expect.
describe.each(databaseKinds)('lists and filters on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  const nobody = '00000000-0000-4000-8000-000000000000';
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
  });
  afterAll(async () => t?.close());

  const items = async (path: string, as: 'admin' | 'viewer' = 'viewer') => {
    const res = await t.call('GET', path, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as any[];
  };

  it('lists the plant level by level, filtered by the parent', async () => {
    await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code: 'op20', name: 'Grinding', position: 2 } });
    await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code: 'op10', name: 'Turning', position: 1 } });
    expect((await items(`/api/v1/sites?enterpriseId=${f.enterpriseId}`)).map((s) => s.code)).toEqual(['brno', 'linz']);
    expect((await items(`/api/v1/areas?siteId=${f.siteId}`)).map((a) => a.id)).toEqual([f.areaId]);
    expect((await items(`/api/v1/lines?areaId=${f.areaId}`)).map((l) => l.id)).toEqual([f.lineId]);
    expect((await items(`/api/v1/stations?lineId=${f.lineId}`)).map((s) => s.code)).toEqual(['op10', 'op20']);
    const unknown = await t.call('GET', `/api/v1/lines?areaId=${nobody}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('query.areaId');
  });

  it('lists escalations across programs by status, severity, assignee and breach', async () => {
    const uc = await createUseCaseFixture(t, f);
    const raise = (severity: string) =>
      t.call('POST', '/api/v1/escalations', { body: { subjectType: 'use_case', subjectId: uc.id, title: `Q ${severity}`, severity } });
    await raise('critical');
    await raise('low');
    expect((await items('/api/v1/escalations?severity=critical')).map((e) => e.title)).toEqual(['Q critical']);
    expect(await items(`/api/v1/escalations?assigneeId=${t.people.owner}&status=open`)).toHaveLength(2);
    expect(await items('/api/v1/escalations?breached=true')).toHaveLength(0);
    t.clock.advance(25 * 3_600_000); // past the critical SLA (24 h), not the low one (120 h)
    expect((await items(`/api/v1/escalations?breached=true&programId=${f.programId}`)).map((e) => e.title)).toEqual(['Q critical']);
    expect((await items('/api/v1/escalations?breached=false')).map((e) => e.title)).toEqual(['Q low']);
  });

  it('lists every token for the administrators only, and the use cases by owner and stage with their usage', async () => {
    const tokens = await items(`/api/v1/tokens?personId=${t.people.viewer}&active=true`, 'admin');
    expect(tokens.map((k) => k.personId)).toEqual([t.people.viewer]);
    expect(tokens[0]).not.toHaveProperty('tokenHash');
    expect((await t.call('GET', '/api/v1/tokens', { as: 'viewer' })).status).toBe(403);

    const uc = await createUseCaseFixture(t, f);
    const byOwner = await items(`/api/v1/programs/${f.programId}/use-cases?ownerId=${uc.ownerId}&status=proposed`);
    expect(byOwner.map((u) => u.id)).toContain(uc.id);
    expect(await items(`/api/v1/programs/${f.programId}/use-cases?ownerId=${nobody}`)).toEqual([]);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/usage`, {
      body: { groupId: f.groupIds.planners, occurredAt: '2026-11-24T09:00:00Z' },
    });
    await t.call('POST', `/api/v1/use-cases/${uc.id}/usage`, {
      body: { groupId: f.groupIds.planners, occurredAt: '2026-11-25T07:00:00Z' },
    });
    const uses = await items(`/api/v1/use-cases/${uc.id}/usage`);
    expect(uses.map((u) => u.occurredAt)).toEqual(['2026-11-25T07:00:00.000Z', '2026-11-24T09:00:00.000Z']);
    // A use recorded by mistake is deleted by an owner or sponsor, not by any user.
    expect((await t.call('DELETE', `/api/v1/usage-events/${uses[0].id}`, { as: 'viewer' })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/usage-events/${uses[0].id}`, { as: 'owner' })).status).toBe(204);
    expect((await items(`/api/v1/use-cases/${uc.id}/usage`)).map((u) => u.id)).toEqual([uses[1].id]);
    expect((await t.call('DELETE', `/api/v1/usage-events/${uses[0].id}`)).status).toBe(404);
  });
});
