import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, plannedOrders, workOrders } from '../../../db/schema/index.ts';
import { createTestApp, readAnswer, type TestApp } from '../../helpers/app.ts';
import { createTwoSiteProgram, ok, personWithToken } from '../../helpers/access.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

/**
 * The plant inputs through the API: planned orders and work orders imported as JSON, as a CSV
 * body and as an uploaded CSV file, replaced by their externalId, refused whole for one bad row,
 * refreshing the line's ERP and maintenance sources, and only within the caller's scope.
 */
describe.each(databaseKinds)('imports of planned orders and work orders on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let linz: { lineId: string };
  let integration: Awaited<ReturnType<typeof personWithToken>>;
  const sources: Record<string, string> = {};
  const lines: Record<string, string> = {};
  const stationIds: Record<string, string> = {};

  /** Sends a body of a content type as a role (or a token), parsing the answer. */
  async function send(path: string, body: BodyInit, type?: string, token = t.tokens.planner) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (type) headers['content-type'] = type;
    return readAnswer(await t.app.request(path, { method: 'POST', headers, body }));
  }
  const asJson = (line: string, what: 'orders' | 'work-orders', items: unknown[]) =>
    send(`/api/v1/lines/${line}/${what}`, JSON.stringify({ items }), 'application/json');
  const asCsv = (line: string, what: 'orders' | 'work-orders', text: string) => send(`/api/v1/lines/${line}/${what}`, text, 'text/csv');
  function asFile(line: string, what: 'orders' | 'work-orders', text: string) {
    const form = new FormData();
    form.append('file', new File([text], `${what}.csv`, { type: 'text/csv' }));
    return send(`/api/v1/lines/${line}/${what}`, form);
  }
  /** The rows as stored, without what differs between lines and imports. */
  async function listed(line: string, what: 'orders' | 'work-orders', query = '') {
    const page = await ok(t, 'GET', `/api/v1/lines/${line}/${what}?limit=200${query}`);
    return page.items.map(({ id, lineId, stationId, createdAt, updatedAt, ...rest }: Record<string, unknown>) => {
      expect([id, lineId, createdAt, updatedAt].every(Boolean)).toBe(true);
      void stationId;
      return rest;
    });
  }
  const rowsIn = async (table: typeof plannedOrders | typeof workOrders) => (await t.database.db.select({ n: count() }).from(table))[0].n;
  const audited = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0].n;

  const orders = [
    { externalId: 'PO-1001', product: 'GB6', quantity: 350, due: '2026-12-04T21:00:00Z' },
    { externalId: 'PO-1002', product: 'GB7', quantity: 150, due: '2026-12-04T21:00:00Z' },
    { externalId: 'PO-1003', product: 'GB6; heavy "duty"', quantity: 420, due: '2026-12-07T21:00:00+01:00' },
  ];
  const ordersCsv = [
    '\uFEFFexternalId;product;quantity;due;customer',
    'PO-1001;GB6;350;2026-12-04T21:00:00Z;Acme',
    'PO-1002;GB7;150;2026-12-04 21:00:00Z;Acme',
    'PO-1003;"GB6; heavy ""duty""";420;2026-12-07T21:00:00+01:00;',
    '',
  ].join('\r\n');
  const workOrderItems = [
    {
      externalId: 'WO-7001',
      station: 'op20',
      kind: 'preventive',
      plannedMinutes: 90,
      earliestStart: '2026-12-04T06:00:00Z',
      latestStart: '2026-12-08T06:00:00Z',
      status: 'released',
      failureRateFactor: 0.6,
    },
    {
      externalId: 'WO-7002',
      station: 'op10',
      kind: 'corrective',
      plannedMinutes: 45.5,
      earliestStart: '2026-12-03T10:00:00Z',
      latestStart: '2026-12-03T10:00:00Z',
      status: 'in_progress',
      actualStart: '2026-12-03T10:15:00Z',
    },
    {
      externalId: 'WO-7003',
      station: 'op10',
      kind: 'inspection',
      plannedMinutes: 30,
      earliestStart: '2026-12-02T06:00:00Z',
      latestStart: '2026-12-02T14:00:00Z',
      status: 'done',
      actualStart: '2026-12-02T07:00:00Z',
      actualEnd: '2026-12-02T07:40:00Z',
    },
  ];
  const workOrdersCsv = [
    'externalId,station,kind,plannedMinutes,earliestStart,latestStart,status,actualStart,actualEnd,failureRateFactor',
    'WO-7001,OP20,Preventive,90,2026-12-04T06:00:00Z,2026-12-08T06:00:00Z,released,,,0.6',
    'WO-7002,op10,corrective,45.5,2026-12-03T10:00:00Z,2026-12-03T10:00:00Z,in_progress,2026-12-03T10:15:00Z,,',
    'WO-7003,op10,inspection,30,2026-12-02T06:00:00Z,2026-12-02T14:00:00Z,done,2026-12-02T07:00:00Z,2026-12-02T07:40:00Z,',
  ].join('\n');

  beforeAll(async () => {
    // Thursday 3 December 2026, 13:00 UTC.
    t = await createTestApp(kind, '2026-12-03T13:00:00Z');
    f = await createProgramFixture(t);
    const two = await createTwoSiteProgram(t, f);
    linz = { lineId: two.linzLine.id };
    lines.a = f.lineId;
    for (const code of ['b', 'c'])
      lines[code] = (await ok(t, 'POST', '/api/v1/lines', { areaId: f.areaId, code: `line-${code}`, name: code })).id;
    for (const [line, codes] of Object.entries({ a: ['op10', 'op20'], b: ['op10', 'op20'], c: ['op10', 'op20'] })) {
      for (const [i, code] of codes.entries()) {
        stationIds[`${line}.${code}`] = (
          await ok(t, 'POST', '/api/v1/stations', { lineId: lines[line], code, name: code, position: i + 1 })
        ).id;
      }
    }
    const source = async (name: string, kind: string, scope: Record<string, string>, programId = f.programId) =>
      (
        await ok(t, 'POST', `/api/v1/programs/${programId}/data-sources`, {
          name,
          kind,
          scope,
          ownerId: t.people.owner,
          expectedRefreshSeconds: 86_400,
          maxLatencySeconds: 3_600,
        })
      ).id as string;
    sources.erpLine = await source('ERP of line A', 'erp', { lineId: f.lineId });
    sources.erpArea = await source('ERP of the hall', 'erp', { areaId: f.areaId });
    sources.cmmsSite = await source('CMMS export', 'maintenance', { siteId: f.siteId });
    sources.mesLine = await source('MES counts', 'mes', { lineId: f.lineId });
    sources.erpLinz = await source('ERP of Linz', 'erp', { siteId: f.otherSiteId }, two.programId);
    integration = await personWithToken(t, 'ERP connector', ['integration']);
  }, 120_000);
  afterAll(async () => t?.close());

  it('stores the same planned orders from JSON, a CSV body and an uploaded CSV file', async () => {
    const json = await asJson(lines.a, 'orders', orders);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(json.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, ignoredFields: {} });
    const csv = await asCsv(lines.b, 'orders', ordersCsv);
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(csv.body).toMatchObject({ created: 3, ignoredFields: { customer: 2 } });
    const file = await asFile(lines.c, 'orders', ordersCsv);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    const stored = await listed(lines.a, 'orders');
    expect(stored).toEqual([
      { externalId: 'PO-1001', product: 'GB6', quantity: 350, due: '2026-12-04T21:00:00.000Z' },
      { externalId: 'PO-1002', product: 'GB7', quantity: 150, due: '2026-12-04T21:00:00.000Z' },
      { externalId: 'PO-1003', product: 'GB6; heavy "duty"', quantity: 420, due: '2026-12-07T20:00:00.000Z' },
    ]);
    expect(await listed(lines.b, 'orders')).toEqual(stored);
    expect(await listed(lines.c, 'orders')).toEqual(stored);
    // The same data in another form is the same rows: nothing to change.
    expect((await asCsv(lines.a, 'orders', ordersCsv)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await asFile(lines.b, 'orders', ordersCsv)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('stores the same work orders from JSON, a CSV body and an uploaded CSV file, stations by code or id', async () => {
    const json = await asJson(lines.a, 'work-orders', workOrderItems);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect((await asCsv(lines.b, 'work-orders', workOrdersCsv)).status).toBe(200);
    expect((await asFile(lines.c, 'work-orders', workOrdersCsv)).status).toBe(200);
    const stored = await listed(lines.a, 'work-orders');
    expect(stored).toEqual([
      {
        externalId: 'WO-7003',
        station: 'op10',
        kind: 'inspection',
        plannedMinutes: 30,
        earliestStart: '2026-12-02T06:00:00.000Z',
        latestStart: '2026-12-02T14:00:00.000Z',
        status: 'done',
        actualStart: '2026-12-02T07:00:00.000Z',
        actualEnd: '2026-12-02T07:40:00.000Z',
        failureRateFactor: null,
      },
      expect.objectContaining({ externalId: 'WO-7002', status: 'in_progress', plannedMinutes: 45.5, actualEnd: null }),
      expect.objectContaining({ externalId: 'WO-7001', station: 'op20', kind: 'preventive', failureRateFactor: 0.6 }),
    ]);
    expect(await listed(lines.b, 'work-orders')).toEqual(stored);
    expect(await listed(lines.c, 'work-orders')).toEqual(stored);
    const byId = workOrderItems.map((w) => ({ ...w, station: stationIds[`a.${w.station}`] }));
    expect((await asJson(lines.a, 'work-orders', byId)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await listed(lines.a, 'work-orders', '&status=in_progress')).toEqual([expect.objectContaining({ externalId: 'WO-7002' })]);
  });

  it('keeps a station with work orders and a line with orders from being deleted, naming them', async () => {
    const station = await t.call('DELETE', `/api/v1/stations/${stationIds['a.op20']}`, { as: 'admin' });
    expect(station.status).toBe(409);
    expect(station.body.detail).toContain('work orders');
    const line = await t.call('DELETE', `/api/v1/lines/${lines.a}`, { as: 'admin' });
    expect(line.status).toBe(409);
    expect(line.body.detail).toMatch(/planned orders|work orders/);
  });

  it('replaces on a re-import instead of doubling, and leaves what it does not name', async () => {
    const reimport = await asJson(lines.a, 'orders', [
      { ...orders[0], quantity: 360 },
      orders[1],
      { externalId: 'PO-1004', product: 'GB7', quantity: 100, due: '2026-12-08T21:00:00Z' },
    ]);
    expect(reimport.body).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const stored = await listed(lines.a, 'orders');
    expect(stored.map((o: any) => [o.externalId, o.quantity])).toEqual([
      ['PO-1001', 360],
      ['PO-1002', 150],
      ['PO-1003', 420],
      ['PO-1004', 100],
    ]);
    const done = await asJson(lines.a, 'work-orders', [{ ...workOrderItems[1], status: 'done', actualEnd: '2026-12-03T11:00:00Z' }]);
    expect(done.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const trail = await ok(t, 'GET', `/api/v1/audit/line/${lines.a}`);
    const entry = trail.items.filter((e: any) => e.action === 'import-work-orders').at(-1);
    expect(entry.before).toEqual([expect.objectContaining({ externalId: 'WO-7002', status: 'in_progress' })]);
    expect(entry.after).toMatchObject({ updated: 1, rows: [expect.objectContaining({ externalId: 'WO-7002', status: 'done' })] });
  });

  it('refuses a whole CSV import for one bad row, naming each bad row and field, and writes nothing', async () => {
    const [before, trail] = [await rowsIn(plannedOrders), await audited()];
    const source = await ok(t, 'GET', `/api/v1/data-sources/${sources.erpLine}`);
    t.clock.advance(60_000);
    const bad = await asCsv(
      lines.a,
      'orders',
      [
        'externalId,product,quantity,due',
        'PO-2001,GB6,10,2026-12-09T06:00:00Z',
        'PO-2002,GB6,12.5,2026-12-09T06:00:00Z',
        'PO-2003,,10,2026-12-09',
        'PO-2001,GB7,10,2026-12-09T06:00:00Z',
        'PO-2005,GB6,10,2026-12-09T06:00:00Z,extra',
      ].join('\n'),
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual([
      { path: 'row 3.quantity', message: 'a whole number above 0' },
      { path: 'row 4.product', message: 'required' },
      { path: 'row 4.due', message: expect.stringContaining('an instant with its offset') },
      { path: 'row 5.externalId', message: 'the same externalId as row 2' },
      { path: 'row 6', message: expect.stringContaining('5 cells, but the header has 4 columns') },
    ]);
    expect(bad.body).toMatchObject({
      status: 400,
      refusedItems: 4,
      detail: expect.stringContaining('4 of 5 planned orders cannot be imported'),
    });
    expect(await rowsIn(plannedOrders)).toBe(before);
    expect(await audited()).toBe(trail);
    expect((await ok(t, 'GET', `/api/v1/data-sources/${sources.erpLine}`)).lastReceivedAt).toBe(source.lastReceivedAt);
  });

  it('refuses a JSON item by its index and field, and a work order breaking its rules by the field at fault', async () => {
    const bad = await asJson(lines.a, 'orders', [orders[0], { ...orders[1], quantity: 0 }, 'not an order']);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'body.items.1.quantity', message: 'a whole number above 0' },
      { path: 'body.items.2', message: 'expected an object' },
    ]);
    const base = workOrderItems[0];
    const broken = await asJson(lines.a, 'work-orders', [
      { ...base, externalId: 'W1', latestStart: '2026-12-01T06:00:00Z' },
      { ...base, externalId: 'W2', kind: 'corrective' },
      { ...base, externalId: 'W3', status: 'done', actualStart: '2026-12-03T08:00:00Z' },
      { ...base, externalId: 'W4', status: 'in_progress', actualStart: '2026-12-04T08:00:00Z' },
      { ...base, externalId: 'W5', failureRateFactor: 1.5, plannedMinutes: 0, kind: 'repair' },
      { ...base, externalId: 'W6', status: 'done', actualStart: '2026-12-03T08:00:00Z', actualEnd: '2026-12-03T07:00:00Z' },
    ]);
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([
      { path: 'body.items.0.latestStart', message: 'lies before earliestStart' },
      { path: 'body.items.1.failureRateFactor', message: 'only preventive work changes the failure rate' },
      { path: 'body.items.2.actualEnd', message: 'needed: the work is done' },
      { path: 'body.items.3.actualStart', message: 'lies in the future' },
      { path: 'body.items.4.kind', message: 'one of preventive, corrective, inspection' },
      { path: 'body.items.4.plannedMinutes', message: 'minutes above 0' },
      { path: 'body.items.4.failureRateFactor', message: 'a number above 0, at most 1' },
      { path: 'body.items.5.actualEnd', message: 'lies before actualStart' },
    ]);
  });

  it('refuses a station of another line, by code or by id', async () => {
    const base = workOrderItems[0];
    const other = await asJson(lines.a, 'work-orders', [
      { ...base, externalId: 'W7', station: stationIds['b.op10'] },
      { ...base, externalId: 'W8', station: 'op99' },
    ]);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([
      { path: 'body.items.0.station', message: 'not a station of line cs1' },
      { path: 'body.items.1.station', message: 'not a station of line cs1' },
    ]);
    const line = await asJson(lines.a, 'orders', [{ ...orders[0], line: 'line-b' }]);
    expect(line.body.errors).toEqual([{ path: 'body.items.0.line', message: 'names another line: this import is for line cs1' }]);
    expect((await asJson(lines.a, 'orders', [{ ...orders[0], line: lines.a }])).status).toBe(200);
  });

  it('refreshes the freshness of the line’s sources of the import’s kind: line, area and site, nothing else', async () => {
    t.clock.advance(3 * 86_400_000);
    const stale = await ok(t, 'GET', `/api/v1/data-sources/${sources.erpLine}`);
    expect(stale.freshness.status).toBe('late');
    const imported = await send(
      `/api/v1/lines/${lines.a}/orders`,
      JSON.stringify({ items: orders }),
      'application/json',
      integration.token,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.refreshed).toEqual([
      { id: sources.erpLine, name: 'ERP of line A' },
      { id: sources.erpArea, name: 'ERP of the hall' },
    ]);
    const now = t.clock().toISOString();
    for (const id of [sources.erpLine, sources.erpArea]) {
      const fresh = await ok(t, 'GET', `/api/v1/data-sources/${id}`);
      expect(fresh).toMatchObject({ lastReceivedAt: now, lastSourceTimestamp: now, freshness: { status: 'fresh' } });
    }
    for (const id of [sources.cmmsSite, sources.mesLine, sources.erpLinz]) {
      expect((await ok(t, 'GET', `/api/v1/data-sources/${id}`)).lastReceivedAt).not.toBe(now);
    }
    const maintenance = await asJson(lines.b, 'work-orders', workOrderItems.slice(0, 1));
    expect(maintenance.body.refreshed).toEqual([{ id: sources.cmmsSite, name: 'CMMS export' }]);
    expect((await asJson(linz.lineId, 'orders', [])).body).toMatchObject({
      created: 0,
      refreshed: [{ id: sources.erpLinz, name: 'ERP of Linz' }],
    });
  });

  it('answers 404 to a person of another site, on imports and lists alike', async () => {
    const lukas = await personWithToken(t, 'Linz planner', ['planner'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    const before = await rowsIn(plannedOrders);
    for (const what of ['orders', 'work-orders'] as const) {
      const post = await send(`/api/v1/lines/${lines.a}/${what}`, JSON.stringify({ items: [] }), 'application/json', lukas.token);
      expect(post.status).toBe(404);
      expect((await lukas.call('GET', `/api/v1/lines/${lines.a}/${what}`)).status).toBe(404);
      expect((await lukas.call('GET', `/api/v1/lines/${linz.lineId}/${what}`)).status).toBe(200);
    }
    const csv = await send(`/api/v1/lines/${lines.a}/orders`, ordersCsv, 'text/csv', lukas.token);
    expect(csv.status).toBe(404);
    expect(await rowsIn(plannedOrders)).toBe(before);
    expect((await send(`/api/v1/lines/${lines.a}/orders`, ordersCsv, 'text/csv', t.tokens.viewer)).status).toBe(403);
  });

  it('lists by due window and pages, and names what it cannot read', async () => {
    const window = await ok(t, 'GET', `/api/v1/lines/${lines.a}/orders?from=2026-12-04T21:00:00Z&to=2026-12-08T00:00:00Z&limit=2`);
    expect(window.items.map((o: any) => o.externalId)).toEqual(['PO-1001', 'PO-1002']);
    expect(window.total).toBe(3);
    const next = await ok(
      t,
      'GET',
      `/api/v1/lines/${lines.a}/orders?from=2026-12-04T21:00:00Z&to=2026-12-08T00:00:00Z&cursor=${window.nextCursor}`,
    );
    expect(next.items.map((o: any) => o.externalId)).toEqual(['PO-1003']);
    const backwards = await t.call('GET', `/api/v1/lines/${lines.a}/orders?from=2026-12-08T00:00:00Z&to=2026-12-04T00:00:00Z`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('query.to');
    expect((await t.call('GET', `/api/v1/lines/${lines.a}/work-orders?status=open`)).status).toBe(400);
    const path = `/api/v1/lines/${lines.a}/orders`;
    expect((await send(path, '<orders/>', 'application/xml')).status).toBe(415);
    expect((await send(path, '{"items": [', 'application/json')).body.errors).toEqual([{ path: 'body', message: 'not JSON' }]);
    expect((await send(path, JSON.stringify({ items: [], source: 'x' }), 'application/json')).body.errors).toEqual([
      { path: 'body.source', message: 'unknown field' },
    ]);
    expect((await send(path, 'externalId,product\nA,B\n', 'text/csv')).body.errors[0]).toEqual({
      path: 'row 1',
      message: 'the header needs the columns externalId, product, quantity, due (missing quantity, due)',
    });
    expect((await send(path, new FormData())).body.errors).toEqual([{ path: 'body.file', message: 'required' }]);
  });

  it('takes a file of up to 16 MiB, past the 1 MiB of a JSON body elsewhere', async () => {
    const note = 'x'.repeat(150_000);
    const rows = Array.from({ length: 10 }, (_, i) => `PO-9${i},GB6,10,2026-12-09T06:00:00Z,${note}`);
    const text = `externalId,product,quantity,due,note\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const res = await asCsv(lines.c, 'orders', text);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ created: 10, ignoredFields: { note: 10 } });
  });

  it('answers any body with a 2xx or a 4xx that names where, never a 5xx, and writes nothing when it refuses', async () => {
    const header = 'externalId,product,quantity,due,station,kind,plannedMinutes,earliestStart,latestStart,status,actualStart\n';
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('op10', 'preventive', 'done', '2026-12-01T06:00:00Z', '7', '0,5'));
    const csvBody = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 5 }).map((rows) => header + rows.map((r) => r.join(',')).join('\n')),
    );
    const jsonBody = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .array(
          fc.dictionary(
            fc.constantFrom('externalId', 'product', 'quantity', 'due', 'station', 'kind', 'status'),
            fc.jsonValue({ maxDepth: 1 }),
          ),
        )
        .map((items) => JSON.stringify({ items })),
    );
    const body = fc.oneof(
      csvBody.map((b) => [b, 'text/csv'] as const),
      jsonBody.map((b) => [b, 'application/json'] as const),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('orders' as const, 'work-orders' as const), body, async (what, [text, type]) => {
        const [rows, trail] = [(await rowsIn(plannedOrders)) + (await rowsIn(workOrders)), await audited()];
        const res = await send(`/api/v1/lines/${lines.c}/${what}`, text, type);
        expect(res.status, `${type} ${text.slice(0, 200)}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect([400, 415]).toContain(res.status);
          for (const e of res.body.errors ?? []) expect(e.path).toMatch(/^(body|row \d+)/);
          expect((await rowsIn(plannedOrders)) + (await rowsIn(workOrders))).toBe(rows);
          expect(await audited()).toBe(trail);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('documents both imports and their item fields in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/openapi.json', { as: null })).body;
    expect(Object.keys(doc.paths['/api/v1/lines/{id}/orders'])).toEqual(['post', 'get']);
    expect(Object.keys(doc.paths['/api/v1/lines/{id}/work-orders'].post.requestBody.content)).toEqual([
      'application/json',
      'text/csv',
      'multipart/form-data',
    ]);
    expect(doc.components.schemas.WorkOrderItem.properties.failureRateFactor.description).toContain('Preventive work only');
    expect(Object.keys(doc.components.schemas.PlannedOrderItem.properties)).toEqual(['externalId', 'product', 'quantity', 'due', 'line']);
  });
});
