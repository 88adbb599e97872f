import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulationRuns } from '../../../db/schema/index.ts';
import { closeSimulationPool } from '../../../server/simulation/index.ts';
import { requeueAbandoned, startSimulationRunner, type SimulationRunner } from '../../../server/simulation/runner.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const machine = (name: string, mean: number, failure?: { mtbf: number; mttr: number }) => ({
  name,
  processTime: { dist: 'exponential', mean },
  ...(failure ? { failure } : {}),
});

describe.each(databaseKinds)('simulation runs on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let runner: SimulationRunner;
  const lineModel = {
    machines: [machine('op10', 1), machine('op20', 1.2, { mtbf: 200, mttr: 10 })],
    buffers: [4],
    warmup: 200,
    horizon: 5000,
    replications: 3,
    seed: 7,
  };
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20'].entries())
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code, position: i + 1 } });
    runner = startSimulationRunner({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, 3_600_000);
  });
  afterAll(async () => {
    await runner?.stop();
    await closeSimulationPool();
    await t?.close();
  });

  it('stores a line model whose machines are the line’s stations, in order', async () => {
    const wrong = await t.call('PUT', `/api/v1/lines/${f.lineId}/simulation-model`, {
      as: 'planner',
      body: { ...lineModel, machines: [machine('op20', 1), machine('op10', 1)] },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.stations).toEqual(['op10', 'op20']);
    const ok = await t.call('PUT', `/api/v1/lines/${f.lineId}/simulation-model`, { as: 'planner', body: lineModel });
    expect(ok.status).toBe(200);
    expect((await t.call('GET', `/api/v1/lines/${f.lineId}/simulation-model`)).body.model.buffers).toEqual([4]);
  });

  it('queues a simulation of the stored line, runs it off the request, and stores the result with its input', async () => {
    const queued = await t.call('POST', `/api/v1/lines/${f.lineId}/simulations`, {
      as: 'planner',
      body: { settings: { horizon: 4000, seed: 3 } },
    });
    expect(queued.status).toBe(202);
    expect(queued.headers.get('location')).toBe(`/api/v1/simulations/${queued.body.id}`);
    expect(queued.body.status).toBe('queued');
    await runner.drain();
    const run = (await t.call('GET', `/api/v1/simulations/${queued.body.id}`, { as: 'viewer' })).body;
    expect(run.status).toBe('succeeded');
    expect(run.progress).toBe(1);
    expect(run.input.model).toMatchObject({ horizon: 4000, seed: 3, buffers: [4] });
    // op20 is the slower station: 1 / (1.2 · (1 + 10/200)) ≈ 0.79 parts per time unit at most.
    expect(run.result.throughput.mean).toBeGreaterThan(0.5);
    expect(run.result.throughput.mean).toBeLessThan(0.8);
    expect(run.result.bottleneck).toBe('op20');
    const list = (await t.call('GET', `/api/v1/simulations?lineId=${f.lineId}`)).body.items;
    expect(list.map((r: any) => r.id)).toContain(queued.body.id);
  });

  it('refuses invalid models with field paths, and runs that would take hours', async () => {
    const bad = await t.call('POST', '/api/v1/simulations', {
      as: 'planner',
      body: {
        model: { machines: [{ name: 'M1', processTime: { dist: 'weibull', mean: 1 } }, machine('M2', -1)], buffers: [1, 2], horizon: 100 },
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: any) => e.path);
    expect(paths).toContain('body.model.machines.0.processTime.dist');
    expect(paths.some((p: string) => p.startsWith('body.model.machines.1.processTime'))).toBe(true);
    const huge = await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: { ...lineModel, horizon: 1e12 } } });
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].path).toBe('body.model.horizon');
    expect((await t.call('POST', '/api/v1/simulations', { as: 'viewer', body: { model: lineModel } })).status).toBe(403);
  });

  it('compares a stored run with a variant, and cancels queued and running runs', async () => {
    const base = (await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { title: 'Base', model: lineModel } })).body;
    const cmp = await t.call('POST', '/api/v1/simulation-comparisons', {
      as: 'planner',
      body: {
        baseline: { name: 'buffer 4', runId: base.id },
        variants: [{ name: 'buffer 12', model: { ...lineModel, buffers: [12] } }],
        peakLimitKw: 500,
      },
    });
    expect(cmp.status).toBe(202);
    const ownSeed = await t.call('POST', '/api/v1/simulation-comparisons', {
      as: 'planner',
      body: { baseline: { name: 'buffer 4', runId: base.id }, variants: [{ name: 'other draws', model: { ...lineModel, seed: 8 } }] },
    });
    expect(ownSeed.status).toBe(400);
    expect(ownSeed.body.errors).toEqual([{ path: 'body.variants.0.model.seed', message: expect.stringMatching(/baseline's seed \(7\)/) }]);
    // A stored run used as a variant brings its model, not its run settings.
    const otherRun = (await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: { ...lineModel, seed: 9 } } })).body;
    const fromRun = await t.call('POST', '/api/v1/simulation-comparisons', {
      as: 'planner',
      body: { baseline: { name: 'buffer 4', runId: base.id }, variants: [{ name: 'stored', runId: otherRun.id }] },
    });
    expect(fromRun.status).toBe(202);
    const doomed = (await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: lineModel } })).body;
    const cancelled = await t.call('POST', `/api/v1/simulations/${doomed.id}/cancel`, { as: 'planner' });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await t.call('POST', `/api/v1/simulations/${doomed.id}/cancel`, { as: 'planner' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, currentStatus: 'cancelled' });
    await runner.drain();
    const comparison = (await t.call('GET', `/api/v1/simulations/${cmp.body.id}`)).body;
    expect(comparison.status).toBe('succeeded');
    expect(comparison.result.variants[0].name).toBe('buffer 12');
    expect(comparison.result.variants[0].difference.throughput.mean).toBeGreaterThan(0);

    const long = (
      await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: { ...lineModel, horizon: 2e8, replications: 4 } } })
    ).body;
    const draining = runner.drain();
    for (let i = 0; i < 200; i++) {
      if ((await t.call('GET', `/api/v1/simulations/${long.id}`)).body.status === 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await t.call('POST', `/api/v1/simulations/${long.id}/cancel`, { as: 'planner' });
    await draining;
    const stopped = (await t.call('GET', `/api/v1/simulations/${long.id}`)).body;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.result).toBeNull();
  });

  it('re-queues a run whose server stopped beating its heartbeat, and a fresh runner finishes it', async () => {
    const [orphan] = await t.database.db
      .insert(simulationRuns)
      .values({
        kind: 'simulation',
        title: 'orphan',
        input: { model: lineModel },
        status: 'running',
        attempts: 1,
        createdById: t.people.planner,
        createdAt: t.clock(),
        startedAt: t.clock(),
        heartbeatAt: new Date(t.clock().getTime() - 120_000),
      })
      .returning();
    expect(await requeueAbandoned(t.database.db, t.clock())).toBe(1);
    const fresh = startSimulationRunner({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, 3_600_000);
    await fresh.drain();
    await fresh.stop();
    const run = (await t.call('GET', `/api/v1/simulations/${orphan.id}`)).body;
    expect([run.status, run.attempts]).toEqual(['succeeded', 2]);
  });
});
