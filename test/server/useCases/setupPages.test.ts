import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis, people, useCases } from '../../../db/schema/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const MARTIN = 'martin.novak@northwind.example';
const EVA = 'eva.horakova@northwind.example';

const inputValue = (html: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*? value="([^"]*)"`).exec(html)?.[1];

describe.each(databaseKinds)('the set-up pages of use cases and KPIs (%s)', (kind) => {
  let pages: DemoPages;
  let martin: PageClient;
  let eva: PageClient;
  let programId: string;
  let personId: (email: string) => Promise<string>;
  let useCaseId: (title: string) => Promise<string>;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    martin = await pages.as(MARTIN, 'owner');
    eva = await pages.as(EVA, 'sponsor');
    programId = pages.demo.programId;
    const { db } = pages.database;
    personId = async (email) => (await db.select().from(people).where(eq(people.email, email)))[0].id;
    useCaseId = async (title) => (await db.select().from(useCases).where(eq(useCases.title, title)))[0].id;
  });
  afterAll(() => pages?.close());

  it('lets an owner propose a use case they own, in an area or line of the program', async () => {
    const page = await martin.get(`/programs/${programId}/use-cases/new`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>New use case</h1>');
    // An owner names only themselves; the program's areas and lines are offered, sites are not.
    const owners = [...page.html.matchAll(/<select id="use-case-ownerId"[\s\S]*?<\/select>/g)][0][0];
    expect(owners).toContain('Martin Novák (owner, viewer)');
    expect(owners).not.toContain('Jana');
    expect(page.html).toContain('<optgroup label="Lines">');
    expect(page.html).not.toContain('<optgroup label="Sites">');
    const line = /<option value="(line:[0-9a-f-]{36})">[^<]*Crankshaft/.exec(page.html)?.[1];
    const values = {
      title: 'Scrap at OP60 <grinding>',
      question: '',
      decisionFrequency: 'daily',
      scope: line!,
      ownerId: await personId(MARTIN),
      'groupIds.1': /name="groupIds\.1" value="([0-9a-f-]{36})"/.exec(page.html)![1],
    };
    const wrong = await martin.post(`/programs/${programId}/use-cases`, values);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('id="use-case-question-error" class="error">Error: required</small>');
    expect(wrong.html).toContain('value="Scrap at OP60 &lt;grinding&gt;"');
    expect(wrong.html).toMatch(/name="groupIds\.1" value="[0-9a-f-]{36}" checked=""/);
    const created = await martin.post(`/programs/${programId}/use-cases`, {
      ...values,
      question: 'Which grinding wheel change cuts scrap?',
    });
    expect(created.status).toBe(303);
    const id = /^\/use-cases\/([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')?.[1];
    const [row] = await pages.database.db.select().from(useCases).where(eq(useCases.id, id!));
    expect(row).toMatchObject({ status: 'proposed', ownerId: await personId(MARTIN), decisionFrequency: 'daily' });
  });

  it('refuses the propose form to a sponsor of another program and to viewers', async () => {
    const anna = await pages.as('anna.huber@northwind.example', 'sponsor');
    expect((await anna.get(`/programs/${programId}/use-cases/new`)).status).toBe(403);
    const viewer = await pages.as('petra.kralova@northwind.example', 'viewer');
    expect((await viewer.get(`/programs/${programId}/use-cases/new`)).status).toBe(403);
  });

  it('changes a use case, and shows the domain refusing an operational one without owner', async () => {
    const id = await useCaseId('Next-shift constraint');
    const form = await martin.get(`/use-cases/${id}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('It is operational: it must keep an accountable owner.');
    const values = {
      version: inputValue(form.html, 'version')!,
      title: 'Next-shift constraint',
      question: 'Which machine will constrain output next shift?',
      decisionFrequency: 'per_shift',
      scope: /<option value="(line:[0-9a-f-]{36})" selected="">/.exec(form.html)![1],
      ownerId: '',
    };
    const refused = await martin.post(`/use-cases/${id}/edit`, values);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('<p class="form-error" role="alert">an operational use case must keep an accountable owner</p>');
    expect(refused.html).toContain('id="use-case-ownerId-error" class="error">Error: required while operational</small>');
    const saved = await martin.post(`/use-cases/${id}/edit`, { ...values, ownerId: await personId(MARTIN) });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/use-cases/${id}`);
    const stale = await martin.post(`/use-cases/${id}/edit`, { ...values, ownerId: await personId(MARTIN) });
    expect(stale.status).toBe(409);
    // Jana owns another use case, not this one.
    const jana = await pages.as('jana.svobodova@northwind.example', 'owner');
    expect((await jana.get(`/use-cases/${id}/edit`)).status).toBe(403);
  });

  it('adds a KPI with baseline and target, saying how many the use case tracks', async () => {
    const id = await useCaseId('Buffer before hardening');
    const page = await martin.get(`/use-cases/${id}/kpis/new`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('This use case tracks 2 KPIs; it will track 3.');
    expect(page.html).toContain('three to five economic KPIs');
    const values = {
      name: 'Output lost to blocking',
      unit: 'parts/shift',
      direction: 'lower_is_better',
      'baseline.value': '42,5',
      'baseline.periodStart': '2026-01-01',
      'baseline.periodEnd': '2026-03-31',
      'baseline.source': '',
      'target.value': '50',
      'target.date': '2027-06-30',
      reviewCadence: 'monthly',
      ownerId: await personId(MARTIN),
      annualValuePerUnit: '',
      currency: 'eur',
    };
    const partial = await martin.post(`/use-cases/${id}/kpis`, values);
    expect(partial.status).toBe(422);
    expect(partial.html).toContain('id="kpi-baseline-source-error" class="error">Error: required</small>');
    // The target must improve on the baseline: the domain's rule, beside the target.
    const worse = await martin.post(`/use-cases/${id}/kpis`, { ...values, 'baseline.source': 'MES report' });
    expect(worse.status).toBe(422);
    expect(worse.html).toContain('id="kpi-target-value-error" class="error">Error: must be below the baseline (42.5)');
    const created = await martin.post(`/use-cases/${id}/kpis`, { ...values, 'baseline.source': 'MES report', 'target.value': '20' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`/use-cases/${id}`);
    const [row] = await pages.database.db.select().from(kpis).where(eq(kpis.name, 'Output lost to blocking'));
    expect(row).toMatchObject({ baselineValue: 42.5, targetValue: 20, currency: 'EUR', annualValuePerUnit: null });
  });

  it('warns before a pilot tracks more KPIs than the early warnings allow', async () => {
    const id = await useCaseId('Buffer before hardening');
    const base = {
      unit: '%',
      direction: 'higher_is_better',
      'target.value': '90',
      'target.date': '2027-06-30',
      reviewCadence: 'monthly',
      ownerId: await personId(MARTIN),
    };
    for (const name of ['A', 'B']) expect((await martin.post(`/use-cases/${id}/kpis`, { ...base, name })).status).toBe(303);
    const page = await martin.get(`/use-cases/${id}/kpis/new`);
    expect(page.html).toContain('More than 5 KPIs');
    expect(page.html).toContain('This pilot will be flagged as scope creep');
  });

  it('changes a KPI from the version the form showed, as a plain form and with htmx', async () => {
    const [kpi] = await pages.database.db.select().from(kpis).where(eq(kpis.name, 'Work in process'));
    const form = await martin.get(`/kpis/${kpi.id}/edit`);
    expect(form.status).toBe(200);
    expect(inputValue(form.html, 'baseline.value')).toBe('180');
    const values = Object.fromEntries(
      [
        'version',
        'name',
        'unit',
        'baseline.value',
        'baseline.periodStart',
        'baseline.periodEnd',
        'baseline.source',
        'target.value',
        'target.date',
        'annualValuePerUnit',
        'currency',
      ].map((n) => [n, inputValue(form.html, n) ?? '']),
    );
    Object.assign(values, { direction: 'lower_is_better', reviewCadence: 'weekly', ownerId: kpi.ownerId });
    const wrong = await martin.post(`/kpis/${kpi.id}/edit`, { ...values, 'target.value': 'lots' }, { htmx: true });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toMatch(/^<form method="post" action="\/kpis\/[0-9a-f-]{36}\/edit"/);
    expect(wrong.html).toContain('Error: a number</small>');
    const saved = await martin.post(`/kpis/${kpi.id}/edit`, values, { htmx: true });
    expect(saved.status).toBe(204);
    expect(saved.headers.get('hx-redirect')).toBe(`/use-cases/${kpi.useCaseId}`);
    const [after] = await pages.database.db.select().from(kpis).where(eq(kpis.id, kpi.id));
    expect(after.reviewCadence).toBe('weekly');
    expect((await martin.post(`/kpis/${kpi.id}/edit`, values)).status).toBe(409);
    const planner = await pages.as('tomas.dvorak@northwind.example', 'planner');
    expect((await planner.get(`/kpis/${kpi.id}/edit`)).status).toBe(403);
    expect((await eva.get('/kpis/00000000-0000-4000-8000-000000000000/edit')).status).toBe(404);
  });
});
