import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSources, kpiMeasurements, kpis, milestones, userGroups } from '../../../db/schema/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const ADMIN = 'twin.office@northwind.example';
const VIEWER = 'petra.kralova@northwind.example';

describe.each(databaseKinds)('archiving, restoring and deleting in the set-up pages (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as(ADMIN, 'admin');
  });
  afterAll(() => pages?.close());

  it('archives a KPI from its edit page and restores it, the page offering what fits its state', async () => {
    const { db } = pages.database;
    const [kpi] = await db.select().from(kpis).limit(1);
    const edit = await admin.get(`/kpis/${kpi.id}/edit`);
    expect(edit.html).toContain('<h2 id="lifecycle--kpis-' + kpi.id + '">Archive or delete</h2>');
    expect(edit.html).toContain(`action="/kpis/${kpi.id}/archive"`);
    expect(edit.html).toContain(`hx-confirm="Delete “${kpi.name}”? Only the audit log keeps what it was."`);
    const archived = await admin.post(`/kpis/${kpi.id}/archive`, {});
    expect([archived.status, archived.headers.get('location')]).toEqual([303, `/kpis/${kpi.id}/edit`]);
    expect((await db.select().from(kpis).where(eq(kpis.id, kpi.id)))[0].archivedAt).not.toBeNull();
    const page = await admin.get(`/kpis/${kpi.id}/edit`);
    expect(page.html).toContain(`action="/kpis/${kpi.id}/restore"`);
    expect(page.html).toMatch(/Archived since \d{4}-\d{2}-\d{2}/);
    expect((await admin.post(`/kpis/${kpi.id}/restore`, {}, { htmx: true })).headers.get('hx-redirect')).toBe(`/kpis/${kpi.id}/edit`);
    expect((await db.select().from(kpis).where(eq(kpis.id, kpi.id)))[0].archivedAt).toBeNull();
  });

  it('refuses to delete a KPI with measurements, saying why in the status region, and deletes nothing', async () => {
    const { db } = pages.database;
    const [measured] = await db.select({ id: kpiMeasurements.kpiId }).from(kpiMeasurements).limit(1);
    const refused = await admin.post(`/kpis/${measured.id}/delete`, {}, { htmx: true });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('hx-retarget')).toBe('#flash');
    expect(refused.html).toMatch(/measurements/);
    expect(await db.select().from(kpis).where(eq(kpis.id, measured.id))).toHaveLength(1);
    // Without script, the same refusal is a page.
    const plain = await admin.post(
      `/kpis/${measured.id}/delete`,
      {},
      { headers: { referer: `http://localhost/kpis/${measured.id}/edit` } },
    );
    expect(plain.status).toBe(409);
    // Back leads to the form it came from, not to the start page.
    expect(plain.html).toContain(`<a href="/kpis/${measured.id}/edit">Back to the page you came from</a>`);
    const fromElsewhere = await admin.post(`/kpis/${measured.id}/delete`, {}, { headers: { referer: 'https://example.com/x' } });
    expect(fromElsewhere.html).toContain('<a href="/">Back to the start page</a>');
  });

  it('deletes a milestone entered by mistake and goes back to its program', async () => {
    const { db } = pages.database;
    const created = await admin.post(`/programs/${pages.demo.programId}/milestones`, {
      title: 'Typed twice',
      criterion: 'Nothing',
      dueQuarter: '2027-Q2',
      dueDate: '',
      ownerId: (await db.select().from(milestones).limit(1))[0].ownerId!,
      useCaseId: '',
      status: 'planned',
      evidence: '',
    });
    expect(created.status).toBe(303);
    const [row] = await db.select().from(milestones).where(eq(milestones.title, 'Typed twice'));
    expect((await admin.get(`/milestones/${row.id}/edit`)).html).toContain(`action="/milestones/${row.id}/delete"`);
    const deleted = await admin.post(`/milestones/${row.id}/delete`, {});
    expect([deleted.status, deleted.headers.get('location')]).toEqual([303, `/programs/${pages.demo.programId}`]);
    expect(await db.select().from(milestones).where(eq(milestones.id, row.id))).toHaveLength(0);
    // It is gone: deleting it again names nothing.
    expect((await admin.post(`/milestones/${row.id}/delete`, {})).status).toBe(404);
  });

  it('archives a group in place (htmx answers its card, with Restore) and keeps its members', async () => {
    const { db } = pages.database;
    const [group] = await db.select().from(userGroups).where(eq(userGroups.programId, pages.demo.programId)).limit(1);
    const card = await admin.post(`/user-groups/${group.id}/archive`, {}, { htmx: true, target: `group-${group.id}` });
    expect(card.status).toBe(200);
    expect(card.html).toMatch(new RegExp(`^<section class="card setup-group-card" id="group-${group.id}"`));
    expect(card.html).toContain(`action="/user-groups/${group.id}/restore"`);
    expect(await db.select().from(userGroups).where(isNotNull(userGroups.archivedAt))).toHaveLength(1);
    await admin.post(`/user-groups/${group.id}/restore`, {}, { htmx: true });
    expect(await db.select().from(userGroups).where(isNotNull(userGroups.archivedAt))).toHaveLength(0);
  });

  it('keeps a viewer out and a data source relied on in place', async () => {
    const { db } = pages.database;
    const viewer = await pages.as(VIEWER, 'viewer');
    const [source] = await db.select().from(dataSources).limit(1);
    expect((await viewer.post(`/data-sources/${source.id}/delete`, {})).status).toBe(403);
    expect((await viewer.post(`/data-sources/${source.id}/archive`, {})).status).toBe(403);
    const refused = await admin.post(`/data-sources/${source.id}/archive`, {});
    expect(refused.status).toBe(409);
    expect((await db.select().from(dataSources).where(eq(dataSources.id, source.id)))[0].archivedAt).toBeNull();
  });
});
