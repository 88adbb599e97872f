import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { areas, lines, people, sites } from '../../../db/schema/index.ts';

describe.each(databaseKinds)('audit trail pages (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  let evaId: string;
  let brnoLineId: string;

  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as('twin.office@northwind.example', 'admin');
    const { db } = pages.database;
    evaId = (await db.select().from(people).where(eq(people.email, 'eva.horakova@northwind.example')))[0].id;
    const [brnoLine] = await db
      .select({ id: lines.id })
      .from(lines)
      .innerJoin(areas, eq(areas.id, lines.areaId))
      .innerJoin(sites, eq(sites.id, areas.siteId))
      .where(eq(sites.code, 'brno'));
    brnoLineId = brnoLine.id;
  });
  afterAll(() => pages?.close());

  it('shows who did what when, and the changed fields before → after', async () => {
    const page = await admin.get(`/audit/person/${evaId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>History of Eva Horáková</h1>');
    expect(page.html).toContain('Twin program office');
    expect(page.html).toContain('created');
    expect(page.html).toContain('changed');
    // The demo gave her the enterprise as scope after creating her: one field, from → to.
    expect(page.html).toMatch(
      /<span class="audit-field" title="scope\.kind">scope › kind<\/span>:.*?installation<\/span>.*?→.*?enterprise<\/span>/,
    );
    expect(page.html).toContain('<time class="muted small" datetime="2026-11-25T08:00:00.000Z" data-age');
    expect(page.html).toContain(`href="/admin/people/${evaId}"`);
    expect(page.html).not.toContain('passwordHash');
  });

  it('answers the fragment alone for the tab (htmx), in the zone asked for', async () => {
    const fragment = await admin.get(`/audit/person/${evaId}?zone=Europe/Prague`, { 'hx-request': 'true', 'hx-target': 'audit-body' });
    expect(fragment.status).toBe(200);
    expect(fragment.html.startsWith('<div class="audit-trail">')).toBe(true);
    expect(fragment.html).not.toContain('<html');
    expect(fragment.html).toContain('2026-11-25 09:00 <span class="muted small">Europe/Prague</span>');
    const unknownZone = await admin.get(`/audit/person/${evaId}?zone=Mars/Olympus`, { 'hx-request': 'true' });
    expect(unknownZone.html).toContain('2026-11-25 08:00 <span class="muted small">UTC</span>');
  });

  it('exports the trail as CSV, one row per changed field', async () => {
    const csv = await admin.get(`/audit/person/${evaId}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.html.startsWith('\uFEFFentry,at,actor,actor_role,action,field,before,after\r\n')).toBe(true);
    expect(csv.html).toMatch(/,2026-11-25T08:00:00\.000Z,Twin program office,admin,update,scope\.kind,installation,enterprise\r\n/);
  });

  it('shows the empty state for an entity with no recorded change', async () => {
    const page = await admin.get('/audit/program/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Nothing recorded yet');
  });

  it('keeps to the domain’s read rules: people for admins and themselves, the plant within one’s scope', async () => {
    const planner = await pages.as('tomas.dvorak@northwind.example', 'planner');
    expect((await planner.get(`/audit/person/${evaId}`)).status).toBe(403);
    const fragment = await planner.get(`/audit/person/${evaId}`, { 'hx-request': 'true' });
    expect(fragment.status).toBe(403);
    expect(fragment.headers.get('hx-retarget')).toBe('#flash');
    const eva = await pages.as('eva.horakova@northwind.example', 'sponsor');
    expect((await eva.get(`/audit/person/${evaId}`)).status).toBe(200);
    expect((await planner.get(`/audit/line/${brnoLineId}`)).status).toBe(200);
    const linz = await pages.as('lukas.gruber@northwind.example', 'planner');
    expect((await linz.get(`/audit/line/${brnoLineId}`)).status).toBe(404);
    expect((await admin.get(`/audit/spaceship/${brnoLineId}`)).status).toBe(404);
    expect((await pages.app.request(`/audit/line/${brnoLineId}`)).status).toBe(303);
  });
});
