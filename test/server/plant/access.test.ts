import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

type Person = Awaited<ReturnType<typeof personWithToken>>;

const ids = (res: { body: any }) => res.body.items.map((x: any) => x.id);

describe.each(databaseKinds)('scope of the plant on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let otherEnterprise: string;
  let otherEnterpriseSite: string;
  let linzArea: string;
  let linzLine: string;
  let brnoStation: string;
  let linzStation: string;
  let linzViewer: Person;
  let brnoAdmin: Person;
  let enterpriseAdmin: Person;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
    linzArea = (await ok(t, 'POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' })).id;
    linzLine = (await ok(t, 'POST', '/api/v1/lines', { areaId: linzArea, code: 'as1', name: 'Assembly 1' })).id;
    brnoStation = (await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op10', name: 'Turning', position: 1 })).id;
    linzStation = (await ok(t, 'POST', '/api/v1/stations', { lineId: linzLine, code: 'op10', name: 'Press', position: 1 })).id;
    otherEnterprise = (await ok(t, 'POST', '/api/v1/enterprises', { code: 'other', name: 'Other' })).id;
    otherEnterpriseSite = (await ok(t, 'POST', '/api/v1/sites', { enterpriseId: otherEnterprise, code: 'graz', name: 'Graz' })).id;
    linzViewer = await personWithToken(t, 'Linz Viewer', ['viewer'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    brnoAdmin = await personWithToken(t, 'Brno Admin', ['admin'], { scope: { kind: 'sites', siteIds: [f.siteId] } });
    enterpriseAdmin = await personWithToken(t, 'Enterprise Admin', ['admin'], {
      scope: { kind: 'enterprise', enterpriseId: f.enterpriseId },
    });
  });
  afterAll(async () => t?.close());

  it('lists only the plant in scope, and an enterprise when one of its sites is', async () => {
    const enterprises = ids(await linzViewer.call('GET', '/api/v1/enterprises'));
    expect(enterprises).toEqual([f.enterpriseId]);
    expect(ids(await t.call('GET', '/api/v1/enterprises'))).toEqual(expect.arrayContaining([f.enterpriseId, otherEnterprise]));
    expect(ids(await linzViewer.call('GET', '/api/v1/sites'))).toEqual([f.otherSiteId]);
    expect(ids(await linzViewer.call('GET', `/api/v1/sites?enterpriseId=${f.enterpriseId}`))).toEqual([f.otherSiteId]);
    expect(ids(await linzViewer.call('GET', '/api/v1/areas'))).toEqual([linzArea]);
    expect(ids(await linzViewer.call('GET', '/api/v1/lines'))).toEqual([linzLine]);
    expect(ids(await linzViewer.call('GET', '/api/v1/stations'))).toEqual([linzStation]);
    expect(ids(await t.call('GET', '/api/v1/stations'))).toEqual(expect.arrayContaining([brnoStation, linzStation]));
    const tree = await linzViewer.call('GET', `/api/v1/enterprises/${f.enterpriseId}/hierarchy`);
    expect(tree.status).toBe(200);
    expect(tree.body.sites.map((s: any) => s.id)).toEqual([f.otherSiteId]);
    expect(tree.body.sites[0].areas[0].lines[0].stations[0].path).toMatch(/\/linz\/assembly\/as1\/op10$/);
    expect((await linzViewer.call('GET', `/api/v1/lines/${linzLine}`)).status).toBe(200);
  });

  it('answers 404 for what is out of scope, also as a filter', async () => {
    for (const path of [
      `/api/v1/enterprises/${otherEnterprise}/hierarchy`,
      `/api/v1/sites?enterpriseId=${otherEnterprise}`,
      `/api/v1/areas?siteId=${f.siteId}`,
      `/api/v1/lines?areaId=${f.areaId}`,
      `/api/v1/stations?lineId=${f.lineId}`,
      `/api/v1/lines/${f.lineId}`,
    ]) {
      const res = await linzViewer.call('GET', path);
      expect(res.status, path).toBe(404);
    }
    const filtered = await linzViewer.call('GET', `/api/v1/areas?siteId=${f.siteId}`);
    expect(filtered.body.errors[0].path).toBe('query.siteId');
  });

  it('lets a site-scoped admin change only the plant of their sites', async () => {
    const outside = await brnoAdmin.call('POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'paint', name: 'Paint' });
    expect(outside.status).toBe(404);
    expect(outside.body.errors[0].path).toBe('body.siteId');
    const line = await brnoAdmin.call('POST', '/api/v1/lines', { areaId: linzArea, code: 'as2', name: 'Assembly 2' });
    expect(line.status).toBe(404);
    expect(line.body.errors[0].path).toBe('body.areaId');
    const station = await brnoAdmin.call('POST', '/api/v1/stations', { lineId: linzLine, code: 'op20', name: 'Weld', position: 2 });
    expect(station.body.errors[0].path).toBe('body.lineId');
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/sites/${f.otherSiteId}`, { name: 'Renamed' }],
      ['PATCH', `/api/v1/areas/${linzArea}`, { name: 'Renamed' }],
      ['PATCH', `/api/v1/lines/${linzLine}`, { name: 'Renamed' }],
      ['PATCH', `/api/v1/stations/${linzStation}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/stations/${linzStation}`, undefined],
      ['DELETE', `/api/v1/lines/${linzLine}`, undefined],
      ['PATCH', `/api/v1/enterprises/${otherEnterprise}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/enterprises/${otherEnterprise}`, undefined],
    ] as const) {
      expect((await brnoAdmin.call(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    expect((await t.call('GET', `/api/v1/lines/${linzLine}`)).body.name).toBe('Assembly 1');
    // In their own site they keep the plant.
    const paint = await brnoAdmin.call('POST', '/api/v1/areas', { siteId: f.siteId, code: 'paint', name: 'Paint' });
    expect(paint.status).toBe(201);
    expect((await brnoAdmin.call('PATCH', `/api/v1/lines/${f.lineId}`, { name: 'Crankshaft one' })).status).toBe(200);
    expect((await brnoAdmin.call('DELETE', `/api/v1/areas/${paint.body.id}`)).status).toBe(204);
    // Enterprises, and which sites one has, are for an admin of the whole enterprise.
    expect((await brnoAdmin.call('POST', '/api/v1/enterprises', { code: 'mine', name: 'Mine' })).status).toBe(403);
    expect((await brnoAdmin.call('POST', '/api/v1/sites', { enterpriseId: f.enterpriseId, code: 'wels', name: 'Wels' })).status).toBe(403);
    expect((await brnoAdmin.call('PATCH', `/api/v1/enterprises/${f.enterpriseId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await brnoAdmin.call('DELETE', `/api/v1/sites/${f.siteId}`)).status).toBe(403);
  });

  it('lets an admin of the enterprise keep its sites, but not another enterprise', async () => {
    const site = await enterpriseAdmin.call('POST', '/api/v1/sites', { enterpriseId: f.enterpriseId, code: 'wels', name: 'Wels' });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    // A new site of their enterprise is in their scope at once.
    expect(ids(await enterpriseAdmin.call('GET', '/api/v1/sites'))).toContain(site.body.id);
    expect((await enterpriseAdmin.call('DELETE', `/api/v1/sites/${site.body.id}`)).status).toBe(204);
    const renamed = await enterpriseAdmin.call('PATCH', `/api/v1/enterprises/${f.enterpriseId}`, { name: 'Enterprise (renamed)' });
    expect(renamed.status).toBe(200);
    const elsewhere = await enterpriseAdmin.call('POST', '/api/v1/sites', { enterpriseId: otherEnterprise, code: 'wien', name: 'Wien' });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.errors[0].path).toBe('body.enterpriseId');
    expect((await enterpriseAdmin.call('PATCH', `/api/v1/sites/${otherEnterpriseSite}`, { name: 'Renamed' })).status).toBe(404);
    expect((await enterpriseAdmin.call('POST', '/api/v1/enterprises', { code: 'new', name: 'New' })).status).toBe(403);
  });
});
