import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export interface ProgramFixture {
  enterpriseId: string;
  siteId: string;
  otherSiteId: string;
  areaId: string;
  lineId: string;
  programId: string;
  groupIds: { operators: string; planners: string };
}

async function ok(t: TestApp, method: string, path: string, body: unknown): Promise<any> {
  const res = await t.call(method, path, { body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

/**
 * A program over one site with one line and two user groups, built through the API as an
 * administrator. The test owner and planner are members of the groups.
 */
export async function createProgramFixture(t: TestApp, goLiveDate = '2026-06-01'): Promise<ProgramFixture> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const ent = await ok(t, 'POST', '/api/v1/enterprises', { code: `ent-${suffix}`, name: 'Enterprise' });
  const site = await ok(t, 'POST', '/api/v1/sites', { enterpriseId: ent.id, code: 'brno', name: 'Brno' });
  const other = await ok(t, 'POST', '/api/v1/sites', { enterpriseId: ent.id, code: 'linz', name: 'Linz' });
  const area = await ok(t, 'POST', '/api/v1/areas', { siteId: site.id, code: 'machining', name: 'Machining' });
  const line = await ok(t, 'POST', '/api/v1/lines', { areaId: area.id, code: 'cs1', name: 'Crankshaft 1' });
  const program = await ok(t, 'POST', '/api/v1/programs', {
    enterpriseId: ent.id,
    name: `Twin ${suffix}`,
    sponsorId: t.people.sponsor,
    siteIds: [site.id],
    goLiveDate,
    valueWindowMonths: 9,
  });
  const operators = await ok(t, 'POST', `/api/v1/programs/${program.id}/user-groups`, {
    kind: 'operators',
    name: 'Shift leaders',
    valuePath: 'Knows the next constraint',
    expectedFrequency: 'per_shift',
    memberIds: [t.people.viewer],
    escalationRoute: [t.people.owner, t.people.sponsor],
  });
  const planners = await ok(t, 'POST', `/api/v1/programs/${program.id}/user-groups`, {
    kind: 'planners',
    name: 'Planners',
    valuePath: 'Checks the plan',
    expectedFrequency: 'daily',
    memberIds: [t.people.planner],
    escalationRoute: [t.people.planner, t.people.owner],
  });
  return {
    enterpriseId: ent.id,
    siteId: site.id,
    otherSiteId: other.id,
    areaId: area.id,
    lineId: line.id,
    programId: program.id,
    groupIds: { operators: operators.id, planners: planners.id },
  };
}

/** A use case of the fixture's program, proposed, owned by the test owner unless told otherwise. */
export async function createUseCaseFixture(t: TestApp, f: ProgramFixture, overrides: Record<string, unknown> = {}): Promise<any> {
  return ok(t, 'POST', `/api/v1/programs/${f.programId}/use-cases`, {
    title: 'Next-shift constraint',
    question: 'Which machine will constrain output next shift?',
    scope: { lineId: f.lineId },
    decisionFrequency: 'per_shift',
    ownerId: t.people.owner,
    groupIds: [f.groupIds.operators, f.groupIds.planners],
    ...overrides,
  });
}

/** A KPI body; `baseline: null` leaves it without one. */
export function kpiBody(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Line OEE',
    unit: '%',
    direction: 'higher_is_better',
    baseline: { value: 60, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'MES' },
    target: { value: 70, date: '2027-06-01' },
    reviewCadence: 'monthly',
    ownerId: t.people.owner,
    ...overrides,
  };
}
