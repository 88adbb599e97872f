import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionPredictions, decisions, lines, useCases } from '../../../db/schema/index.ts';
import { closeSimulationPool, startSimulationRunner, type SimulationRunner } from '../../../server/simulation/index.ts';
import { createDemoPages, feedDemo, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const planner = 'tomas.dvorak@northwind.example';
const linzPlanner = 'lukas.gruber@northwind.example';
const viewer = 'stefan.maier@northwind.example';

describe('recording a decision from an answer, and the use case’s decisions (pglite)', () => {
  let pages: DemoPages;
  let crank: string;
  let useCaseId: string;
  let kpiId: string;
  let client: PageClient;
  let runner: SimulationRunner;
  let answer: string;

  async function api(method: string, path: string, body?: unknown, token = 'tw_demo_admin') {
    const res = await pages.app.request(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json() as Promise<any>;
  }

  beforeAll(async () => {
    pages = await createDemoPages('pglite', '2026-11-25T08:00:00Z');
    crank = (await pages.database.db.select().from(lines)).find((l) => l.code === 'crankshaft-1')!.id;
    useCaseId = (await pages.database.db.select().from(useCases)).find((u) => u.title === 'Buffer before hardening')!.id;
    const ownerId = (await pages.database.db.select().from(useCases).where(eq(useCases.id, useCaseId)))[0].ownerId;
    const kpi = await api('POST', `/use-cases/${useCaseId}/kpis`, {
      ownerId,
      name: 'Crankshaft throughput',
      unit: 'parts/h',
      direction: 'higher_is_better',
      reviewCadence: 'weekly',
      baseline: { value: 50, periodStart: '2026-10-05', periodEnd: '2026-11-01', source: 'MES' },
      target: { value: 60, date: '2027-06-01' },
      live: { metric: 'throughput', lineId: crank },
    });
    kpiId = kpi.id;
    await feedDemo(pages);
    runner = startSimulationRunner({ db: pages.database.db, dbKind: pages.database.kind, clock: pages.clock }, 3_600_000);
    pages.clock.advance(60_000);
    const run = await api(
      'POST',
      `/lines/${crank}/maintenance-plans`,
      { precision: { replications: 4, maxReplications: 6 } },
      'tw_demo_planner',
    );
    await runner.drain();
    answer = `/lines/${crank}/questions/runs/${run.id}`;
    client = await pages.as(planner, 'planner');
  }, 240_000);
  afterAll(async () => {
    await runner?.stop();
    await closeSimulationPool();
    await pages?.close();
  });

  it('offers the form on a maintenance answer: the line’s use cases, the placements with the recommended one checked, the KPIs', async () => {
    const page = await client.get(`${answer}?useCaseId=${useCaseId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h2 id="record-decision-heading">Record this decision</h2>');
    expect(page.html).toMatch(new RegExp(`<option value="${useCaseId}" selected="">Buffer before hardening</option>`));
    expect(page.html).toMatch(/<input id="dec-option-\d+" type="radio" name="option" value="WO-\d+\|[^"]+" checked=""/);
    expect(page.html).toContain('From the run: ');
    expect(page.html).toContain('type="datetime-local"');
  });

  it('refuses input with errors on its fields, in place (422)', async () => {
    const form = await client.get(`${answer}/decision?useCaseId=${useCaseId}`, { 'hx-request': 'true' });
    expect(form.status).toBe(200);
    const refused = await client.post(
      `${answer}/decision`,
      { sent: '1', useCaseId, shownUseCaseId: useCaseId, effectiveFrom: 'soon' },
      { htmx: true },
    );
    expect(refused.status).toBe(422);
    expect(refused.html.startsWith('<section id="record-decision"')).toBe(true);
    expect(refused.html).toContain('id="dec-option-error"');
    expect(refused.html).toContain('tick at least one KPI the decision is to move');
    expect(refused.html).toContain('Error: a date and time such as 2026-11-26T06:00');
  });

  it('records the decision with its prediction taken from the run, and the use case page lists it, pending', async () => {
    const page = await client.get(`${answer}?useCaseId=${useCaseId}`);
    const option = /name="option" value="([^"]+)" checked=""/.exec(page.html)![1].replace(/&#39;/g, "'");
    const posted = await client.post(`${answer}/decision`, {
      sent: '1',
      useCaseId,
      shownUseCaseId: useCaseId,
      option,
      [`predict.${kpiId}`]: '1',
      effectiveFrom: '2026-11-25T10:00',
      note: 'as the twin recommends',
    });
    expect(posted.status, posted.html.slice(0, 2000)).toBe(303);
    expect(posted.headers.get('location')).toBe(`/use-cases/${useCaseId}?done=decision#decisions`);
    // The newest of the use case's decisions (the demo's owner took one before).
    const [d] = await pages.database.db
      .select()
      .from(decisions)
      .where(eq(decisions.useCaseId, useCaseId))
      .orderBy(desc(decisions.decidedAt))
      .limit(1);
    expect(d.choiceKind).toBe('maintenance_placement');
    const [p] = await pages.database.db.select().from(decisionPredictions).where(eq(decisionPredictions.decisionId, d.id));
    expect(p.source).toBe('run');
    expect(p.low).toBeLessThanOrEqual(p.value);
    const uc = await client.get(`/use-cases/${useCaseId}`);
    expect(uc.html).toContain('<section id="decisions" class="card" aria-labelledby="decisions-heading">');
    expect(uc.html).toMatch(/Maintenance WO-\d+ placed at/);
    expect(uc.html).toContain('pending until');
    expect(uc.html).toContain(`href="${answer}"`);
    expect(uc.html).toContain('Track record');
    const csv = await client.get(`/use-cases/${useCaseId}?format=csv&table=decisions`);
    expect(csv.html.startsWith('\uFEFFdecision_id,decided_at,')).toBe(true);
    expect(csv.html).toContain(',maintenance_placement,');
  });

  it('gives a viewer no form and 403, and someone out of scope 404', async () => {
    const reader = await pages.as(viewer, 'viewer');
    const page = await reader.get(answer);
    expect(page.html).not.toContain('record-decision-heading');
    expect((await reader.post(`${answer}/decision`, { useCaseId })).status).toBe(403);
    const linz = await pages.as(linzPlanner, 'planner');
    expect((await linz.post(`${answer}/decision`, { useCaseId })).status).toBe(404);
  });
});
