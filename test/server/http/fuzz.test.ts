import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

// "Never a 500 for bad input": arbitrary JSON, and valid bodies with one field replaced by an
// arbitrary value, must be answered with a 2xx or a 4xx problem — on every write route here.
describe.each(databaseKinds)('arbitrary request bodies on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let routes: { path: string; valid: Record<string, unknown> }[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
    const uc = await createUseCaseFixture(t, f);
    const kpi = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t) })).body;
    routes = [
      {
        path: `/api/v1/programs/${f.programId}/use-cases`,
        valid: { title: 't', question: 'q', scope: { lineId: f.lineId }, decisionFrequency: 'daily', groupIds: [] },
      },
      { path: `/api/v1/use-cases/${uc.id}/kpis`, valid: kpiBody(t) },
      {
        path: `/api/v1/kpis/${kpi.id}/measurements`,
        valid: { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: 1, source: 'MES' },
      },
      {
        path: `/api/v1/programs/${f.programId}/milestones`,
        valid: { title: 't', criterion: 'c', due: { quarter: '2027-Q1' }, ownerId: t.people.owner },
      },
      { path: '/api/v1/escalations', valid: { subjectType: 'use_case', subjectId: uc.id, title: 't', severity: 'low' } },
      {
        path: `/api/v1/programs/${f.programId}/data-sources`,
        valid: {
          name: 'n',
          kind: 'mes',
          scope: { lineId: f.lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 10,
        },
      },
      { path: `/api/v1/lines/${f.lineId}/tasks`, valid: { tasks: [{ id: 'A', time: 1, predecessors: [] }] } },
      { path: '/api/v1/balancing-runs', valid: { problem: { tasks: [{ id: 'A', time: 1 }], cycleTime: 2 } } },
      {
        path: '/api/v1/simulations',
        valid: {
          model: {
            machines: [{ name: 'M', processTime: { dist: 'deterministic', mean: 1 } }],
            buffers: [],
            horizon: 10,
            warmup: 0,
            replications: 2,
          },
        },
      },
    ];
  });
  afterAll(async () => t?.close());

  const send = async (path: string, body: unknown) => {
    const res = await t.call('POST', path, { body: JSON.stringify(body) });
    expect(res.status, `${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
  };

  it('answers arbitrary JSON with a 4xx problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.jsonValue(), async (i, body) => send(routes[i].path, body)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });

  it('answers a valid body with one field replaced by anything with a 2xx or 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.nat(), fc.jsonValue(), async (i, k, value) => {
        const valid = routes[i].valid;
        const keys = Object.keys(valid);
        await send(routes[i].path, { ...valid, [keys[k % keys.length]]: value });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 80) },
    );
  });
});
