import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('audit log on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
  });
  afterAll(async () => t?.close());

  it('records create, update and transition with actor, time, before and after', async () => {
    const uc = await createUseCaseFixture(t, f);
    t.clock.advance(60_000);
    await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { title: 'Renamed' }, as: 'sponsor' });
    t.clock.advance(60_000);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' }, as: 'owner' });
    const trail = (await t.call('GET', `/api/v1/audit/use_case/${uc.id}`, { as: 'viewer' })).body.items;
    expect(trail.map((e: any) => e.action)).toEqual(['create', 'update', 'transition:proposed->piloting']);
    expect(trail[0].before).toBeNull();
    expect(trail[1]).toMatchObject({ actorId: t.people.sponsor, actorRole: 'sponsor', actorName: 'Test sponsor' });
    expect(trail[1].before.title).toBe('Next-shift constraint');
    expect(trail[1].after.title).toBe('Renamed');
    expect(trail[2].at).toBe(t.clock().toISOString());
    expect(trail[2].after.status).toBe('piloting');
  });

  it('records no entry, and no change, when a write is refused', async () => {
    const uc = await createUseCaseFixture(t, f);
    const kpi = await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t) });
    const bad = await t.call('PATCH', `/api/v1/kpis/${kpi.body.id}`, {
      body: { name: 'Changed', target: { value: 10, date: '2027-01-01' } },
    });
    expect(bad.status).toBe(400);
    expect((await t.call('GET', `/api/v1/kpis/${kpi.body.id}`)).body.name).toBe('Line OEE');
    const trail = (await t.call('GET', `/api/v1/audit/kpi/${kpi.body.id}`)).body.items;
    expect(trail.map((e: any) => e.action)).toEqual(['create']);
  });

  it('needs a token to read', async () => {
    expect((await t.call('GET', `/api/v1/audit/program/${f.programId}`, { as: null })).status).toBe(401);
    const trail = (await t.call('GET', `/api/v1/audit/program/${f.programId}`)).body.items;
    expect(trail[0]).toMatchObject({ action: 'create', entityType: 'program', actorRole: 'admin' });
  });
});
