import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

describe.each(databaseKinds)('plant hierarchy on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('builds enterprise → site → area → line → station with UNS paths', async () => {
    const ent = await t.call('POST', '/api/v1/enterprises', { body: { code: 'acme', name: 'ACME' } });
    expect(ent.status).toBe(201);
    const site = await t.call('POST', '/api/v1/sites', { body: { enterpriseId: ent.body.id, code: 'brno', name: 'Brno' } });
    expect(site.status).toBe(201);
    const mars = await t.call('POST', '/api/v1/sites', {
      body: { enterpriseId: ent.body.id, code: 'mars', name: 'Mars', timezone: 'Mars/Olympus' },
    });
    expect(mars.status).toBe(400);
    expect(mars.body.errors[0]).toEqual({ path: 'body.timezone', message: 'an IANA time zone such as Europe/Prague' });
    const prague = await t.call('POST', '/api/v1/sites', {
      body: { enterpriseId: ent.body.id, code: 'kolin', name: 'Kolín', timezone: 'Europe/Prague' },
    });
    expect(prague.status).toBe(201);
    const area = await t.call('POST', '/api/v1/areas', { body: { siteId: site.body.id, code: 'machining', name: 'Machining' } });
    const line = await t.call('POST', '/api/v1/lines', { body: { areaId: area.body.id, code: 'cs1', name: 'Crankshaft 1' } });
    const st = await t.call('POST', '/api/v1/stations', { body: { lineId: line.body.id, code: 'op10', name: 'Turning', position: 1 } });
    expect(st.status).toBe(201);
    const tree = await t.call('GET', `/api/v1/enterprises/${ent.body.id}/hierarchy`, { as: 'viewer' });
    expect(tree.status).toBe(200);
    expect(tree.body.sites[0].areas[0].lines[0].stations[0].path).toBe('acme/brno/machining/cs1/op10');
    const detail = await t.call('GET', `/api/v1/lines/${line.body.id}`);
    expect(detail.body.path).toBe('acme/brno/machining/cs1');
  });

  it('refuses codes that are not UNS segments, naming the field', async () => {
    const res = await t.call('POST', '/api/v1/enterprises', { body: { code: 'bad code/x', name: 'X' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.code']);
  });

  it('answers 404 for an unknown parent and 409 for a duplicate code', async () => {
    const missing = await t.call('POST', '/api/v1/sites', {
      body: { enterpriseId: '00000000-0000-4000-8000-000000000000', code: 'x', name: 'X' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('body.enterpriseId');
    await t.call('POST', '/api/v1/enterprises', { body: { code: 'dup', name: 'D' } });
    const dup = await t.call('POST', '/api/v1/enterprises', { body: { code: 'dup', name: 'D' } });
    expect(dup.status).toBe(409);
    expect(await t.call('GET', '/api/v1/lines/not-a-uuid').then((r) => r.status)).toBe(404);
  });

  it('refuses reads without a token and writes without the role', async () => {
    expect((await t.call('GET', '/api/v1/enterprises', { as: null })).status).toBe(401);
    expect((await t.call('POST', '/api/v1/enterprises', { body: { code: 'v', name: 'V' }, as: 'viewer' })).status).toBe(403);
  });

  it('rejects NUL characters, which PostgreSQL cannot store, naming the field', async () => {
    const res = await t.call('POST', '/api/v1/enterprises', { body: '{"code":"nul","name":"a\\u0000b"}' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.name');
  });

  it('rejects malformed JSON with a 400 problem', async () => {
    const res = await t.call('POST', '/api/v1/enterprises', { body: '{"code":' });
    expect(res.status).toBe(400);
    expect(res.body.type).toContain('problems/');
  });

  it('renames a node and corrects a time zone, keeps codes, and removes only what nothing refers to', async () => {
    const ent = (await t.call('POST', '/api/v1/enterprises', { body: { code: 'lifecycle', name: 'Lifecycle' } })).body;
    const site = (await t.call('POST', '/api/v1/sites', { body: { enterpriseId: ent.id, code: 'graz', name: 'Grax' } })).body;
    const renamed = await t.call('PATCH', `/api/v1/sites/${site.id}`, { body: { name: 'Graz', timezone: 'Europe/Vienna' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ code: 'graz', name: 'Graz', timezone: 'Europe/Vienna' });
    const mars = await t.call('PATCH', `/api/v1/sites/${site.id}`, { body: { timezone: 'Mars/Olympus' } });
    expect(mars.status).toBe(400);
    expect(mars.body.errors).toEqual([{ path: 'body.timezone', message: 'an IANA time zone such as Europe/Prague' }]);
    // The code keys live data topics: it is not something a patch may change.
    const recode = await t.call('PATCH', `/api/v1/sites/${site.id}`, { body: { code: 'graz2' } });
    expect(recode.status).toBe(400);
    expect(recode.body.errors).toEqual([{ path: 'body.code', message: 'unknown field' }]);
    expect((await t.call('PATCH', `/api/v1/sites/${site.id}`, { as: 'planner', body: { name: 'x' } })).status).toBe(403);

    const area = (await t.call('POST', '/api/v1/areas', { body: { siteId: site.id, code: 'assembly', name: 'Assembly' } })).body;
    const line = (await t.call('POST', '/api/v1/lines', { body: { areaId: area.id, code: 'l1', name: 'Line 1' } })).body;
    const op10 = (await t.call('POST', '/api/v1/stations', { body: { lineId: line.id, code: 'op10', name: 'Press', position: 1 } })).body;
    const op20 = (await t.call('POST', '/api/v1/stations', { body: { lineId: line.id, code: 'op20', name: 'Weld', position: 2 } })).body;
    const refused = await t.call('DELETE', `/api/v1/sites/${site.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.dependents).toEqual({ areas: 1 });
    expect((await t.call('DELETE', `/api/v1/lines/${line.id}`)).body.dependents).toEqual({ stations: 2 });

    // A station that the line's simulation model runs as a machine stays until the model changes.
    const machine = (name: string) => ({ name, processTime: { dist: 'deterministic', mean: 1 } });
    const model = await t.call('PUT', `/api/v1/lines/${line.id}/simulation-model`, {
      as: 'planner',
      body: { machines: [machine('op10'), machine('op20')], buffers: [2], horizon: 100 },
    });
    expect(model.status).toBe(200);
    const named = await t.call('DELETE', `/api/v1/stations/${op20.id}`);
    expect(named.status).toBe(409);
    expect(named.body.dependents).toEqual({ 'simulation models naming it': 1 });
    expect((await t.call('PATCH', `/api/v1/stations/${op10.id}`, { body: { name: 'Servo press' } })).body.name).toBe('Servo press');

    const spare = (await t.call('POST', '/api/v1/stations', { body: { lineId: line.id, code: 'op30', name: 'Spare', position: 3 } })).body;
    expect((await t.call('DELETE', `/api/v1/stations/${spare.id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/audit/station/${spare.id}`)).body.items.map((e: any) => e.action)).toEqual(['create', 'delete']);
    const empty = (await t.call('POST', '/api/v1/sites', { body: { enterpriseId: ent.id, code: 'empty', name: 'Empty' } })).body;
    expect((await t.call('DELETE', `/api/v1/sites/${empty.id}`)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/sites/${empty.id}`)).status).toBe(404);
  });
});
