import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveMetricValue, LIVE_METRICS } from '../../../server/metrics/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';
import { ok } from '../../helpers/access.ts';
import { expectedElements, shiftStates } from './shiftFixture.ts';

/**
 * A live metric's value over a window is the ISO 22400 figure the metrics routes compute over it,
 * a day at a time or not: the hand-computed shift of shiftFixture.ts, read over windows whose day
 * boundaries cut a failure and a microstop.
 */
describe.each(databaseKinds)('live metric values on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let op10: string;
  const at = (hhmm: string) => `2026-12-03T${hhmm}:00Z`;

  beforeAll(async () => {
    t = await createTestApp(kind, '2026-12-05T13:00:00Z');
    f = await createProgramFixture(t);
    await ok(t, 'PATCH', `/api/v1/sites/${f.siteId}`, { timezone: 'Europe/Prague' });
    op10 = (await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op10', name: 'OP10', position: 1 })).id;
    await ok(t, 'PATCH', `/api/v1/stations/${op10}`, { idealCycleSeconds: 60 });
    await ok(t, 'PUT', `/api/v1/sites/${f.siteId}/schedule`, {
      shifts: [
        { name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '10:00', end: '10:30', name: 'lunch' }] },
      ],
    });
    await ok(t, 'POST', `/api/v1/sites/${f.siteId}/planned-stops`, {
      stationId: op10,
      from: at('11:00'),
      to: at('11:15'),
      category: 'planned_maintenance',
    });
    const events: unknown[] = shiftStates.map(([hhmm, state, reason], i) => ({
      id: `s${i}`,
      kind: 'state',
      station: op10,
      ts: at(hhmm),
      state,
      ...(reason ? { reason } : {}),
    }));
    for (let i = 0; i < 380; i++) {
      const ts = new Date(Date.parse(at('05:00')) + i * 60_000).toISOString();
      events.push({ id: `c${i}`, kind: 'cycle', station: op10, ts, product: 'A', cycleSeconds: 60, ...(i >= 370 ? { scrap: 1 } : {}) });
    }
    // The shift ends with the station stopped, so that the next day's window knows its state.
    events.push({ id: 'end', kind: 'state', station: op10, ts: at('13:00'), state: 'planned_stop', reason: '160000' });
    events.push(
      { id: 'k1', kind: 'energy', station: op10, ts: at('05:00'), kwh: 100 },
      { id: 'k2', kind: 'energy', station: op10, ts: at('12:00'), kwh: 137 },
    );
    const res = await t.call('POST', '/api/v1/ingest', { body: events });
    expect(res.body.rejected).toEqual([]);
  });
  afterAll(async () => t?.close());

  it('computes the hand-computed shift’s figures for the station', async () => {
    const window = { start: Date.parse(at('05:00')), end: Date.parse(at('13:00')) };
    const value = async (metric: (typeof LIVE_METRICS)[number]) =>
      (await liveMetricValue(t.database.db, { metric, lineId: null, stationId: op10 }, window)).value.value;
    const hours = expectedElements.PBT / 3600;
    expect(await value('throughput')).toBeCloseTo(expectedElements.PQ / hours, 9);
    expect(await value('availability')).toBeCloseTo(expectedElements.APT / expectedElements.PBT, 12);
    expect(await value('performance')).toBeCloseTo((60 * expectedElements.PQ) / expectedElements.APT, 12);
    expect(await value('quality')).toBeCloseTo(expectedElements.GQ / expectedElements.PQ, 12);
    expect(await value('scrap_rate')).toBeCloseTo(expectedElements.SQ / expectedElements.PQ, 12);
    expect(await value('energy_per_good_part')).toBeCloseTo(37 / expectedElements.GQ, 12);
    const line = await liveMetricValue(t.database.db, { metric: 'oee', lineId: f.lineId, stationId: null }, window);
    expect(line.counts).toMatchObject({ produced: 380, good: 370, scrap: 10, plannedBusyHours: hours, energyKwh: 37 });
  });

  it('equals the metrics route over windows that a day at a time cuts inside a failure or a microstop', async () => {
    // Day boundaries at 07:01Z (a minute into the 20-minute failure) and at 06:00:30Z (inside the microstop).
    for (const start of ['2026-12-02T07:01:00Z', '2026-12-02T06:00:30Z']) {
      const end = '2026-12-05T00:00:00Z';
      const route = (await t.call('GET', `/api/v1/stations/${op10}/metrics?from=${start}&to=${end}`)).body;
      const window = { start: Date.parse(start), end: Date.parse(end) };
      const value = async (metric: (typeof LIVE_METRICS)[number]) =>
        (await liveMetricValue(t.database.db, { metric, lineId: f.lineId, stationId: null }, window)).value.value;
      expect(await value('availability')).toBeCloseTo(route.figures.availability.value, 12);
      expect(await value('performance')).toBeCloseTo(route.figures.effectiveness.value, 12);
      expect(await value('oee')).toBeCloseTo(route.figures.oee.value, 12);
      expect(await value('throughput')).toBeCloseTo(route.elements.PQ / (route.elements.PBT / 3600), 9);
    }
  });

  it('has no value over a window without events, nor a ratio over no output', async () => {
    const empty = await liveMetricValue(
      t.database.db,
      { metric: 'oee', lineId: f.lineId, stationId: null },
      { start: Date.parse('2026-11-20T00:00:00Z'), end: Date.parse('2026-11-21T00:00:00Z') },
    );
    expect(empty.value).toEqual({ value: null, reason: 'no_live_data' });
    const stateOnly = await liveMetricValue(
      t.database.db,
      { metric: 'scrap_rate', lineId: f.lineId, stationId: null },
      { start: Date.parse(at('12:59')), end: Date.parse(at('13:10')) },
    );
    expect(stateOnly.value).toEqual({ value: null, reason: 'no_output' });
  });
});
