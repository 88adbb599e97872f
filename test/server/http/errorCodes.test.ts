import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBalancingPool } from '../../../server/balancing/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

// One meaning per status code, on every route.
describe.each(databaseKinds)('consistent error codes on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
  });
  afterAll(async () => {
    await closeBalancingPool();
    await t?.close();
  });

  it('answers a wrong method with 405 and Allow, an unknown path with 404', async () => {
    const res = await t.app.request(`/api/v1/programs/${f.programId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.tokens.admin}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PATCH');
    expect(await res.json()).toMatchObject({ status: 405, allow: ['GET', 'PATCH'] });
    expect((await t.call('GET', '/api/v1/no-such-thing')).status).toBe(404);
  });

  it('answers 404 for a malformed id and for a dependency that does not exist', async () => {
    const uc = await createUseCaseFixture(t, f);
    const malformed = await t.call('DELETE', `/api/v1/use-cases/${uc.id}/data-sources/not-uuid`);
    expect(malformed.status).toBe(404);
    const unknown = await t.call('DELETE', `/api/v1/use-cases/${uc.id}/data-sources/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
  });

  it('refuses an unknown audit entity type with 400', async () => {
    const bogus = await t.call('GET', `/api/v1/audit/bogus/${f.programId}`);
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].path).toBe('params.entityType');
    expect((await t.call('GET', `/api/v1/audit/program/${f.programId}`)).status).toBe(200);
  });

  it('names the query for an upload whose target is wrong, and the body for its file', async () => {
    const upload = (query: string, body: string) =>
      t.app.request(`/api/v1/balancing-runs/upload?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
        body,
      });
    const csv = 'task,time,predecessors\nT1,1,\nT2,5,T1\n';
    const twoTargets = await upload('format=csv&cycleTime=10&stations=2', csv);
    expect(twoTargets.status).toBe(400);
    expect(((await twoTargets.json()) as any).errors[0].path).toBe('query.cycleTime');
    const takt = await upload('format=csv&demand=1e-300&availableTime=1e300', csv);
    expect(((await takt.json()) as any).errors[0].path).toBe('query.availableTime');
    const longTask = await upload('format=csv&cycleTime=3', csv);
    expect(((await longTask.json()) as any).errors[0].path).toBe('body');
  });
});
