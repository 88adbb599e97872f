import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDecisionChecks } from '../../../server/decisions/index.ts';
import { sweepLiveMeasurements } from '../../../server/kpis/index.ts';
import { startSweeper } from '../../../server/sweeper.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { decisionWorld, ok, storedRun, type DecisionWorld } from './world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Generated live data: the line works one shift, 06:00–14:00 in Prague with a break at 10:00, Monday
 * to Friday; its exit station makes a part every 60 s until Monday 30 November 06:00, when a
 * decision takes effect, and every 50 s after it: 60 parts per planned hour before, 72 after.
 */
function generatedWeekdays(station: string, from: string, days: number, cycleSeconds: number): unknown[] {
  const events: unknown[] = [];
  const first = Date.parse(from);
  for (let d = 0; d < days; d++) {
    const date = new Date(first + d * DAY);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const at = (h: number, m = 0) => date.getTime() + (h - 1) * HOUR + m * 60_000; // Prague is UTC+1 in winter
    const key = date.toISOString().slice(0, 10);
    events.push({ id: `${key}-run`, kind: 'state', station, ts: new Date(at(6)).toISOString(), state: 'running' });
    for (const [start, end] of [
      [at(6), at(10)],
      [at(10, 30), at(14)],
    ]) {
      for (let t = start, i = 0; t < end; t += cycleSeconds * 1000, i++) {
        events.push({ id: `${key}-${start}-${i}`, kind: 'cycle', station, ts: new Date(t).toISOString(), product: 'A', cycleSeconds });
      }
    }
  }
  return events;
}

