import { sql } from 'drizzle-orm';
import { executeRows } from '../../../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readAnswer, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('machine events over HTTP on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let gateway: string;
  let otherGateway: string;
  let stations: { id: string; code: string }[];
  let path: (code: string) => string;
  let plc: { id: string };

  async function post(token: string, body: string, type = 'application/json') {
    return readAnswer(
      await t.app.request('/api/v1/ingest', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }),
    );
  }
  const send = (events: unknown[], token = gateway) => post(token, JSON.stringify(events));
  async function stored(stationId: string) {
    return executeRows<{ event_id: string; kind: string; state: string | null; reason: string | null; good: number | null }>(
      t.database.db,
      sql`select * from machine_events where station_id = ${stationId} order by ts, event_id`,
    );
  }
  async function tokenFor(name: string, siteIds: string[]) {
    const person = await t.call('POST', '/api/v1/people', {
      body: { name, email: `${name}@ingest.example`, roles: ['ingest'], scope: { kind: 'sites', siteIds } },
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const token = await t.call('POST', `/api/v1/people/${person.body.id}/tokens`, { body: { role: 'ingest', label: name } });
    return token.body.token as string;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, '2026-12-03T08:00:00Z');
    f = await createProgramFixture(t);
    for (const [i, code] of ['op10', 'op20'].entries()) {
      await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code, name: code.toUpperCase(), position: i + 1 } });
    }
    stations = (await t.call('GET', `/api/v1/stations?lineId=${f.lineId}`)).body.items;
    const enterprise = (await t.call('GET', '/api/v1/enterprises')).body.items.find((e: { id: string }) => e.id === f.enterpriseId);
    path = (code) => `${enterprise.code}/brno/machining/cs1/${code}`;
    plc = (
      await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
        body: {
          name: 'Line PLC',
          code: 'cs1-plc',
          kind: 'plc_sensor',
          scope: { lineId: f.lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 30,
        },
      })
    ).body;
    gateway = await tokenFor('gateway', [f.siteId]);
    otherGateway = await tokenFor('linz-gateway', [f.otherSiteId]);
  }, 60_000);
  afterAll(async () => t?.close());

  it('stores events of every kind, named by UNS path or station id, and refreshes the station’s PLC source', async () => {
    const res = await send([
      { id: 'e1', kind: 'state', station: path('op10'), ts: '2026-12-03T07:00:00Z', state: 'running' },
      { id: 'e2', kind: 'state', station: path('op10'), ts: '2026-12-03T07:10:00Z', state: 180001, reason: 'SPINDLE' },
      { id: 'e3', kind: 'cycle', station: stations[0].id, ts: '2026-12-03T07:01:00Z', product: 'P1', cycleSeconds: 58.5 },
      { id: 'e4', kind: 'cycle', station: path('op10'), ts: '2026-12-03T07:02:00Z', cycleSeconds: 60, scrap: 1 },
      { id: 'e5', kind: 'energy', station: path('op10'), timestamp_ms: Date.parse('2026-12-03T07:05:00Z'), kw: 12.5 },
      { id: 'e6', kind: 'buffer', station: path('op20'), ts: '2026-12-03T07:05:00Z', level: 3 },
      { id: 'e7', kind: 'count', station: path('op20'), ts: '2026-12-03T07:00:00Z', from: '2026-12-03T06:00:00Z', system: 'MES', good: 55 },
      { id: 8, kind: 'state', station: path('op20'), ts: '2026-12-03T07:00:00Z', state: '150000' },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ accepted: 8, duplicates: 0, rejected: [], refreshed: [plc.id] });
    const op10 = await stored(stations[0].id);
    expect(op10.map((e) => [e.event_id, e.kind, e.state, e.reason, e.good])).toEqual([
      ['e1', 'state', 'running', null, null],
      ['e3', 'cycle', null, null, 1],
      ['e4', 'cycle', null, null, 0],
      ['e5', 'energy', null, null, null],
      ['e2', 'state', 'unplanned_stop', 'SPINDLE', null],
    ]);
    const op20 = await stored(stations[1].id);
    expect(op20.find((e) => e.event_id === '8')).toMatchObject({ state: 'planned_stop', reason: '150000' });
    const source = await t.call('GET', `/api/v1/data-sources/${plc.id}`);
    expect(source.body.lastSourceTimestamp).toBe('2026-12-03T07:10:00.000Z');
    expect(source.body.freshness.status).toBe('stale');
  });

  it('counts a replayed event once, also within one batch, and never moves freshness back', async () => {
    const e = { id: 'r1', kind: 'cycle', station: path('op20'), ts: '2026-12-03T07:59:00Z', cycleSeconds: 61 };
    expect((await send([e, e])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await send([e])).body).toMatchObject({ accepted: 0, duplicates: 1, refreshed: [] });
    // Same id at another time is another event (a sender's counter may wrap).
    expect((await send([{ ...e, ts: '2026-12-03T07:59:30Z' }])).body).toMatchObject({ accepted: 1 });
    const late = await send([{ ...e, id: 'late', ts: '2026-12-03T06:00:00Z' }]);
    expect(late.body.accepted).toBe(1);
    const source = await t.call('GET', `/api/v1/data-sources/${plc.id}`);
    expect(source.body.lastSourceTimestamp).toBe('2026-12-03T07:59:30.000Z');
    expect(source.body.freshness.status).toBe('fresh');
  });

  it('rejects bad events one by one with their reason and field, and stores the rest', async () => {
    const good = { id: 'ok1', kind: 'cycle', station: path('op10'), ts: '2026-12-03T07:30:00Z', cycleSeconds: 59 };
    const res = await send([
      good,
      'not an event',
      { ...good, id: 'b1', kind: 'teleport' },
      { ...good, id: 'b2', cycleSeconds: -1 },
      { ...good, id: 'b3', ts: '2026-12-03T08:06:00Z' },
      { ...good, id: 'b4', ts: '2026-06-01T00:00:00Z' },
      { ...good, id: 'b5', station: 'nowhere/at/all/x/y' },
      { id: 'b6', kind: 'state', station: path('op10'), ts: good.ts, state: 'dancing' },
      { id: 'b7', kind: 'state', station: path('op10'), ts: good.ts, state: 5000 },
      { ...good, id: 'b8', source: 'no-such-source' },
      { ...good, id: 'b9', ts: undefined },
      { ...good, id: 'b10', product: 'x\u0000y' },
      { id: 'b11', kind: 'energy', station: path('op10'), ts: good.ts },
      { ...good, id: 'ok2', source: 'cs1-plc' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { index: number; reason: string; path: string }) => [r.index, r.reason, r.path])).toEqual([
      [1, 'invalid', ''],
      [2, 'invalid', 'kind'],
      [3, 'invalid', 'cycleSeconds'],
      [4, 'ts_out_of_range', 'ts'],
      [5, 'ts_out_of_range', 'ts'],
      [6, 'unknown_station', 'station'],
      [7, 'unknown_state', 'state'],
      [8, 'unknown_state', 'state'],
      [9, 'unknown_source', 'source'],
      [10, 'invalid', 'ts'],
      [11, 'invalid', 'product'],
      [12, 'invalid', 'kw'],
    ]);
    expect(res.body.rejected[4].message).toContain('retention of 90 days');
  });

  it('takes NDJSON, rejecting a line that is not JSON alone', async () => {
    const lines = [
      JSON.stringify({ id: 'n1', kind: 'cycle', station: path('op10'), ts: '2026-12-03T07:40:00Z', cycleSeconds: 60 }),
      '{ not json',
      '',
      JSON.stringify({ id: 'n2', kind: 'cycle', station: path('op10'), ts: '2026-12-03T07:41:00Z', cycleSeconds: 60 }),
    ].join('\n');
    const res = await post(gateway, lines, 'application/x-ndjson');
    expect(res.body).toMatchObject({ accepted: 2, rejected: [{ index: 1, reason: 'invalid', message: 'not JSON' }] });
  });

  it('refuses a body that is not a batch, a batch too large, and callers that do not send data', async () => {
    expect((await post(gateway, '{"id": 1}')).body.errors[0]).toEqual({ path: 'body', message: 'expected an array' });
    expect((await post(gateway, '[1,')).status).toBe(400);
    const huge = Array.from({ length: 10_001 }, () => ({}));
    const tooMany = await send(huge);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toContain('at most 10000 events');
    expect((await send([], t.tokens.viewer)).status).toBe(403);
    expect((await send([], t.tokens.planner)).status).toBe(403);
  });

  it('treats stations of other sites as unknown to a gateway scoped to its site', async () => {
    const res = await send(
      [{ id: 'x1', kind: 'cycle', station: path('op10'), ts: '2026-12-03T07:50:00Z', cycleSeconds: 60 }],
      otherGateway,
    );
    expect(res.body.rejected).toEqual([{ index: 0, reason: 'unknown_station', path: 'station', message: expect.any(String) }]);
    const byId = await send([{ id: 'x2', kind: 'cycle', station: stations[0].id.toUpperCase(), ts: '2026-12-03T07:50:00Z' }], otherGateway);
    expect(byId.body.rejected[0].reason).toBe('unknown_station');
  });

  it('writes each day to its own partition, made ahead of time or on demand', async () => {
    const partitions = (
      await executeRows<{ name: string }>(
        t.database.db,
        sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname = 'machine_events' order by 1`,
      )
    ).map((r) => r.name);
    expect(partitions).toEqual(expect.arrayContaining(['machine_events_20261203']));
    const days = await executeRows<{ part: string }>(
      t.database.db,
      sql`select distinct tableoid::regclass::text as part from machine_events where event_id = 'late'`,
    );
    expect(days.map((d) => d.part)).toEqual(['machine_events_20261203']);
  });
});
