import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../server/core/calendar.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';
import { ok } from './world.ts';

/**
 * Track records on hand-made KPI series: five weekly decisions of one use case predicted 100 parts
 * and got 88 each time (12 % high: a poor record, an early warning); four of another predicted 100
 * within ±5 and got 101 (a good record, the sponsor's evidence).
 */
describe.each(databaseKinds)('track records and their early warning on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let poorCase: any;
  let goodCase: any;
  const mondays = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'];

  async function decideWeekly(useCaseId: string, kpiId: string, weeks: string[], predicted: { value: number; low: number; high: number }) {
    for (const monday of weeks) {
      t.clock.set(`${monday}T06:00:00Z`);
      await ok(
        t,
        'POST',
        '/api/v1/decisions',
        {
          useCaseId,
          choice: { kind: 'free_text', text: `Sequence of week ${monday}` },
          predictions: [{ kpiId, ...predicted }],
          effectiveFrom: `${monday}T06:00:00Z`,
        },
        'planner',
      );
    }
  }

  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-02T06:00:00Z');
    f = await createProgramFixture(t);
    poorCase = await createUseCaseFixture(t, f, { title: 'Weekly sequence' });
    goodCase = await createUseCaseFixture(t, f, { title: 'Weekly buffers' });
    const weekly = (name: string) =>
      kpiBody(t, {
        name,
        unit: 'parts',
        reviewCadence: 'weekly',
        baseline: { value: 80, periodStart: '2026-10-01', periodEnd: '2026-10-31', source: 'MES' },
        target: { value: 110, date: '2027-06-01' },
      });
    const poorKpi = await ok(t, 'POST', `/api/v1/use-cases/${poorCase.id}/kpis`, weekly('Output'));
    const goodKpi = await ok(t, 'POST', `/api/v1/use-cases/${goodCase.id}/kpis`, weekly('Output per shift'));
    await decideWeekly(poorCase.id, poorKpi.id, mondays, { value: 100, low: 98, high: 102 });
    await decideWeekly(goodCase.id, goodKpi.id, mondays.slice(0, 4), { value: 100, low: 95, high: 105 });
    t.clock.set('2026-12-08T08:00:00Z');
    for (const monday of mondays) {
      const period = { periodStart: monday, periodEnd: addDays(monday, 6), source: 'MES' };
      await ok(t, 'POST', `/api/v1/kpis/${poorKpi.id}/measurements`, { ...period, value: 88 });
      await ok(t, 'POST', `/api/v1/kpis/${goodKpi.id}/measurements`, { ...period, value: 101 });
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('finds a record poor when its predictions were 12 % high, and says what to recalibrate', async () => {
    const record = (await t.call('GET', `/api/v1/use-cases/${poorCase.id}/track-record`, { as: 'viewer' })).body;
    expect(record).toMatchObject({ decisionsChecked: 5, predictionsChecked: 5, inside: 0, insideShare: 0, verdict: 'poor' });
    expect(record.meanRelativeBias).toBeCloseTo(-0.12, 12);
    expect(record.advice).toBe(
      "Predictions of Output were 12 % high on average, outside their interval in 5 of 5: recalibrate the line's model before the next decision.",
    );
    expect(record.recalibrate).toEqual([f.lineId]);
    expect(record.trend).toMatchObject({ label: 'too_few', recent: { checked: 5 } });
  });

  it('raises an early warning for the poor record, and lets the program judge it otherwise', async () => {
    const view = (await t.call('GET', `/api/v1/programs/${f.programId}/early-warnings`)).body;
    const signal = view.signals.find((s: any) => s.code === 'poor_track_record');
    expect(signal).toMatchObject({ weight: 3, useCaseId: poorCase.id, entity: { type: 'use_case', id: poorCase.id } });
    expect(signal.message).toContain(
      "Decisions of 'Weekly sequence' came out outside their predictions too often (0 of 5 inside the interval, mean bias −12 %)",
    );
    expect(signal.message).toContain("recalibrate the line's model before the next decision");
    expect(view.signals.filter((s: any) => s.code === 'poor_track_record')).toHaveLength(1);
    const own = (await t.call('GET', `/api/v1/use-cases/${poorCase.id}/early-warnings`)).body;
    expect(own.signals.map((s: any) => s.code)).toContain('poor_track_record');
    await ok(t, 'PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, { trackRecordMinChecked: 6 });
    const relaxed = (await t.call('GET', `/api/v1/programs/${f.programId}/early-warnings`)).body;
    expect(relaxed.signals.map((s: any) => s.code)).not.toContain('poor_track_record');
    expect((await t.call('GET', `/api/v1/use-cases/${poorCase.id}/track-record`)).body.verdict).toBe('too_few');
    await ok(t, 'PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, {});
  });

  it('shows a good record to the sponsor as evidence in the program’s ROI view', async () => {
    const good = (await t.call('GET', `/api/v1/use-cases/${goodCase.id}/track-record`)).body;
    expect(good).toMatchObject({ predictionsChecked: 4, insideShare: 1, verdict: 'good', advice: null, recalibrate: [] });
    const roi = (await t.call('GET', `/api/v1/programs/${f.programId}/roi`, { as: 'sponsor' })).body;
    expect(roi.trust.evidence.map((r: any) => [r.title, r.verdict])).toEqual([['Weekly buffers', 'good']]);
    expect(roi.trust.trackRecords.map((r: any) => r.verdict).sort()).toEqual(['good', 'poor']);
  });

  it('judges the line by the predictions about it', async () => {
    const line = (await t.call('GET', `/api/v1/lines/${f.lineId}/track-record`)).body;
    expect(line).toMatchObject({ predictionsChecked: 9, inside: 4, verdict: 'poor' });
  });
});
