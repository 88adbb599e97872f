import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepFreshness } from '../../../server/dataSources/sweep.ts';
import { closeBalancingPool } from '../../../server/balancing/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

// Archive where history must stay, delete where nothing depends on it; both audited, the same on every entity.
describe.each(databaseKinds)('entity lifecycle on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
  });
  afterAll(async () => {
    await closeBalancingPool();
    await t?.close();
  });

  const auditActions = async (type: string, id: string) =>
    (await t.call('GET', `/api/v1/audit/${type}/${id}`)).body.items.map((e: any) => e.action);

  const newPerson = async (roles: string[] = ['owner']) => {
    const res = await t.call('POST', '/api/v1/people', {
      body: { name: 'Jana Novak', email: `jana.${Math.random().toString(36).slice(2)}@plant.example`, roles },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('deletes a KPI without measurements and archives one with history', async () => {
    const uc = await createUseCaseFixture(t, f);
    const scratch = await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { name: 'Typo' }) });
    expect((await t.call('DELETE', `/api/v1/kpis/${scratch.body.id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/kpis/${scratch.body.id}`)).status).toBe(404);
    expect(await auditActions('kpi', scratch.body.id)).toEqual(['create', 'delete']);

    const kpi = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { annualValuePerUnit: 1000 }) })).body;
    const measured = await t.call('POST', `/api/v1/kpis/${kpi.id}/measurements`, {
      body: { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: 64, source: 'MES' },
    });
    expect(measured.status).toBe(201);
    const refused = await t.call('DELETE', `/api/v1/kpis/${kpi.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ measurements: 1 });
    expect(refused.body.detail).toMatch(/archive it instead/);

    const archived = await t.call('POST', `/api/v1/kpis/${kpi.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe('2026-11-25T08:00:00.000Z');
    expect(archived.body.progress.measurements).toBe(1);
    // Archiving twice changes nothing and is audited once.
    expect((await t.call('POST', `/api/v1/kpis/${kpi.id}/archive`)).status).toBe(200);
    expect(await auditActions('kpi', kpi.id)).toEqual(['create', 'archive']);

    const more = await t.call('POST', `/api/v1/kpis/${kpi.id}/measurements`, {
      body: { periodStart: '2026-11-01', periodEnd: '2026-11-20', value: 65, source: 'MES' },
    });
    expect(more.status).toBe(409);
    expect(more.body.detail).toMatch(/archived/);
    expect((await t.call('PATCH', `/api/v1/kpis/${kpi.id}`, { body: { name: 'x' } })).status).toBe(409);
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}/kpis`)).body.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}/kpis?archived=include`)).body.items.map((k: any) => k.id)).toEqual([kpi.id]);
    const roi = await t.call('GET', `/api/v1/programs/${f.programId}/roi`);
    expect(JSON.stringify(roi.body)).not.toContain(kpi.id);

    const restored = await t.call('POST', `/api/v1/kpis/${kpi.id}/restore`);
    expect(restored.body.archivedAt).toBeNull();
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}/kpis`)).body.items.map((k: any) => k.id)).toEqual([kpi.id]);
  });

  it('deletes a use case entered by mistake with its own records, and refuses one that has KPIs', async () => {
    const uc = await createUseCaseFixture(t, f, { title: 'Entered twice' });
    expect((await t.call('DELETE', `/api/v1/use-cases/${uc.id}`, { as: 'owner' })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/use-cases/${uc.id}`)).status).toBe(404);
    expect(await auditActions('use_case', uc.id)).toEqual(['create', 'delete']);

    const used = await createUseCaseFixture(t, f);
    await t.call('POST', `/api/v1/use-cases/${used.id}/kpis`, { body: kpiBody(t) });
    await t.call('POST', `/api/v1/use-cases/${used.id}/usage`, { as: 'viewer', body: { personId: t.people.viewer } });
    const refused = await t.call('DELETE', `/api/v1/use-cases/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ KPIs: 1, 'recorded uses': 1 });
    expect(refused.body.detail).toMatch(/retire it instead/);
    expect((await t.call('GET', `/api/v1/use-cases/${used.id}`)).status).toBe(200);
  });

  it('archives a person only after their responsibilities are handed over; their tokens then stop working', async () => {
    const person = await newPerson(['owner']);
    const token = await t.call('POST', `/api/v1/people/${person}/tokens`, { body: { role: 'owner', label: 'laptop' } });
    const uc = await createUseCaseFixture(t, f, { ownerId: person });
    const refused = await t.call('POST', `/api/v1/people/${person}/archive`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ 'use cases owned': 1 });
    expect(refused.body.detail).toMatch(/hand them over first/);

    await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { ownerId: t.people.owner } });
    const archived = await t.call('POST', `/api/v1/people/${person}/archive`);
    expect(archived.status).toBe(200);
    const asThem = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(asThem.status).toBe(401);
    expect((await asThem.json()).detail).toMatch(/archived person/);

    const assign = await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { ownerId: person } });
    expect(assign.status).toBe(409);
    expect(assign.body.errors).toEqual([{ path: 'body.ownerId', message: 'archived' }]);
    expect((await t.call('POST', `/api/v1/people/${person}/tokens`, { body: { role: 'owner', label: 'x' } })).status).toBe(409);
    expect((await t.call('GET', '/api/v1/people')).body.items.map((p: any) => p.id)).not.toContain(person);
    expect((await t.call('GET', '/api/v1/people?archived=only')).body.items.map((p: any) => p.id)).toEqual([person]);

    // A person with a token (or any recorded part in the program) is archived, never deleted.
    const kept = await t.call('DELETE', `/api/v1/people/${person}`);
    expect(kept.status).toBe(409);
    expect(kept.body.dependents).toEqual({ tokens: 1 });
    const mistake = await newPerson(['viewer']);
    expect((await t.call('DELETE', `/api/v1/people/${mistake}`)).status).toBe(204);
  });

  it('refuses a token whose role its person no longer holds', async () => {
    const person = await newPerson(['owner', 'planner']);
    const token = await t.call('POST', `/api/v1/people/${person}/tokens`, { body: { role: 'owner', label: 'owner work' } });
    const me = () => t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token.body.token}` } });
    expect((await me()).status).toBe(200);
    await t.call('PATCH', `/api/v1/people/${person}`, { body: { roles: ['planner'] } });
    const res = await me();
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toMatch(/no longer one of its person's roles/);
  });

  it('archives a data source only when no live use case relies on it, and stops sweeping it', async () => {
    const uc = await createUseCaseFixture(t, f);
    const source = (
      await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
        body: {
          name: 'Old historian',
          kind: 'historian',
          scope: { lineId: f.lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 30,
        },
      })
    ).body;
    await t.call('POST', `/api/v1/use-cases/${uc.id}/data-sources`, { body: { dataSourceId: source.id, required: true } });
    const refused = await t.call('POST', `/api/v1/data-sources/${source.id}/archive`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ 'use cases relying on it': 1 });

    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'retired' } });
    expect((await t.call('POST', `/api/v1/data-sources/${source.id}/archive`)).status).toBe(200);
    expect((await t.call('POST', `/api/v1/data-sources/${source.id}/heartbeat`, { body: {} })).status).toBe(409);
    const outcomes = await sweepFreshness(t.database.db, t.clock());
    expect(outcomes.map((o) => o.dataSourceId)).not.toContain(source.id);
    const listed = (await t.call('GET', `/api/v1/programs/${f.programId}/data-sources`)).body.items;
    expect(listed.map((s: any) => s.id)).not.toContain(source.id);
    // The retired use case still records that it relied on the source: history, so no delete.
    const kept = await t.call('DELETE', `/api/v1/data-sources/${source.id}`);
    expect(kept.status).toBe(409);
    expect(kept.body.dependents).toEqual({ 'use cases relying on it': 1 });
  });

  it('archives a user group out of adoption and new work, and deletes a group nothing depends on', async () => {
    const group = (
      await t.call('POST', `/api/v1/programs/${f.programId}/user-groups`, {
        body: { kind: 'finance', name: 'Controlling', valuePath: 'Sees ROI', expectedFrequency: 'monthly', memberIds: [t.people.viewer] },
      })
    ).body;
    expect((await t.call('POST', `/api/v1/user-groups/${group.id}/archive`)).status).toBe(200);
    const adoption = await t.call('GET', `/api/v1/programs/${f.programId}/adoption`);
    expect(JSON.stringify(adoption.body)).not.toContain(group.id);
    const direct = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      body: { title: 't', question: 'q', scope: { lineId: f.lineId }, decisionFrequency: 'daily', groupIds: [group.id] },
    });
    expect(direct.status).toBe(409);
    expect(direct.body.errors).toEqual([{ path: 'body.groupIds.0', message: 'archived' }]);
    expect((await t.call('DELETE', `/api/v1/user-groups/${group.id}`)).status).toBe(204);

    const served = await t.call('DELETE', `/api/v1/user-groups/${f.groupIds.operators}`);
    expect(served.status).toBe(409);
    expect(Object.keys(served.body.dependents)).toContain('use cases served');
  });

  it('deletes a milestone no review has judged; a judged one is deferred instead', async () => {
    const make = (title: string) =>
      t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
        body: { title, criterion: 'Planners use it daily', due: { quarter: '2027-Q1' }, ownerId: t.people.owner },
      });
    const typo = (await make('Tpyo')).body;
    expect((await t.call('DELETE', `/api/v1/milestones/${typo.id}`, { as: 'sponsor' })).status).toBe(204);
    const judged = (await make('Pilot live')).body;
    const open = (await t.call('GET', `/api/v1/programs/${f.programId}/milestones`)).body.items.filter((m: any) => m.status === 'planned');
    const review = await t.call('POST', `/api/v1/programs/${f.programId}/reviews`, {
      body: { heldOn: '2026-11-24', items: open.map((m: any) => ({ milestoneId: m.id, status: 'planned' })) },
    });
    expect(review.status).toBe(201);
    const refused = await t.call('DELETE', `/api/v1/milestones/${judged.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ 'review records': 1 });
    expect(refused.body.detail).toMatch(/defer it instead/);
  });

  it('archives a program read-only and deletes only an empty one', async () => {
    const full = await t.call('DELETE', `/api/v1/programs/${f.programId}`);
    expect(full.status).toBe(409);
    expect(full.body.dependents).toMatchObject({ 'user groups': expect.any(Number), 'use cases': expect.any(Number) });

    const other = await createProgramFixture(t);
    expect((await t.call('POST', `/api/v1/programs/${other.programId}/archive`, { as: 'sponsor' })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/programs/${other.programId}`, { body: { name: 'x' } })).status).toBe(409);
    const uc = await t.call('POST', `/api/v1/programs/${other.programId}/use-cases`, {
      body: { title: 't', question: 'q', scope: { lineId: other.lineId }, decisionFrequency: 'daily' },
    });
    expect(uc.status).toBe(409);
    const ids = async (q: string) => (await t.call('GET', `/api/v1/programs${q}`)).body.items.map((p: any) => p.id);
    expect(await ids('')).not.toContain(other.programId);
    expect(await ids('?archived=only')).toEqual([other.programId]);
    expect((await t.call('GET', `/api/v1/programs/${other.programId}`)).body.archivedAt).not.toBeNull();
    expect((await t.call('GET', '/api/v1/programs?archived=sometimes')).status).toBe(400);

    const empty = await t.call('POST', '/api/v1/programs', {
      body: {
        enterpriseId: f.enterpriseId,
        name: 'Entered by mistake',
        sponsorId: t.people.sponsor,
        siteIds: [f.siteId],
        goLiveDate: '2027-01-01',
        valueWindowMonths: 9,
      },
    });
    expect((await t.call('DELETE', `/api/v1/programs/${empty.body.id}`)).status).toBe(204);
    expect(await auditActions('program', empty.body.id)).toEqual(['create', 'delete']);
  });

  it('deletes finished runs; a queued simulation is cancelled first', async () => {
    const balanced = await t.call('POST', '/api/v1/balancing-runs', {
      as: 'planner',
      body: { problem: { tasks: [{ id: 'a', time: 3, predecessors: [] }], cycleTime: 10 } },
    });
    expect(balanced.status).toBe(201);
    expect((await t.call('DELETE', `/api/v1/balancing-runs/${balanced.body.id}`, { as: 'planner' })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/balancing-runs/${balanced.body.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/balancing-runs/${balanced.body.id}`, { as: 'viewer' })).status).toBe(403);

    const queued = await t.call('POST', '/api/v1/simulations', {
      as: 'planner',
      body: { model: { machines: [{ name: 'm', processTime: { dist: 'deterministic', mean: 1 } }], buffers: [], horizon: 100 } },
    });
    expect(queued.status).toBe(202);
    const refused = await t.call('DELETE', `/api/v1/simulations/${queued.body.id}`, { as: 'planner' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/cancel it first/);
    await t.call('POST', `/api/v1/simulations/${queued.body.id}/cancel`, { as: 'planner' });
    expect((await t.call('DELETE', `/api/v1/simulations/${queued.body.id}`, { as: 'planner' })).status).toBe(204);
  });
});
