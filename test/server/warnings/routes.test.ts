import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('early warnings on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let uc: any;
  beforeAll(async () => {
    // Go-live 2026-06-01, today 2026-11-25 (Wednesday): 177 days after go-live.
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t, '2026-06-01');
    uc = await createUseCaseFixture(t, f, { ownerId: null });
  });
  afterAll(async () => t?.close());

  const warnings = async () => (await t.call('GET', `/api/v1/programs/${f.programId}/early-warnings`, { as: 'viewer' })).body;
  const has = async (code: string, entityId?: string) =>
    (await warnings()).signals.some((s: any) => s.code === code && (entityId === undefined || s.entity.id === entityId));

  it('flags a use case without owner until it gets one', async () => {
    expect(await has('use_case_without_owner', uc.id)).toBe(true);
    const signal = (await warnings()).signals.find((s: any) => s.code === 'use_case_without_owner');
    expect(signal.entity.href).toBe(`/api/v1/use-cases/${uc.id}`);
    expect(signal.message).toContain('no accountable business owner');
    await t.call('PATCH', `/api/v1/use-cases/${uc.id}`, { body: { ownerId: t.people.owner } });
    expect(await has('use_case_without_owner', uc.id)).toBe(false);
  });

  it('flags a KPI without baseline, and one overdue for measurement, until fixed', async () => {
    const kpi = (await t.call('POST', `/api/v1/use-cases/${uc.id}/kpis`, { body: kpiBody(t, { baseline: null }) })).body;
    expect(await has('kpi_without_baseline', kpi.id)).toBe(true);
    await t.call('PATCH', `/api/v1/kpis/${kpi.id}`, {
      body: { baseline: { value: 60, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'MES' } },
    });
    expect(await has('kpi_without_baseline', kpi.id)).toBe(false);
    // Monthly KPI, baseline ending May 31: overdue since July 7.
    expect(await has('kpi_overdue', kpi.id)).toBe(true);
    await t.call('POST', `/api/v1/kpis/${kpi.id}/measurements`, {
      body: { periodStart: '2026-10-01', periodEnd: '2026-10-31', value: 63, source: 'MES' },
    });
    expect(await has('kpi_overdue', kpi.id)).toBe(false);
  });

  it('flags go-live passed by 90 days without an operational use case, and clears once one is operational with KPI progress', async () => {
    let signal = (await warnings()).signals.find((s: any) => s.code === 'go_live_stalled');
    expect(signal.message).toContain('no use case is operational');
    expect(signal.message).not.toContain('no KPI has moved');
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' } });
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    signal = (await warnings()).signals.find((s: any) => s.code === 'go_live_stalled');
    expect(signal).toBeUndefined();
  });

  it('flags a milestone missed in two consecutive reviews', async () => {
    const m = (
      await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
        body: { title: 'Planners daily', criterion: 'x', due: { quarter: '2026-Q3' }, ownerId: t.people.owner, useCaseId: uc.id },
      })
    ).body;
    await t.call('POST', `/api/v1/programs/${f.programId}/reviews`, {
      body: { heldOn: '2026-09-30', items: [{ milestoneId: m.id, status: 'missed' }] },
    });
    expect(await has('milestone_at_risk', m.id)).toBe(false);
    await t.call('POST', `/api/v1/programs/${f.programId}/reviews`, {
      body: { heldOn: '2026-10-31', items: [{ milestoneId: m.id, status: 'missed' }] },
    });
    expect(await has('milestone_at_risk', m.id)).toBe(true);
    const ucRisk = (await t.call('GET', `/api/v1/use-cases/${uc.id}/early-warnings`)).body;
    expect(ucRisk.signals.map((s: any) => s.code)).toContain('milestone_at_risk');
    await t.call('POST', `/api/v1/programs/${f.programId}/reviews`, {
      body: { heldOn: '2026-11-20', items: [{ milestoneId: m.id, status: 'met', note: 'log' }] },
    });
    expect(await has('milestone_at_risk', m.id)).toBe(false);
  });

  it('flags an escalation past its SLA until resolved', async () => {
    const e = (
      await t.call('POST', '/api/v1/escalations', {
        body: { subjectType: 'use_case', subjectId: uc.id, title: 'Forecast disagrees with MES', severity: 'critical' },
      })
    ).body;
    expect(await has('escalation_breached', e.id)).toBe(false);
    t.clock.advance(25 * 3_600_000);
    expect(await has('escalation_breached', e.id)).toBe(true);
    expect((await warnings()).signals.find((s: any) => s.entity.id === e.id).useCaseId).toBe(uc.id);
    await t.call('POST', `/api/v1/escalations/${e.id}/resolve`, { body: { note: 'MES clock fixed' } });
    expect(await has('escalation_breached', e.id)).toBe(false);
    t.clock.set('2026-11-25T08:00:00Z');
  });

  it('flags a stale required source until data flows', async () => {
    const src = (
      await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
        body: {
          name: 'Historian',
          kind: 'historian',
          scope: { siteId: f.siteId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 60,
        },
      })
    ).body;
    await t.call('POST', `/api/v1/use-cases/${uc.id}/data-sources`, { body: { dataSourceId: src.id } });
    expect(await has('stale_required_source', src.id)).toBe(true);
    await t.call('POST', `/api/v1/data-sources/${src.id}/heartbeat`, { body: {} });
    expect(await has('stale_required_source', src.id)).toBe(false);
  });

  it('flags a group whose usage stayed below its frequency for two complete periods', async () => {
    expect(await has('usage_below_expected', f.groupIds.planners)).toBe(true);
    const signal = (await warnings()).signals.find((s: any) => s.entity.id === f.groupIds.planners);
    expect(signal.message).toMatch(/Planners used the twin below their expected frequency for \d+ weeks in a row/);
    // Planners are "daily" (5 per week): meet it in the last complete week, Nov 16–22.
    for (const day of [16, 17, 18, 19, 20]) {
      const used = await t.call('POST', `/api/v1/use-cases/${uc.id}/usage`, {
        as: 'planner',
        body: { personId: t.people.planner, occurredAt: `2026-11-${day}T09:00:00Z` },
      });
      expect(used.status, JSON.stringify(used.body)).toBe(201);
    }
    expect(await has('usage_below_expected', f.groupIds.planners)).toBe(false);
    expect(await has('usage_below_expected', f.groupIds.operators)).toBe(true);
  });

  it('flags scope creep: a pilot with more than 5 KPIs, and more than 3 use cases before any is operational', async () => {
    const pilot = await createUseCaseFixture(t, f, { title: 'Buffer sizing' });
    await t.call('POST', `/api/v1/use-cases/${pilot.id}/transitions`, { body: { to: 'piloting' } });
    for (let i = 0; i < 6; i++) await t.call('POST', `/api/v1/use-cases/${pilot.id}/kpis`, { body: kpiBody(t, { name: `KPI ${i}` }) });
    expect(await has('scope_creep', pilot.id)).toBe(true);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'piloting' } });
    await createUseCaseFixture(t, f, { title: 'Third' });
    await createUseCaseFixture(t, f, { title: 'Fourth' });
    expect(await has('scope_creep', f.programId)).toBe(true);
    await t.call('POST', `/api/v1/use-cases/${uc.id}/transitions`, { body: { to: 'operational' } });
    expect(await has('scope_creep', f.programId)).toBe(false);
  });

  it('scores by weights into levels, and takes a program’s overrides', async () => {
    const view = await warnings();
    expect(view.score).toBe(view.signals.reduce((s: number, x: any) => s + x.weight, 0));
    const useCaseScores = view.useCases.reduce((s: number, u: any) => s + u.score, 0);
    expect(useCaseScores).toBeLessThanOrEqual(view.score);
    const put = await t.call('PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, {
      as: 'sponsor',
      body: { weights: { usage_below_expected: 50 }, levels: { medium: 1, high: 2, critical: 50 } },
    });
    expect(put.status).toBe(200);
    expect(put.body.effective.weights.kpi_overdue).toBe(1);
    const after = await warnings();
    expect(after.signals[0]).toMatchObject({ code: 'usage_below_expected', weight: 50 });
    expect(after.riskLevel).toBe('critical');
    const bad = await t.call('PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, {
      body: { weights: { unknown_signal: 1 }, levels: { medium: 5, high: 2, critical: 9 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['body.weights', 'body.levels']));
    expect((await t.call('PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, { as: 'owner', body: {} })).status).toBe(403);
  });
});
