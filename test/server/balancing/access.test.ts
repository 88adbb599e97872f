import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBalancingPool } from '../../../server/balancing/pool.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

type Person = Awaited<ReturnType<typeof personWithToken>>;

const tasks = [
  { id: 'T1', time: 1, predecessors: [] },
  { id: 'T2', time: 5, predecessors: ['T1'] },
  { id: 'T3', time: 4, predecessors: ['T2'] },
];
const ids = (res: { body: any }) => res.body.items.map((x: any) => x.id);

describe.each(databaseKinds)('scope of line balancing on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let linzLine: string;
  let linzPlanner: Person;
  let otherOwner: Person;
  // A run of the Brno line, and one of no line (an uploaded problem), both the test planner's.
  let brnoRun: string;
  let looseRun: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
    const linzArea = (await t.call('POST', '/api/v1/areas', { body: { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' } })).body;
    linzLine = (await t.call('POST', '/api/v1/lines', { body: { areaId: linzArea.id, code: 'as1', name: 'Assembly 1' } })).body.id;
    linzPlanner = await personWithToken(t, 'Linz Planner', ['planner'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    otherOwner = await personWithToken(t, 'Other Owner', ['owner']);
    expect((await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, { as: 'planner', body: { tasks } })).status).toBe(200);
    brnoRun = (await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 10 } })).body.id;
    looseRun = (await t.call('POST', '/api/v1/balancing-runs', { as: 'planner', body: { problem: { tasks, cycleTime: 10 } } })).body.id;
  });
  afterAll(async () => {
    await closeBalancingPool();
    await t?.close();
  });

  it('reads and writes a line’s tasks only in scope', async () => {
    expect((await linzPlanner.call('GET', `/api/v1/lines/${f.lineId}/tasks`)).status).toBe(404);
    expect((await linzPlanner.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, { tasks: [] })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/lines/${f.lineId}/tasks`)).body.tasks).toHaveLength(3);
    // Their own line's model is theirs to keep.
    const own = await linzPlanner.call('PUT', `/api/v1/lines/${linzLine}/tasks`, { tasks });
    expect(own.status).toBe(200);
    expect((await linzPlanner.call('GET', `/api/v1/lines/${linzLine}/tasks`)).body.totalTime).toBe(10);
  });

  it('balances only a line in scope, and shows the runs of lines in scope and those of no line', async () => {
    expect((await linzPlanner.call('POST', `/api/v1/lines/${f.lineId}/balance`, { cycleTime: 10 })).status).toBe(404);
    expect((await linzPlanner.call('GET', `/api/v1/balancing-runs/${brnoRun}`)).status).toBe(404);
    expect((await linzPlanner.call('GET', `/api/v1/balancing-runs/${looseRun}`)).status).toBe(200);
    const listed = ids(await linzPlanner.call('GET', '/api/v1/balancing-runs'));
    expect(listed).toContain(looseRun);
    expect(listed).not.toContain(brnoRun);
    expect(ids(await t.call('GET', '/api/v1/balancing-runs'))).toEqual(expect.arrayContaining([brnoRun, looseRun]));
    const filtered = await linzPlanner.call('GET', `/api/v1/balancing-runs?lineId=${f.lineId}`);
    expect(filtered.status).toBe(404);
    expect(filtered.body.errors[0].path).toBe('query.lineId');
  });

  it('lets its maker, a planner in scope or an admin delete a run', async () => {
    expect((await linzPlanner.call('DELETE', `/api/v1/balancing-runs/${brnoRun}`)).status).toBe(404);
    // An owner may run computations, but not delete another's run.
    expect((await otherOwner.call('DELETE', `/api/v1/balancing-runs/${brnoRun}`)).status).toBe(403);
    expect((await otherOwner.call('DELETE', `/api/v1/balancing-runs/${looseRun}`)).status).toBe(403);
    const theirs = await otherOwner.call('POST', `/api/v1/lines/${f.lineId}/balance`, { cycleTime: 12 });
    expect(theirs.status).toBe(201);
    expect((await otherOwner.call('DELETE', `/api/v1/balancing-runs/${theirs.body.id}`)).status).toBe(204);
    // A planner in scope deletes anyone's: the Linz planner the run of no line, the test planner the owner's.
    const another = await otherOwner.call('POST', `/api/v1/lines/${f.lineId}/balance`, { cycleTime: 12 });
    expect((await t.call('DELETE', `/api/v1/balancing-runs/${another.body.id}`, { as: 'planner' })).status).toBe(204);
    expect((await linzPlanner.call('DELETE', `/api/v1/balancing-runs/${looseRun}`)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/balancing-runs/${brnoRun}`)).status).toBe(204);
  });
});
