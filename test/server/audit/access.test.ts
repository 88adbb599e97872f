import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

type Person = Awaited<ReturnType<typeof personWithToken>>;

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

describe.each(databaseKinds)('who reads the audit trail on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  let linzViewer: Person;
  let otherAdmin: Person;
  let otherEnterprise: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
    useCaseId = (await createUseCaseFixture(t, f)).id;
    linzViewer = await personWithToken(t, 'Linz Viewer', ['viewer'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    otherEnterprise = (await ok(t, 'POST', '/api/v1/enterprises', { code: 'other', name: 'Other' })).id;
    const graz = (await ok(t, 'POST', '/api/v1/sites', { enterpriseId: otherEnterprise, code: 'graz', name: 'Graz' })).id;
    otherAdmin = await personWithToken(t, 'Graz Admin', ['admin'], { scope: { kind: 'sites', siteIds: [graz] } });
  });
  afterAll(async () => t?.close());

  it('answers 404 for the trail of what is out of scope', async () => {
    for (const path of [
      `/api/v1/audit/use_case/${useCaseId}`,
      `/api/v1/audit/program/${f.programId}`,
      `/api/v1/audit/user_group/${f.groupIds.planners}`,
      `/api/v1/audit/line/${f.lineId}`,
      `/api/v1/audit/area/${f.areaId}`,
      `/api/v1/audit/site/${f.siteId}`,
    ]) {
      expect((await linzViewer.call('GET', path)).status, path).toBe(404);
      const seen = await t.call('GET', path, { as: 'viewer' });
      expect(seen.status, path).toBe(200);
      expect(seen.body.items.length, path).toBeGreaterThan(0);
    }
    const linz = await linzViewer.call('GET', `/api/v1/audit/site/${f.otherSiteId}`);
    expect(linz.status).toBe(200);
    expect(linz.body.items[0].action).toBe('create');
  });

  it('keeps the trails of people, tokens and enterprises for admins, and a person’s own for them', async () => {
    expect((await t.call('GET', `/api/v1/audit/person/${t.people.owner}`, { as: 'viewer' })).status).toBe(403);
    expect((await linzViewer.call('GET', `/api/v1/audit/api_token/${linzViewer.tokenId}`)).status).toBe(403);
    expect((await t.call('GET', `/api/v1/audit/enterprise/${f.enterpriseId}`, { as: 'viewer' })).status).toBe(403);
    const own = await linzViewer.call('GET', `/api/v1/audit/person/${linzViewer.id}`);
    expect(own.status).toBe(200);
    expect(own.body.items[0].after.email).toBe('linz.viewer@plant.example');
    const byAdmin = await t.call('GET', `/api/v1/audit/person/${linzViewer.id}`);
    expect(byAdmin.body.items[0].after.email).toBe('linz.viewer@plant.example');
    expect((await t.call('GET', `/api/v1/audit/enterprise/${f.enterpriseId}`)).status).toBe(200);
    // An admin of another enterprise's site does not see this enterprise, nor what is in it.
    expect((await otherAdmin.call('GET', `/api/v1/audit/enterprise/${f.enterpriseId}`)).status).toBe(404);
    expect((await otherAdmin.call('GET', `/api/v1/audit/program/${f.programId}`)).status).toBe(404);
    expect((await otherAdmin.call('GET', `/api/v1/audit/enterprise/${otherEnterprise}`)).status).toBe(200);
  });

  it('never shows a token’s hash', async () => {
    const trail = await t.call('GET', `/api/v1/audit/api_token/${linzViewer.tokenId}`);
    expect(trail.status).toBe(200);
    expect(trail.body.items[0].action).toBe('create');
    expect(trail.body.items[0].after.personId).toBe(linzViewer.id);
    for (const secret of ['tokenHash', 'passwordHash', 'secretHash']) expect(keysOf(trail.body.items)).not.toContain(secret);
    expect(JSON.stringify(trail.body)).not.toMatch(/hash/i);
  });

  it('shows the trail of a computation of no line to everyone, and of a deleted entity only without a site limit', async () => {
    const run = await t.call('POST', '/api/v1/simulations', {
      as: 'planner',
      body: { model: { machines: [{ name: 'm', processTime: { dist: 'exponential', mean: 1 } }], buffers: [], horizon: 100 } },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    expect((await linzViewer.call('GET', `/api/v1/audit/simulation_run/${run.body.id}`)).body.items[0].action).toBe('submit');
    const area = await ok(t, 'POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'scrap', name: 'Scrap' });
    expect((await t.call('DELETE', `/api/v1/areas/${area.id}`)).status).toBe(204);
    const gone = (await t.call('GET', `/api/v1/audit/area/${area.id}`)).body.items;
    expect(gone.map((e: any) => e.action)).toEqual(['create', 'delete']);
    expect((await linzViewer.call('GET', `/api/v1/audit/area/${area.id}`)).status).toBe(404);
  });
});