describe.each(databaseKinds)('the outcome of decisions on generated live data on %s', (kind) => {
  let t: TestApp;
  let w: DecisionWorld;
  let inside: any;
  let outside: any;
  async function send(events: unknown[]) {
    for (let i = 0; i < events.length; i += 5000) {
      const res = await t.call('POST', '/api/v1/ingest', { body: events.slice(i, i + 5000) });
      expect(res.body.rejected, JSON.stringify(res.body.rejected?.slice?.(0, 3))).toEqual([]);
    }
  }

  beforeAll(async () => {
    // Monday 30 November 2026, 06:00 in Prague: the decisions are taken and take effect now.
    t = await createTestApp(kind, '2026-11-30T05:00:00Z');
    w = await decisionWorld(t);
    await ok(t, 'PATCH', `/api/v1/sites/${w.f.siteId}`, { timezone: 'Europe/Prague' });
    await ok(t, 'PATCH', `/api/v1/programs/${w.f.programId}`, { timezone: 'Europe/Prague' });
    await ok(t, 'PUT', `/api/v1/sites/${w.f.siteId}/schedule`, {
      shifts: [{ name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [{ start: '10:00', end: '10:30' }] }],
    });
    // Two weeks before: 16 to 29 November.
    await send(generatedWeekdays(w.stations.op20, '2026-11-16T00:00:00Z', 14, 60));
    const comparison = await storedRun(t, {
      kind: 'comparison',
      lineId: w.f.lineId,
      result: {
        baseline: { name: 'as is', result: { throughput: { mean: 1, ciLow: 0.98, ciHigh: 1.02 }, timeUnit: 'min' } },
        variants: [{ name: 'faster op20', result: { throughput: { mean: 1.2, ciLow: 70 / 60, ciHigh: 74 / 60 }, timeUnit: 'min' } }],
      },
    });
    const decide = async (body: Record<string, unknown>) =>
      ok(t, 'POST', '/api/v1/decisions', { useCaseId: w.useCaseId, effectiveFrom: '2026-11-30T05:00:00Z', ...body }, 'planner');
    // The true effect (72 parts/h) lies inside the comparison's interval for the chosen variant…
    inside = await decide({
      choice: { kind: 'buffer_change', runId: comparison, scenario: 'faster op20', buffers: [{ afterStation: 'op10', capacity: 8 }] },
      predictions: [{ kpiId: w.throughputKpi.id }],
    });
    // …and outside an estimate typed by hand without a run.
    outside = await decide({
      choice: { kind: 'free_text', text: 'Second fixture at OP20' },
      predictions: [{ kpiId: w.throughputKpi.id, value: 85, low: 80, high: 90 }],
    });
    // A week on, Monday 7 December at 08:00, the gateway has sent the week after: 30 November to 6 December.
    t.clock.set('2026-12-07T07:00:00Z');
    await send(generatedWeekdays(w.stations.op20, '2026-11-30T00:00:00Z', 7, 50));
  }, 120_000);
  afterAll(async () => t?.close());

  it('records a live KPI’s weekly measurements from the events, once, by the twin', async () => {
    const logged: string[] = [];
    const sweeper = startSweeper({ db: t.database.db, dbKind: t.database.kind, clock: t.clock }, 3_600_000, (l) => logged.push(l));
    const pass = await sweeper.runOnce();
    await sweeper.stop();
    // The three weeks with events, and both predictions (due since this morning's 06:00).
    expect([pass.measured, pass.checked]).toEqual([3, 2]);
    expect(logged).toContain('live data: 3 KPI measurement(s) recorded, 2 decision prediction(s) checked');
    const again = await sweepLiveMeasurements(t.database.db, t.clock(), 90);
    const outcome = again.find((o) => o.kpiId === w.throughputKpi.id)!;
    expect(outcome.recorded).toEqual([]);
    // Weeks of the retention window without any event get no row.
    expect(outcome.withoutData.length).toBeGreaterThan(0);
    const rows = (await t.call('GET', `/api/v1/kpis/${w.throughputKpi.id}/measurements`)).body.items;
    expect(rows.map((m: any) => [m.periodStart, m.periodEnd, Number(m.value.toFixed(6))])).toEqual([
      ['2026-11-16', '2026-11-22', 60],
      ['2026-11-23', '2026-11-29', 60],
      ['2026-11-30', '2026-12-06', 72],
    ]);
    expect(rows[0]).toMatchObject({ recordedBy: 'twin', recordedById: null });
    expect(rows[0].source).toContain('live data: throughput of line cs1 (37.5 planned busy h, 2250 parts');
    // The KPI's hand-measured sibling is not swept.
    expect(again.find((o) => o.kpiId === w.handKpi.id)).toBeUndefined();
  });

  it('checks each prediction against the week after, with the matched week before it', async () => {
    expect(await sweepDecisionChecks(t.database.db, t.clock())).toEqual({ checked: 0, failed: [] });
    const a = (await t.call('GET', `/api/v1/decisions/${inside.id}`, { as: 'viewer' })).body.predictions[0];
    expect([a.value, a.low, a.high].map((x: number) => Number(x.toFixed(6)))).toEqual([72, 70, 74]);
    expect(a.outcome).toMatchObject({ status: 'checked', realisedFrom: 'measurements', inside: true });
    expect(a.outcome.realised).toBeCloseTo(72, 9);
    const live = a.outcome.liveData;
    expect(live).toMatchObject({ metric: 'throughput', plannedHours: 37.5, reason: null });
    expect([live.before.from, live.before.to, live.after.from, live.after.to]).toEqual([
      '2026-11-23T05:00:00.000Z',
      '2026-11-30T05:00:00.000Z',
      '2026-11-30T05:00:00.000Z',
      '2026-12-07T05:00:00.000Z',
    ]);
    expect([live.before.value, live.after.value, live.effect].map((x: number) => Number(x.toFixed(6)))).toEqual([60, 72, 12]);
    expect([live.before.counts.produced, live.after.counts.produced]).toEqual([2250, 2700]);
    const b = (await t.call('GET', `/api/v1/decisions/${outside.id}`)).body.predictions[0];
    expect(b.outcome).toMatchObject({ status: 'checked', inside: false });
    expect(b.outcome.bias).toBeCloseTo(-13, 9);
    expect(b.outcome.relativeBias).toBeCloseTo(-13 / 85, 9);
  });

  it('falls back on the live window where the week is not measured', async () => {
    const measurement = (await t.call('GET', `/api/v1/kpis/${w.throughputKpi.id}/measurements`)).body.items.at(-1);
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${measurement.id}`)).status).toBe(204);
    const a = (await t.call('GET', `/api/v1/decisions/${inside.id}`)).body.predictions[0];
    expect(a.outcome).toMatchObject({ status: 'checked', realisedFrom: 'live_data', inside: true });
  });

  it('counts both in the line’s track record and the use case’s', async () => {
    const line = (await t.call('GET', `/api/v1/lines/${w.f.lineId}/track-record`, { as: 'viewer' })).body;
    expect(line).toMatchObject({
      lineId: w.f.lineId,
      decisionsChecked: 2,
      predictionsChecked: 2,
      inside: 1,
      insideShare: 0.5,
      verdict: 'too_few',
    });
    const useCase = (await t.call('GET', `/api/v1/use-cases/${w.useCaseId}/track-record`)).body;
    expect(useCase).toMatchObject({ useCaseId: w.useCaseId, predictionsChecked: 2, verdict: 'too_few', advice: null });
  });
});
