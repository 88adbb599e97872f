/**
 * The questions through the API: asked of a line with a stored model and a live state, with and
 * without a body, answered by the runner (202, Location, the run's result), bad input refused with
 * the field; a use case bound to a question, answered through it, its answer kept and counted as a
 * use once per period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../../../server/events/index.ts';
import { startSimulationRunner, type SimulationRunner } from '../../../server/simulation/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const model = {
  timeUnit: 's',
  products: [{ name: 'A' }, { name: 'B' }],
  machines: [
    { name: 'op10', processTime: { dist: 'lognormal', mean: 50, cv: 0.1 }, power: { processing: 20, idle: 2 } },
    {
      name: 'op20',
      processTime: { dist: 'lognormal', mean: 60, cv: 0.1 },
      failure: { mtbf: 3600, mttr: 300 },
      changeover: { A: { B: 600 }, B: { A: 600 } },
      power: { processing: 40, idle: 4 },
    },
  ],
  buffers: [5],
  horizon: 3600,
};

describe.each(databaseKinds)('the daily questions through the API on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let runner: SimulationRunner;
  const now = '2026-11-25T08:00:00Z';

  async function answered(res: { status: number; body: any; headers: Headers }) {
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/simulations/${res.body.id}`);
    await runner.drain();
    const run = await t.call('GET', `/api/v1/simulations/${res.body.id}`);
    expect(run.body.error).toBeNull();
    expect(run.body.status).toBe('succeeded');
    return run.body;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, now);
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20'].entries()) {
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code.toUpperCase(), position: i + 1 } });
    }
    expect((await t.call('PUT', `/api/v1/lines/${f.lineId}/simulation-model`, { body: model })).status).toBe(200);
    const enterprise = (await t.call('GET', '/api/v1/enterprises')).body.items.find((e: { id: string }) => e.id === f.enterpriseId);
    const path = (s: string) => `${enterprise.code}/brno/machining/cs1/${s}`;
    // op20 went down 2 minutes ago; op10 runs B.
    const at = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString();
    const events = [
      { station: path('op10'), id: 'e1', ts: at(30), kind: 'state', state: 'running' },
      { station: path('op10'), id: 'e2', ts: at(3), kind: 'cycle', product: 'B', cycleSeconds: 50, good: 1, scrap: 0 },
      { station: path('op20'), id: 'e3', ts: at(30), kind: 'state', state: 'running' },
      { station: path('op20'), id: 'e4', ts: at(2), kind: 'state', state: 'unplanned_stop', reason: 'E1' },
    ];
    const ingested = await ingestEvents(t.database.db, { siteIds: null }, events as never, new Date(now), { retentionDays: 90 });
    expect(ingested.rejected).toEqual([]);
    await t.call('POST', `/api/v1/lines/${f.lineId}/orders`, {
      as: 'planner',
      body: {
        items: [
          { externalId: 'PO-1', product: 'A', quantity: 300, due: '2026-11-26T06:00:00Z' },
          { externalId: 'PO-2', product: 'B', quantity: 200, due: '2026-11-26T18:00:00Z' },
          { externalId: 'PO-3', product: 'A', quantity: 300, due: '2026-11-27T06:00:00Z' },
        ],
      },
    });
    await t.call('POST', `/api/v1/lines/${f.lineId}/work-orders`, {
      as: 'planner',
      body: {
        items: [
          {
            externalId: 'WO-1',
            station: 'op20',
            kind: 'preventive',
            plannedMinutes: 60,
            earliestStart: '2026-11-25T12:00:00Z',
            latestStart: '2026-11-28T12:00:00Z',
            failureRateFactor: 0.5,
          },
        ],
      },
    });
    runner = startSimulationRunner({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, 3_600_000);
  }, 120_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  it('forecasts the next shift from the live state, with no body at all', async () => {
    const res = await t.app.request(`/api/v1/lines/${f.lineId}/forecasts/next-shift`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.planner}` },
    });
    const run = await answered({ status: res.status, body: await res.json(), headers: res.headers });
    expect(run.kind).toBe('next_shift');
    expect(run.input.start.stations.map((s: { code: string; state: string }) => [s.code, s.state])).toEqual([
      ['op10', 'running'],
      ['op20', 'unplanned_stop'],
    ]);
    expect(run.input.start.stations[0].product).toBe('B');
    expect(run.input.modelSource).toEqual({ kind: 'stored' });
    expect(run.result.top.station).toBe('op20');
    expect(run.result.output.mean).toBeGreaterThan(0);
    expect(run.result.sentence).toMatch(/^op20 is the likely constraint/);
  });

  it('places the preventive work order of the week', async () => {
    const run = await answered(await t.call('POST', `/api/v1/lines/${f.lineId}/maintenance-plans`, { as: 'planner', body: {} }));
    expect(run.result.workOrders.map((w: { externalId: string }) => w.externalId)).toEqual(['WO-1']);
    expect(run.result.recommended.externalId).toBe('WO-1');
    expect(run.result.workOrders[0].placements.length).toBeGreaterThan(0);
  });

  it('compares the planned orders with the same orders grouped by product, and a proposal', async () => {
    const run = await answered(
      await t.call('POST', `/api/v1/lines/${f.lineId}/mix-scenarios`, {
        as: 'planner',
        body: { scenarios: [{ name: 'only A', shares: { A: 1 } }], peakLimitKw: 50 },
      }),
    );
    expect(run.result.scenarios.map((s: { name: string }) => s.name)).toEqual(['planned orders', 'only A']);
    expect(run.input.scenarios[0].lots).toEqual([
      { product: 'A', quantity: 300 },
      { product: 'B', quantity: 200 },
      { product: 'A', quantity: 300 },
    ]);
    expect(run.result.peakLimitKw).toBe(50);
    const grouped = await answered(await t.call('POST', `/api/v1/lines/${f.lineId}/mix-scenarios`, { as: 'planner', body: {} }));
    expect(grouped.result.scenarios.map((s: { name: string }) => s.name)).toEqual(['planned orders', 'planned orders grouped by product']);
  });

  it('refuses bad input with the field and the reason, and queues nothing', async () => {
    const before = (await t.call('GET', `/api/v1/simulations?lineId=${f.lineId}`)).body.total;
    const bad: [string, unknown, string][] = [
      ['forecasts/next-shift', { precision: { replications: 50, maxReplications: 10 } }, 'body.precision.maxReplications'],
      ['forecasts/next-shift', { surprise: 1 }, 'body'],
      [
        'maintenance-plans',
        { candidates: [{ externalId: 'X', station: 'op99', plannedMinutes: 30, earliestStart: now, latestStart: now }] },
        'body.candidates.0.station',
      ],
      ['maintenance-plans', { workOrders: ['WO-404'] }, 'body.workOrders'],
      ['mix-scenarios', { scenarios: [{ name: 'C', lots: [{ product: 'C', quantity: 10 }] }] }, 'body.scenarios.0'],
      [
        'mix-scenarios',
        { scenarios: [{ name: 'both', lots: [{ product: 'A', quantity: 1 }], shares: { A: 1 } }] },
        'body.scenarios.0.lots',
      ],
      ['mix-scenarios', { model: { ...model, machines: model.machines.slice(0, 1), buffers: [] } }, 'body.model.machines'],
    ];
    for (const [path, body, field] of bad) {
      const res = await t.call('POST', `/api/v1/lines/${f.lineId}/${path}`, { as: 'planner', body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await t.call('GET', `/api/v1/simulations?lineId=${f.lineId}`)).body.total).toBe(before);
  });

  it('asks a line without a model to get one first', async () => {
    const line = (await t.call('POST', '/api/v1/lines', { body: { areaId: f.areaId, code: 'empty', name: 'Empty' } })).body;
    await t.call('POST', '/api/v1/stations', { body: { lineId: line.id, code: 's1', name: 'S1', position: 1 } });
    const res = await t.call('POST', `/api/v1/lines/${line.id}/forecasts/next-shift`, { as: 'planner', body: {} });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('no simulation model');
  });

  it('answers a use case bound to a question, keeps the answer and counts one use per period', async () => {
    const useCase = await createUseCaseFixture(t, f);
    const outside = await t.call('PUT', `/api/v1/use-cases/${useCase.id}/question`, {
      as: 'owner',
      body: { question: 'next_shift', lineId: f.lineId, parameters: { start: { stations: [], buffers: [] } } },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].path).toBe('body.parameters.start');
    const badParameters = await t.call('PUT', `/api/v1/use-cases/${useCase.id}/question`, {
      as: 'owner',
      body: { question: 'mix_scenario', lineId: f.lineId, parameters: { peakLimitKw: -1 } },
    });
    expect(badParameters.status).toBe(400);
    expect(badParameters.body.errors[0].path).toBe('body.parameters.peakLimitKw');
    const bound = await t.call('PUT', `/api/v1/use-cases/${useCase.id}/question`, {
      as: 'owner',
      body: { question: 'next_shift', lineId: f.lineId, parameters: { precision: { maxReplications: 60 } } },
    });
    expect(bound.status).toBe(200);
    expect(bound.body).toEqual({ question: 'next_shift', lineId: f.lineId, parameters: { precision: { maxReplications: 60 } } });

    const first = await t.call('POST', `/api/v1/use-cases/${useCase.id}/answers`, { as: 'planner' });
    expect(first.body.use).toMatchObject({ recorded: true, groupId: f.groupIds.planners });
    const run = await answered(first);
    expect(run.useCaseId).toBe(useCase.id);
    expect(run.input.precision.maxReplications).toBe(60);
    const again = await t.call('POST', `/api/v1/use-cases/${useCase.id}/answers`, { as: 'planner' });
    expect(again.body.use).toMatchObject({ recorded: false, reason: 'already_recorded' });
    // The admin belongs to none of the use case's groups: an answer, but no use.
    const admin = await t.call('POST', `/api/v1/use-cases/${useCase.id}/answers`, { as: 'admin' });
    expect(admin.body.use).toMatchObject({ recorded: false, reason: 'not_in_group' });
    await runner.drain();
    const answers = await t.call('GET', `/api/v1/use-cases/${useCase.id}/answers`);
    expect(answers.body.items.map((a: { id: string }) => a.id)).toContain(first.body.id);
    expect(answers.body.total).toBe(3);
    const usage = await t.call('GET', `/api/v1/use-cases/${useCase.id}/usage`);
    if (usage.status === 200) expect(JSON.stringify(usage.body)).toContain('answer');

    expect((await t.call('DELETE', `/api/v1/use-cases/${useCase.id}/question`, { as: 'owner' })).status).toBe(204);
    const unbound = await t.call('POST', `/api/v1/use-cases/${useCase.id}/answers`, { as: 'planner' });
    expect(unbound.status).toBe(409);
  });
});
