import { eq } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escalations, people, personSites, programSites } from '../../../db/schema/index.ts';
import { policies } from '../../../server/auth/policies.ts';
import { assignableFor } from '../../../server/escalations/assignees.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const TOMAS = 'tomas.dvorak@northwind.example';
const MARTIN = 'martin.novak@northwind.example';

/** The ids of the escalations listed in an inbox page or fragment, in their order. */
const listed = (html: string) => [...html.matchAll(/<li id="esc-([0-9a-f-]{36})"/g)].map((m) => m[1]);

describe.each(databaseKinds)('the owner inbox and escalation pages (%s)', (kind) => {
  let pages: DemoPages;
  let tomas: PageClient;
  let martin: PageClient;
  let idOf: (title: string) => Promise<string>;
  let personId: (email: string) => Promise<string>;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    tomas = await pages.as(TOMAS, 'planner');
    martin = await pages.as(MARTIN, 'owner');
    const { db } = pages.database;
    idOf = async (title) => (await db.select().from(escalations).where(eq(escalations.title, title)))[0].id;
    personId = async (email) => (await db.select().from(people).where(eq(people.email, email)))[0].id;
  });
  afterAll(() => pages?.close());

  it('lists my open escalations by due time, breached ones marked in words, each with its countdown and subject', async () => {
    const page = await tomas.get('/inbox');
    expect(page.status).toBe(200);
    const [first, second] = listed(page.html);
    expect(first).toBe(await idOf('Planners release the plan before the twin has fresh MES data'));
    expect(second).toBe(await idOf('Maintenance window collides with the gearbox changeover on Tuesday'));
    expect(page.html).toContain('Waiting for you: 2');
    expect(page.html).toContain('<span class="badge breached">2 breached</span>');
    expect(page.html).toContain('class="escalation card is-breached"');
    // The countdown says the same as app.js will, from the program's zone (Europe/Prague: UTC+1).
    expect(page.html).toMatch(
      /<time data-countdown="true" datetime="2026-11-24T08:00:00.000Z" data-future="in \{age\}" data-past="\{age\} overdue" class="overdue">24.0 h overdue<\/time>/,
    );
    expect(page.html).toContain('<time datetime="2026-11-24T08:00:00.000Z">2026-11-24 09:00</time>');
    expect(page.html).toMatch(/Use case: <a href="\/use-cases\/[0-9a-f-]{36}">Gearbox maintenance window<\/a>/);
    // It refreshes itself by polling the list fragment.
    expect(page.html).toContain('hx-get="/inbox" hx-trigger="every 60s" hx-target="this" hx-swap="outerHTML"');
    expect(page.html).toContain('<summary>History (2 events)</summary>');
  });

  it('answers the poll with the list alone, keeping half-typed forms and open histories', async () => {
    const poll = await tomas.get('/inbox', { 'hx-request': 'true', 'hx-target': 'inbox-list' });
    expect(poll.status).toBe(200);
    expect(poll.html).toMatch(/^<section id="inbox-list"/);
    expect(poll.html).not.toContain('<html');
    expect(poll.html).toMatch(/<div class="escalation-actions" id="actions-inbox-[0-9a-f-]{36}-open" hx-preserve="true"/);
    expect(poll.html).toMatch(/<details class="history" id="history-[0-9a-f-]{36}-2" hx-preserve="true">/);
  });

  it('says when nothing waits, and exports the list as CSV', async () => {
    const eva = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const empty = await eva.get('/inbox');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('Nothing waits for you.');
    expect(empty.html).not.toContain('Download CSV');
    const csv = await tomas.get('/inbox?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFid,title,severity,status,breached,due_at,hours_to_due,subject_type,subject,program,raised_by,raised_at,acknowledged_at,times_escalated',
    );
    expect(lines[1]).toContain(',high,reopened,true,2026-11-24T08:00:00.000Z,-24,milestone,');
    expect(lines).toHaveLength(4); // header, two rows, the final line end
  });

  it('offers to hand over only to people who may settle it where it lies', async () => {
    const page = await tomas.get('/inbox');
    const options = [...page.html.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(options).toContain(await personId(MARTIN));
    expect(options).not.toContain(await personId(TOMAS)); // the assignee himself
    expect(options).not.toContain(await personId('petra.kralova@northwind.example')); // a viewer cannot settle it
    expect(options).not.toContain(await personId('lukas.gruber@northwind.example')); // Linz only; these are in Brno
  });

  it.skipIf(kind !== 'pglite')('reads only the people who may settle escalations, their site links and the sites in question', async () => {
    const { db } = pages.database;
    const client = (db as unknown as { $client: PGlite }).$client;
    const everyone = await db.select().from(people);
    const handlers: readonly string[] = policies['escalation:handle'];
    const handlerIds = new Set(everyone.filter((p) => !p.archivedAt && p.roles.some((r) => handlers.includes(r))).map((p) => p.id));
    // Somebody who may not settle one: a viewer's reach is never read.
    expect(everyone.length).toBeGreaterThan(handlerIds.size);
    const [open] = await db
      .select()
      .from(escalations)
      .where(eq(escalations.title, 'Planners release the plan before the twin has fresh MES data'));
    const [link] = await db.select().from(programSites).where(eq(programSites.programId, open.programId));
    const read: { sql: string; rows: Record<string, unknown>[] }[] = [];
    const query = client.query.bind(client);
    const spy = vi.spyOn(client, 'query').mockImplementation(async (sql: string, params?: unknown[], options?: object) => {
      const result = await query(sql, params, options);
      const names = result.fields.map((f) => f.name);
      const rows = (result.rows as unknown[]).map((r) =>
        Array.isArray(r) ? Object.fromEntries(names.map((n, i) => [n, r[i]])) : (r as Record<string, unknown>),
      );
      read.push({ sql, rows });
      return result as never;
    });
    let able: Awaited<ReturnType<typeof assignableFor>>;
    try {
      able = await assignableFor(db, [
        { id: 'a', programId: open.programId, assigneeId: open.assigneeId, siteId: link.siteId },
        { id: 'b', programId: open.programId, assigneeId: open.assigneeId, siteId: null },
      ]);
    } finally {
      spy.mockRestore();
    }
    const from = (table: string) => read.filter((q) => new RegExp(`from "${table}"`).test(q.sql)).flatMap((q) => q.rows);
    const personRows = from('people').filter((r) => 'email' in r);
    expect(personRows.map((r) => r.id).sort()).toEqual([...handlerIds].sort());
    const links = await db.select().from(personSites);
    expect(from('person_sites').length).toBe(links.filter((l) => handlerIds.has(l.personId)).length);
    const programSiteIds = (await db.select().from(programSites).where(eq(programSites.programId, open.programId))).map((l) => l.siteId);
    const siteRows = from('sites').filter((r) => 'enterprise_id' in r);
    expect(siteRows.every((r) => programSiteIds.includes(r.id as string))).toBe(true);
    // And the answer is as before: handlers other than the assignee.
    expect(able.get('a')!.map((p) => p.id)).not.toContain(open.assigneeId);
    expect(able.get('b')!.every((p) => handlerIds.has(p.id))).toBe(true);
    expect(able.get('a')!.map((p) => p.id)).toContain(await personId(MARTIN));
  });

  it('acknowledges in place: the row re-renders, and a second acknowledgement is refused in the row (409)', async () => {
    const id = await idOf('Maintenance window collides with the gearbox changeover on Tuesday');
    const done = await tomas.post(`/escalations/${id}/acknowledge`, {}, { htmx: true, target: `esc-${id}` });
    expect(done.status).toBe(200);
    expect(done.html).toMatch(new RegExp(`^<li id="esc-${id}"`));
    expect(done.html).toContain('<span class="badge acknowledged">Acknowledged</span>');
    expect(done.html).not.toContain('>Acknowledge</button>');
    expect(done.html).toContain('<h2 id="inbox-heading" hx-swap-oob="true">Waiting for you: 2');
    const again = await tomas.post(`/escalations/${id}/acknowledge`, {}, { htmx: true, target: `esc-${id}` });
    expect(again.status).toBe(409);
    expect(again.html).toMatch(new RegExp(`^<li id="esc-${id}"`));
    expect(again.html).toContain('<p class="form-error" role="alert">an escalation that is acknowledged cannot be acknowledged</p>');
  });

  it('comments in place, refusing an empty comment with the field error (422)', async () => {
    const id = await idOf('Maintenance window collides with the gearbox changeover on Tuesday');
    const empty = await tomas.post(`/escalations/${id}/comment`, { text: '  ' }, { htmx: true, target: `esc-${id}` });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('aria-invalid="true"');
    expect(empty.html).toContain('Error: write the comment');
    expect(empty.html).toContain('<details class="action" open="">');
    const hostile = '<script>alert(1)</script> Jana moves the window to Wednesday';
    const ok = await tomas.post(`/escalations/${id}/comment`, { text: hostile }, { htmx: true, target: `esc-${id}` });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Jana moves the window to Wednesday');
    expect(ok.html).not.toContain('<script>alert(1)');
    expect(ok.html).toContain('<summary>History (4 events)</summary>');
  });

  it('resolves with a note: without one it is refused (422); with one the row leaves and the count drops', async () => {
    const id = await idOf('Maintenance window collides with the gearbox changeover on Tuesday');
    const bare = await tomas.post(`/escalations/${id}/resolve`, { note: '' }, { htmx: true, target: `esc-${id}` });
    expect(bare.status).toBe(422);
    expect(bare.html).toContain('Error: a note is required: say how it was settled');
    const done = await tomas.post(
      `/escalations/${id}/resolve`,
      { note: 'Window moved to Wednesday night shift.' },
      { htmx: true, target: `esc-${id}` },
    );
    expect(done.status).toBe(200);
    expect(listed(done.html)).toEqual([]);
    expect(done.html).toContain('<h2 id="inbox-heading" hx-swap-oob="true">Waiting for you: 1');
    expect(done.html).toContain('<div id="flash" hx-swap-oob="innerHTML">');
    expect(done.html).toContain('is Resolved and has left your inbox');
    expect(listed((await tomas.get('/inbox')).html)).toEqual([await idOf('Planners release the plan before the twin has fresh MES data')]);
  });

  it('hands the last one over: the list turns into its empty state', async () => {
    const id = await idOf('Planners release the plan before the twin has fresh MES data');
    const self = await tomas.post(
      `/escalations/${id}/reassign`,
      { assigneeId: await personId(TOMAS) },
      { htmx: true, target: `esc-${id}` },
    );
    expect(self.status).toBe(409);
    expect(self.html).toContain('Error: already assigned');
    const none = await tomas.post(`/escalations/${id}/reassign`, { assigneeId: '' }, { htmx: true, target: `esc-${id}` });
    expect(none.status).toBe(422);
    expect(none.html).toContain('Error: choose who takes it over');
    const handed = await tomas.post(
      `/escalations/${id}/reassign`,
      { assigneeId: await personId(MARTIN), note: 'Martin decides the release time.' },
      { htmx: true, target: `esc-${id}` },
    );
    expect(handed.status).toBe(200);
    expect(handed.headers.get('hx-retarget')).toBe('#inbox-list');
    expect(handed.headers.get('hx-reswap')).toBe('outerHTML');
    expect(handed.html).toContain('Nothing waits for you.');
    expect(handed.html).toContain('is handed over to Martin Novák');
    expect(listed((await martin.get('/inbox')).html)).toContain(id);
  });

  it('works as plain forms without script: 303 back to the inbox, and a refusal keeps the page', async () => {
    const id = await idOf('Which buffer size to trial in the coming week: 12 or 20 parts?');
    const bare = await martin.post(`/escalations/${id}/resolve`, { note: '', from: 'inbox' });
    expect(bare.status).toBe(422);
    expect(bare.html).toContain('<h1>Inbox</h1>');
    expect(bare.html).toContain('Error: a note is required');
    const done = await martin.post(`/escalations/${id}/resolve`, { note: '20 parts from Monday.', from: 'inbox' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/inbox?done=resolve');
    expect((await martin.get('/inbox?done=resolve')).html).toContain('<strong>Resolved.</strong>');
    const twice = await martin.post(`/escalations/${id}/resolve`, { note: 'again', from: 'inbox' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('<h1>Inbox</h1>');
    expect(twice.html).toContain('an escalation that is resolved cannot be resolved');
  });

  it('shows one escalation with its whole history on its own page, where a resolved one can be reopened', async () => {
    const id = await idOf('Twin OEE differs from the MES report by 4 points');
    const page = await martin.get(`/escalations/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Twin OEE differs from the MES report by 4 points</h1>');
    expect(page.html).toContain('Aligned: both count stops from 30 s');
    expect(page.html).toContain('MES books stops under 2 minutes as running; the twin does not.');
    expect(page.html).toMatch(/KPI: <a href="\/use-cases\/[0-9a-f-]{36}#kpi-[0-9a-f-]{36}">Line OEE<\/a>/);
    expect(page.html).toContain('<summary>Reopen…</summary>');
    const csv = await martin.get(`/escalations/${id}?format=csv`);
    expect(csv.html.split('\r\n')[0]).toBe('\uFEFFat,event,by,from,to,note');
    expect(csv.html).toContain(',comment,Tomáš Dvořák,,,MES books stops');
    const reopened = await martin.post(
      `/escalations/${id}/reopen`,
      { note: 'Difference is back at 2 points.' },
      { htmx: true, target: `escalation-${id}` },
    );
    expect(reopened.status).toBe(200);
    expect(reopened.html).toMatch(new RegExp(`^<article id="escalation-${id}"`));
    expect(reopened.html).toContain('<span class="badge reopened">Reopened</span>');
    const plain = await martin.post(`/escalations/${id}/acknowledge`, { from: 'detail' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/escalations/${id}?done=acknowledge`);
  });

  it('refuses a viewer’s handling (403) and hides what lies out of scope (404)', async () => {
    const id = await idOf('Twin OEE differs from the MES report by 4 points');
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    expect((await viewer.post(`/escalations/${id}/resolve`, { note: 'x' })).status).toBe(403);
    const view = await viewer.get(`/escalations/${id}`);
    expect(view.status).toBe(200);
    expect(view.html).not.toContain('Resolve…');
    expect(view.html).toContain('<summary>Comment…</summary>');
    const linz = await pages.as('lukas.gruber@northwind.example', 'planner');
    expect((await linz.get(`/escalations/${id}`)).status).toBe(404);
    expect((await linz.post(`/escalations/${id}/comment`, { text: 'hello' }, { htmx: true, target: `esc-${id}` })).status).toBe(404);
    // An id that is no UUID names nothing (404), and never reaches the database as one (400 there).
    for (const bad of ['not-a-uuid', "x'%20or%201=1", '12345678-1234-1234-1234-12345678901z']) {
      expect((await martin.get(`/escalations/${bad}`)).status).toBe(404);
      expect((await martin.get(`/escalations/${bad}?format=csv`)).status).toBe(404);
      const forms: Record<string, Record<string, string>> = {
        acknowledge: {},
        comment: { text: 'hello' },
        reassign: { assigneeId: await personId(TOMAS) },
        resolve: { note: 'done' },
        reopen: { note: 'back' },
      };
      for (const [action, form] of Object.entries(forms)) {
        expect((await martin.post(`/escalations/${bad}/${action}`, form, { htmx: true })).status, action).toBe(404);
        expect((await martin.post(`/escalations/${bad}/${action}`, { ...form, from: 'detail' })).status, action).toBe(404);
        // A refused form shows the escalation again: that too names nothing.
        expect((await martin.post(`/escalations/${bad}/${action}`, { note: 'x'.repeat(10_001) }, { htmx: true })).status, action).toBe(404);
      }
    }
    const anonymous = await pages.app.request('/inbox');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Finbox');
  });
});
