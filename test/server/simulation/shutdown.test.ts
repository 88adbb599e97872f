import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSimulationPool } from '../../../server/simulation/index.ts';
import { startSimulationRunner } from '../../../server/simulation/runner.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

/** Graceful shutdown: a run in progress is not lost or failed, it goes back to the queue. */
describe.each(databaseKinds)('a simulation runner stopping on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await closeSimulationPool();
    await t?.close();
  });

  it('returns the run it is executing to the queue, without counting an attempt', async () => {
    const machine = (name: string) => ({ name, processTime: { dist: 'exponential', mean: 1 } });
    // Long enough (tens of millions of events per replication) to be stopped in the middle.
    const model = { machines: [machine('a'), machine('b')], buffers: [5], warmup: 100, horizon: 20_000_000, replications: 4, seed: 3 };
    const queued = await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model, title: 'long' } });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const runner = startSimulationRunner({ db: t.database.db, dbKind: t.database.kind, clock: () => new Date() }, 20);
    let status = 'queued';
    for (let i = 0; i < 200 && status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (await t.call('GET', `/api/v1/simulations/${queued.body.id}`)).body.status;
    }
    expect(status).toBe('running');
    await runner.stop();
    const after = (await t.call('GET', `/api/v1/simulations/${queued.body.id}`)).body;
    expect(after).toMatchObject({ status: 'queued', progress: 0, attempts: 0, startedAt: null, result: null, error: null });
    expect(after.progressNote).toContain('re-queued');
    expect((await t.call('POST', `/api/v1/simulations/${queued.body.id}/cancel`, { as: 'planner', body: {} })).body.status).toBe(
      'cancelled',
    );
  }, 60_000);
});
