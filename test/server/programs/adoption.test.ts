import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('usage and adoption on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let useCaseId: string;
  beforeAll(async () => {
    // Wednesday 2026-11-25; the fixture program runs 3 shifts × 5 working days.
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    useCaseId = (await createUseCaseFixture(t, f)).id;
  });
  afterAll(async () => t?.close());

  const now = '2026-11-25T08:00:00Z';
  /**
   * Records a use as it happened: uses are recorded by the person who made them (or an admin) and
   * never more than 14 days back, so an older one is recorded with the clock on its day.
   */
  async function use(body: Record<string, unknown>, as: 'planner' | 'viewer' | 'admin' = 'planner') {
    if (typeof body.occurredAt === 'string' && body.occurredAt < '2026-11-12') t.clock.set(body.occurredAt);
    try {
      return await t.call('POST', `/api/v1/use-cases/${useCaseId}/usage`, { body, as });
    } finally {
      t.clock.set(now);
    }
  }

  it('derives the group from the person and refuses ambiguous or future events', async () => {
    const res = await use({ personId: t.people.planner, occurredAt: '2026-11-16T09:00:00Z' });
    expect(res.status).toBe(201);
    expect(res.body.groupId).toBe(f.groupIds.planners);
    // The admin belongs to no group this use case serves: they must say which group.
    const stranger = await use({}, 'admin');
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].path).toBe('body.groupId');
    // Without a person, the use is the caller's.
    const mine = await use({ occurredAt: '2026-11-16T10:00:00Z' });
    expect(mine.body).toMatchObject({ personId: t.people.planner, groupId: f.groupIds.planners });
    const future = await use({ personId: t.people.planner, occurredAt: '2026-11-26T09:00:00Z' });
    expect(future.status).toBe(400);
  });

  it('compares observed uses with the group frequency, per week', async () => {
    // Planners (daily = 5 per week): 5 uses in the week of Nov 9, 2 more in the week of Nov 16
    // (two recorded above), none this week so far.
    for (const day of ['09', '10', '11', '12', '13']) await use({ personId: t.people.planner, occurredAt: `2026-11-${day}T09:00:00Z` });
    // Shift leaders (per shift = 15 per week): 6 uses in the week of Nov 16.
    for (const day of [16, 17, 18, 19, 20, 20])
      await use({ groupId: f.groupIds.operators, occurredAt: `2026-11-${day}T06:30:00Z` }, 'viewer');
    const res = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week&from=2026-11-09&to=2026-11-25`, { as: 'viewer' });
    expect(res.status).toBe(200);
    const planners = res.body.groups.find((g: any) => g.groupId === f.groupIds.planners);
    expect(planners.periods.map((p: any) => [p.start, p.observed, p.expected])).toEqual([
      ['2026-11-09', 5, 5],
      ['2026-11-16', 2, 5],
      // Mon–Wed of the current week: 3 days × 5/7.
      ['2026-11-23', 0, 2.14],
    ]);
    expect(planners.periods[0].status).toBe('on_track');
    expect(planners.periods[1].ratio).toBeCloseTo(0.4, 10);
    expect(planners.periods[1].status).toBe('far_below');
    // The current week is shown as partial and not judged: the run of complete weeks below is 1.
    expect(planners.periods.map((p: any) => p.partial)).toEqual([false, false, true]);
    expect(planners.consecutivePeriodsBelow).toBe(1);
    expect(planners.total).toMatchObject({ observed: 7, expected: 10, status: 'below' });
    const operators = res.body.groups.find((g: any) => g.groupId === f.groupIds.operators);
    expect(operators.periods[1]).toMatchObject({ observed: 6, expected: 15, ratio: 0.4 });
  });

  it('counts the run of weeks below back to go-live, and the early warning says the same number', async () => {
    // Go-live 2026-06-01: the shift leaders have had no use in any week but one, 6 of 15 since.
    const view = (await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week`)).body;
    const operators = view.groups.find((g: any) => g.groupId === f.groupIds.operators);
    expect(view.from).toBe('2026-10-05');
    expect(operators.consecutivePeriodsBelow).toBe(25); // every whole week from Jun 1 to Nov 22
    const warnings = (await t.call('GET', `/api/v1/programs/${f.programId}/early-warnings`)).body;
    const signal = warnings.signals.find((s: any) => s.code === 'usage_below_expected' && s.entity.id === f.groupIds.operators);
    expect(signal.message).toContain('for 25 weeks in a row');
  });

  it('judges a group on complete periods: a week in progress without use yet is not a miss', async () => {
    const g = await t.call('POST', `/api/v1/programs/${f.programId}/user-groups`, {
      body: { kind: 'finance', name: 'Controllers', valuePath: 'Monthly ROI', expectedFrequency: 'weekly' },
    });
    for (const day of ['2026-11-10', '2026-11-17']) await use({ groupId: g.body.id, occurredAt: `${day}T10:00:00Z` }, 'admin');
    const view = (await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week&from=2026-11-09`)).body;
    const controllers = view.groups.find((x: any) => x.groupId === g.body.id);
    expect(controllers.total).toMatchObject({ observed: 2, expected: 2, status: 'on_track' });
    expect(controllers.consecutivePeriodsBelow).toBe(0);
    expect(controllers.periods.at(-1)).toMatchObject({ start: '2026-11-23', partial: true, observed: 0 });
  });

  it('validates the query', async () => {
    const bad = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=year`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.period');
    const reversed = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?from=2026-11-20&to=2026-11-01`);
    expect(reversed.status).toBe(400);
    // A `to` after today ends the window today; the default `from` is counted back from there.
    const ahead = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?to=2099-01-01`);
    expect(ahead.status).toBe(200);
    expect(ahead.body).toMatchObject({ from: '2026-10-05', to: '2026-11-25' });
    expect(ahead.body.groups[0].periods).toHaveLength(8);
    const future = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?from=2026-12-01&to=2099-01-01`);
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toEqual({ path: 'query.from', message: 'must not be after today' });
  });

  it('takes the shifts from the sites’ schedules once a site has one', async () => {
    const week = async () =>
      (await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week&from=2026-11-16&to=2026-11-22`, { as: 'viewer' })).body;
    const before = await week();
    expect(before.shiftsFrom).toBe('program_setting');
    const leaders = (body: any) => body.groups.find((g: any) => g.groupId === f.groupIds.operators).periods[0];
    expect(leaders(before).expected).toBe(15);
    // The site now works two shifts on weekdays and one on Saturday: 11 shifts that week.
    const shifts = [
      { name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5, 6], breaks: [] },
      { name: 'late', start: '14:00', end: '22:00', days: [1, 2, 3, 4, 5], breaks: [] },
    ];
    expect((await t.call('PUT', `/api/v1/sites/${f.siteId}/schedule`, { body: { shifts } })).status).toBe(200);
    const after = await week();
    expect(after.shiftsFrom).toBe('site_schedules');
    expect(leaders(after)).toMatchObject({ observed: 6, expected: 11 });
    const planners = after.groups.find((g: any) => g.groupId === f.groupIds.planners).periods[0];
    expect(planners.expected).toBe(6);
    await t.call('PUT', `/api/v1/sites/${f.siteId}/schedule`, { body: { shifts: [] } });
    expect((await week()).shiftsFrom).toBe('program_setting');
  });

  it('says how many uses the twin recorded itself: a decision counts as its maker’s use, a manual record does not', async () => {
    const kpi = await t.call('POST', `/api/v1/use-cases/${useCaseId}/kpis`, { as: 'admin', body: kpiBody(t, { name: 'Output' }) });
    expect(kpi.status).toBe(201);
    const decided = await t.call('POST', '/api/v1/decisions', {
      as: 'planner',
      body: {
        useCaseId,
        choice: { kind: 'free_text', text: 'Second shift starts with the bottleneck' },
        predictions: [{ kpiId: kpi.body.id, value: 65, low: 63, high: 67 }],
        effectiveFrom: now,
      },
    });
    expect(decided.status).toBe(201);
    const res = await t.call('GET', `/api/v1/programs/${f.programId}/adoption?period=week&from=2026-11-09&to=2026-11-25`, { as: 'viewer' });
    const planners = res.body.groups.find((g: any) => g.groupId === f.groupIds.planners);
    expect(planners.periods.map((p: any) => [p.start, p.observed, p.automatic])).toEqual([
      ['2026-11-09', 5, 0],
      ['2026-11-16', 2, 0],
      ['2026-11-23', 1, 1],
    ]);
    // The week in progress is not in the total.
    expect(planners.total).toMatchObject({ observed: 7, automatic: 0 });
  });
});
