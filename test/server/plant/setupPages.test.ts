import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, enterprises, lineSimulationModels, lines, machineEvents, people, sites, stations } from '../../../db/schema/index.ts';
import { ensurePartitions } from '../../../server/events/partitions.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const ADMIN = 'twin.office@northwind.example';
const TOMAS = 'tomas.dvorak@northwind.example';

describe.each(databaseKinds)('the plant set-up and the line model editor (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  let tomas: PageClient;
  let lineId: (code: string) => Promise<string>;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as(ADMIN, 'admin');
    tomas = await pages.as(TOMAS, 'planner');
    const { db } = pages.database;
    lineId = async (code) => (await db.select().from(lines).where(eq(lines.code, code)))[0].id;
  });
  afterAll(() => pages?.close());

  it('shows the ISA-95 tree with its paths, and exports its nodes as CSV', async () => {
    const page = await admin.get('/admin/plant');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Plant set-up</h1>');
    expect(page.html).toContain('<code class="small">northwind/brno/machining/crankshaft-1</code>');
    expect(page.html).toContain('times in Europe/Vienna');
    expect(page.html).toMatch(/<a href="\/lines\/[0-9a-f-]{36}\/model">Simulation model<\/a>/);
    expect(page.html).toContain('<h2 id="add-station-heading">Add a station</h2>');
    const csv = await admin.get('/admin/plant?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = csv.html.split('\r\n');
    expect(rows[0]).toBe('\uFEFFlevel,id,path,name,timezone,position');
    expect(rows).toContainEqual(expect.stringMatching(/^station,[0-9a-f-]{36},northwind\/brno\/machining\/crankshaft-1\/op10,/));
  });

  it('adds a site, an area, a line and a station, each back at the tree', async () => {
    const enterpriseId = (await pages.database.db.select().from(sites))[0].enterpriseId;
    const site = await admin.post('/admin/plant/sites', {
      enterpriseId,
      code: 'graz',
      name: 'Graz <Body> Plant',
      timezone: 'Europe/Vienna',
    });
    expect(site.status).toBe(303);
    const [graz] = await pages.database.db.select().from(sites).where(eq(sites.code, 'graz'));
    expect(site.headers.get('location')).toBe(`/admin/plant#node-${graz.id}`);
    expect(graz.timezone).toBe('Europe/Vienna');
    expect((await admin.post('/admin/plant/areas', { siteId: graz.id, code: 'press', name: 'Press shop' })).status).toBe(303);
    const [press] = await pages.database.db.select().from(areas).where(eq(areas.siteId, graz.id));
    expect((await admin.post('/admin/plant/lines', { areaId: press.id, code: 'press-1', name: 'Press line 1' })).status).toBe(303);
    const line = await lineId('press-1');
    expect((await admin.post('/admin/plant/stations', { lineId: line, code: 'p10', name: 'Blanking', position: '1' })).status).toBe(303);
    const page = await admin.get('/admin/plant');
    expect(page.html).toContain('<strong>Graz &lt;Body&gt; Plant</strong>');
    expect(page.html).toContain('<code class="small">northwind/graz/press/press-1</code>');
    expect(page.html).toContain('Blanking <code class="small">p10</code>');
  });

  it('re-renders the refused form with its errors only: a bad code, a zone that is none, a code or position taken', async () => {
    const enterpriseId = (await pages.database.db.select().from(sites))[0].enterpriseId;
    const bad = await admin.post('/admin/plant/sites', { enterpriseId, code: 'two words', name: 'X', timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('id="add-site-code-error" class="error">Error: use letters, digits');
    expect(bad.html).toContain('id="add-site-timezone-error" class="error">Error: an IANA time zone such as Europe/Prague</small>');
    expect(bad.html).not.toContain('id="add-area-code-error"');
    const line = await lineId('press-1');
    const taken = await admin.post('/admin/plant/stations', { lineId: line, code: 'p20', name: 'Drawing', position: '1' });
    expect(taken.status).toBe(422);
    expect(taken.html).toContain('id="add-station-position-error" class="error">Error: already used</small>');
    expect(taken.html).toContain('value="Drawing"');
    const same = await admin.post('/admin/plant/stations', { lineId: line, code: 'p10', name: 'Again', position: '2' });
    expect(same.html).toContain('id="add-station-code-error" class="error">Error: already used</small>');
  });

  it('is for administrators only', async () => {
    expect((await tomas.get('/admin/plant')).status).toBe(403);
    expect((await tomas.post('/admin/plant/lines', { areaId: '', code: 'x', name: 'x' })).status).toBe(403);
  });

  it('edits a line model’s key figures per station, showing the model’s own errors at their fields', async () => {
    const id = await lineId('crankshaft-1');
    const page = await tomas.get(`/lines/${id}/model`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Simulation model of Crankshaft line 1</h1>');
    expect(page.html).toMatch(/<label for="model-machines-3-processTime-mean" class="visually-hidden">OP40 [^<]*\(op40\): Mean<\/label>/);
    expect(page.html).toContain('name="machines.3.processTime.spread" type="text" inputmode="decimal" size="7" value="0.08"');
    expect(page.html).toContain('name="buffers.2" type="text" inputmode="decimal" size="7" value="12"');
    expect(page.html).toContain('&quot;timeUnit&quot;: &quot;min&quot;');
    const values = Object.fromEntries(
      [...page.html.matchAll(/name="((?:machines|buffers)\.[\w.]+)"[^>]*? value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    for (const m of page.html.matchAll(
      /<select id="[^"]+" name="(machines\.\d+\.processTime\.dist)">[\s\S]*?<option value="(\w+)" selected="">/g,
    ))
      values[m[1]] = m[2];
    expect(values['machines.0.processTime.dist']).toBe('lognormal');
    const negative = await tomas.post(`/lines/${id}/model`, { form: 'fields', ...values, 'machines.3.processTime.mean': '-1' });
    expect(negative.status).toBe(422);
    expect(negative.html).toContain('id="model-machines-3-processTime-mean-error" class="error">Error: must be a positive time</small>');
    expect(negative.html).toContain('name="machines.3.processTime.mean" aria-invalid="true"');
    const half = await tomas.post(`/lines/${id}/model`, { form: 'fields', ...values, 'machines.0.failure.mttr': '' });
    expect(half.status).toBe(422);
    expect(half.html).toContain(
      'id="model-machines-0-failure-mttr-error" class="error">Error: give both MTBF and MTTR, or neither</small>',
    );
    const spread = await tomas.post(`/lines/${id}/model`, { form: 'fields', ...values, 'machines.1.processTime.spread': '20' });
    expect(spread.status).toBe(422);
    expect(spread.html).toContain('id="model-machines-1-processTime-spread-error" class="error">Error:');
    const saved = await tomas.post(`/lines/${id}/model`, {
      form: 'fields',
      ...values,
      'buffers.2': '20',
      'machines.6.failure.mtbf': '',
      'machines.6.failure.mttr': '',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/lines/${id}`);
    const [stored] = await pages.database.db.select().from(lineSimulationModels).where(eq(lineSimulationModels.lineId, id));
    const model = stored.model as { buffers: number[]; machines: { name: string; failure?: unknown; power?: unknown }[] };
    expect(model.buffers).toEqual([8, 8, 20, 12, 6, 6]);
    expect(model.machines[6].failure).toBeUndefined();
    // What the key figures do not show stays as it was.
    expect(model.machines[3].power).toMatchObject({ processing: 180 });
  });

  it('saves the whole model as JSON, refusing text that is no JSON or machines that are not the stations', async () => {
    const id = await lineId('crankshaft-1');
    const broken = await tomas.post(`/lines/${id}/model`, { form: 'json', model: '{"machines": [' });
    expect(broken.status).toBe(422);
    expect(broken.html).toContain('id="model-json-error" class="error">Error: not valid JSON');
    expect(broken.html).toContain('>{&quot;machines&quot;: [</textarea>');
    const model = {
      timeUnit: 'min',
      machines: [{ name: '<script>alert(1)</script>', processTime: { dist: 'deterministic', mean: 1 } }],
      buffers: [],
      horizon: 1000,
    };
    const wrong = await tomas.post(`/lines/${id}/model`, { form: 'json', model: JSON.stringify(model) });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('the model&#39;s machines must be the line&#39;s stations in flow order: op10, op20');
    expect(wrong.html).not.toContain('<script>alert(1)</script>');
    const invalid = await tomas.post(`/lines/${id}/model`, { form: 'json', model: JSON.stringify({ ...model, horizon: -5 }) });
    expect(invalid.html).toContain('<code>horizon</code>: must be a positive time');
  });

  it('starts a line without a model from its stations, and is refused to viewers', async () => {
    const id = await lineId('press-1');
    const page = await tomas.get(`/lines/${id}/model`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('No model is stored yet.');
    expect(page.html).toContain('name="machines.0.processTime.mean" type="text" inputmode="decimal" size="7" value="60"');
    const saved = await tomas.post(`/lines/${id}/model`, {
      form: 'fields',
      'machines.0.processTime.dist': 'exponential',
      'machines.0.processTime.mean': '45',
      'machines.0.processTime.spread': '',
      'machines.0.failure.mtbf': '',
      'machines.0.failure.mttr': '',
    });
    expect(saved.status).toBe(303);
    const [row] = await pages.database.db.select().from(stations).where(eq(stations.lineId, id));
    expect(row.code).toBe('p10');
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    expect((await viewer.get(`/lines/${id}/model`)).status).toBe(403);
  });
});

describe.each(databaseKinds)('editing and deleting the plant’s nodes in the browser (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  let tomas: PageClient;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as(ADMIN, 'admin');
    tomas = await pages.as(TOMAS, 'planner');
  });
  afterAll(() => pages?.close());

  const db = () => pages.database.db;
  const lineByCode = async (code: string) => (await db().select().from(lines).where(eq(lines.code, code)))[0];

  /** The fields of a node's edit form as the tree shows them (the CSRF token is the client's). */
  async function editForm(level: string, id: string): Promise<Record<string, string>> {
    const page = await admin.get('/admin/plant');
    const form = new RegExp(`<form method="post" action="/admin/plant/${level}s/${id}/edit"[\\s\\S]*?</form>`).exec(page.html)?.[0];
    if (!form) throw new Error(`no edit form of ${level} ${id}`);
    const fields = [...form.matchAll(/name="([^"]+)"[^>]*? value="([^"]*)"/g)].filter((m) => m[1] !== '_csrf');
    return Object.fromEntries(fields.map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  }

  it('offers at every node an edit form with its fields, labelled, and a delete that asks first', async () => {
    const line = await lineByCode('crankshaft-1');
    const page = await admin.get('/admin/plant');
    expect(page.html).toContain(`<li id="node-${line.id}">`);
    expect(page.html).toContain(`<label for="edit-${line.id}-name">Name</label>`);
    expect(page.html).toContain(`<label for="edit-${line.id}-microstopSeconds">Microstop limit (seconds)</label>`);
    expect(page.html).toContain(`hx-post="/admin/plant/lines/${line.id}/delete" hx-target="#node-${line.id}-problem" hx-confirm="Delete`);
    const [site] = await db()
      .select()
      .from(sites)
      .where(eq(sites.id, (await db().select().from(areas).where(eq(areas.id, line.areaId)))[0].siteId));
    expect(await editForm('site', site.id)).toEqual({
      version: String(site.version),
      name: site.name,
      timezone: site.timezone,
      peakLimitKw: String(site.peakLimitKw),
    });
    const [op10] = await db().select().from(stations).where(eq(stations.lineId, line.id));
    const station = await editForm('station', op10.id);
    expect(Object.keys(station)).toEqual(['version', 'name', 'idealCycleSeconds']);
    expect(page.html).not.toMatch(/<details class="setup-node" open/);
  });

  it('renames a line and changes its microstop limit: the tree and the list of lines show the new name', async () => {
    const line = await lineByCode('crankshaft-1');
    const form = await editForm('line', line.id);
    expect(form).toEqual({ version: String(line.version), name: line.name, microstopSeconds: String(line.microstopSeconds) });
    const saved = await admin.post(`/admin/plant/lines/${line.id}/edit`, { ...form, name: 'Crankshaft <line> A', microstopSeconds: '90' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/plant#node-${line.id}`);
    const after = await lineByCode('crankshaft-1');
    expect(after).toMatchObject({ name: 'Crankshaft <line> A', microstopSeconds: 90, version: line.version + 1, code: 'crankshaft-1' });
    expect((await admin.get('/admin/plant')).html).toContain('<strong>Crankshaft &lt;line&gt; A</strong>');
    expect((await tomas.get('/lines')).html).toContain('Crankshaft &lt;line&gt; A');

    // A form read before that change is refused (409), its entries kept, from the stored version on.
    const stale = await admin.post(`/admin/plant/lines/${line.id}/edit`, { ...form, name: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Someone else saved a change since you opened this form.');
    expect(stale.html).toContain(`id="edit-${line.id}-name" name="name" type="text" value="Overwritten"`);
    expect(stale.html).toMatch(new RegExp(`<details class="setup-node" open="">[\\s\\S]{0,200}/admin/plant/lines/${line.id}/edit`));
    expect(await editForm('line', line.id)).toMatchObject({ version: String(line.version + 1) });
    expect((await lineByCode('crankshaft-1')).name).toBe('Crankshaft <line> A');
  });

  it('refuses a site’s time zone that is none (422) at that site’s form only, changing nothing', async () => {
    const [site] = await db().select().from(sites).where(eq(sites.code, 'brno'));
    const form = await editForm('site', site.id);
    const bad = await admin.post(`/admin/plant/sites/${site.id}/edit`, { ...form, name: 'Renamed', timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain(`id="edit-${site.id}-timezone-error" class="error">Error: an IANA time zone such as Europe/Prague</small>`);
    expect(bad.html).toContain(`id="edit-${site.id}-timezone" name="timezone" aria-invalid="true"`);
    expect(bad.html).toContain('value="Mars/Olympus"');
    expect(bad.html).not.toContain('id="add-site-timezone-error"');
    expect(bad.html.match(/<details class="setup-node" open="">/g)).toHaveLength(1);
    const blank = await admin.post(`/admin/plant/sites/${site.id}/edit`, { ...form, name: ' ' });
    expect(blank.html).toContain(`id="edit-${site.id}-name-error" class="error">Error: required</small>`);
    expect((await db().select().from(sites).where(eq(sites.id, site.id)))[0]).toEqual(site);

    const fixed = await admin.post(`/admin/plant/sites/${site.id}/edit`, { ...form, timezone: 'Europe/Prague' });
    expect(fixed.status).toBe(303);
    expect((await db().select().from(sites).where(eq(sites.id, site.id)))[0]).toMatchObject({ name: site.name, timezone: 'Europe/Prague' });
  });

  it('sets and clears a station’s ideal cycle time, and renames an area and an enterprise', async () => {
    const line = await lineByCode('crankshaft-1');
    const [op10] = await db().select().from(stations).where(eq(stations.lineId, line.id));
    const form = await editForm('station', op10.id);
    const wrong = await admin.post(`/admin/plant/stations/${op10.id}/edit`, { ...form, idealCycleSeconds: 'fast' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain(`id="edit-${op10.id}-idealCycleSeconds-error" class="error">Error: a number</small>`);
    expect((await admin.post(`/admin/plant/stations/${op10.id}/edit`, { ...form, idealCycleSeconds: '42,5' })).status).toBe(303);
    expect((await db().select().from(stations).where(eq(stations.id, op10.id)))[0].idealCycleSeconds).toBe(42.5);
    const cleared = await admin.post(`/admin/plant/stations/${op10.id}/edit`, {
      ...(await editForm('station', op10.id)),
      idealCycleSeconds: '',
    });
    expect(cleared.status).toBe(303);
    expect((await db().select().from(stations).where(eq(stations.id, op10.id)))[0]).toMatchObject({
      idealCycleSeconds: null,
      position: op10.position,
    });

    const [area] = await db().select().from(areas).where(eq(areas.id, line.areaId));
    expect(
      (await admin.post(`/admin/plant/areas/${area.id}/edit`, { ...(await editForm('area', area.id)), name: 'Machining hall' })).status,
    ).toBe(303);
    const [site] = await db().select().from(sites).where(eq(sites.id, area.siteId));
    const enterprise = site.enterpriseId;
    expect(
      (
        await admin.post(`/admin/plant/enterprises/${enterprise}/edit`, {
          ...(await editForm('enterprise', enterprise)),
          name: 'Northwind AG',
        })
      ).status,
    ).toBe(303);
    const page = await admin.get('/admin/plant');
    expect(page.html).toContain('<strong>Machining hall</strong>');
    expect(page.html).toContain(`id="node-${enterprise}"`);
    expect(page.html).toMatch(/<h2 id="tree-[0-9a-f-]{36}">\s*Northwind AG/);
  });

  it('is for administrators only: a planner is refused, an id that names nothing is not found', async () => {
    const line = await lineByCode('crankshaft-1');
    expect(
      (await tomas.post(`/admin/plant/lines/${line.id}/edit`, { version: String(line.version), name: 'x', microstopSeconds: '1' })).status,
    ).toBe(403);
    expect((await tomas.post(`/admin/plant/lines/${line.id}/delete`, {})).status).toBe(403);
    expect((await lineByCode('crankshaft-1')).name).toBe(line.name);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await admin.post(`/admin/plant/lines/${nobody}/edit`, { version: '1', name: 'x', microstopSeconds: '1' })).status).toBe(404);
    expect((await admin.post(`/admin/plant/stations/${nobody}/delete`, {})).status).toBe(404);
    expect((await admin.post(`/admin/plant/enterprises/${nobody}/edit`, { version: '1', name: 'x' })).status).toBe(404);
  });

  it('refuses to delete a station with machine data or named by the model, or a line with stations, saying why at the node', async () => {
    const crankshaft = await lineByCode('crankshaft-1');
    const [op10] = await db().select().from(stations).where(eq(stations.lineId, crankshaft.id));
    const named = await admin.post(`/admin/plant/stations/${op10.id}/delete`, {});
    expect(named.status).toBe(409);
    expect(named.html).toContain(
      `<div id="node-${op10.id}-problem"><div class="alert alert-error" role="alert"><strong>Not deleted</strong><p>the station cannot be deleted while it has 1 simulation models naming it`,
    );

    // A new line of two stations, one of which has sent machine data.
    await admin.post('/admin/plant/lines', { areaId: crankshaft.areaId, code: 'spare-1', name: 'Spare line' });
    const spare = await lineByCode('spare-1');
    await admin.post('/admin/plant/stations', { lineId: spare.id, code: 's10', name: 'Used', position: '1' });
    await admin.post('/admin/plant/stations', { lineId: spare.id, code: 's20', name: 'Unused', position: '2' });
    const [used, unused] = await db().select().from(stations).where(eq(stations.lineId, spare.id)).orderBy(stations.position);
    await ensurePartitions(db(), ['20261125']);
    const at = new Date('2026-11-25T07:00:00Z');
    await db()
      .insert(machineEvents)
      .values({ stationId: used.id, eventId: 'e1', ts: at, kind: 'cycle', receivedAt: at, good: 1, scrap: 0 });

    const data = await admin.post(`/admin/plant/stations/${used.id}/delete`, {});
    expect(data.status).toBe(409);
    expect(data.html).toContain(
      `<div id="node-${used.id}-problem"><div class="alert alert-error" role="alert"><strong>Not deleted</strong><p>the station cannot be deleted while it has 1 machine events; remove what depends on it first</p>`,
    );
    const withStations = await admin.post(`/admin/plant/lines/${spare.id}/delete`, {}, { htmx: true, target: `node-${spare.id}-problem` });
    expect(withStations.status).toBe(409);
    expect(withStations.html).toBe(
      '<div class="alert alert-error" role="alert"><strong>Not deleted</strong><p>the line cannot be deleted while it has 2 stations; remove what depends on it first</p></div>',
    );
    expect(await db().select().from(stations).where(eq(stations.lineId, spare.id))).toHaveLength(2);
    expect(await lineByCode('spare-1')).toBeDefined();

    const gone = await admin.post(`/admin/plant/stations/${unused.id}/delete`, {});
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/admin/plant');
    expect(await db().select().from(stations).where(eq(stations.id, unused.id))).toEqual([]);
    const page = await admin.get('/admin/plant');
    expect(page.html).not.toContain(`id="node-${unused.id}"`);
    expect(page.html).toContain(`id="node-${used.id}"`);
    const viaHtmx = await admin.post(`/admin/plant/stations/${unused.id}/delete`, {}, { htmx: true });
    expect(viaHtmx.status).toBe(404);
  });

  it('refuses to delete an enterprise that a person’s scope names, naming them', async () => {
    await admin.post('/admin/plant/enterprises', { code: 'southwind', name: 'Southwind' });
    const [southwind] = await db().select().from(enterprises).where(eq(enterprises.code, 'southwind'));
    await db()
      .insert(people)
      .values({ name: 'Scoped', email: 'scoped@southwind.example', roles: ['viewer'], scopeEnterpriseId: southwind.id });
    const refused = await admin.post(`/admin/plant/enterprises/${southwind.id}/delete`, {});
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('the enterprise cannot be deleted while it has 1 people scoped to it; remove what depends on it first');
    expect(await db().select().from(enterprises).where(eq(enterprises.id, southwind.id))).toHaveLength(1);
    await db().delete(people).where(eq(people.email, 'scoped@southwind.example'));
    const deleted = await admin.post(`/admin/plant/enterprises/${southwind.id}/delete`, {}, { htmx: true });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('hx-redirect')).toBe('/admin/plant');
    expect(await db().select().from(enterprises).where(eq(enterprises.id, southwind.id))).toEqual([]);
  });
});
