import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, lineSimulationModels, lines, sites, stations } from '../../../db/schema/index.ts';
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
