import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiMeasurements, kpis, useCases } from '../../../db/schema/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const MARTIN = 'martin.novak@northwind.example';

describe.each(databaseKinds)('the use-case page (%s)', (kind) => {
  let pages: DemoPages;
  let martin: PageClient;
  let eva: PageClient;
  let caseId: (title: string) => Promise<string>;
  let kpiId: (name: string) => Promise<string>;
  let latestMeasurement: (kpi: string) => Promise<typeof kpiMeasurements.$inferSelect>;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    martin = await pages.as(MARTIN, 'owner');
    eva = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const { db } = pages.database;
    caseId = async (title) => (await db.select().from(useCases).where(eq(useCases.title, title)))[0].id;
    kpiId = async (name) => (await db.select().from(kpis).where(eq(kpis.name, name)))[0].id;
    latestMeasurement = async (kpi) =>
      (
        await db
          .select()
          .from(kpiMeasurements)
          .where(and(eq(kpiMeasurements.kpiId, kpi)))
          .orderBy(desc(kpiMeasurements.periodEnd))
      )[0];
  });
  afterAll(() => pages?.close());

  it('shows the question, owner, groups, lifecycle, KPIs with their measurements and the data sources', async () => {
    const id = await caseId('Buffer before hardening');
    const page = await martin.get(`/use-cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Buffer before hardening</h1>');
    expect(page.html).toContain('What buffer level before OP40 induction hardening minimises lost output without raising WIP?');
    expect(page.html).toContain('<dt>Accountable owner</dt><dd>Martin Novák</dd>');
    expect(page.html).toContain('Crankshaft line 1 · Machining hall · Brno Powertrain Plant');
    expect(page.html).toContain('<strong>Production planners</strong> · expected to use it daily');
    expect(page.html).toContain('<li class="current" aria-current="step">Piloting');
    expect(page.html).toContain('<button type="submit" name="to" value="operational">Make operational</button>');
    expect(page.html).toContain('<span class="badge ok">On plan</span>');
    expect(page.html).toContain('<span class="badge at_risk">Behind plan</span>');
    expect(page.html).toMatch(/<svg [^>]*role="img" aria-labelledby="kpi-chart-[0-9a-f-]{36}-title kpi-chart-[0-9a-f-]{36}-desc">/);
    expect(page.html).toContain('<th scope="row">2026-09-01 – 2026-09-30</th><td class="num">11.6</td>');
    expect(page.html).toContain('Crankshaft line PLC states');
    expect(page.html).toContain('<span class="badge fresh">Fresh</span>');
    expect(page.html).toContain('Trust in its answers: <span class="badge ok">OK</span>');
    expect(page.html).toContain('Record a measurement');
    // The stall risk loads itself after the page (it reads the whole program's early warnings).
    expect(page.html).toContain(`hx-get="/use-cases/${id}" hx-trigger="load" hx-target="this" hx-swap="outerHTML"`);
  });

  it('answers the stall risk as its own fragment, or inline for a browser without script', async () => {
    const id = await caseId('Buffer before hardening');
    const risk = await martin.get(`/use-cases/${id}`, { 'hx-request': 'true', 'hx-target': 'uc-risk' });
    expect(risk.status).toBe(200);
    expect(risk.html).toMatch(/^<section id="uc-risk"/);
    // Its pilot's predictions were optimistic (the demo's decisions): a poor track record makes it critical.
    expect(risk.html).toContain('<span class="badge critical">Critical risk</span>');
    expect(risk.html).toContain(
      'Decisions of &#39;Buffer before hardening&#39; came out outside their predictions too often (1 of 4 inside',
    );
    expect(risk.html).toMatch(/— <a href="\/escalations\/[0-9a-f-]{36}">Planners release the plan/);
    expect(risk.html).toMatch(/<a href="\/use-cases\/[0-9a-f-]{36}#kpi-[0-9a-f-]{36}">Work in process<\/a>/);
    expect((await martin.get(`/use-cases/${id}?with=risk`)).html).toContain('<span class="badge critical">Critical risk</span>');
    // Its track record says what to recalibrate, and links where the line's calibration is started.
    const page = await martin.get(`/use-cases/${id}`);
    expect(page.html).toMatch(/Predictions of Blocked and starved time at OP40 were \d+ % low on average/);
    expect(page.html).toMatch(/<a class="button" href="\/lines\/[0-9a-f-]{36}\/simulate#sim-validation">Calibrate the line’s model<\/a>/);
  });

  it('says when a required source is stale, and exports measurements, sources and steps as CSV', async () => {
    const id = await caseId('Gearbox maintenance window');
    const page = await martin.get(`/use-cases/${id}`);
    expect(page.html).toContain('Trust in its answers: <span class="badge bad">Degraded</span>');
    expect(page.html).toContain('<span class="badge stale">Stale</span>');
    expect(page.html).toMatch(/<time data-age="true" datetime="2026-11-21T08:00:00.000Z" data-template="\{age\} ago">4.0 d ago<\/time>/);
    const csv = await martin.get(`/use-cases/${id}?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = csv.html.split('\r\n');
    expect(rows[0]).toBe('\uFEFFkpi_id,kpi,unit,period_start,period_end,value,source,recorded_by,recorded_at');
    expect(rows).toHaveLength(1 + 3 + 5 + 1); // MTBF 3 months, output lost 5 months
    const one = await martin.get(`/use-cases/${id}?format=csv&table=measurements&kpi=${await kpiId('Mean time between failures')}`);
    expect(one.html.split('\r\n')).toHaveLength(1 + 3 + 1);
    const sources = await martin.get(`/use-cases/${id}?format=csv&table=sources`);
    expect(sources.html).toContain(',CMMS work orders export,maintenance,true,stale,');
    const steps = await martin.get(`/use-cases/${id}?format=csv&table=transitions`);
    expect(steps.html.split('\r\n')[0]).toBe('\uFEFFat,from,to,by,note');
    expect((await martin.get(`/use-cases/${id}?format=csv&table=nonsense`)).status).toBe(404);
  });

  it('moves along the lifecycle in place, and shows the missing conditions when a step is refused (409)', async () => {
    const id = await caseId('Pump changeover sequence');
    const page = await eva.get(`/use-cases/${id}`);
    expect(page.html).toContain('<span class="badge bad">No owner</span>');
    const skip = await eva.post(`/use-cases/${id}/transitions`, { to: 'operational' }, { htmx: true, target: 'uc-lifecycle' });
    expect(skip.status).toBe(409);
    expect(skip.html).toContain('a proposed use case cannot become operational');
    const bad = await eva.post(`/use-cases/${id}/transitions`, { to: 'finished' }, { htmx: true, target: 'uc-lifecycle' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('choose the stage to move to');
    const pilot = await eva.post(
      `/use-cases/${id}/transitions`,
      { to: 'piloting', note: 'Trial with <b>two</b> sequences' },
      { htmx: true, target: 'uc-lifecycle' },
    );
    expect(pilot.status).toBe(200);
    expect(pilot.html).toMatch(/^<section id="uc-lifecycle"/);
    expect(pilot.html).toContain('<li class="current" aria-current="step">Piloting');
    expect(pilot.html).toContain('Trial with &lt;b&gt;two&lt;/b&gt; sequences');
    expect(pilot.html).toContain('To become operational it still needs:');
    expect(pilot.html).toContain('<section id="uc-risk" class="card" aria-labelledby="uc-risk-heading" aria-busy="true"');
    expect(pilot.html).toContain('hx-swap-oob="true"');
    const refused = await eva.post(`/use-cases/${id}/transitions`, { to: 'operational' }, { htmx: true, target: 'uc-lifecycle' });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('<strong>Not moved</strong>');
    expect(refused.html).toContain(
      'the use case cannot become operational without an accountable owner and at least one KPI with a baseline',
    );
    expect(refused.html).toMatch(
      /It still needs:<\/p><ul class="missing"><li>an accountable owner.*<\/li><li>at least one KPI with a baseline/,
    );
    const plain = await eva.post(`/use-cases/${id}/transitions`, { to: 'operational' });
    expect(plain.status).toBe(409);
    expect(plain.html).toContain('<h1>Pump changeover sequence</h1>');
    expect(plain.html).toContain('<strong>Not moved</strong>');
    const back = await eva.post(`/use-cases/${id}/transitions`, { to: 'proposed' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/use-cases/${id}?done=transition#uc-lifecycle`);
  });

  it('refuses a step to those who may not take it (403) and hides a use case out of scope (404)', async () => {
    const maintenance = await caseId('Gearbox maintenance window');
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    expect((await viewer.post(`/use-cases/${maintenance}/transitions`, { to: 'operational' })).status).toBe(403);
    const page = await viewer.get(`/use-cases/${maintenance}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Record a measurement');
    expect(page.html).not.toContain('name="to"');
    // Jana owns it; Martin, an owner too, may not move it.
    const notHis = await martin.post(
      `/use-cases/${maintenance}/transitions`,
      { to: 'operational' },
      { htmx: true, target: 'uc-lifecycle' },
    );
    expect(notHis.status).toBe(403);
    expect(notHis.headers.get('hx-retarget')).toBe('#flash');
    const linz = await pages.as('lukas.gruber@northwind.example', 'planner');
    expect((await linz.get(`/use-cases/${maintenance}`)).status).toBe(404);
    expect((await linz.post(`/use-cases/${maintenance}/kpis/${await kpiId('Mean time between failures')}/measurements`, {})).status).toBe(
      404,
    );
  });

  it('records a measurement in place, with field errors (422) for a wrong value, an open period or an overlap', async () => {
    const id = await caseId('Buffer before hardening');
    const kpi = await kpiId('Blocked and starved time at OP40');
    const url = `/use-cases/${id}/kpis/${kpi}/measurements`;
    const options = { htmx: true, target: `kpi-${kpi}` };
    const notNumber = await martin.post(
      url,
      { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: 'eleven', source: 'PLC state log' },
      options,
    );
    expect(notNumber.status).toBe(422);
    expect(notNumber.html).toMatch(new RegExp(`^<article id="kpi-${kpi}"`));
    expect(notNumber.html).toContain('Error: must be a number such as 64.5');
    expect(notNumber.html).toContain('value="eleven"');
    const open = await martin.post(
      url,
      { periodStart: '2026-11-01', periodEnd: '2026-11-30', value: '10', source: 'PLC state log' },
      options,
    );
    expect(open.status).toBe(422);
    expect(open.html).toContain('Error: the period has not ended yet (it must end before today)');
    const done = await martin.post(
      url,
      { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: '10,9', source: 'PLC state log' },
      options,
    );
    expect(done.status).toBe(200);
    expect(done.html).toContain('<th scope="row">2026-10-01 – 2026-10-31</th><td class="num">10.9</td>');
    expect(done.html).toContain('hx-swap-oob="true"'); // the stall risk reloads itself
    expect((await latestMeasurement(kpi)).value).toBe(10.9);
    const overlap = await martin.post(
      url,
      { periodStart: '2026-10-15', periodEnd: '2026-10-31', value: '10', source: 'PLC state log' },
      options,
    );
    expect(overlap.status).toBe(422);
    expect(overlap.html).toContain('Error: overlaps another measurement');
    expect(overlap.html).toContain('the period overlaps the measurement of 2026-10-01..2026-10-31');
    const plain = await martin.post(url, { periodStart: '2026-09-01', periodEnd: '2026-09-15', value: '1', source: 'x' });
    expect(plain.status).toBe(422);
    expect(plain.html).toContain('<h1>Buffer before hardening</h1>');
  });

  it('lets a planner record as a plain form (303), and corrects a wrong value from the version shown', async () => {
    const id = await caseId('Buffer before hardening');
    const kpi = await kpiId('Work in process');
    const tomas = await pages.as('tomas.dvorak@northwind.example', 'planner');
    const plain = await tomas.post(`/use-cases/${id}/kpis/${kpi}/measurements`, {
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      value: '1850',
      source: 'MES WIP snapshot',
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/use-cases/${id}?done=recorded#kpi-${kpi}`);
    const wrong = await latestMeasurement(kpi);
    const url = `/use-cases/${id}/measurements/${wrong.id}`;
    const fields = { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: '185', source: 'MES WIP snapshot' };
    const stale = await tomas.post(url, { ...fields, version: String(wrong.version - 1) }, { htmx: true, target: `kpi-${kpi}` });
    // A stale version is a conflict (409), as on the other pages; in place and as a plain form alike.
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('was changed by someone else since you read it');
    const stalePlain = await tomas.post(url, { ...fields, version: String(wrong.version - 1) });
    expect(stalePlain.status).toBe(409);
    expect(stalePlain.html).toContain('<h1>Buffer before hardening</h1>');
    expect(stalePlain.html).toContain('was changed by someone else since you read it');
    // A blank version is no version 0: the form is refused (422), nothing is corrected.
    const blank = await tomas.post(url, { ...fields, version: '' }, { htmx: true, target: `kpi-${kpi}` });
    expect(blank.status).toBe(422);
    expect(blank.html).toContain('the form lost its version; reload the page');
    expect((await latestMeasurement(kpi)).value).toBe(1850);
    const fixed = await tomas.post(url, { ...fields, version: String(wrong.version) }, { htmx: true, target: `kpi-${kpi}` });
    expect(fixed.status).toBe(200);
    expect(fixed.html).toContain('<th scope="row">2026-10-01 – 2026-10-31</th><td class="num">185</td>');
    expect((await latestMeasurement(kpi)).value).toBe(185);
    const again = await tomas.post(url, { ...fields, value: '186', version: String(wrong.version + 1) });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/use-cases/${id}?done=corrected#kpi-${kpi}`);
    expect((await tomas.get(`/use-cases/${id}?done=corrected`)).html).toContain('<strong>Measurement corrected.</strong>');
  });
});
