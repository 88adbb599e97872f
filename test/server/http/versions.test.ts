import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

// Optimistic concurrency: an ETag per entity version, If-Match on changes, and list operations
// that let concurrent additions both stand.
describe.each(databaseKinds)('versions and If-Match on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
  });
  afterAll(async () => t?.close());

  const patch = (path: string, body: unknown, ifMatch?: string) =>
    t.app.request(path, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${t.tokens.admin}`,
        'content-type': 'application/json',
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      body: JSON.stringify(body),
    });

  const newGroup = async (name: string) =>
    (
      await t.call('POST', `/api/v1/programs/${f.programId}/user-groups`, {
        body: { kind: 'custom', name, valuePath: 'v', expectedFrequency: 'weekly' },
      })
    ).body.id as string;

  it('reproduces the lost update of two whole-list changes, and prevents it with If-Match or with list operations', async () => {
    const uc = await createUseCaseFixture(t, f);
    const path = `/api/v1/use-cases/${uc.id}`;
    const read = await t.app.request(path, { headers: { authorization: `Bearer ${t.tokens.owner}` } });
    const etag = read.headers.get('etag')!;
    expect(etag).toBe('"1"');
    const [x, y] = [await newGroup('Reliability'), await newGroup('Finance')];
    const base = uc.groupIds as string[];

    // Without If-Match the last writer wins, as documented: Anna's group is lost.
    expect((await patch(path, { groupIds: [...base, x] })).status).toBe(200);
    expect((await patch(path, { groupIds: [...base, y] })).status).toBe(200);
    expect((await t.call('GET', path)).body.groupIds).not.toContain(x);

    // With If-Match from the same read, the second change is refused instead of losing the first.
    const now = (await t.app.request(path, { headers: { authorization: `Bearer ${t.tokens.owner}` } })).headers.get('etag')!;
    const first = await patch(path, { groupIds: [...base, x, y] }, now);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${Number(JSON.parse(now)) + 1}"`);
    const second = await patch(path, { groupIds: base }, now);
    expect(second.status).toBe(412);
    const problem = await second.json();
    expect(problem).toMatchObject({
      status: 412,
      type: 'https://twinward.dev/problems/stale-version',
      currentVersion: Number(JSON.parse(now)) + 1,
    });
    expect((await t.call('GET', path)).body.groupIds).toEqual(expect.arrayContaining([x, y]));

    // One group at a time, both additions stand whatever the order.
    const [p, q] = [await newGroup('Operators B'), await newGroup('Plant managers B')];
    const added = await Promise.all([
      t.call('POST', `${path}/groups`, { body: { groupId: p } }),
      t.call('POST', `${path}/groups`, { body: { groupId: q } }),
    ]);
    expect(added.map((r) => r.status)).toEqual([200, 200]);
    expect((await t.call('GET', path)).body.groupIds).toEqual(expect.arrayContaining([x, y, p, q]));
    const removed = await t.call('DELETE', `${path}/groups/${p}`);
    expect(removed.status).toBe(200);
    expect(removed.body.groupIds).not.toContain(p);
    expect((await t.call('DELETE', `${path}/groups/${p}`)).status).toBe(404);
    const auditActions = (await t.call('GET', `/api/v1/audit/use_case/${uc.id}`)).body.items.map((e: any) => e.action);
    expect(auditActions).toEqual(expect.arrayContaining(['add-group', 'remove-group']));
  });

  it('adds and removes members and route steps one at a time', async () => {
    const group = (
      await t.call('POST', `/api/v1/programs/${f.programId}/user-groups`, {
        body: { kind: 'planners', name: 'Shift B', valuePath: 'v', expectedFrequency: 'daily', escalationRoute: [t.people.owner] },
      })
    ).body;
    const base = `/api/v1/user-groups/${group.id}`;
    const both = await Promise.all([
      t.call('POST', `${base}/members`, { body: { personId: t.people.planner } }),
      t.call('POST', `${base}/members`, { body: { personId: t.people.viewer } }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await t.call('GET', base)).body.memberIds.sort()).toEqual([t.people.planner, t.people.viewer].sort());
    expect((await t.call('DELETE', `${base}/members/${t.people.viewer}`)).body.memberIds).toEqual([t.people.planner]);

    const first = await t.call('POST', `${base}/escalation-route`, { body: { personId: t.people.sponsor, step: 1 } });
    expect(first.body.escalationRoute).toEqual([t.people.sponsor, t.people.owner]);
    const again = await t.call('POST', `${base}/escalation-route`, { body: { personId: t.people.owner } });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'body.personId', message: 'already on the route' }]);
    const last = await t.call('POST', `${base}/escalation-route`, { body: { personId: t.people.planner } });
    expect(last.body.escalationRoute).toEqual([t.people.sponsor, t.people.owner, t.people.planner]);
    const out = await t.call('DELETE', `${base}/escalation-route/${t.people.owner}`);
    expect(out.body.escalationRoute).toEqual([t.people.sponsor, t.people.planner]);
    expect(out.headers.get('etag')).toBe(`"${out.body.version}"`);
  });

  it('leaves the version alone on machine updates: a heartbeat never makes a person’s change fail', async () => {
    const source = await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
      body: {
        name: 'PLC',
        kind: 'plc_sensor',
        scope: { lineId: f.lineId },
        ownerId: t.people.owner,
        expectedRefreshSeconds: 1,
        maxLatencySeconds: 5,
      },
    });
    const etag = (
      await t.app.request(`/api/v1/data-sources/${source.body.id}`, { headers: { authorization: `Bearer ${t.tokens.admin}` } })
    ).headers.get('etag')!;
    await t.call('POST', `/api/v1/data-sources/${source.body.id}/heartbeat`, { body: {} });
    expect((await patch(`/api/v1/data-sources/${source.body.id}`, { name: 'PLC line 1' }, etag)).status).toBe(200);
  });

  it('refuses an If-Match that is not an ETag of this API, and takes * as any version', async () => {
    const uc = await createUseCaseFixture(t, f);
    const bad = await patch(`/api/v1/use-cases/${uc.id}`, { title: 'x' }, 'W/"1"');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ path: 'header.If-Match', message: 'not an ETag of this API' }]);
    expect((await patch(`/api/v1/use-cases/${uc.id}`, { title: 'x' }, '*')).status).toBe(200);
    expect((await patch(`/api/v1/use-cases/${uc.id}`, { title: 'y' }, '"1", "2"')).status).toBe(200);
  });

  // Every PATCH route of the application, from the router: a new one without a row here fails.
  it('answers every PATCH route with an ETag, 412 for a stale If-Match, and counts the version up by one per change', async () => {
    const uc = await createUseCaseFixture(t, f);
    const kpi = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t) })).body;
    const measurement = (
      await t.call('POST', `/api/v1/kpis/${kpi.id}/measurements`, {
        body: { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: 62, source: 'MES' },
      })
    ).body;
    const milestone = (
      await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
        body: { title: 'm', criterion: 'c', due: { quarter: '2027-Q2' }, ownerId: t.people.owner },
      })
    ).body;
    const source = (
      await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
        body: {
          name: 'MES',
          kind: 'mes',
          scope: { lineId: f.lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 5,
        },
      })
    ).body;
    const station = (await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code: 'op90', name: 'End', position: 9 } })).body;
    const person = (await t.call('POST', '/api/v1/people', { body: { name: 'Eva', email: 'eva@plant.example', roles: ['viewer'] } })).body;
    const table: Record<string, { id: string; body: Record<string, unknown>; field: string }> = {
      '/api/v1/enterprises/:id': { id: f.enterpriseId, body: { name: 'Renamed enterprise' }, field: 'name' },
      '/api/v1/sites/:id': { id: f.siteId, body: { name: 'Brno works' }, field: 'name' },
      '/api/v1/areas/:id': { id: f.areaId, body: { name: 'Machining hall' }, field: 'name' },
      '/api/v1/lines/:id': { id: f.lineId, body: { name: 'Crankshaft line 1' }, field: 'name' },
      '/api/v1/stations/:id': { id: station.id, body: { name: 'End of line' }, field: 'name' },
      '/api/v1/people/:id': { id: person.id, body: { name: 'Eva Svoboda' }, field: 'name' },
      '/api/v1/programs/:id': { id: f.programId, body: { description: 'Now with a description' }, field: 'description' },
      '/api/v1/user-groups/:id': { id: f.groupIds.planners, body: { valuePath: 'Checks every plan' }, field: 'valuePath' },
      '/api/v1/use-cases/:id': { id: uc.id, body: { title: 'Constraint next shift' }, field: 'title' },
      '/api/v1/kpis/:id': { id: kpi.id, body: { unit: 'percent' }, field: 'unit' },
      '/api/v1/kpi-measurements/:id': { id: measurement.id, body: { value: 63 }, field: 'value' },
      '/api/v1/milestones/:id': { id: milestone.id, body: { title: 'Pilot in Brno' }, field: 'title' },
      '/api/v1/data-sources/:id': { id: source.id, body: { name: 'MES counts' }, field: 'name' },
    };
    const patchRoutes = [...new Set(t.app.routes.filter((r) => r.method === 'PATCH').map((r) => r.path))].sort();
    expect(patchRoutes).toEqual(Object.keys(table).sort());
    for (const [pattern, row] of Object.entries(table)) {
      const path = pattern.replace(':id', row.id);
      const stale = await patch(path, row.body, '"999"');
      expect(stale.status, path).toBe(412);
      const changed = await patch(path, row.body);
      expect(changed.status, path).toBe(200);
      const answer = await changed.json();
      expect(answer[row.field], path).toEqual(row.body[row.field]);
      expect(changed.headers.get('etag'), path).toBe(`"${answer.version}"`);
      const again = await patch(path, row.body, `"${answer.version - 1}"`);
      expect(again.status, `${path} with the version before`).toBe(412);
      expect((await patch(path, row.body, `"${answer.version}"`)).headers.get('etag'), path).toBe(`"${answer.version + 1}"`);
    }
  });
});
