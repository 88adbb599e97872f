/**
 * The calibration round trip: a line with known parameters is simulated, its trace sent through
 * ingest as a plant would send it, and the calibration must give the parameters back (mean cycle
 * time within 2 %, MTBF and MTTR within 15 % from at least 200 failures, the right family from at
 * least 500 samples) and a model whose simulation matches the window it was fitted on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimRun } from '../../../wasm-core/sim.ts';
import { ingestEvents } from '../../../server/events/index.ts';
import { TraceTranslator } from '../../../server/feed/index.ts';
import { flattenModel } from '../../../server/simulation/flatten.ts';
import { parseSimulationModel, type SimulationModelInput } from '../../../server/simulation/index.ts';
import { simInput } from '../../../server/simulation/replication.ts';
import { startSimulationRunner, type SimulationRunner } from '../../../server/simulation/runner.ts';
import type { CalibrationResult } from '../../../server/calibration/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const DAYS = 6;
const truth: SimulationModelInput = {
  timeUnit: 's',
  machines: [
    {
      name: 'op10',
      processTime: { dist: 'lognormal', mean: 60, cv: 0.3 },
      failure: { mtbf: 1800, mttr: 300, repair: 'lognormal', repairCv: 0.8 },
    },
    { name: 'op20', processTime: { dist: 'normal', mean: 50, sd: 8 } },
    { name: 'op30', processTime: { dist: 'exponential', mean: 40 } },
  ],
  buffers: [4, 4],
  warmup: 0,
  horizon: DAYS * 86_400,
  seed: 99,
};

describe.each(databaseKinds)('calibration round trip on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let runner: SimulationRunner;
  const now = Date.parse('2026-11-25T08:00:00Z');
  const from = new Date(now - DAYS * 86_400_000 - 3_600_000).toISOString();
  const to = new Date(Date.parse(from) + DAYS * 86_400_000).toISOString();
  let result: CalibrationResult;
  let runId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, new Date(now).toISOString());
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20', 'op30'].entries()) {
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code.toUpperCase(), position: i + 1 } });
    }
    const enterprise = (await t.call('GET', '/api/v1/enterprises')).body.items.find((e: { id: string }) => e.id === f.enterpriseId);
    const line = flattenModel(parseSimulationModel(truth));
    const run = SimRun.start({
      ...simInput(line, {
        snapshotTimes: Float64Array.from([0, truth.horizon]),
        windowWidth: 60,
        windowCount: 0,
        seed: 99,
        replication: 0,
      }),
      traceCapacity: 1 << 16,
    });
    const translator = new TraceTranslator({
      idPrefix: 'truth',
      originMs: Date.parse(from),
      unitMs: 1000,
      stations: ['op10', 'op20', 'op30'].map((s) => `${enterprise.code}/brno/machining/cs1/${s}`),
      counts: line.counts,
      products: line.productNames,
      reasons: { failure: ['E1'], changeover: 'CO', planned: ['BRK', 'NS', 'PM'] },
      scrapRate: 0,
      countPeriodMs: 0,
    });
    for (let day = 1; day <= DAYS; day++) {
      run.runUntil(day * 86_400, 1e12);
      const events = [...translator.translate(run.takeTrace()), ...translator.settle(day * 86_400)];
      for (let i = 0; i < events.length; i += 5000) {
        const answer = await ingestEvents(t.database.db, { siteIds: null }, events.slice(i, i + 5000), new Date(now), {
          retentionDays: 90,
        });
        expect(answer.rejected).toEqual([]);
      }
    }
    runner = startSimulationRunner({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, 3_600_000);
    const submitted = await t.call('POST', `/api/v1/lines/${f.lineId}/calibrations`, { as: 'planner', body: { from, to } });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/api/v1/simulations/${submitted.body.id}`);
    runId = submitted.body.id;
    await runner.drain();
    const done = await t.call('GET', `/api/v1/simulations/${runId}`);
    expect(done.body.error).toBeNull();
    expect(done.body.status).toBe('succeeded');
    result = done.body.result;
  }, 240_000);
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  const within = (value: number, expected: number, share: number) => expect(Math.abs(value / expected - 1)).toBeLessThan(share);

  it('recovers each station’s mean cycle time within 2 % and the family of its distribution', () => {
    const [op10, op20, op30] = result.stations;
    for (const s of result.stations) expect(s.cycles).toBeGreaterThanOrEqual(500);
    within(op10.processTime[0].fit.mean, 60, 0.02);
    within(op20.processTime[0].fit.mean, 50, 0.02);
    within(op30.processTime[0].fit.mean, 40, 0.02);
    expect(op10.processTime[0].fit.chosen).toBe('lognormal');
    expect(op20.processTime[0].fit.chosen).toBe('normal');
    expect(op30.processTime[0].fit.chosen).toBe('exponential');
    // Every candidate is reported with its goodness of fit.
    expect(op10.processTime[0].fit.candidates.map((c) => c.family).sort()).toEqual(['exponential', 'lognormal', 'normal']);
    expect(op10.processTime[0].fit.candidates[0].ks.p).toBeGreaterThan(0.01);
  });

  it('recovers MTBF and MTTR within 15 % from at least 200 failures, and finds none where there are none', () => {
    const failures = result.stations[0].failures!;
    expect(failures.count).toBeGreaterThanOrEqual(200);
    within(failures.mtbf, 1800, 0.15);
    within(failures.mttr, 300, 0.15);
    expect(failures.repair).toBe('lognormal');
    expect(result.stations[1].failures).toBeNull();
    expect(result.stations[2].failures).toBeNull();
  });

  it('validates: the calibrated model’s throughput and state shares match the window', () => {
    const v = result.validation;
    expect(v.replications).toBe(10);
    expect(v.throughputPerHour.observed).toBeGreaterThan(40);
    expect(Math.abs(v.throughputPerHour.relativeError.mean)).toBeLessThan(0.03);
    expect(v.throughputPerHour.predictionInterval.containsObserved).toBe(true);
    expect(v.maxStateShareError).toBeLessThan(0.03);
    expect(result.assumptions).toContain('the simulated window starts from an empty line');
  });

  it('sets the calibrated model as the line’s, and refuses runs that are no calibration', async () => {
    const applied = await t.call('POST', `/api/v1/calibrations/${runId}/apply`, { as: 'planner' });
    expect(applied.status).toBe(200);
    expect(applied.body.model.machines[0].failure.mtbf).toBe(result.stations[0].failures!.mtbf);
    const stored = await t.call('GET', `/api/v1/lines/${f.lineId}/simulation-model`);
    expect(stored.body.model.timeUnit).toBe('s');
    const other = await t.call('POST', '/api/v1/simulations', { as: 'planner', body: { model: { ...truth, horizon: 100 } } });
    const refused = await t.call('POST', `/api/v1/calibrations/${other.body.id}/apply`, { as: 'planner' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/not a calibration/);
  });

  it('refuses a window in the future, backwards, too long, or without cycles', async () => {
    const post = (body: object) => t.call('POST', `/api/v1/lines/${f.lineId}/calibrations`, { as: 'planner', body });
    const future = await post({ from, to: new Date(now + 3_600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.to');
    expect((await post({ from: to, to: from })).status).toBe(400);
    expect((await post({ from: '2026-01-01T00:00:00Z', to })).status).toBe(400);
    const empty = await post({ from: '2026-11-25T07:00:00Z', to: '2026-11-25T07:30:00Z' });
    expect(empty.status).toBe(409);
    expect(empty.body.detail).toMatch(/no cycles/);
    expect((await post({ from: 'yesterday', to })).status).toBe(400);
  });
});
