import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';
import { expectedElements, shiftStates } from './shiftFixture.ts';

/**
 * The path from machine events to the figures, through the API: a schedule with a break, a reason
 * tree, ideal cycle times, events sent by a gateway, and the metrics computed by hand.
 */
describe.each(databaseKinds)('live metrics from ingested events on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let op10: string;
  let op20: string;

  const at = (hhmm: string) => `2026-12-03T${hhmm}:00Z`;
  /** The hand-computed shift of one station, as a gateway would send it. */
  function shiftEvents(station: string): unknown[] {
    const events: unknown[] = shiftStates.map(([hhmm, state, reason], i) => ({
      id: `s${i}`,
      kind: 'state',
      station,
      ts: at(hhmm),
      state,
      ...(reason ? { reason } : {}),
    }));
    for (let i = 0; i < 380; i++) {
      events.push({
        id: `c${i}`,
        kind: 'cycle',
        station,
        ts: new Date(Date.parse(at('05:00')) + i * 60_000).toISOString(),
        product: 'A',
        cycleSeconds: 60,
        ...(i >= 370 ? { scrap: 1 } : {}),
      });
    }
    events.push(
      { id: 'k1', kind: 'energy', station, ts: at('05:00'), kw: 10 },
      { id: 'k2', kind: 'energy', station, ts: at('05:03'), kw: 20 },
    );
    return events;
  }
  async function send(events: unknown[]) {
    const res = await t.app.request('/api/v1/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    return res.json();
  }
  async function ok(method: string, path: string, body?: unknown) {
    const res = await t.call(method, path, { body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }

  beforeAll(async () => {
    // 13:00Z on Thursday 3 December: 14:00 in Prague, the end of the early shift.
    t = await createTestApp(kind, '2026-12-03T13:00:00Z');
    f = await createProgramFixture(t);
    await ok('PATCH', `/api/v1/sites/${f.siteId}`, { timezone: 'Europe/Prague' });
    op10 = (await ok('POST', '/api/v1/stations', { lineId: f.lineId, code: 'op10', name: 'OP10', position: 1 })).id;
    op20 = (await ok('POST', '/api/v1/stations', { lineId: f.lineId, code: 'op20', name: 'OP20', position: 2 })).id;
    await ok('PATCH', `/api/v1/stations/${op10}`, { idealCycleSeconds: 60 });
    await ok('PATCH', `/api/v1/stations/${op20}`, { idealCycleSeconds: 55, idealCycleByProduct: { B: 40 } });
    await ok('PUT', `/api/v1/sites/${f.siteId}/schedule`, {
      shifts: [
        { name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '10:00', end: '10:30', name: 'lunch' }] },
      ],
    });
    await ok('PUT', `/api/v1/sites/${f.siteId}/stop-reasons`, {
      items: [
        { code: 'SPINDLE', name: 'Spindle fault', stateClass: 'unplanned_stop', category: 'technical' },
        { code: 'CHG', name: 'Product changeover', stateClass: 'setup', category: 'changeover' },
      ],
    });
    await ok('POST', `/api/v1/sites/${f.siteId}/planned-stops`, {
      stationId: op10,
      from: at('11:00'),
      to: at('11:15'),
      category: 'planned_maintenance',
      note: 'spindle lubrication',
    });
    const events = shiftEvents(op10);
    // The exit station makes product B for an hour.
    for (let i = 0; i < 90; i++) {
      events.push({
        id: `d${i}`,
        kind: 'cycle',
        station: op20,
        ts: new Date(Date.parse(at('05:00')) + i * 40_000).toISOString(),
        product: 'B',
        cycleSeconds: 40,
      });
    }
    events.push(
      { id: 'x0', kind: 'state', station: op20, ts: at('05:00'), state: 'running' },
      { id: 'x1', kind: 'state', station: op20, ts: at('06:00'), state: 'starved' },
    );
    const res = await t.app.request('/api/v1/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    const answer = await res.json();
    expect(answer.rejected).toEqual([]);
    expect(answer.accepted).toBe(events.length);
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers a station’s ISO 22400 elements and figures for the shift, as computed by hand', async () => {
    const m = await ok('GET', `/api/v1/stations/${op10}/metrics?window=current-shift`);
    expect(m.window).toEqual({
      from: '2026-12-03T05:00:00.000Z',
      to: '2026-12-03T13:00:00.000Z',
      name: 'shift early',
      timezone: 'Europe/Prague',
    });
    expect(m.elements).toEqual(expectedElements);
    expect(m.figures.availability.value).toBeCloseTo(23_100 / 26_100, 9);
    expect(m.figures.effectiveness.value).toBeCloseTo(22_800 / 23_100, 9);
    expect(m.figures.quality.value).toBeCloseTo(370 / 380, 9);
    expect(m.figures.oee.value).toBeCloseTo((22_800 / 26_100) * (370 / 380), 9);
    expect(m.idealCycleTimeSources).toEqual(['station']);
    expect(m.reliability).toEqual({ failures: 1, mtbf: { value: 23_100 }, mttr: { value: 1_200 } });
    expect(
      m.stopReasons.byTime.map((g: { reason: string; name: string; classified: boolean }) => [g.reason, g.name, g.classified]),
    ).toEqual([
      ['SPINDLE', 'Spindle fault', true],
      ['CHG', 'Product changeover', true],
      ['JAM', 'unclassified stop', false],
    ]);
    expect(m.cycleTime).toMatchObject({ count: 380, mean: { value: 60 }, cv: { value: 0 } });
    expect(m.energy.kwh.value).toBeCloseTo(0.5 + 100 / 60, 9);
    expect(m.energy.perGoodPart.value).toBeCloseTo((0.5 + 100 / 60) / 370, 9);
    expect(m.throughput.goodPerHour.value).toBeCloseTo(370 / (26_100 / 3600), 9);
  });

  it('answers the line from summed elements and the exit station’s output, with the product’s ideal time', async () => {
    const m = await ok('GET', `/api/v1/lines/${f.lineId}/metrics?from=${at('05:00')}&to=${at('13:00')}`);
    expect(m.exitStationId).toBe(op20);
    expect(m.elements.PQ).toBe(90);
    const exit = m.stations.find((s: { stationId: string }) => s.stationId === op20);
    expect(exit.idealCycleTimeSources).toEqual(['product']);
    // OP20 runs an hour, then is starved for the rest of the shift (its planned busy time: 8 h − the break).
    expect(exit.elements).toMatchObject({ PBT: 27_000, APT: 3_600, ADOT: 23_400 });
    expect(m.elements.PBT).toBe(26_100 + 27_000);
    expect(m.figures.availability.value).toBeCloseTo((23_100 + 3_600) / (26_100 + 27_000), 9);
    expect(m.figures.effectiveness.value).toBeCloseTo((380 * 60 + 90 * 40) / (23_100 + 3_600), 9);
    expect(m.figures.quality.value).toBe(1);
    // The line's throughput is its exit station's good parts over that station's planned busy time, not over the summed time.
    expect(m.throughput.goodPerHour.value).toBeCloseTo(90 / (27_000 / 3600), 9);
  });

  it('shows each station’s state now and since when, and the shift’s output against plan', async () => {
    const live = await ok('GET', `/api/v1/lines/${f.lineId}/live`);
    expect(live.shift).toEqual({ name: 'early', start: '2026-12-03T05:00:00.000Z', end: '2026-12-03T13:00:00.000Z' });
    expect(live.stations.map((s: { code: string; state: string; since: string }) => [s.code, s.state, s.since])).toEqual([
      ['op10', 'running', '2026-12-03T12:40:00.000Z'],
      ['op20', 'starved', '2026-12-03T06:00:00.000Z'],
    ]);
    // OP10 sends no buffer level: it is the first station. OP20's is derived from the counts,
    // computed here independently: every second, OP10's good parts in, OP20's parts out, from the lowest point.
    expect(live.stations[0].buffer).toEqual({ level: null, reason: 'first_station' });
    let d = 0;
    let low = 0;
    for (let s = 0; s <= 8 * 3600; s++) {
      if (s % 40 === 0 && s / 40 < 90) d--;
      if (s % 60 === 0 && s / 60 < 370) d++;
      low = Math.min(low, d);
    }
    expect(live.stations[1].buffer).toMatchObject({ basis: 'derived', level: d - low });
    // Plan: 8 h − 30 min break = 27 000 s of planned busy time at the bottleneck's ideal 60 s (OP10; OP20's is 55 s) = 450 parts.
    expect(live.output).toMatchObject({ produced: 90, good: 90, planSoFar: { value: 450 }, planShift: { value: 450 } });
  });

  it('places events that arrive out of order by their source timestamp', async () => {
    const area = (await ok('GET', `/api/v1/lines/${f.lineId}`)).areaId;
    const line = await ok('POST', '/api/v1/lines', { areaId: area, code: 'cs2', name: 'Crankshaft 2' });
    const station = (await ok('POST', '/api/v1/stations', { lineId: line.id, code: 'op10', name: 'OP10', position: 1 })).id;
    await ok('PATCH', `/api/v1/stations/${station}`, { idealCycleSeconds: 60 });
    await ok('POST', `/api/v1/sites/${f.siteId}/planned-stops`, {
      stationId: station,
      from: at('11:00'),
      to: at('11:15'),
      category: 'planned_maintenance',
    });
    // The same shift, newest first, in three batches, the states last.
    const events = shiftEvents(station).reverse();
    const states = events.filter((e) => (e as { kind: string }).kind === 'state');
    const rest = events.filter((e) => (e as { kind: string }).kind !== 'state');
    for (const batch of [rest.slice(0, 200), rest.slice(200), states]) expect((await send(batch)).rejected).toEqual([]);
    const m = await ok('GET', `/api/v1/stations/${station}/metrics?window=current-shift`);
    expect(m.elements).toEqual(expectedElements);
    expect(m.reliability).toEqual({ failures: 1, mtbf: { value: 23_100 }, mttr: { value: 1_200 } });
  });

  it('refuses a bad window, a bad schedule and a bad reason tree with the field', async () => {
    const onlyFrom = await t.call('GET', `/api/v1/lines/${f.lineId}/metrics?from=${at('05:00')}`);
    expect(onlyFrom.status).toBe(400);
    expect(onlyFrom.body.errors[0].path).toBe('query.to');
    const tooLong = await t.call('GET', `/api/v1/lines/${f.lineId}/metrics?from=2026-10-01T00:00:00Z&to=2026-12-03T00:00:00Z`);
    expect(tooLong.body.errors[0].path).toBe('query.from');
    const outside = await t.call('PUT', `/api/v1/sites/${f.siteId}/schedule`, {
      body: { shifts: [{ name: 'early', start: '06:00', end: '14:00', days: [1], breaks: [{ start: '15:00', end: '15:30' }] }] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].path).toBe('body.shifts.0.breaks.0');
    const badTime = await t.call('PUT', `/api/v1/sites/${f.siteId}/schedule`, {
      body: { shifts: [{ name: 'x', start: '25:00', end: '06:00', days: [1] }] },
    });
    expect(badTime.body.errors[0].path).toBe('body.shifts.0.start');
    const badCategory = await t.call('PUT', `/api/v1/sites/${f.siteId}/stop-reasons`, {
      body: { items: [{ code: 'X', name: 'X', stateClass: 'setup', category: 'technical' }] },
    });
    expect(badCategory.body.errors[0].path).toBe('body.items.0.category');
    // Nothing of the refused changes was kept.
    expect((await ok('GET', `/api/v1/sites/${f.siteId}/schedule`)).shifts[0].breaks).toEqual([
      { start: '10:00', end: '10:30', name: 'lunch' },
    ]);
  });
});
