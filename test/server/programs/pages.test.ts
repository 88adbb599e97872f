import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, signInPage, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { enterprises, people, reviews } from '../../../db/schema/index.ts';
import { systemViewer, wholeInstallation } from '../../../server/access/index.ts';
import type { Actor } from '../../../server/deps.ts';
import { measurementSeries, programRoi } from '../../../server/kpis/index.ts';
import { listMilestones } from '../../../server/milestones/milestones.ts';
import { portfolio } from '../../../server/programs/index.ts';
import { createPerson } from '../../../server/people/index.ts';
import { createSite } from '../../../server/plant/index.ts';
import { setPasswordDirectly } from '../../../server/sessions/index.ts';

const EVA = 'eva.horakova@northwind.example';
const HOSTILE = '<script>alert(1)</script>';

describe.each(databaseKinds)('the sponsor pages (%s)', (kind) => {
  let pages: DemoPages;
  let eva: PageClient;
  let programId: string;
  let milestones: Awaited<ReturnType<typeof listMilestones>>;
  const idOf = (title: string) => milestones.find((m) => m.title.startsWith(title))!.id;

  /** A review of every open milestone, each at its current status unless told otherwise. */
  function reviewOf(heldOn: string, statuses: Record<string, string> = {}, extra: Record<string, string> = {}) {
    const form: Record<string, string> = { heldOn, summary: `Monday review ${HOSTILE}`, ...extra };
    milestones
      .filter((m) => m.status !== 'met')
      .forEach((m, i) => {
        form[`items.${i}.milestoneId`] = m.id;
        form[`items.${i}.status`] = Object.entries(statuses).find(([title]) => m.title.startsWith(title))?.[1] ?? m.status;
      });
    return form;
  }
  const refresh = async () => {
    milestones = await listMilestones(pages.database.db, systemViewer, programId);
  };
  const reviewCount = async () => (await pages.database.db.select().from(reviews).where(eq(reviews.programId, programId))).length;

  beforeAll(async () => {
    pages = await createDemoPages(kind);
    programId = pages.demo.programId;
    eva = await pages.as(EVA, 'sponsor');
    await refresh();
  });
  afterAll(() => pages?.close());

  it('gathers the portfolio and each KPI’s measured series from the domain reads', async () => {
    const db = pages.database.db;
    const [summary, ...others] = await portfolio(db, systemViewer, pages.clock());
    expect(others).toHaveLength(0);
    expect(summary.program.id).toBe(programId);
    // The demo's signals, its buffer pilot's poor track record among them.
    expect(summary.risk).toMatchObject({ level: 'critical', score: 27 });
    expect(summary.risk.signals.map((s) => s.code)).toContain('poor_track_record');
    expect(summary.useCases.map((u) => u.status).sort()).toEqual(['operational', 'piloting', 'piloting', 'proposed']);
    // The two milestones of the quarter already over come first.
    expect(
      summary.openMilestones
        .map((m) => m.title)
        .slice(0, 2)
        .sort(),
    ).toEqual(['Energy baseline signed off by controlling', 'Planners check the plan against the twin daily']);
    expect(summary.kpisBehindPlan.map((k) => k.name).sort()).toEqual([
      'Energy per good crankshaft',
      'Mean time between failures',
      'Work in process',
    ]);
    expect(summary.breachedEscalations.map((e) => e.assignee)).toEqual(['Tomáš Dvořák', 'Tomáš Dvořák']);
    expect(summary.staleSources.map((s) => [s.name, s.status])).toEqual([['CMMS work orders export', 'stale']]);

    const roi = await programRoi(db, systemViewer, programId, pages.clock());
    const oee = roi.kpis.find((k) => k.kpi === 'Line OEE')!;
    const series = await measurementSeries(db, [oee.kpiId, roi.kpis.find((k) => k.kpi === 'Changeover time')!.kpiId]);
    const points = series.get(oee.kpiId)!;
    expect(points.length).toBeGreaterThanOrEqual(5);
    expect(points.map((p) => p.date)).toEqual(points.map((p) => p.date).sort());
    expect(points.at(-1)).toEqual({ date: oee.currentPeriodEnd, value: oee.current });
    expect([...series.values()][1]).toEqual([]);
    expect((await measurementSeries(db, [])).size).toBe(0);
  });

  it('shows the portfolio with the risk first and every reason linked to the thing to fix', async () => {
    const page = await eva.get('/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Portfolio</h1>');
    expect(page.html).toContain(`<a href="/programs/${programId}">Brno &amp; Linz line performance twin</a>`);
    expect(page.html).toContain('Critical risk');
    // The heaviest reasons first, each with the place to fix it.
    const fix = page.html.indexOf('What to fix first');
    expect(fix).toBeGreaterThan(0);
    expect(fix).toBeLessThan(page.html.indexOf('Use cases by stage'));
    expect(page.html).toMatch(/<a class="fix" href="\/use-cases\/[0-9a-f-]{36}">Name an owner: Pump changeover sequence<\/a>/);
    expect(page.html).toContain(`<a class="fix" href="/programs/${programId}#milestones">Review the milestone: Planners check the plan`);
    expect(page.html).toContain('<a class="fix" href="/inbox">Handle the escalation:');
    expect(page.html).toMatch(/href="\/use-cases\/[0-9a-f-]{36}#uc-sources">Check the source: CMMS work orders export/);
    expect(page.html).toMatch(/href="\/use-cases\/[0-9a-f-]{36}#kpi-[0-9a-f-]{36}">Record a baseline: Changeover time/);
    // The state of the plan beside it.
    for (const text of ['Use cases by stage', 'Next milestones', 'KPIs behind plan', 'Breached escalations', 'Stale data sources'])
      expect(page.html).toContain(text);
    expect(page.html).toContain('Energy per good crankshaft');
    expect(page.html).toContain('CMMS work orders export');
    expect(page.html).toMatch(/<time data-age="true" datetime="[^"]+" data-template="\{age\} past its SLA">24\.0 h past its SLA<\/time>/);
  });

  it('shows the portfolio to every role that reads, and exports its reasons as CSV', async () => {
    for (const [email, role] of [
      ['stefan.maier@northwind.example', 'viewer'],
      ['tomas.dvorak@northwind.example', 'planner'],
      ['martin.novak@northwind.example', 'owner'],
      ['twin.office@northwind.example', 'admin'],
    ]) {
      const page = await (await pages.as(email, role)).get('/');
      expect(page.status, role).toBe(200);
      expect(page.html, role).toContain('Brno &amp; Linz line performance twin');
    }
    const csv = await eva.get('/?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [head, ...rows] = csv.html.split('\r\n');
    expect(head).toBe('\uFEFFprogramId,program,riskLevel,score,signal,weight,message,entityType,entity,fixAt');
    // Signals of the same weight come in no promised order: the row is among them.
    expect(rows[0]).toContain(',critical,27,');
    expect(rows.some((r) => r.includes(',critical,27,use_case_without_owner,3,'))).toBe(true);
  });

  it('says what the scope leaves out to a person who sees one site only', async () => {
    const lukas = await pages.as('lukas.gruber@northwind.example', 'planner');
    const page = await lukas.get('/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Judged over what your scope shows:');
    const program = await lukas.get(`/programs/${programId}`);
    expect(program.status).toBe(200);
    expect(program.html).not.toContain('Buffer before hardening');
  });

  it('shows an empty portfolio to someone whose sites have no program', async () => {
    const db = pages.database.db;
    const [admin] = await db.select().from(people).where(eq(people.email, 'twin.office@northwind.example'));
    const [enterprise] = await db.select().from(enterprises);
    const actor: Actor = { personId: admin.id, name: admin.name, role: 'admin', tokenId: 'test', ...wholeInstallation };
    const w = { tx: db, actor, now: pages.clock() };
    const site = await createSite(w, { enterpriseId: enterprise.id, code: 'graz', name: 'Graz', timezone: 'Europe/Vienna' });
    const person = await createPerson(w, {
      name: 'Gerda Graz',
      email: 'gerda@northwind.example',
      roles: ['viewer'],
      scope: { kind: 'sites', siteIds: [site.id] },
    });
    await setPasswordDirectly(w, person.id, 'twinward-demo-graz', 'gerda@northwind.example');
    const gerda = await signInPage(pages.app, 'gerda@northwind.example', 'twinward-demo-graz');
    const page = await gerda.get('/');
    expect(page.status).toBe(200);
    expect(page.html).toContain('No program is in your scope yet.');
    // A program out of scope does not exist for them.
    expect((await gerda.get(`/programs/${programId}`)).status).toBe(404);
  });

  it('shows the program: risk, milestones on a timeline, ROI, adoption, with the OEE loaded as a fragment', async () => {
    const page = await eva.get(`/programs/${programId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Brno &amp; Linz line performance twin</h1>');
    const order = ['id="risk"', 'id="milestones"', 'id="roi"', 'id="adoption"', 'id="oee"'].map((id) => page.html.indexOf(id));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(page.html).toContain('id="milestone-timeline"');
    expect(page.html).toMatch(/<text class="tl-status tl-at_risk"[^>]*>at risk<\/text>/);
    expect(page.html).toContain('€357,140');
    expect(page.html).toMatch(/<svg class="sparkline"/);
    expect(page.html).toContain('id="adoption-heatmap"');
    expect(page.html).toContain('Machining shift leaders');
    expect(page.html).toContain('<form id="review-form"');
    // The OEE arrives by htmx; without script the link shows it in place.
    expect(page.html).toContain(`hx-get="/programs/${programId}" hx-trigger="load, every 60s"`);
    const inPlace = await eva.get(`/programs/${programId}?oee=show`);
    expect(inPlace.html).toContain('Crankshaft line 1');
    const fragment = await eva.get(`/programs/${programId}`, { 'hx-request': 'true', 'hx-target': 'oee-body' });
    expect(fragment.status).toBe(200);
    expect(fragment.html).not.toContain('<html');
    expect(fragment.html).toContain('Crankshaft line 1');
    expect(fragment.html).toContain('Pump line 2');
    expect(fragment.html).toContain('no data yet');
  });

  it('switches the adoption heat map to months in place', async () => {
    const fragment = await eva.get(`/programs/${programId}?period=month`, { 'hx-request': 'true', 'hx-target': 'adoption' });
    expect(fragment.status).toBe(200);
    expect(fragment.html.startsWith('<section id="adoption"')).toBe(true);
    expect(fragment.html).toMatch(/aria-current="true"[^>]*>Monthly<\/a>/);
    expect(fragment.html).toContain(`/programs/${programId}?format=csv&amp;table=adoption&amp;period=month`);
  });

  it('exports each table of the program page as CSV', async () => {
    const heads: Record<string, string> = {
      milestones: 'id,title,useCase,dueQuarter,dueBy,status,atRisk,consecutiveMisses,owner,lastReview,lastReviewStatus',
      roi: 'kpiId,kpi,useCase,unit,direction,baseline,current,currentPeriodEnd,target,targetDate,gapClosed,trend,measurementOverdue,realisedAnnualValue,targetAnnualValue,currency',
      adoption: 'groupId,group,expectedFrequency,periodStart,periodEnd,partial,observed,automatic,expected,ratio,status',
      oee: 'lineId,line,site,shift,from,to,oee,availability,performance,quality,good,planSoFar,newestEventAt',
    };
    for (const [table, head] of Object.entries(heads)) {
      const csv = await eva.get(`/programs/${programId}?format=csv&table=${table}`);
      expect(csv.status, table).toBe(200);
      expect(csv.headers.get('content-disposition'), table).toContain(`program-${table}-`);
      expect(csv.html.split('\r\n')[0], table).toBe(`\uFEFF${head}`);
    }
    const roi = await eva.get(`/programs/${programId}?format=csv&table=roi`);
    expect(roi.html).toContain('Line OEE,Next-shift constraint,%,higher_is_better,61.8,67.5,2026-10-31,70,2027-06-01');
    const monthly = await eva.get(`/programs/${programId}?format=csv&table=adoption&period=month`);
    expect(monthly.html.split('\r\n').length).toBeLessThan(
      (await eva.get(`/programs/${programId}?format=csv&table=adoption`)).html.split('\r\n').length,
    );
    expect((await eva.get(`/programs/${programId}?format=csv&table=secrets`)).status).toBe(404);
  });

  it('answers 404 for a program that does not exist or is no id', async () => {
    expect((await eva.get('/programs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await eva.get('/programs/not-an-id')).status).toBe(404);
  });

  it('offers the review form only to whoever may record it, and refuses the others', async () => {
    const anna = await pages.as('anna.huber@northwind.example', 'sponsor');
    const page = await anna.get(`/programs/${programId}`);
    expect(page.html).toContain('Reviews of this program are recorded by its sponsor or an administrator.');
    expect(page.html).not.toContain('<form id="review-form"');
    // Anna sponsors no program of hers here: the domain refuses; a viewer or owner fails the policy.
    expect((await anna.post(`/programs/${programId}/reviews`, reviewOf('2026-11-25'))).status).toBe(403);
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    expect((await viewer.post(`/programs/${programId}/reviews`, reviewOf('2026-11-25'), { htmx: true })).status).toBe(403);
    const owner = await pages.as('martin.novak@northwind.example', 'owner');
    expect((await owner.post(`/programs/${programId}/reviews`, reviewOf('2026-11-25'))).status).toBe(403);
    expect(await reviewCount()).toBe(2);
  });

  it('re-renders the form with the field errors (422) and writes nothing', async () => {
    const before = await reviewCount();
    const noDate = await eva.post(`/programs/${programId}/reviews`, reviewOf(''), { htmx: true, target: 'milestones' });
    expect(noDate.status).toBe(422);
    expect(noDate.html.startsWith('<section id="milestones"')).toBe(true);
    expect(noDate.html).toMatch(/<input type="date"[^>]*id="review-heldOn"[^>]*aria-invalid="true"/);
    expect(noDate.html).toContain('id="review-heldOn-error"');
    // The summary comes back as typed, escaped.
    expect(noDate.html).toContain('Monday review &lt;script&gt;alert(1)&lt;/script&gt;');

    // A milestone not due yet cannot be missed: the domain names the field.
    const early = await eva.post(`/programs/${programId}/reviews`, reviewOf('2026-11-25', { 'Buffer size': 'missed' }), {
      htmx: true,
      target: 'milestones',
    });
    expect(early.status).toBe(422);
    expect(early.html).toContain('cannot record it as missed');
    expect(early.html).toMatch(/id="review-\d-status-error"[^>]*>Error: not due yet/);
    // What was chosen stays chosen.
    expect(early.html).toMatch(/<option value="missed" selected="">missed<\/option>/);

    const plain = await eva.post(`/programs/${programId}/reviews`, reviewOf('2026-09-01'));
    expect(plain.status).toBe(422);
    expect(plain.html).toContain('<h1>Brno &amp; Linz line performance twin</h1>');
    expect(plain.html).toContain('must be after 2026-09-30');
    expect(await reviewCount()).toBe(before);
  });

  it('records a review from a plain form and sends the browser back to the page (303)', async () => {
    const res = await eva.post(`/programs/${programId}/reviews`, reviewOf('2026-11-25', { 'Planners check': 'missed' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/programs/${programId}?reviewed=2026-11-25#milestones`);
    const page = await eva.get(`/programs/${programId}?reviewed=2026-11-25`);
    expect(page.html).toContain('The review of 2026-11-25 is recorded.');
    expect(page.html).toContain('missed in 3 reviews in a row');
    await refresh();
  });

  it('records reviews in place with htmx, and a milestone missed twice turns at risk', async () => {
    const bufferRow = () => new RegExp(`<tr id="milestone-${idOf('Buffer size')}" class="([a-z_]+)">`);
    // Weeks pass between reviews (the session of then has long ended).
    pages.clock.set('2027-01-08T09:00:00Z');
    eva = await pages.as(EVA, 'sponsor');
    const first = await eva.post(`/programs/${programId}/reviews`, reviewOf('2027-01-08', { 'Buffer size': 'missed' }), {
      htmx: true,
      target: 'milestones',
    });
    expect(first.status).toBe(200);
    expect(first.html.startsWith('<section id="milestones"')).toBe(true);
    expect(first.html).toContain('The review of 2027-01-08 is recorded.');
    expect(bufferRow().exec(first.html)?.[1]).toBe('missed');
    await refresh();

    pages.clock.set('2027-02-05T09:00:00Z');
    eva = await pages.as(EVA, 'sponsor');
    const second = await eva.post(`/programs/${programId}/reviews`, reviewOf('2027-02-05', { 'Buffer size': 'missed' }), {
      htmx: true,
      target: 'milestones',
    });
    expect(second.status).toBe(200);
    expect(bufferRow().exec(second.html)?.[1]).toBe('at_risk');
    expect(second.html).toContain('missed in 2 reviews in a row');
    // The risk section follows out of band: the new at-risk milestone is a reason now.
    expect(second.html).toContain('<section id="risk"');
    expect(second.html).toContain('hx-swap-oob="true"');
    expect(second.html).toContain('Review the milestone: Buffer size decided from the pilot');
  });
});
