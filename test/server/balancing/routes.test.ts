import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBalancingPool } from '../../../server/balancing/pool.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

// Mertens (Scholl 1993): 7 tasks; optimum 6 stations at c = 6, 5 at c = 7, 3 at c = 10.
const mertensAlb = `<number of tasks>\n7\n\n<cycle time>\n6\n\n<task times>\n1 1\n2 5\n3 4\n4 3\n5 5\n6 6\n7 5\n\n<precedence relations>\n1,2\n1,4\n2,3\n2,5\n4,7\n5,6\n\n<end>\n`;
const mertensTasks = [
  { id: 'T1', time: 1, predecessors: [] },
  { id: 'T2', time: 5, predecessors: ['T1'] },
  { id: 'T3', time: 4, predecessors: ['T2'] },
  { id: 'T4', time: 3, predecessors: ['T1'] },
  { id: 'T5', time: 5, predecessors: ['T2'] },
  { id: 'T6', time: 6, predecessors: ['T5'] },
  { id: 'T7', time: 5, predecessors: ['T4'] },
];

/** Every precedence arc goes forward and no station is over the cycle time. */
function expectFeasible(tasks: { id: string; time: number; predecessors: string[] }[], result: any) {
  const station = new Map<string, number>(result.taskIds.map((id: string, i: number) => [id, result.assignment[i]]));
  for (const t of tasks) for (const p of t.predecessors) expect(station.get(p)!).toBeLessThanOrEqual(station.get(t.id)!);
  const loads = new Map<number, number>();
  for (const t of tasks) loads.set(station.get(t.id)!, (loads.get(station.get(t.id)!) ?? 0) + t.time);
  for (const load of loads.values()) expect(load).toBeLessThanOrEqual(result.cycleTime + 1e-9);
  expect(Math.max(...result.assignment)).toBe(result.stations);
}

