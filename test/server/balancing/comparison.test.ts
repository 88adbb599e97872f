import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('the line as it runs against a proposed balance on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let path: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20', 'op30', 'op40'].entries()) {
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code, position: i + 1 } });
    }
    const enterprise = (await t.call('GET', '/api/v1/enterprises')).body.items.find((e: { id: string }) => e.id === f.enterpriseId);
    path = `${enterprise.code}/brno/machining/cs1`;
    await t.call('PUT', `/api/v1/lines/${f.lineId}/tasks`, {
      body: {
        tasks: [
          { id: 'A', time: 20, predecessors: [] },
          { id: 'B', time: 30, predecessors: ['A'] },
          { id: 'C', time: 25, predecessors: ['B'] },
          { id: 'D', time: 15, predecessors: ['C'] },
        ],
      },
    });
  });
  afterAll(async () => t?.close());

  const comparison = (query = '') => t.call('GET', `/api/v1/lines/${f.lineId}/balance-comparison${query}`, { as: 'viewer' });

  it('asks for a balance first', async () => {
    const none = await comparison();
    expect(none.status).toBe(409);
    expect(none.body.detail).toMatch(/no balance yet/);
  });

  it('sets the observed station loads against the proposed ones, as computed by hand', async () => {
    // Observed on Nov 24: op10 22 s, op20 35 s (the bottleneck), op30 28 s; op40 sent nothing.
    const cycles = [
      ['op10', [21, 23, 22, 22]],
      ['op20', [34, 36, 35]],
      ['op30', [28, 28]],
    ] as const;
    const events = cycles.flatMap(([station, times]) =>
      times.map((cycleSeconds, i) => ({
        id: `${station}-${i}`,
        kind: 'cycle',
        station: `${path}/${station}`,
        ts: `2026-11-24T10:0${i}:00Z`,
        cycleSeconds,
        good: 1,
      })),
    );
    const ingest = await t.call('POST', '/api/v1/ingest', { body: events });
    expect(ingest.body.accepted).toBe(9);
    const balanced = await t.call('POST', `/api/v1/lines/${f.lineId}/balance`, { body: { cycleTime: 50 }, as: 'planner' });
    expect(balanced.status).toBe(201);
    const res = await comparison();
    expect(res.status).toBe(200);
    const { current, proposed, change } = res.body;
    expect(res.body.window.name).toBe('7d');
    expect(current.stations.map((s: any) => [s.code, s.cycleTime.count, s.cycleTime.mean.value ?? null])).toEqual([
      ['op10', 4, 22],
      ['op20', 3, 35],
      ['op30', 2, 28],
      ['op40', 0, null],
    ]);
    expect(current.unmeasured).toEqual(['op40']);
    expect(current.bottleneck).toBe('op20');
    expect(current.figures).toMatchObject({ stations: 3, cycleTime: 35, workContent: 85 });
    expect(current.figures.lineEfficiency).toBeCloseTo(85 / (3 * 35), 9);
    expect(current.figures.smoothnessIndex).toBeCloseTo(Math.sqrt(13 ** 2 + 7 ** 2), 9);
    expect(proposed.figures).toMatchObject({ stations: 2, cycleTime: 50, workContent: 90 });
    expect(proposed.stationLoads.map((s: any) => s.tasks)).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
    expect(change.stations).toBe(-2);
    expect(change.cycleTime).toBe(15);
    expect(change.partsPerHour.current).toBeCloseTo(3600 / 35, 9);
    expect(change.partsPerHour.proposed).toBe(72);
    expect(change.workContentRatio).toBeCloseTo(85 / 90, 9);
  });

  it('takes another window and another run of the line, and refuses a run of another line', async () => {
    const empty = await comparison('?from=2026-11-25T00:00:00Z&to=2026-11-25T07:00:00Z');
    expect(empty.status).toBe(200);
    expect(empty.body.current.figures).toBeNull();
    expect(empty.body.change).toBeNull();
    const upload = await t.call('POST', '/api/v1/balancing-runs', {
      body: { problem: { tasks: [{ id: 'X', time: 3, predecessors: [] }], cycleTime: 5 } },
      as: 'planner',
    });
    const other = await comparison(`?runId=${upload.body.id}`);
    expect(other.status).toBe(409);
    expect(other.body.detail).toMatch(/another line/);
    expect((await comparison('?window=year')).status).toBe(400);
  });
});
