import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines } from '../../../db/schema/index.ts';
import { systemViewer } from '../../../server/access/index.ts';
import { lineLive, lineMetrics, lineShift } from '../../../server/metrics/index.ts';
import { percent, timeOfDay } from '../../../server/web/format.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, feedDemo, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const planner = 'tomas.dvorak@northwind.example';
const linzPlanner = 'lukas.gruber@northwind.example';
const viewer = 'petra.kralova@northwind.example';
const zone = 'Europe/Prague';

const unescape = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

describe.each(databaseKinds)('the line page (%s)', (kind) => {
  let pages: DemoPages;
  let crank: string;
  let client: PageClient;
  let live: Awaited<ReturnType<typeof lineLive>>;
  let metrics: Awaited<ReturnType<typeof lineMetrics>>;
  beforeAll(async () => {
    // 08:00 UTC on a Wednesday is 09:00 in Brno: three hours into the early shift.
    pages = await createDemoPages(kind, '2026-11-25T08:00:00Z');
    crank = (await pages.database.db.select().from(lines)).find((l) => l.code === 'crankshaft-1')!.id;
    await feedDemo(pages);
    client = await pages.as(planner, 'planner');
    live = await lineLive(pages.database.db, systemViewer, crank, pages.clock());
    metrics = await lineMetrics(pages.database.db, systemViewer, crank, { window: 'current-shift' }, pages.clock());
  }, 180_000);
  afterAll(async () => pages?.close());
  const path = () => `/lines/${crank}`;

  it('reads the live state and the shift’s figures from one read of the events, as the two reads give them', async () => {
    const shift = await lineShift(pages.database.db, systemViewer, crank, pages.clock());
    expect(shift).toEqual({ live, metrics });
    expect(live.stations.some((s) => s.since !== null)).toBe(true);
  });

  it('says first what is stopped now, why and since when, in the site’s time zone', async () => {
    const page = await client.get(path());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Line Crankshaft line 1</h1>');
    expect(page.html).toContain('Machining hall · Brno Powertrain Plant · times in Europe/Prague');
    expect(page.html).toContain('Shift Early, 06:00–14:00');
    const stopped = live.stations.filter((s) => ['unplanned_stop', 'setup', 'offline', 'reduced_speed'].includes(s.state));
    // The demo at 09:00: a station is down with a named reason, the others wait on it.
    expect(stopped.length).toBeGreaterThan(0);
    const html = unescape(page.html);
    expect(html).toContain(`Stopped now: ${stopped.length} of 7 stations.`);
    for (const s of stopped) {
      expect(html).toContain(`<strong>${s.name}</strong>`);
      if (s.reasonName) expect(html).toContain(s.reasonName);
      // Since 08:xx in Brno (UTC+1), not the UTC clock time.
      expect(html).toContain(`since ${timeOfDay(s.since!, zone)}`);
    }
    expect(timeOfDay(stopped[0].since!, zone)).not.toBe(timeOfDay(stopped[0].since!, 'UTC'));
    expect(page.html).toMatch(/<span class="badge bad">down<\/span>/);
    expect(page.html).toContain(`Output this shift: ${live.output.good} good`);
    expect(page.html).toContain(`href="/lines/${crank}/balance"`);
    expect(page.html).toContain(`href="/lines/${crank}/simulate"`);
  });

  it('refreshes its live part by polling the same URL, which answers the fragment alone with the age of its data', async () => {
    const page = await client.get(path());
    expect(page.html).toContain(`<div id="line-live" class="live" hx-get="/lines/${crank}" hx-trigger="every 15s" hx-swap="outerHTML">`);
    expect(page.html).not.toMatch(/http-equiv="refresh"/);
    pages.clock.advance(15_000);
    const fragment = await client.get(path(), { 'hx-request': 'true', 'hx-target': 'line-live' });
    expect(fragment.status).toBe(200);
    expect(fragment.html.startsWith('<div id="line-live"')).toBe(true);
    expect(fragment.html).not.toContain('<html');
    expect(fragment.html).not.toContain('line-stops-heading');
    expect(fragment.html).toContain('<h2 id="line-stations-heading">Stations</h2>');
    expect(fragment.html).toContain('<h2 id="line-oee-heading">OEE this shift</h2>');
    // The age of the newest event, written by the server and kept current by app.js.
    expect(fragment.html).toMatch(/<time data-age="true" datetime="[^"]+" data-template="data \{age\} old">data \d+ (s|min) old<\/time>/);
  });

  it('shows the shift’s OEE and its ISO 22400 loss waterfall from the line’s metrics', async () => {
    const page = await client.get(path());
    metrics = await lineMetrics(pages.database.db, systemViewer, crank, { window: 'current-shift' }, pages.clock());
    expect(page.html).toContain(`<dt>OEE</dt><dd>${percent(metrics.figures.oee.value)}</dd>`);
    expect(page.html).toContain(`<dt>Availability</dt><dd>${percent(metrics.figures.availability.value)}</dd>`);
    const chart = /<figure class="chart" id="line-waterfall">[\s\S]*?<\/figure>/.exec(page.html)?.[0] ?? '';
    expect(chart).toContain('<title id="line-waterfall-title">Loss waterfall (ISO 22400)</title>');
    const labels = [...chart.matchAll(/<tspan[^>]*>([^<]+)<\/tspan>/g)].map((m) => m[1]).join(' ');
    expect(labels).toBe('Planned busy time Availability loss Speed loss Quality loss Value-adding time');
    expect(chart.match(/<rect class="total"/g)).toHaveLength(2);
    // The availability loss is PBT − APT, said as a share of the planned busy time.
    const share = (100 * (metrics.elements.PBT - metrics.elements.APT)) / metrics.elements.PBT;
    expect(chart).toContain(`(${share.toFixed(1)} %)`);
    expect(chart).toContain(`OEE ${percent(metrics.figures.oee.value)} (7 stations)`);
    expect(page.html).toContain('<h3>By station</h3>');
  });

  it('draws the stop-reason Pareto as bars with the cumulative line', async () => {
    const page = await client.get(path());
    metrics = await lineMetrics(pages.database.db, systemViewer, crank, { window: 'current-shift' }, pages.clock());
    const reasons = metrics.stopReasons.byTime;
    expect(reasons.length).toBeGreaterThan(0);
    const chart = /<figure class="chart" id="line-pareto">[\s\S]*?<\/figure>/.exec(page.html)?.[0] ?? '';
    expect(chart.match(/<rect class="bar-0"/g)).toHaveLength(reasons.length);
    expect(chart).toMatch(/<path class="spark pa-cumulative" d="M/);
    expect(chart).toContain('>100 %</text>');
    expect(unescape(chart)).toContain(`the largest is ${reasons[0].name}`);
    expect(unescape(page.html)).toContain(`${reasons[0].name} <span class="small muted">(${reasons[0].reason})</span>`);
  });

  it('lists the data sources feeding the line, its site’s included, with their freshness', async () => {
    const page = await client.get(path());
    const section = /<section class="card" aria-labelledby="line-sources-heading">[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? '';
    expect(section).toMatch(/Crankshaft line PLC states[\s\S]*?this line[\s\S]*?<span class="badge fresh">fresh<\/span>/);
    expect(section).toMatch(/CMMS work orders export[\s\S]*?the whole site[\s\S]*?<span class="badge stale">stale<\/span>/);
    expect(section).toContain('Energy historian');
    expect(section).toContain('Next-shift constraint');
    // Linz's ERP feeds the Linz plant, not this line.
    expect(section).not.toContain('ERP weekly demand plan');
    expect(section).toContain('1 source stale or never received: CMMS work orders export.');
    // The line's audit trail is a tab loaded on demand.
    expect(page.html).toMatch(/<details id="audit-line-[0-9a-f-]+" hx-get="\/audit\/line\/[0-9a-f-]+/);
  });

  it('speaks German and Czech, by the browser’s language', async () => {
    const de = await client.get(path(), { 'accept-language': 'de-AT,de;q=0.9' });
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('<h1>Linie Crankshaft line 1</h1>');
    expect(de.html).toContain('Jetzt gestoppt:');
    expect(de.html).toContain('Verlustkaskade (ISO 22400)');
    expect(de.html).toContain('Verfügbarkeitsverlust');
    expect(de.html).toContain('>gestört</span>');
    expect(de.html).toContain('<summary>Zahlen</summary>');
    const cs = await client.get(path(), { 'accept-language': 'cs' });
    expect(cs.html).toContain('<h1>Linka Crankshaft line 1</h1>');
    expect(cs.html).toContain('Právě stojí:');
    expect(cs.html).toContain('Ztráta dostupnosti');
    expect(cs.html).toContain('Zdroje dat');
    // No English text of the page is left over in Czech.
    expect(cs.html).not.toContain('Stopped now');
    expect(cs.html).not.toContain('Planned busy time');
    expect(cs.html).toContain('<summary>Hodnoty</summary>');
    expect(cs.html).not.toContain('<summary>Figures</summary>');
  });

  it('exports each of its tables as CSV', async () => {
    const stations = await client.get(`${path()}?format=csv&table=stations`);
    expect(stations.status).toBe(200);
    expect(stations.headers.get('content-type')).toContain('text/csv');
    expect(
      stations.html.startsWith('\uFEFFstation,name,state,known,reason,reason_name,since,last_event_at,buffer_level,buffer_basis\r\n'),
    ).toBe(true);
    const rows = stations.html.trim().split('\r\n');
    expect(rows).toHaveLength(8);
    expect(rows[1]).toMatch(/^op10,OP10 Turning,\w+,true,/);
    expect(rows[1]).toMatch(/,2026-11-25T\d\d:\d\d:\d\d\.\d{3}Z,/);
    const stops = await client.get(`${path()}?format=csv&table=stops`);
    expect(stops.html.trim().split('\r\n')).toHaveLength(1 + metrics.stopReasons.byTime.length);
    const sources = await client.get(`${path()}?format=csv&table=sources`);
    expect(sources.html).toContain('cmms-export');
    expect(sources.html).toContain(',stale,');
    const oee = await client.get(`${path()}?format=csv&table=oee`);
    expect(oee.html.trim().split('\r\n')).toHaveLength(8);
  });

  it('is not found for someone out of the line’s scope, for an unknown line, and sends the signed-out to sign in', async () => {
    const linz = await pages.as(linzPlanner, 'planner');
    expect((await linz.get(path())).status).toBe(404);
    expect((await linz.get(path(), { 'hx-request': 'true' })).status).toBe(404);
    expect((await client.get('/lines/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/lines/not-a-line')).status).toBe(404);
    const anonymous = await pages.app.request(path());
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path())}`);
    // Reading a line is every role's: a viewer sees it too.
    expect((await (await pages.as(viewer, 'viewer')).get(path())).status).toBe(200);
  });
});
