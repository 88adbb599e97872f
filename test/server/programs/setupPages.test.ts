import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSources, milestones, people, programs, sites, useCaseDataSources, useCases, userGroups } from '../../../db/schema/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const ADMIN = 'twin.office@northwind.example';
const EVA = 'eva.horakova@northwind.example';

/** The value of an input of a page, by name. */
const inputValue = (html: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*? value="([^"]*)"`).exec(html)?.[1];

describe.each(databaseKinds)('the set-up pages of programs (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  let eva: PageClient;
  let programId: string;
  let personId: (email: string) => Promise<string>;
  let siteIds: string[];
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as(ADMIN, 'admin');
    eva = await pages.as(EVA, 'sponsor');
    programId = pages.demo.programId;
    const { db } = pages.database;
    personId = async (email) => (await db.select().from(people).where(eq(people.email, email)))[0].id;
    siteIds = (await db.select().from(sites)).map((s) => s.id);
  });
  afterAll(() => pages?.close());

  const programForm = async (overrides: Record<string, string> = {}) => ({
    name: 'Press shop twin',
    description: 'Die change <decisions>',
    sponsorId: await personId(EVA),
    'siteIds.0': siteIds[0],
    goLiveDate: '2027-03-01',
    valueWindowMonths: '9',
    shiftsPerDay: '',
    workingDaysPerWeek: '',
    slaCriticalHours: '',
    slaHighHours: '',
    slaNormalHours: '',
    slaLowHours: '',
    timezone: '',
    ...overrides,
  });

  it('starts a program from the form and sends the browser to its page', async () => {
    const page = await admin.get('/programs/new');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>New program</h1>');
    expect(page.html).toMatch(/<label for="program-name">Name<\/label>/);
    // The sponsor select offers people who hold the sponsor role, with their roles named.
    expect(page.html).toContain('Eva Horáková (sponsor, viewer)');
    expect(page.html).not.toContain('Martin Novák (owner, viewer)</option>');
    const enterpriseId =
      inputValue(page.html, 'enterpriseId') ?? /<option value="([0-9a-f-]{36})" selected="">Northwind/.exec(page.html)?.[1];
    const created = await admin.post('/programs', { enterpriseId: enterpriseId!, ...(await programForm()) });
    expect(created.status).toBe(303);
    const id = /^\/programs\/([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')?.[1];
    expect(id).toBeDefined();
    const [row] = await pages.database.db.select().from(programs).where(eq(programs.id, id!));
    expect(row).toMatchObject({ name: 'Press shop twin', valueWindowMonths: 9, shiftsPerDay: 3, slaCriticalHours: 24 });
  });

  it('re-renders a wrong form with the errors beside the fields (422), and the domain’s refusals too', async () => {
    const enterpriseId = (await pages.database.db.select().from(sites))[0].enterpriseId;
    const blank = await admin.post('/programs', {
      enterpriseId,
      ...(await programForm({ name: ' ', valueWindowMonths: '99', 'siteIds.0': '' })),
    });
    expect(blank.status).toBe(422);
    expect(blank.html).toContain('id="program-name-error" class="error">Error: required</small>');
    expect(blank.html).toContain('Error: at most 36</small>');
    expect(blank.html).toContain('Error: choose at least one site</small>');
    expect(blank.html).toContain('>Die change &lt;decisions&gt;</textarea>');
    // A more severe escalation never gets longer than a less severe one: the domain's rule, at its field.
    const sla = await admin.post('/programs', { enterpriseId, ...(await programForm({ slaCriticalHours: '50', slaHighHours: '40' })) });
    expect(sla.status).toBe(422);
    expect(sla.html).toMatch(/<p class="form-error" role="alert">invalid body.slaHighHours: must not be shorter than slaCriticalHours/);
    expect(sla.html).toContain('aria-invalid="true" aria-describedby="program-slaHighHours-hint program-slaHighHours-error"');
  });

  it('lets a sponsor start only a program they sponsor', async () => {
    const page = await eva.get('/programs/new');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Anna Huber (owner, sponsor, viewer)');
    const enterpriseId = (await pages.database.db.select().from(sites))[0].enterpriseId;
    const refused = await eva.post('/programs', {
      enterpriseId,
      ...(await programForm({ sponsorId: await personId('anna.huber@northwind.example') })),
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('a sponsor creates programs they sponsor themselves');
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    expect((await viewer.get('/programs/new')).status).toBe(403);
    expect((await viewer.post('/programs', { enterpriseId, ...(await programForm()) })).status).toBe(403);
  });

  it('changes a program from the version the form showed, and refuses a stale one (409) without overwriting', async () => {
    const form = await eva.get(`/programs/${programId}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="Brno &amp; Linz line performance twin"');
    const version = inputValue(form.html, 'version')!;
    expect(form.html).toMatch(/name="siteIds\.0" value="[0-9a-f-]{36}" checked=""/);
    const values = {
      version,
      name: 'Brno & Linz twin',
      description: 'Renamed',
      sponsorId: await personId(EVA),
      'siteIds.0': siteIds[0],
      'siteIds.1': siteIds[1],
      goLiveDate: inputValue(form.html, 'goLiveDate')!,
      valueWindowMonths: '12',
      shiftsPerDay: '3',
      workingDaysPerWeek: '5',
      slaCriticalHours: '24',
      slaHighHours: '48',
      slaNormalHours: '72',
      slaLowHours: '120',
      timezone: 'Europe/Prague',
    };
    const saved = await eva.post(`/programs/${programId}/edit`, values);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/programs/${programId}`);
    // The same form again, from the version before the change: someone else's change is not overwritten.
    const stale = await eva.post(`/programs/${programId}/edit`, { ...values, name: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('was changed by someone else since you read it');
    expect(stale.html).toContain('Someone else saved a change since you opened this form.');
    expect(inputValue(stale.html, 'version')).toBe(String(Number(version) + 1));
    const [row] = await pages.database.db.select().from(programs).where(eq(programs.id, programId));
    expect(row.name).toBe('Brno & Linz twin');
    // An htmx post of a wrong form answers the form alone.
    const fragment = await eva.post(
      `/programs/${programId}/edit`,
      { ...values, version: String(row.version), valueWindowMonths: 'x' },
      { htmx: true },
    );
    expect(fragment.status).toBe(422);
    expect(fragment.html).toMatch(/^<form method="post" action="\/programs\/[0-9a-f-]{36}\/edit"/);
    expect(fragment.html).toContain('Error: a number</small>');
  });

  it('archives a program and restores it, the edit page saying it is archived', async () => {
    const archived = await eva.post(`/programs/${programId}/archive`, {});
    expect(archived.status).toBe(303);
    expect(archived.headers.get('location')).toBe(`/programs/${programId}`);
    const page = await eva.get(`/programs/${programId}/edit`);
    expect(page.html).toMatch(/Archived since \d{4}-\d{2}-\d{2}: it takes no changes until it is restored\./);
    expect(page.html).toContain(`action="/programs/${programId}/restore"`);
    // An archived program takes no changes: the domain's refusal, on the form.
    const values = Object.fromEntries([...page.html.matchAll(/name="([\w.]+)"[^>]*? value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const refused = await eva.post(`/programs/${programId}/edit`, { ...values, sponsorId: await personId(EVA) });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('is archived (since');
    expect((await eva.post(`/programs/${programId}/restore`, {})).status).toBe(303);
    const [row] = await pages.database.db.select().from(programs).where(eq(programs.id, programId));
    expect(row.archivedAt).toBeNull();
  });

  it('refuses the form to those who may not change the program', async () => {
    const owner = await pages.as('martin.novak@northwind.example', 'owner');
    expect((await owner.get(`/programs/${programId}/edit`)).status).toBe(403);
    const anna = await pages.as('anna.huber@northwind.example', 'sponsor');
    const other = await anna.get(`/programs/${programId}/edit`);
    expect(other.status).toBe(403);
    expect(other.html).toContain('only an admin, the program&#39;s sponsor may change this program');
    expect((await eva.get('/programs/00000000-0000-4000-8000-000000000000/edit')).status).toBe(404);
  });

  it('lists the user groups with their members and routes, and changes them in place with htmx', async () => {
    const page = await eva.get(`/programs/${programId}/groups`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h2 id="group-');
    expect(page.html).toContain('Machining shift leaders');
    const [group] = await pages.database.db.select().from(userGroups).where(eq(userGroups.name, 'Machining shift leaders'));
    const stefan = await personId('stefan.maier@northwind.example');
    const added = await eva.post(`/user-groups/${group.id}/members`, { personId: stefan }, { htmx: true, target: `group-${group.id}` });
    expect(added.status).toBe(200);
    expect(added.html).toMatch(new RegExp(`^<section class="card setup-group-card" id="group-${group.id}"`));
    expect(added.html).toContain('<h3 id="group-' + group.id + '-members">Members (3)</h3>');
    // Without script: a plain form, answered with a 303 back to the page.
    const removed = await eva.post(`/user-groups/${group.id}/members/${stefan}/remove`, {});
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/programs/${programId}/groups#group-${group.id}`);
    const blank = await eva.post(`/user-groups/${group.id}/members`, { personId: '' }, { htmx: true });
    expect(blank.status).toBe(422);
    expect(blank.html).toContain('Error: choose a person</small>');
  });

  it('orders the escalation route from the version the page showed', async () => {
    const { db } = pages.database;
    const [group] = await db.select().from(userGroups).where(eq(userGroups.name, 'Production planners'));
    const tomas = await personId('tomas.dvorak@northwind.example');
    const martin = await personId('martin.novak@northwind.example');
    const moved = await eva.post(
      `/user-groups/${group.id}/route/${martin}/move`,
      { version: String(group.version), direction: 'up' },
      { htmx: true },
    );
    expect(moved.status).toBe(200);
    expect(moved.html).toContain('Step 1: Martin Novák');
    expect(moved.html).toContain('Step 2: Tomáš Dvořák');
    const [after] = await db.select().from(userGroups).where(eq(userGroups.id, group.id));
    expect(after.version).toBe(group.version + 1);
    const stale = await eva.post(
      `/user-groups/${group.id}/route/${tomas}/move`,
      { version: String(group.version), direction: 'up' },
      { htmx: true },
    );
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('changed by someone else');
    const added = await eva.post(`/user-groups/${group.id}/route`, { personId: tomas, step: '1' }, { htmx: true });
    expect(added.status).toBe(422);
    expect(added.html).toContain('already on the route');
    const viewer = await pages.as('petra.kralova@northwind.example', 'viewer');
    const readOnly = await viewer.get(`/programs/${programId}/groups`);
    expect(readOnly.status).toBe(200);
    expect(readOnly.html).not.toContain('Add a user group');
    // The set-up links show a viewer only the pages they may open.
    expect(readOnly.html).not.toContain('>Program details</a>');
    expect(readOnly.html).toContain('>Data sources</a>');
    expect((await viewer.post(`/user-groups/${group.id}/members`, { personId: tomas })).status).toBe(403);
  });

  it('adds a user group, refusing a name the program already has', async () => {
    const values = { name: 'Quality engineers', kind: 'custom', expectedFrequency: 'weekly', valuePath: 'Sees scrap causes early.' };
    const created = await eva.post(`/programs/${programId}/groups`, values);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toMatch(new RegExp(`^/programs/${programId}/groups#group-[0-9a-f-]{36}$`));
    const again = await eva.post(`/programs/${programId}/groups`, values);
    expect(again.status).toBe(422);
    expect(again.html).toContain('Error: already used</small>');
  });

  it('adds and changes a milestone; meeting one needs evidence', async () => {
    const page = await eva.get(`/programs/${programId}/milestones/new`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('— the whole program —');
    const values = {
      title: 'Energy report used',
      criterion: 'The controller uses the energy report monthly',
      useCaseId: '',
      dueQuarter: '2027-Q2',
      dueDate: '',
      ownerId: await personId(EVA),
      status: 'met',
      evidence: '',
    };
    const refused = await eva.post(`/programs/${programId}/milestones`, values);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('a milestone can only be met with evidence of its criterion');
    expect(refused.html).toContain('id="milestone-evidence-error" class="error">Error: required when status is met</small>');
    const both = await eva.post(`/programs/${programId}/milestones`, { ...values, dueDate: '2027-05-01' });
    expect(both.html).toContain('Error: give a quarter or a date (one of the two)</small>');
    const created = await eva.post(`/programs/${programId}/milestones`, { ...values, status: 'planned' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`/programs/${programId}`);
    const [row] = await pages.database.db.select().from(milestones).where(eq(milestones.title, 'Energy report used'));
    const edit = await eva.get(`/milestones/${row.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="2027-Q2"');
    const saved = await eva.post(`/milestones/${row.id}/edit`, {
      ...values,
      version: String(row.version),
      status: 'met',
      evidence: 'Report of May',
    });
    expect(saved.status).toBe(303);
    const planner = await pages.as('tomas.dvorak@northwind.example', 'planner');
    expect((await planner.get(`/programs/${programId}/milestones/new`)).status).toBe(403);
  });

  it('lists the data sources with their freshness, as CSV too, and registers and changes one', async () => {
    const list = await eva.get(`/programs/${programId}/data-sources`);
    expect(list.status).toBe(200);
    expect(list.html).toMatch(/<span class="badge (fresh|late|stale)">/);
    expect(list.html).toContain('Download CSV');
    const csv = await eva.get(`/programs/${programId}/data-sources?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.html.split('\r\n')[0]).toBe(
      '\uFEFFid,name,code,kind,scope,owner,expectedRefreshSeconds,maxLatencySeconds,freshness,ageSeconds,dependents',
    );
    const form = await eva.get(`/programs/${programId}/data-sources/new`);
    const lineScope = /<option value="(line:[0-9a-f-]{36})"/.exec(form.html)?.[1];
    expect(lineScope).toBeDefined();
    const values = {
      name: 'Press PLC <tags>',
      code: 'press-plc',
      kind: 'plc_sensor',
      scope: lineScope!,
      ownerId: await personId('martin.novak@northwind.example'),
      escalationGroupId: '',
      expectedRefreshSeconds: '60',
      maxLatencySeconds: '-1',
    };
    const wrong = await eva.post(`/programs/${programId}/data-sources`, values);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('Error: at least 0</small>');
    expect(wrong.html).toContain('value="Press PLC &lt;tags&gt;"');
    const created = await eva.post(`/programs/${programId}/data-sources`, { ...values, maxLatencySeconds: '30' });
    expect(created.status).toBe(303);
    const [row] = await pages.database.db.select().from(dataSources).where(eq(dataSources.code, 'press-plc'));
    const edit = await eva.get(`/data-sources/${row.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('No use case relies on this source yet.');
    const stale = await eva.post(`/data-sources/${row.id}/edit`, { ...values, maxLatencySeconds: '30', version: String(row.version + 1) });
    expect(stale.status).toBe(409);
    const saved = await eva.post(`/data-sources/${row.id}/edit`, { ...values, maxLatencySeconds: '90', version: String(row.version) });
    expect(saved.status).toBe(303);
    const again = await eva.post(`/programs/${programId}/data-sources`, { ...values, maxLatencySeconds: '30' });
    expect(again.status).toBe(422);
    expect(again.html).toContain('id="source-code-error" class="error">Error: already used</small>');
  });

  it('links a use case to a source in place with htmx, and unlinks it with a plain form', async () => {
    const { db } = pages.database;
    const [source] = await db.select().from(dataSources).where(eq(dataSources.code, 'press-plc'));
    const [useCase] = await db.select().from(useCases).where(eq(useCases.title, 'Next-shift constraint'));
    const linked = await eva.post(`/data-sources/${source.id}/links`, { useCaseId: useCase.id, required: 'false' }, { htmx: true });
    expect(linked.status).toBe(200);
    expect(linked.html).toMatch(/^<section class="card" id="source-links"/);
    expect(linked.html).toContain('Next-shift constraint</a> <span class="badge info">optional</span>');
    const [link] = await db
      .select()
      .from(useCaseDataSources)
      .where(and(eq(useCaseDataSources.dataSourceId, source.id), eq(useCaseDataSources.useCaseId, useCase.id)));
    expect(link.required).toBe(false);
    const unlinked = await eva.post(`/data-sources/${source.id}/links/${useCase.id}/remove`, {});
    expect(unlinked.status).toBe(303);
    expect(unlinked.headers.get('location')).toBe(`/data-sources/${source.id}/edit#source-links`);
  });
});
