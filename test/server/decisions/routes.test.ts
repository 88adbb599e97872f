import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulationRuns } from '../../../db/schema/index.ts';
import { deleteUnlessUsed } from '../../../server/core/lifecycle.ts';
import { inTransaction } from '../../../server/core/write.ts';
import type { Actor } from '../../../server/deps.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { personWithToken } from '../../helpers/access.ts';
import { decisionBody, decisionWorld, nextShiftResult, ok, storedRun, type DecisionWorld } from './world.ts';

/** Recording decisions through the API: where predictions come from, what is refused, who may. */
describe.each(databaseKinds)('decisions on %s', (kind) => {
  let t: TestApp;
  let w: DecisionWorld;
  let forecast: string;
  beforeAll(async () => {
    // Wednesday 25 November 2026, 08:00Z.
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    w = await decisionWorld(t);
    forecast = await storedRun(t, { kind: 'next_shift', lineId: w.f.lineId, result: nextShiftResult({ value: 64, low: 61, high: 67 }) });
  });
  afterAll(async () => t?.close());

  const post = (body: unknown, as: 'admin' | 'owner' | 'planner' | 'viewer' | 'sponsor' = 'planner') =>
    t.call('POST', '/api/v1/decisions', { body, as });

  it('takes a live KPI’s prediction from the run it is based on, and a hand KPI’s as typed', async () => {
    const res = await post(
      decisionBody(w, {
        basedOn: [forecast],
        predictions: [{ kpiId: w.throughputKpi.id }, { kpiId: w.handKpi.id, value: 90, low: 85, high: 95 }],
        note: 'forecast says OP20 constrains',
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const byKpi = Object.fromEntries(res.body.predictions.map((p: any) => [p.kpiId, p]));
    expect(byKpi[w.throughputKpi.id]).toMatchObject({ value: 64, low: 61, high: 67, source: 'run', runId: forecast, scenario: 'forecast' });
    expect(byKpi[w.throughputKpi.id].live).toEqual({ metric: 'throughput', lineId: w.f.lineId, stationId: null });
    expect(byKpi[w.handKpi.id]).toMatchObject({ value: 90, source: 'hand', runId: null });
    expect(res.body).toMatchObject({
      decidedById: t.people.planner,
      decidedAt: '2026-11-25T08:00:00.000Z',
      note: 'forecast says OP20 constrains',
    });
    expect(res.body.basedOn.map((r: any) => r.id)).toEqual([forecast]);
    expect(byKpi[w.handKpi.id].outcome).toMatchObject({ status: 'pending', dueAt: '2026-12-25T08:00:00.000Z' });
    // The planner is one of the Planners (daily): the decision is their use of the use case today.
    expect(res.body.usage).toMatchObject({ recorded: true, groupId: w.f.groupIds.planners });
    const read = await t.call('GET', `/api/v1/decisions/${res.body.id}`, { as: 'viewer' });
    expect(read.status).toBe(200);
    expect(read.body.usageEventId).toBe(res.body.usage.usageEventId);
    const trail = await t.call('GET', `/api/v1/audit/decision/${res.body.id}`);
    expect(trail.body.items.map((e: any) => e.action)).toContain('create');
  });

  it('counts a second decision in the same period as no second use, and says why', async () => {
    const res = await post(decisionBody(w));
    expect(res.status).toBe(201);
    expect(res.body.usage).toMatchObject({ recorded: false, reason: 'already_recorded' });
    expect(res.body.usageEventId).toBeNull();
    const uses = (await t.call('GET', `/api/v1/use-cases/${w.useCaseId}/usage`)).body.items.filter((u: any) => u.origin === 'decision');
    expect(uses).toHaveLength(1);
  });

  it('records no use for a person in none of the use case’s groups, and says so', async () => {
    const res = await post(decisionBody(w), 'owner');
    expect(res.status).toBe(201);
    expect(res.body.usage).toMatchObject({ recorded: false, reason: 'not_in_group' });
    expect(res.body.usage.message).toContain('none of the groups');
  });

  it('refuses a typed value that differs from the run’s, with 422 naming the field', async () => {
    const res = await post(decisionBody(w, { basedOn: [forecast], predictions: [{ kpiId: w.throughputKpi.id, value: 64, high: 70 }] }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'body.predictions.0.high', message: "differs from the run's 67" }]);
    // The same value, as the API shows it, is no contradiction.
    expect((await post(decisionBody(w, { basedOn: [forecast], predictions: [{ kpiId: w.throughputKpi.id, value: 64 }] }))).status).toBe(
      201,
    );
  });

  it('asks for value, low and high where no run predicts the KPI', async () => {
    const res = await post(decisionBody(w, { predictions: [{ kpiId: w.throughputKpi.id, value: 64 }] }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.predictions.0.low');
    expect(res.body.errors[0].message).toContain('no run this decision is based on predicts throughput');
  });

  it('asks which scenario when the runs predict several, and takes the one named', async () => {
    const comparison = await storedRun(t, {
      kind: 'comparison',
      lineId: w.f.lineId,
      input: { baseline: { name: 'as is', model: { timeUnit: 'min' } } },
      result: {
        baseline: { name: 'as is', result: { throughput: { mean: 1, ciLow: 0.95, ciHigh: 1.05 }, timeUnit: 'min' } },
        variants: [{ name: 'bigger buffer', result: { throughput: { mean: 1.1, ciLow: 1.05, ciHigh: 1.15 }, timeUnit: 'min' } }],
      },
    });
    const ambiguous = await post(decisionBody(w, { basedOn: [comparison], predictions: [{ kpiId: w.throughputKpi.id }] }));
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0].path).toBe('body.predictions.0.scenario');
    const chosen = await post(
      decisionBody(w, {
        choice: { kind: 'buffer_change', runId: comparison, scenario: 'bigger buffer', buffers: [{ afterStation: 'op10', capacity: 12 }] },
        predictions: [{ kpiId: w.throughputKpi.id }],
      }),
    );
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201);
    // 1.1 parts a minute is 66 parts an hour; the choice's run counts as a basis.
    expect(chosen.body.predictions[0]).toMatchObject({ scenario: 'bigger buffer', runId: comparison, source: 'run' });
    expect(chosen.body.predictions[0].value).toBeCloseTo(66, 9);
    expect(chosen.body.predictions[0].low).toBeCloseTo(63, 9);
    expect(chosen.body.basedOn.map((r: any) => r.id)).toEqual([comparison]);
  });

  it('refuses bad input with 4xx naming each field, and never a 500', async () => {
    const failed = await storedRun(t, { kind: 'next_shift', lineId: w.f.lineId, result: null, status: 'failed' });
    const noLine = await storedRun(t, { kind: 'simulation', lineId: null, result: null });
    const cases: [unknown, number, string][] = [
      [decisionBody(w, { choice: { kind: 'coin_toss' } }), 400, 'body.choice.kind'],
      [decisionBody(w, { predictions: [] }), 400, 'body.predictions'],
      [decisionBody(w, { predictions: [{ kpiId: w.handKpi.id, value: 90, low: 95, high: 99 }] }), 400, 'body.predictions.0.value'],
      [
        decisionBody(w, {
          predictions: [
            { kpiId: w.handKpi.id, value: 1 },
            { kpiId: w.handKpi.id, value: 2 },
          ],
        }),
        400,
        'body.predictions',
      ],
      [decisionBody(w, { effectiveFrom: '2026-11-20T08:00:00Z' }), 400, 'body.effectiveFrom'],
      [decisionBody(w, { effectiveFrom: 'tomorrow' }), 400, 'body.effectiveFrom'],
      [decisionBody(w, { basedOn: [failed] }), 409, 'body.basedOn.0'],
      [decisionBody(w, { basedOn: [noLine] }), 400, 'body.basedOn.0'],
      [decisionBody(w, { basedOn: ['6f1c2a4e-0b1d-4c3e-9f5a-2d7e8b9c0a11'] }), 404, 'body.basedOn.0'],
      [decisionBody(w, { useCaseId: '6f1c2a4e-0b1d-4c3e-9f5a-2d7e8b9c0a11' }), 404, 'body.useCaseId'],
      [
        decisionBody(w, { predictions: [{ kpiId: '6f1c2a4e-0b1d-4c3e-9f5a-2d7e8b9c0a11', value: 1, low: 0, high: 2 }] }),
        404,
        'body.predictions.0.kpiId',
      ],
      [decisionBody(w, { choice: { kind: 'mix', runId: forecast, scenario: 'forecast' } }), 400, 'body.choice.runId'],
      [
        decisionBody(w, {
          choice: { kind: 'maintenance_placement', runId: forecast, workOrderExternalId: 'WO-1', start: '2026-11-26T06:00:00Z' },
        }),
        400,
        'body.choice.runId',
      ],
      [decisionBody(w, { sponosr: 1 }), 400, 'body.sponosr'],
    ];
    for (const [body, status, path] of cases) {
      const res = await post(body);
      expect([res.status, res.body.errors?.map((e: any) => e.path)], JSON.stringify(res.body)).toEqual([
        status,
        expect.arrayContaining([path]),
      ]);
    }
  });

  it('lets a viewer and a sponsor read but not record, and hides the use case from someone out of scope', async () => {
    expect((await post(decisionBody(w), 'viewer')).status).toBe(403);
    expect((await post(decisionBody(w), 'sponsor')).status).toBe(403);
    const otherOwner = await personWithToken(t, 'Other Owner', ['owner']);
    expect((await otherOwner.call('POST', '/api/v1/decisions', decisionBody(w))).status).toBe(403);
    const outsider = await personWithToken(t, 'Linz Planner', ['planner'], { scope: { kind: 'sites', siteIds: [w.f.otherSiteId] } });
    const refused = await outsider.call('POST', '/api/v1/decisions', decisionBody(w));
    expect([refused.status, refused.body.errors?.[0]?.path]).toEqual([404, 'body.useCaseId']);
    const list = await t.call('GET', `/api/v1/use-cases/${w.useCaseId}/decisions`, { as: 'viewer' });
    expect(list.status).toBe(200);
    const decisionId = list.body.items[0].id;
    expect((await outsider.call('GET', `/api/v1/decisions/${decisionId}`)).status).toBe(404);
    expect((await outsider.call('GET', `/api/v1/use-cases/${w.useCaseId}/decisions`)).status).toBe(404);
    expect((await outsider.call('GET', `/api/v1/use-cases/${w.useCaseId}/track-record`)).status).toBe(404);
    expect((await outsider.call('GET', `/api/v1/lines/${w.f.lineId}/track-record`)).status).toBe(404);
  });

  it('lists the decisions of a use case newest first, a page at a time', async () => {
    const first = await t.call('GET', `/api/v1/use-cases/${w.useCaseId}/decisions?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThan(2);
    const next = await t.call('GET', `/api/v1/use-cases/${w.useCaseId}/decisions?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(first.body.items[1].id);
  });

  it('keeps a KPI with predictions and its use case from being deleted', async () => {
    const res = await t.call('DELETE', `/api/v1/kpis/${w.handKpi.id}`);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain('decisions predicting it');
  });

  it('keeps a run a decision is based on from being deleted, naming the decisions; the schema’s net names what a list leaves out', async () => {
    const res = await t.call('DELETE', `/api/v1/simulations/${forecast}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(
      /^the simulation run cannot be deleted while it has \d+ decisions based on it, \d+ decision predictions taken from it$/,
    );
    // A delete whose list of dependents forgets one is still refused by name, not by the database's foreign key.
    const admin: Actor = {
      personId: t.people.admin,
      name: 'Test admin',
      role: 'admin',
      tokenId: null,
      scope: { kind: 'installation' },
      siteIds: null,
    };
    const bare = inTransaction({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, admin, (tw) =>
      deleteUnlessUsed(tw, { table: simulationRuns, entityType: 'simulation_run', entity: 'simulation run' }, forecast, [], ''),
    );
    await expect(bare).rejects.toThrow(
      /^the simulation run cannot be deleted while it has \d+ records in decision runs, \d+ records in decision predictions$/,
    );
    expect(await t.database.db.$count(simulationRuns, eq(simulationRuns.id, forecast))).toBe(1);
  });

  it('refuses a decision on a retired use case', async () => {
    await ok(t, 'POST', `/api/v1/use-cases/${w.useCaseId}/transitions`, { to: 'retired', note: 'done' });
    const res = await post(decisionBody(w));
    expect(res.status).toBe(409);
  });
});
