import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('KPIs and progress on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    useCaseId = (await createUseCaseFixture(t, f)).id;
  });
  afterAll(async () => t?.close());

  const measure = (kpiId: string, periodStart: string, periodEnd: string, value: number) =>
    t.call('POST', `/api/v1/kpis/${kpiId}/measurements`, { body: { periodStart, periodEnd, value, source: 'MES' }, as: 'planner' });

  it('measures progress as the share of the gap closed, higher is better', async () => {
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body: kpiBody(t) })).body;
    expect(kpi.progress.gapClosed).toBeNull();
    await measure(kpi.id, '2026-09-01', '2026-09-30', 62);
    await measure(kpi.id, '2026-10-01', '2026-10-31', 65);
    const res = await t.call('GET', `/api/v1/kpis/${kpi.id}`, { as: 'viewer' });
    expect(res.body.progress.current.value).toBe(65);
    expect(res.body.progress.gapClosed).toBeCloseTo(0.5, 10);
    expect(res.body.progress.trend.label).toBe('improving');
  });

  it('measures progress sign-correctly when lower is better, including regress', async () => {
    const body = kpiBody(t, {
      name: 'Downtime',
      unit: 'h/week',
      direction: 'lower_is_better',
      baseline: { value: 10, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'CMMS' },
      target: { value: 6, date: '2027-06-01' },
    });
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body })).body;
    await measure(kpi.id, '2026-09-01', '2026-09-30', 9);
    await measure(kpi.id, '2026-10-01', '2026-10-31', 7);
    expect((await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress.gapClosed).toBeCloseTo(0.75, 10);
    await measure(kpi.id, '2026-11-01', '2026-11-07', 11);
    const worse = (await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress;
    expect(worse.gapClosed).toBeCloseTo(-0.25, 10);
  });

  it('refuses a target on the wrong side of the baseline, naming the field', async () => {
    const res = await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, {
      body: kpiBody(t, { target: { value: 55, date: '2027-06-01' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.target.value');
  });

  it('flags a KPI overdue for a measurement by its cadence as the clock moves', async () => {
    const kpi = (
      await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, {
        body: kpiBody(t, { name: 'Output', unit: 'parts', reviewCadence: 'monthly' }),
      })
    ).body;
    await measure(kpi.id, '2026-10-01', '2026-10-31', 61);
    // Monthly: the November value is due one month after Oct 31 plus 7 days' grace = Dec 7.
    t.clock.set('2026-12-07T12:00:00Z');
    let view = (await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress;
    expect(view.nextMeasurementDue).toBe('2026-12-07');
    expect(view.overdue).toBe(false);
    t.clock.set('2026-12-08T12:00:00Z');
    view = (await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress;
    expect(view.overdue).toBe(true);
    expect(view.daysOverdue).toBe(1);
    await measure(kpi.id, '2026-11-01', '2026-11-30', 62);
    expect((await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress.overdue).toBe(false);
    t.clock.set('2026-11-25T08:00:00Z');
  });

  it('refuses measurements of periods not yet ended, reversed periods and duplicates', async () => {
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body: kpiBody(t, { name: 'Scrap' }) })).body;
    const future = await measure(kpi.id, '2026-11-01', '2026-11-30', 1);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.periodEnd');
    const reversed = await measure(kpi.id, '2026-10-31', '2026-10-01', 1);
    expect(reversed.status).toBe(400);
    expect((await measure(kpi.id, '2026-10-01', '2026-10-31', 1)).status).toBe(201);
    expect((await measure(kpi.id, '2026-10-01', '2026-10-31', 2)).status).toBe(409);
    expect((await measure('00000000-0000-4000-8000-000000000000', '2026-10-01', '2026-10-31', 2)).status).toBe(404);
    // A period ending today has not ended; an overlapping period is refused and names the one it overlaps.
    const today = await measure(kpi.id, '2026-11-20', '2026-11-25', 1);
    expect(today.status).toBe(400);
    expect(today.body.errors[0].path).toBe('body.periodEnd');
    const first = (await t.call('GET', `/api/v1/kpis/${kpi.id}/measurements`)).body.items[0];
    const overlap = await measure(kpi.id, '2026-10-15', '2026-11-01', 3);
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ status: 409, overlapsMeasurementId: first.id });
  });

  it('corrects a wrong measurement by PATCH, audited, and keeps periods apart', async () => {
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body: kpiBody(t, { name: 'Rework' }) })).body;
    const sept = (await measure(kpi.id, '2026-09-01', '2026-09-30', 60)).body;
    const oct = (await measure(kpi.id, '2026-10-01', '2026-10-31', 600)).body;
    const fixed = await t.call('PATCH', `/api/v1/kpi-measurements/${oct.id}`, { body: { value: 66 }, as: 'planner' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ id: oct.id, value: 66, periodEnd: '2026-10-31' });
    expect((await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress.current.value).toBe(66);
    const trail = (await t.call('GET', `/api/v1/audit/kpi_measurement/${oct.id}`)).body.items;
    expect(trail.map((e: any) => e.action)).toEqual(['create', 'correct']);
    expect([trail[1].before.value, trail[1].after.value]).toEqual([600, 66]);
    const clash = await t.call('PATCH', `/api/v1/kpi-measurements/${sept.id}`, { body: { periodEnd: '2026-10-05' } });
    expect(clash.status).toBe(409);
    expect((await t.call('PATCH', `/api/v1/kpi-measurements/${sept.id}`, { body: { periodEnd: '2026-09-29' } })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/kpi-measurements/not-an-id`, { body: { value: 1 } })).status).toBe(404);
    // A measurement entered by mistake is deleted; the audit log keeps it.
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${oct.id}`, { as: 'planner' })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress.current.value).toBe(60);
    const afterDelete = (await t.call('GET', `/api/v1/audit/kpi_measurement/${oct.id}`)).body.items;
    expect(afterDelete.map((e: any) => e.action)).toEqual(['create', 'correct', 'delete']);
    expect(afterDelete[2].before.value).toBe(66);
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${oct.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${sept.id}`, { as: 'viewer' })).status).toBe(403);
  });

  it('answers figures without floating-point noise (12 significant digits at most)', async () => {
    const body = kpiBody(t, {
      name: 'Scrap rate',
      direction: 'higher_is_better',
      baseline: { value: 0.2, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'QMS' },
      target: { value: 0.7, date: '2027-06-01' },
    });
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body })).body;
    await measure(kpi.id, '2026-09-01', '2026-09-30', 0.4);
    expect((0.4 - 0.2) / (0.7 - 0.2)).toBe(0.4000000000000001);
    expect((await t.call('GET', `/api/v1/kpis/${kpi.id}`)).body.progress.gapClosed).toBe(0.4);
  });

  it('says which KPIs are behind their straight-line plan, and lists only those when asked', async () => {
    const uc = (
      await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
        body: { title: 'Plan check', question: 'On plan?', scope: { lineId: f.lineId }, decisionFrequency: 'weekly' },
      })
    ).body;
    // Baseline period ends 2026-05-31, target on 2027-06-01: by 2026-10-31 the plan has closed 153/366.
    const slow = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { name: 'Slow' }) })).body;
    const fast = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { name: 'Fast' }) })).body;
    await measure(slow.id, '2026-10-01', '2026-10-31', 61);
    await measure(fast.id, '2026-10-01', '2026-10-31', 68);
    const all = (await t.call('GET', `/api/v1/use-cases/${uc.id}/kpis`)).body.items;
    const bySlow = all.find((k: any) => k.id === slow.id).progress;
    expect(bySlow.plannedShare).toBeCloseTo(153 / 366, 10);
    expect([bySlow.gapClosed, bySlow.behindPlan]).toEqual([0.1, true]);
    expect(all.find((k: any) => k.id === fast.id).progress.behindPlan).toBe(false);
    const behind = (await t.call('GET', `/api/v1/use-cases/${uc.id}/kpis?behindPlan=true`)).body;
    expect(behind.items.map((k: any) => k.name)).toEqual(['Slow']);
    expect(behind.total).toBe(1);
  });

  it('bounds values to what a plant can mean, so every derived figure stays finite', async () => {
    for (const body of [
      kpiBody(t, { target: { value: 1e308, date: '2027-06-01' } }),
      kpiBody(t, { annualValuePerUnit: 1e300, currency: 'EUR' }),
    ]) {
      const res = await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body });
      expect(res.status).toBe(400);
    }
    const kpi = (await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { body: kpiBody(t, { name: 'OEE big' }) })).body;
    const huge = await measure(kpi.id, '2026-08-01', '2026-08-31', -1e308);
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0]).toMatchObject({ path: 'body.value', message: 'must lie between -10^12 and 10^12' });
  });

  it('lists every KPI in the program ROI view with baseline, current, target and value', async () => {
    const kpi = (
      await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, {
        body: kpiBody(t, { name: 'Valued OEE', annualValuePerUnit: 1000, currency: 'EUR' }),
      })
    ).body;
    await measure(kpi.id, '2026-10-01', '2026-10-31', 64);
    const roi = (await t.call('GET', `/api/v1/programs/${f.programId}/roi`, { as: 'viewer' })).body;
    const row = roi.kpis.find((k: any) => k.kpiId === kpi.id);
    expect(row).toMatchObject({
      baseline: 60,
      current: 64,
      target: 70,
      gapClosed: 0.4,
      realisedAnnualValue: 4000,
      targetAnnualValue: 10000,
    });
    expect(roi.kpis.length).toBeGreaterThanOrEqual(5);
    expect(roi.totals).toEqual([{ currency: 'EUR', realisedAnnualValue: 4000, targetAnnualValue: 10000 }]);
  });
});