describe.each(databaseKinds)('line balancing through the API on %s', (kind) => {
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

  it('stores a line’s tasks and refuses a cycle, naming its tasks, or an unknown predecessor', async () => {
    const cyclic = await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, {
      as: 'planner',
      body: {
        tasks: [
          { id: 'A', time: 1, predecessors: ['C'] },
          { id: 'B', time: 2, predecessors: ['A'] },
          { id: 'C', time: 2, predecessors: ['B'] },
        ],
      },
    });
    expect(cyclic.status).toBe(400);
    expect(cyclic.body.detail).toMatch(
      /precedence cycle: .*"A".*"B".*"C"|precedence cycle: .*"B".*"C".*"A"|precedence cycle: .*"C".*"A".*"B"/,
    );
    expect(cyclic.body.errors[0].path).toMatch(/^body\.tasks\.\d\.predecessors$/);
    const unknown = await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, {
      as: 'planner',
      body: { tasks: [{ id: 'A', time: 1, predecessors: ['Z'] }] },
    });
    expect(unknown.body.errors[0].path).toBe('body.tasks.0.predecessors.0');
    const stored = await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, {
      as: 'planner',
      body: { tasks: mertensTasks, constraints: { mustNotShare: [['T6', 'T7']] } },
    });
    expect(stored.status).toBe(200);
    expect(stored.body.totalTime).toBe(29);
    const read = (await t.call('GET', `/api/v1/lines/${f.lineId}/tasks`, { as: 'viewer' })).body;
    expect(read.tasks.map((x: any) => [x.id, x.predecessors])).toEqual(mertensTasks.map((x) => [x.id, x.predecessors]));
    expect(read.constraints.mustNotShare).toEqual([['T6', 'T7']]);
  });

  it('balances the stored line to a cycle time, a station count and a takt, storing each run', async () => {
    const salbp1 = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 10 } });
    expect(salbp1.status).toBe(201);
    expect(salbp1.body.result).toMatchObject({ problem: 'SALBP-1', stations: 3, provenOptimal: true });
    expectFeasible(mertensTasks, salbp1.body.result);
    const salbp2 = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { stations: 5 } });
    expect(salbp2.body.result).toMatchObject({ problem: 'SALBP-2', stations: 5, cycleTime: 7, provenOptimal: true });
    const takt = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, {
      as: 'planner',
      body: { demand: 60, availableTime: 480, utilisation: 0.95 },
    });
    expect(takt.body.result.taktTime).toBe(8);
    expect(takt.body.result.cycleTime).toBeCloseTo(7.6, 10);
    expect(takt.body.result.stations).toBe(5);
    const runs = (await t.call('GET', `/api/v1/balancing-runs?lineId=${f.lineId}`)).body.items;
    expect(runs).toHaveLength(3);
    const again = (await t.call('GET', `/api/v1/balancing-runs/${salbp1.body.id}`, { as: 'viewer' })).body;
    expect(again.input.cycleTime).toBe(10);
    expect(again.result.assignment).toEqual(salbp1.body.result.assignment);
  });

  it('balances uploaded .alb and CSV files and JSON problems', async () => {
    const alb = await t.app.request('/api/v1/balancing-runs/upload?format=alb&cycleTime=7', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
      body: mertensAlb,
    });
    expect(alb.status).toBe(201);
    expect(((await alb.json()) as any).result.stations).toBe(5);
    const own = await t.app.request('/api/v1/balancing-runs/upload?format=alb', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
      body: mertensAlb,
    });
    expect(((await own.json()) as any).result).toMatchObject({ cycleTime: 6, stations: 6 });
    const csv = 'task,time,predecessors\nT1,1,\nT2,5,T1\nT3,4,T2\nT4,3,T1\nT5,5,T2\nT6,6,T5\nT7,5,T4\n';
    const fromCsv = await t.app.request('/api/v1/balancing-runs/upload?format=csv&cycleTime=15', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
      body: csv,
    });
    expect(((await fromCsv.json()) as any).result.stations).toBe(2);
    const json = await t.call('POST', '/api/v1/balancing-runs', {
      as: 'planner',
      body: { problem: { tasks: mertensTasks, cycleTime: 18 } },
    });
    expect(json.status).toBe(201);
    expect(json.body.result.stations).toBe(2);
  });

  it('balances mixed-model, U-line and parallel-station problems as JSON, as CSV uploads and on the stored line', async () => {
    const mixed = {
      models: [
        { id: 'A', share: 0.6 },
        { id: 'B', share: 0.4 },
      ],
      tasks: [
        { id: 't1', times: { A: 12, B: 15 }, predecessors: [] },
        { id: 't2', times: { A: 20, B: 8 }, predecessors: ['t1'] },
        { id: 't3', times: { A: 6, B: 0 }, predecessors: ['t1'] },
        { id: 't4', times: { A: 10, B: 14 }, predecessors: ['t2', 't3'] },
      ],
      cycleTime: 30,
      mixedRule: 'average',
      overloadTolerance: 0.15,
      sequence: ['A', 'A', 'B'],
    };
    const json = await t.call('POST', '/api/v1/balancing-runs', { as: 'planner', body: { problem: mixed } });
    expect(json.status).toBe(201);
    expect(json.body.problem).toBe('MALBP-1');
    expect(json.body.result).toMatchObject({ problem: 'MALBP-1', mixedRule: 'average', provenOptimal: true, stations: 2 });
    expect(Object.keys(json.body.result.modelLoads)).toEqual(['A', 'B']);
    expect(json.body.result.sequenceCheck.units).toBe(3);
    const csv = 'task,predecessors,time:A,time:B\nt1,,12,15\nt2,t1,20,8\nt3,t1,6,\nt4,t2;t3,10,14\n';
    const upload = (query: string) =>
      t.app.request(`/api/v1/balancing-runs/upload?format=csv&${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/csv' },
        body: csv,
      });
    const fromCsv = await upload('cycleTime=30&models=A%3D0.6%2CB%3D0.4&mixedRule=strict&layout=u');
    expect(fromCsv.status).toBe(201);
    const uploaded = ((await fromCsv.json()) as any).result;
    expect(uploaded).toMatchObject({ problem: 'MALBP-1', layout: 'u', mixedRule: 'strict' });
    expect(uploaded.legs).toHaveLength(4);
    const noShares = await upload('cycleTime=30');
    expect(noShares.status).toBe(400);
    expect(((await noShares.json()) as any).errors[0].path).toBe('query.models');
    const badShare = await upload('cycleTime=30&models=A%3Dlots');
    expect(((await badShare.json()) as any).errors[0].path).toBe('query.models');
    const parallel = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, {
      as: 'planner',
      body: { cycleTime: 4, parallel: { maxReplicas: 2 } },
    });
    expect(parallel.status).toBe(201);
    expect(parallel.body.result.workplaces).toBe(parallel.body.result.replicas.reduce((a: number, b: number) => a + b, 0));
    const tooLong = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 4 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.detail).toMatch(/allow parallel stations/);
    const uLine = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 10, layout: 'u' } });
    expect(uLine.body.result).toMatchObject({ problem: 'UALBP-1', layout: 'u', provenOptimal: true });
    const wrong = await t.call('POST', '/api/v1/balancing-runs', {
      as: 'planner',
      body: { problem: { ...mixed, mixedRule: 'average', overloadTolerance: undefined } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('body.problem.overloadTolerance');
  });

  it('stores a mixed-model line (models, times by model) and balances it per model under either rule', async () => {
    const line = await t.call('POST', '/api/v1/lines', { body: { areaId: f.areaId, code: 'mixed', name: 'Mixed line' } });
    const tasks = [
      { id: 't1', times: { A: 12, B: 15 }, predecessors: [] },
      { id: 't2', times: { A: 20, B: 8 }, predecessors: ['t1'] },
      { id: 't3', times: { A: 6, B: 0 }, predecessors: ['t1'] },
      { id: 't4', times: { A: 10, B: 14 }, predecessors: ['t2', 't3'] },
    ];
    const models = [
      { id: 'A', share: 0.6 },
      { id: 'B', share: 0.4 },
    ];
    const stored = await t.call('PUT', `/api/v1/lines/${line.body.id}/tasks`, { as: 'planner', body: { models, tasks } });
    expect(stored.status).toBe(200);
    expect(stored.body.models).toEqual(models);
    expect(stored.body.tasks.map((x: any) => x.times)).toEqual(tasks.map((x) => x.times));
    // The weighted work content: 0.6 · 48 + 0.4 · 37.
    expect(stored.body.totalTime).toBeCloseTo(43.6, 9);
    const strict = await t.call('POST', `/api/v1/lines/${line.body.id}/balance`, { as: 'planner', body: { cycleTime: 30 } });
    expect(strict.status).toBe(201);
    expect(strict.body.result).toMatchObject({ problem: 'MALBP-1', mixedRule: 'strict', provenOptimal: true });
    const average = await t.call('POST', `/api/v1/lines/${line.body.id}/balance`, {
      as: 'planner',
      body: { cycleTime: 30, mixedRule: 'average', overloadTolerance: 0.15, sequence: ['A', 'B'] },
    });
    expect(average.body.result.sequenceCheck.units).toBe(2);
    const wrongModel = await t.call('PUT', `/api/v1/lines/${line.body.id}/tasks`, {
      as: 'planner',
      body: { models, tasks: [{ id: 't1', times: { A: 1, C: 2 } }] },
    });
    expect(wrongModel.status).toBe(400);
    expect(wrongModel.body.errors[0].path).toBe('body.tasks.0.times.C');
    const mixedAndTime = await t.call('PUT', `/api/v1/lines/${line.body.id}/tasks`, {
      as: 'planner',
      body: { models, tasks: [{ id: 't1', time: 3 }] },
    });
    expect(mixedAndTime.body.errors[0].path).toBe('body.tasks.0.time');
    // Back to one model: the models go with the old task list.
    const single = await t.call('PUT', `/api/v1/lines/${line.body.id}/tasks`, { as: 'planner', body: { tasks: [{ id: 'x', time: 4 }] } });
    expect(single.body.models).toBeUndefined();
    expect(single.body.tasks[0].time).toBe(4);
    const ruleWithout = await t.call('POST', `/api/v1/lines/${line.body.id}/balance`, {
      as: 'planner',
      body: { cycleTime: 10, mixedRule: 'strict' },
    });
    expect(ruleWithout.status).toBe(400);
    expect(ruleWithout.body.errors[0].path).toBe('body.mixedRule');
  });

  it('refuses numbers the exact core cannot represent at the edge, naming the field and the limit', async () => {
    const limit = /at most 2,000,000 time units/;
    for (const cycleTime of [1e308, 2.2e9, 1e12]) {
      const stored = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime } });
      expect(stored.status).toBe(400);
      expect(stored.body.errors[0]).toMatchObject({ path: 'body.cycleTime', message: expect.stringMatching(limit) });
      const json = await t.call('POST', '/api/v1/balancing-runs', { as: 'planner', body: { problem: { tasks: mertensTasks, cycleTime } } });
      expect(json.status).toBe(400);
      expect(json.body.errors[0].path).toBe('body.problem.cycleTime');
      const upload = await t.app.request(`/api/v1/balancing-runs/upload?format=csv&cycleTime=${encodeURIComponent(cycleTime)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
        body: 'task,time,predecessors\nT1,1,\n',
      });
      expect(upload.status).toBe(400);
      expect(JSON.stringify(await upload.json())).toMatch(limit);
    }
    const takt = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, {
      as: 'planner',
      body: { demand: 1e-300, availableTime: 1e300 },
    });
    expect(takt.status).toBe(400);
    expect(takt.body.errors[0]).toMatchObject({ path: 'body.availableTime', message: expect.stringMatching(limit) });
    const stations = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { stations: 1e12 } });
    expect(stations.status).toBe(400);
    expect(stations.body.errors[0].path).toBe('body.stations');
    const taskTime = await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, { body: { tasks: [{ id: 'a', time: 1e308 }] } });
    expect(taskTime.status).toBe(400);
    expect(taskTime.body.errors[0].path).toBe('body.tasks.0.time');
  });

  it('takes a file as a multipart form too, and names a wrong content type', async () => {
    const post = (init: RequestInit) =>
      t.app.request('/api/v1/balancing-runs/upload?format=alb&cycleTime=7', {
        method: 'POST',
        ...init,
        headers: { authorization: `Bearer ${t.tokens.planner}`, ...(init.headers as Record<string, string>) },
      });
    const form = new FormData();
    form.append('file', new File([mertensAlb], 'mertens.alb', { type: 'application/octet-stream' }));
    const multipart = await post({ body: form });
    expect(multipart.status).toBe(201);
    expect(((await multipart.json()) as any).result.stations).toBe(5);
    const noFile = new FormData();
    noFile.append('other', 'x');
    const missing = await post({ body: noFile });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).errors[0].path).toBe('body.file');
    // What `curl --data-binary @line.alb` sends without a content type of its own.
    const curlDefault = await post({ body: mertensAlb, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(curlDefault.status).toBe(201);
    const json = await post({ body: JSON.stringify({ tasks: [] }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    expect(((await json.json()) as any).detail).toMatch(/multipart\/form-data/);
  });

  it('answers bad problems with the field and the reason, never a 500', async () => {
    const long = await t.call('POST', '/api/v1/balancing-runs', {
      as: 'planner',
      body: { problem: { tasks: mertensTasks, cycleTime: 5 } },
    });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].path).toBe('body.problem.tasks.5.time');
    expect(long.body.detail).toContain('longer than the cycle time');
    const capped = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 10, maxStations: 2 } });
    expect(capped.status).toBe(422);
    expect(capped.body.errors[0].path).toBe('body.maxStations');
    const twoTargets = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'planner', body: { cycleTime: 10, stations: 3 } });
    expect(twoTargets.status).toBe(400);
    const badFile = await t.app.request('/api/v1/balancing-runs/upload?format=alb', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
      body: '<number of tasks>\nseven\n',
    });
    expect(badFile.status).toBe(400);
    expect(((await badFile.json()) as any).detail).toMatch(/line 2/);
    const empty = await t.call('POST', '/api/v1/lines', { body: { areaId: f.areaId, code: 'empty', name: 'Empty' } });
    expect((await t.call('POST', `/api/v1/lines/${empty.body.id}/balance`, { as: 'planner', body: { cycleTime: 10 } })).status).toBe(409);
    expect((await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { as: 'viewer', body: { cycleTime: 10 } })).status).toBe(403);
  });
});
