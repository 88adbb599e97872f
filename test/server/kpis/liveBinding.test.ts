import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { liveMetric } from '../../../db/schema/index.ts';
import { LIVE_METRICS } from '../../../server/metrics/index.ts';
import { kpiScale } from '../../../server/kpis/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createTwoSiteProgram, ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe('the live metrics a KPI can be fed by', () => {
  it('are the same list in the database as in server/metrics/liveMetrics.ts', () => {
    expect(liveMetric.enumValues).toEqual([...LIVE_METRICS]);
  });

  it('fit a KPI kept in the metric’s unit, and a ratio kept in %', () => {
    expect([kpiScale('throughput', 'parts/h'), kpiScale('oee', 'ratio'), kpiScale('oee', '%'), kpiScale('throughput', '%')]).toEqual([
      1,
      1,
      100,
      null,
    ]);
  });
});

describe.each(databaseKinds)('binding a KPI to a live metric on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  let op20: string;
  let otherLine: string;
  let linzLine: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    op20 = (await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op20', name: 'OP20', position: 1 })).id;
    otherLine = (
      await ok(t, 'POST', '/api/v1/lines', {
        areaId: (await ok(t, 'POST', '/api/v1/areas', { siteId: f.siteId, code: 'paint', name: 'Paint' })).id,
        code: 'p1',
        name: 'Paint 1',
      })
    ).id;
    linzLine = (await createTwoSiteProgram(t, f)).linzLine.id;
    useCaseId = (await createUseCaseFixture(t, f)).id;
  });
  afterAll(async () => t?.close());

  const create = (live: unknown, overrides: Record<string, unknown> = {}, as: 'admin' | 'owner' = 'admin') =>
    t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, {
      body: kpiBody(t, { name: 'Throughput', unit: 'parts/h', baseline: null, live, ...overrides }),
      as,
    });

  it('binds on create, shows the binding, and unbinds and rebinds by PATCH with If-Match', async () => {
    const made = await create({ metric: 'throughput', lineId: f.lineId });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.live).toEqual({ metric: 'throughput', lineId: f.lineId, stationId: null, metricUnit: 'parts/h', scale: 1 });
    const patch = (body: unknown, version: number) =>
      t.app.request(`/api/v1/kpis/${made.body.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${t.tokens.owner}`, 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify(body),
      });
    const toStation = await patch({ live: { metric: 'oee', stationId: op20 }, unit: '%' }, 1);
    expect(toStation.status).toBe(200);
    expect((await toStation.json()).live).toEqual({ metric: 'oee', lineId: null, stationId: op20, metricUnit: 'ratio', scale: 100 });
    expect((await patch({ live: null }, 1)).status).toBe(412);
    const unbound = await patch({ live: null }, 2);
    expect((await unbound.json()).live).toBeNull();
    const trail = (await t.call('GET', `/api/v1/audit/kpi/${made.body.id}`)).body.items;
    expect(trail.at(-1).after.liveMetric).toBeNull();
  });

  it('refuses a unit the metric is not kept in, on binding and on a later change of the unit', async () => {
    const wrong = await create({ metric: 'oee', lineId: f.lineId });
    expect([wrong.status, wrong.body.errors[0].path]).toEqual([400, 'body.live.metric']);
    expect(wrong.body.errors[0].message).toBe("a KPI fed by oee is kept in 'ratio' or '%', not 'parts/h'");
    const bound = (await create({ metric: 'throughput', lineId: f.lineId }, { name: 'Throughput 2' })).body;
    const unit = await t.call('PATCH', `/api/v1/kpis/${bound.id}`, { body: { unit: '%' } });
    expect([unit.status, unit.body.errors[0].path]).toEqual([400, 'body.unit']);
  });

  it('takes one line or one station, nothing else', async () => {
    for (const live of [{ metric: 'throughput', lineId: f.lineId, stationId: op20 }, { metric: 'throughput' }]) {
      const res = await create(live);
      expect([res.status, res.body.errors[0].path]).toEqual([400, 'body.live.lineId']);
    }
    const unknownMetric = await create({ metric: 'happiness', lineId: f.lineId });
    expect([unknownMetric.status, unknownMetric.body.errors[0].path]).toEqual([400, 'body.live.metric']);
    const extra = await create({ metric: 'throughput', lineId: f.lineId, station: 'op20' });
    expect([extra.status, extra.body.errors[0].path]).toEqual([400, 'body.live.station']);
  });

  it('binds only the use case’s own line or its stations, and nothing out of the caller’s sight', async () => {
    const other = await create({ metric: 'throughput', lineId: otherLine });
    expect([other.status, other.body.errors[0]]).toEqual([400, { path: 'body.live.lineId', message: "must be the use case's own line" }]);
    // The owner sees Brno only: Linz's line names nothing for them.
    await ok(t, 'PATCH', `/api/v1/people/${t.people.owner}`, { scope: { kind: 'sites', siteIds: [f.siteId] } });
    const hidden = await create({ metric: 'throughput', lineId: linzLine }, {}, 'owner');
    expect([hidden.status, hidden.body.errors[0].path]).toEqual([404, 'body.live.lineId']);
    const missing = await create({ metric: 'throughput', stationId: '6f1c2a4e-0b1d-4c3e-9f5a-2d7e8b9c0a11' });
    expect([missing.status, missing.body.errors[0].path]).toEqual([404, 'body.live.stationId']);
  });

  it('binds a line of its area or such a line’s station for an area-scoped use case', async () => {
    const areaCase = await createUseCaseFixture(t, f, { title: 'Machining area', scope: { areaId: f.areaId } });
    const post = (live: unknown) =>
      t.call('POST', `/api/v1/use-cases/${areaCase.id}/kpis`, { body: kpiBody(t, { unit: 'ratio', baseline: null, live: live }) });
    expect((await post({ metric: 'availability', lineId: f.lineId })).status).toBe(201);
    expect((await post({ metric: 'availability', stationId: op20 })).status).toBe(201);
    const foreign = await post({ metric: 'availability', lineId: otherLine });
    expect(foreign.body.errors[0]).toEqual({ path: 'body.live.lineId', message: "must be a line of the use case's area" });
  });

  it('keeps the binding whole in the database, and the bound line and station from being deleted', async () => {
    const broken = t.database.db.execute(sql`update kpis set live_line_id = null where live_metric is not null`);
    await expect(broken).rejects.toThrow();
    const line = await t.call('DELETE', `/api/v1/lines/${f.lineId}`);
    expect(line.status).toBe(409);
    expect(JSON.stringify(line.body)).toContain('KPIs fed by it');
  });

  it('lets no other owner bind a KPI of a use case they do not own', async () => {
    const stranger = await personWithToken(t, 'Stranger', ['owner']);
    const res = await stranger.call(
      'POST',
      `/api/v1/use-cases/${useCaseId}/kpis`,
      kpiBody(t, { unit: 'parts/h', live: { metric: 'throughput', lineId: f.lineId } }),
    );
    expect(res.status).toBe(403);
  });
});
