import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepFreshness } from '../../../server/dataSources/sweep.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const MIN = 60_000;

describe.each(databaseKinds)('data sources, freshness and trust on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  let mesId: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    useCaseId = (await createUseCaseFixture(t, f)).id;
    // MES counts every 5 minutes, each up to 2 minutes late: fresh ≤ 7 min, stale > 17 min.
    // The sponsor adds a source the planner will own (an owner adds only sources they own).
    const mes = await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
      as: 'sponsor',
      body: {
        name: 'MES production counts',
        kind: 'mes',
        scope: { lineId: f.lineId },
        ownerId: t.people.planner,
        expectedRefreshSeconds: 300,
        maxLatencySeconds: 120,
      },
    });
    expect(mes.status).toBe(201);
    expect(mes.body.scope).toEqual({ lineId: f.lineId });
    expect(mes.body).not.toHaveProperty('scopeLineId');
    mesId = mes.body.id;
  });
  afterAll(async () => t?.close());

  const escalationsOfSource = async () =>
    (await t.call('GET', `/api/v1/programs/${f.programId}/escalations`)).body.items.filter((e: any) => e.subjectId === mesId);

  it('reports freshness from heartbeats as the clock moves', async () => {
    expect((await t.call('GET', `/api/v1/data-sources/${mesId}`)).body.freshness.status).toBe('never_received');
    const beat = await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, {
      as: 'planner',
      body: { sourceTimestamp: '2026-11-25T07:59:00Z' },
    });
    expect(beat.status).toBe(200);
    expect(beat.body.freshness.status).toBe('fresh');
    t.clock.advance(10 * MIN);
    expect((await t.call('GET', `/api/v1/data-sources/${mesId}`)).body.freshness.status).toBe('late');
    const bad = await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, { as: 'planner', body: { quality: 'bad' } });
    expect(bad.body.freshness).toMatchObject({ status: 'stale', reason: 'the newest value has Bad quality' });
    await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, { as: 'planner', body: {} });
    expect((await escalationsOfSource()).length).toBe(1);
    const resolveFirst = (await escalationsOfSource())[0];
    // The source's owner (the planner) has it; another owner may not settle it.
    const notTheirs = await t.call('POST', `/api/v1/escalations/${resolveFirst.id}/resolve`, { as: 'owner', body: { note: 'x' } });
    expect(notTheirs.status).toBe(403);
    const resolved = await t.call('POST', `/api/v1/escalations/${resolveFirst.id}/resolve`, {
      as: 'planner',
      body: { note: 'sensor cable replaced' },
    });
    expect(resolved.status).toBe(200);
  });

  it('degrades the trust of a use case whose required source is stale, with the reason', async () => {
    const linked = await t.call('POST', `/api/v1/use-cases/${useCaseId}/data-sources`, { body: { dataSourceId: mesId, required: true } });
    expect(linked.body.trust).toBe('ok');
    t.clock.advance(30 * MIN);
    const trust = (await t.call('GET', `/api/v1/use-cases/${useCaseId}/trust`, { as: 'viewer' })).body;
    expect(trust.trust).toBe('degraded');
    expect(trust.reasons[0].message).toMatch(/required source 'MES production counts' is stale/);
    const map = (await t.call('GET', `/api/v1/programs/${f.programId}/data-map`)).body;
    expect(map.sources[0].dependents).toEqual([{ useCaseId, title: 'Next-shift constraint', required: true }]);
    expect(map.useCases.find((u: any) => u.id === useCaseId).trust).toBe('degraded');
    await t.call('POST', `/api/v1/use-cases/${useCaseId}/data-sources`, { body: { dataSourceId: mesId, required: false } });
    expect((await t.call('GET', `/api/v1/use-cases/${useCaseId}/trust`)).body.trust).toBe('ok');
    await t.call('POST', `/api/v1/use-cases/${useCaseId}/data-sources`, { body: { dataSourceId: mesId, required: true } });
  });

  it('opens exactly one escalation to the owner for a stale source, however often and concurrently it sweeps', async () => {
    const before = (await escalationsOfSource()).filter((e: any) => e.status !== 'resolved').length;
    expect(before).toBe(0);
    await Promise.all([sweepFreshness(t.database.db, t.clock()), sweepFreshness(t.database.db, t.clock())]);
    await sweepFreshness(t.database.db, t.clock());
    const open = (await escalationsOfSource()).filter((e: any) => e.status !== 'resolved');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ origin: 'freshness', assigneeId: t.people.planner, severity: 'high', raisedById: null });
  });

  it('notes on the escalation when data flows again, leaves it to the owner to resolve, and notes a relapse', async () => {
    await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, { as: 'planner', body: {} });
    let open = (await escalationsOfSource()).filter((e: any) => e.status !== 'resolved');
    expect(open).toHaveLength(1);
    let detail = (await t.call('GET', `/api/v1/escalations/${open[0].id}`)).body;
    expect(detail.status).toBe('open');
    expect(detail.dataRestoredAt).toBe(t.clock().toISOString());
    expect(detail.events.at(-1).kind).toBe('data_flowing');
    t.clock.advance(30 * MIN);
    await sweepFreshness(t.database.db, t.clock());
    open = (await escalationsOfSource()).filter((e: any) => e.status !== 'resolved');
    expect(open).toHaveLength(1);
    detail = (await t.call('GET', `/api/v1/escalations/${open[0].id}`)).body;
    expect(detail.events.at(-1).kind).toBe('data_stale_again');
    expect(detail.dataRestoredAt).toBeNull();
    await t.call('POST', `/api/v1/escalations/${open[0].id}/resolve`, { as: 'planner', body: { note: 'MES interface restarted' } });
    await sweepFreshness(t.database.db, t.clock());
    expect((await escalationsOfSource()).filter((e: any) => e.status !== 'resolved')).toHaveLength(1);
  });

  it('validates thresholds, scope and heartbeats', async () => {
    const bad = await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
      body: {
        name: 'ERP',
        kind: 'sap',
        scope: { siteId: f.siteId, lineId: f.lineId },
        ownerId: t.people.owner,
        expectedRefreshSeconds: 0,
        maxLatencySeconds: -1,
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.expectedRefreshSeconds', 'body.maxLatencySeconds']));
    expect(paths.some((p: string) => p.startsWith('body.scope'))).toBe(true);
    const outside = await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
      body: {
        name: 'ERP',
        kind: 'erp',
        scope: { siteId: f.otherSiteId },
        ownerId: t.people.owner,
        expectedRefreshSeconds: 86_400,
        maxLatencySeconds: 3600,
      },
    });
    expect(outside.status).toBe(409);
    const future = await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, {
      as: 'planner',
      body: { sourceTimestamp: '2027-01-01T00:00:00Z' },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.sourceTimestamp');
    expect((await t.call('POST', `/api/v1/data-sources/${mesId}/heartbeat`, { as: 'viewer', body: {} })).status).toBe(403);
  });
});
