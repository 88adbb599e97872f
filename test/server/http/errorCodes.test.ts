import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBalancingPool } from '../../../server/balancing/index.ts';
import { JSON_BODY_LIMIT } from '../../../server/http/limits.ts';
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
      method: 'PUT',
      headers: { authorization: `Bearer ${t.tokens.admin}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('DELETE, GET, PATCH');
    expect(await res.json()).toMatchObject({ status: 405, allow: ['DELETE', 'GET', 'PATCH'] });
    expect((await t.call('GET', '/api/v1/no-such-thing')).status).toBe(404);
  });

  it('answers 404 for a malformed id and for a dependency that does not exist', async () => {
    const uc = await createUseCaseFixture(t, f);
    const malformed = await t.call('DELETE', `/api/v1/use-cases/${uc.id}/data-sources/not-uuid`);
    expect(malformed.status).toBe(404);
    const unknown = await t.call('DELETE', `/api/v1/use-cases/${uc.id}/data-sources/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
  });

  it('refuses unknown keys in bodies and queries, naming each, however deep or large', async () => {
    const typo = await t.call('PATCH', `/api/v1/programs/${f.programId}`, { body: { name: 'Renamed', sponosrId: t.people.sponsor } });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual([{ path: 'body.sponosrId', message: 'unknown field' }]);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}`)).body.name).not.toBe('Renamed');
    const nested = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
      body: { title: 'x', criterion: 'y', due: { date: '2027-01-01' }, ownerId: t.people.owner, evidence: 'e', extra: { a: 1 } },
    });
    expect(nested.body.errors).toEqual([{ path: 'body.extra', message: 'unknown field' }]);
    const query = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week&perod=month`);
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ path: 'query.perod', message: 'unknown field' }]);

    const tasks = [
      { id: 'a', time: 3 },
      { id: 'b', time: 4, predecessors: ['a'], colour: 'red' },
    ];
    const inProblem = await t.call('POST', '/api/v1/balancing-runs', { as: 'planner', body: { problem: { tasks, cycleTime: 8 } } });
    expect(inProblem.status).toBe(400);
    expect(inProblem.body.errors).toEqual([{ path: 'body.problem.tasks.1.colour', message: 'unknown field' }]);
    // 10,000 levels deep (JSON.stringify itself cannot write it) and just under the body limit: refused, never a 500.
    const deep = `${'{"deeper":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;
    for (const extra of [deep, JSON.stringify('x'.repeat(JSON_BODY_LIMIT - 200))]) {
      const body = `{"problem":{"tasks":[{"id":"a","time":3}],"cycleTime":8,"extra":${extra}}}`;
      const res = await t.call('POST', '/api/v1/balancing-runs', { as: 'planner', body });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.problem.extra', message: 'unknown field' }]);
    }
    expect((await t.call('GET', '/api/v1/balancing-runs')).body).toMatchObject({ items: [], total: 0, nextCursor: null });
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
