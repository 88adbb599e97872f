import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('use case lifecycle on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
  });
  afterAll(async () => t?.close());

  it('starts proposed, records each step with who and when', async () => {
    const uc = await createUseCaseFixture(t, f);
    expect(uc.status).toBe('proposed');
    // Out as in: the scope is the object the input gave.
    expect(uc.scope).toEqual({ lineId: f.lineId });
    expect(uc).not.toHaveProperty('scopeLineId');
    t.clock.advance(3_600_000);
    const step = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting', note: 'shift A' }, as: 'owner' });
    expect(step.status).toBe(201);
    expect(step.body.useCase.status).toBe('piloting');
    const history = await t.call('GET', `/api/v1/use-cases/${uc.id}/transitions`, { as: 'viewer' });
    expect(history.body.items.map((s: any) => [s.fromStatus, s.toStatus])).toEqual([
      [null, 'proposed'],
      ['proposed', 'piloting'],
    ]);
    expect(history.body.items[1].actorId).toBe(t.people.owner);
    expect(history.body.items[1].at).toBe(t.clock().toISOString());
  });

  it('refuses operational without owner and without a KPI baseline, naming both', async () => {
    const uc = await createUseCaseFixture(t, f, { ownerId: null });
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' } });
    const refused = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    expect(refused.status).toBe(409);
    expect(refused.body.missing).toEqual(['owner', 'kpi_with_baseline']);
    expect(refused.body.detail).toContain('owner');
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}`)).body.status).toBe('piloting');
  });

  it('refuses operational with an owner but only a KPI without baseline; accepts once the baseline is set', async () => {
    const uc = await createUseCaseFixture(t, f);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' } });
    const kpi = await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { baseline: null }) });
    expect(kpi.status).toBe(201);
    const refused = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    expect(refused.status).toBe(409);
    expect(refused.body.missing).toEqual(['kpi_with_baseline']);
    const patched = await t.call('PATCH', `/api/v1/kpis/${kpi.body.id}`, { body: { baseline: kpiBody(t).baseline } });
    expect(patched.status).toBe(200);
    const accepted = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    expect(accepted.status).toBe(201);
    const lost = await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { ownerId: null } });
    expect(lost.status).toBe(409);
    expect(lost.body.errors[0].path).toBe('body.ownerId');
  });

  it('refuses steps the lifecycle does not allow', async () => {
    const uc = await createUseCaseFixture(t, f);
    const skip = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    expect(skip.status).toBe(409);
    expect(skip.body.allowed).toEqual(['piloting', 'retired']);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'retired' } });
    const revive = await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' } });
    expect(revive.status).toBe(409);
    // A retired use case is history: no renaming, no new KPIs.
    const rename = await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { title: 'Renamed' } });
    expect(rename.status).toBe(409);
    expect(rename.body).toMatchObject({ status: 409, currentStatus: 'retired' });
    expect((await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t) })).status).toBe(409);
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}`)).body.title).not.toBe('Renamed');
  });

  it('validates the scope and the groups, and writes nothing when one is wrong', async () => {
    const before = (await t.call('GET', `/api/v1/programs/${f.programId}/use-cases`)).body.items.length;
    const both = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      body: { title: 'x', question: 'y', scope: { lineId: f.lineId, areaId: f.areaId }, decisionFrequency: 'daily', groupIds: [] },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.some((e: any) => e.path.startsWith('body.scope'))).toBe(true);
    const badGroup = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      body: {
        title: 'x',
        question: 'y',
        scope: { lineId: f.lineId },
        decisionFrequency: 'daily',
        groupIds: [f.groupIds.planners, '00000000-0000-4000-8000-000000000001'],
      },
    });
    expect(badGroup.status).toBe(404);
    expect(badGroup.body.errors[0].path).toBe('body.groupIds.1');
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/use-cases`)).body.items.length).toBe(before);
  });

  it('refuses a scope outside the program sites', async () => {
    const area = await t.call('POST', '/api/v1/areas', { body: { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' } });
    const res = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      body: { title: 'x', question: 'y', scope: { areaId: area.body.id }, decisionFrequency: 'daily', groupIds: [] },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('body.scope');
  });

  it('keeps lists a PATCH does not mention', async () => {
    const uc = await createUseCaseFixture(t, f);
    const patched = await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { title: 'Renamed' } });
    expect(patched.body.groupIds).toEqual([f.groupIds.operators, f.groupIds.planners].sort());
    const group = await t.call('PATCH', `/api/v1/user-groups/${f.groupIds.operators}`, {
      body: { valuePath: 'Sees the constraint early' },
    });
    expect(group.body.memberIds).toEqual([t.people.viewer]);
    expect(group.body.escalationRoute).toEqual([t.people.owner, t.people.sponsor]);
  });

  it('lets only roles with the use-case policy write', async () => {
    const res = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      as: 'planner',
      body: { title: 'x', question: 'y', scope: { lineId: f.lineId }, decisionFrequency: 'daily', groupIds: [] },
    });
    expect(res.status).toBe(403);
    expect(res.body.policy).toBe('use-case:write');
  });
});
