import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSimulationPool } from '../../../server/simulation/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

type Person = Awaited<ReturnType<typeof personWithToken>>;

const machine = (name: string, mean: number) => ({ name, processTime: { dist: 'exponential', mean } });
const lineModel = {
  machines: [machine('op10', 1), machine('op20', 1.2)],
  buffers: [4],
  warmup: 0,
  horizon: 1000,
  replications: 2,
  seed: 7,
};
const ids = (res: { body: any }) => res.body.items.map((x: any) => x.id);

// No runner here: runs stay queued, which is all that scope and ownership need.
describe.each(databaseKinds)('scope of simulation runs and line models on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let linzPlanner: Person;
  let otherOwner: Person;
  // A run of the Brno line's model and one of an uploaded model (no line), both the test planner's.
  let brnoRun: string;
  let looseRun: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20'].entries())
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code, position: i + 1 } });
    linzPlanner = await personWithToken(t, 'Linz Planner', ['planner'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    otherOwner = await personWithToken(t, 'Other Owner', ['owner']);
    expect((await t.call('PUT', `/api/v1/lines/${f.lineId}/simulation-model`, { as: 'planner', body: lineModel })).status).toBe(200);
    brnoRun = (await t.call('POST', `/api/v1/lines/${f.lineId}/simulations`, { as: 'planner', body: {} })).body.id;
    looseRun = (await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: lineModel } })).body.id;
  });
  afterAll(async () => {
    await closeSimulationPool();
    await t?.close();
  });

  it('reads and writes a line’s model, and runs it, only in scope', async () => {
    expect((await linzPlanner.call('GET', `/api/v1/lines/${f.lineId}/simulation-model`)).status).toBe(404);
    expect((await linzPlanner.call('PUT', `/api/v1/lines/${f.lineId}/simulation-model`, lineModel)).status).toBe(404);
    expect((await linzPlanner.call('POST', `/api/v1/lines/${f.lineId}/simulations`, {})).status).toBe(404);
    expect((await t.call('GET', `/api/v1/lines/${f.lineId}/simulation-model`, { as: 'viewer' })).status).toBe(200);
  });

  it('shows the runs of lines in scope and those of no line', async () => {
    expect((await linzPlanner.call('GET', `/api/v1/simulations/${brnoRun}`)).status).toBe(404);
    expect((await linzPlanner.call('GET', `/api/v1/simulations/${looseRun}`)).status).toBe(200);
    const listed = ids(await linzPlanner.call('GET', '/api/v1/simulations'));
    expect(listed).toContain(looseRun);
    expect(listed).not.toContain(brnoRun);
    expect(ids(await t.call('GET', '/api/v1/simulations', { as: 'viewer' }))).toEqual(expect.arrayContaining([brnoRun, looseRun]));
    const filtered = await linzPlanner.call('GET', `/api/v1/simulations?lineId=${f.lineId}`);
    expect(filtered.status).toBe(404);
    expect(filtered.body.errors[0].path).toBe('query.lineId');
  });

  it('compares only lines and runs in scope; one built from a line’s run is of that line', async () => {
    const variants = [{ name: 'buffer 8', model: { ...lineModel, buffers: [8] } }];
    const onLine = await linzPlanner.call('POST', '/api/v1/simulation-comparisons', {
      lineId: f.lineId,
      baseline: { name: 'base', model: lineModel },
      variants,
    });
    expect(onLine.status).toBe(404);
    expect(onLine.body.errors[0].path).toBe('body.lineId');
    const fromRun = await linzPlanner.call('POST', '/api/v1/simulation-comparisons', {
      baseline: { name: 'base', runId: brnoRun },
      variants,
    });
    expect(fromRun.status).toBe(404);
    expect(fromRun.body.errors[0].path).toBe('body.baseline.runId');
    const asVariant = await linzPlanner.call('POST', '/api/v1/simulation-comparisons', {
      baseline: { name: 'base', model: lineModel },
      variants: [{ name: 'stored', runId: brnoRun }],
    });
    expect(asVariant.body.errors[0].path).toBe('body.variants.0.runId');
    // The test planner builds one from the Brno run without naming the line: it is the Brno line's.
    const cmp = await t.call('POST', '/api/v1/simulation-comparisons', {
      as: 'planner',
      body: { baseline: { name: 'base', runId: brnoRun }, variants },
    });
    expect(cmp.status, JSON.stringify(cmp.body)).toBe(202);
    expect(cmp.body.lineId).toBe(f.lineId);
    expect((await linzPlanner.call('GET', `/api/v1/simulations/${cmp.body.id}`)).status).toBe(404);
    // From a run of no line, it stays of no line and seen by all.
    const loose = await linzPlanner.call('POST', '/api/v1/simulation-comparisons', {
      baseline: { name: 'base', runId: looseRun },
      variants,
    });
    expect(loose.status).toBe(202);
    expect(loose.body.lineId).toBeNull();
    expect((await t.call('GET', `/api/v1/simulations/${loose.body.id}`, { as: 'viewer' })).status).toBe(200);
  });

  it('lets its maker, a planner in scope or an admin cancel or delete a run', async () => {
    expect((await linzPlanner.call('POST', `/api/v1/simulations/${brnoRun}/cancel`)).status).toBe(404);
    expect((await linzPlanner.call('DELETE', `/api/v1/simulations/${brnoRun}`)).status).toBe(404);
    expect((await otherOwner.call('POST', `/api/v1/simulations/${brnoRun}/cancel`)).status).toBe(403);
    expect((await otherOwner.call('DELETE', `/api/v1/simulations/${looseRun}`)).status).toBe(403);
    expect((await t.call('GET', `/api/v1/simulations/${brnoRun}`)).body.status).toBe('queued');
    // Their own run they cancel and delete.
    const own = (await otherOwner.call('POST', `/api/v1/lines/${f.lineId}/simulations`, {})).body;
    expect((await otherOwner.call('POST', `/api/v1/simulations/${own.id}/cancel`)).body.status).toBe('cancelled');
    expect((await otherOwner.call('DELETE', `/api/v1/simulations/${own.id}`)).status).toBe(204);
    // A planner in scope handles anyone's; the Linz planner the run of no line.
    expect((await linzPlanner.call('POST', `/api/v1/simulations/${looseRun}/cancel`)).body.status).toBe('cancelled');
    expect((await linzPlanner.call('DELETE', `/api/v1/simulations/${looseRun}`)).status).toBe(204);
    expect((await t.call('POST', `/api/v1/simulations/${brnoRun}/cancel`)).body.status).toBe('cancelled');
    expect((await t.call('DELETE', `/api/v1/simulations/${brnoRun}`, { as: 'planner' })).status).toBe(204);
  });
});
