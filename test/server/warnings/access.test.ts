import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, createTwoSiteProgram, ok } from '../../helpers/access.ts';
import { createProgramFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

const scopeTo = (t: TestApp, personId: string, siteIds: string[] | null) =>
  ok(t, 'PATCH', `/api/v1/people/${personId}`, { scope: siteIds ? { kind: 'sites', siteIds } : { kind: 'installation' } });

describe.each(databaseKinds)('early warnings by scope on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // A program over Brno (the fixture's line) and Linz, with a use case at each; nothing is fixed.
  let programId: string;
  let brnoCase: string;
  let linzCase: string;
  let brnoKpi: string;
  let linzKpi: string;
  let brnoSource: string;
  let brnoMilestone: string;
  let brnoEscalation: string;
  let linzEscalation: string;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    const twoSites = await createTwoSiteProgram(t, f);
    programId = twoSites.programId;
    const { linzLine } = twoSites;
    // Neither use case has an owner; each KPI lacks a baseline.
    const useCase = async (title: string, lineId: string) =>
      (
        await ok(t, 'POST', `/api/v1/programs/${programId}/use-cases`, {
          title,
          question: 'Which machine constrains next shift?',
          scope: { lineId },
          decisionFrequency: 'daily',
        })
      ).id as string;
    brnoCase = await useCase('Brno constraint', f.lineId);
    linzCase = await useCase('Linz constraint', linzLine.id);
    brnoKpi = (await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/kpis`, kpiBody(t, { name: 'Brno OEE', baseline: null }))).id;
    linzKpi = (await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, kpiBody(t, { name: 'Linz OEE', baseline: null }))).id;
    // A Brno source, never delivering, that both use cases require.
    brnoSource = (
      await ok(t, 'POST', `/api/v1/programs/${programId}/data-sources`, {
        name: 'Brno historian',
        kind: 'historian',
        scope: { siteId: f.siteId },
        ownerId: t.people.owner,
        expectedRefreshSeconds: 60,
        maxLatencySeconds: 60,
      })
    ).id;
    for (const id of [brnoCase, linzCase]) await ok(t, 'POST', `/api/v1/use-cases/${id}/data-sources`, { dataSourceId: brnoSource });
    brnoMilestone = (
      await ok(t, 'POST', `/api/v1/programs/${programId}/milestones`, {
        title: 'Brno daily',
        criterion: 'x',
        due: { quarter: '2026-Q3' },
        ownerId: t.people.owner,
        useCaseId: brnoCase,
      })
    ).id;
    for (const heldOn of ['2026-09-30', '2026-10-31']) {
      await ok(t, 'POST', `/api/v1/programs/${programId}/reviews`, { heldOn, items: [{ milestoneId: brnoMilestone, status: 'missed' }] });
    }
    const raise = async (subjectId: string) =>
      (
        await ok(t, 'POST', '/api/v1/escalations', {
          subjectType: 'use_case',
          subjectId,
          title: 'Forecast disagrees',
          severity: 'critical',
          assigneeId: t.people.planner,
        })
      ).id as string;
    brnoEscalation = await raise(brnoCase);
    linzEscalation = await raise(linzCase);
    // Past the critical SLA (24 h).
    t.clock.set('2026-11-26T09:00:00Z');
    await scopeTo(t, t.people.viewer, [f.otherSiteId]);
  });
  afterAll(async () => t?.close());

  const warningsAs = async (as: 'admin' | 'viewer') => (await t.call('GET', `/api/v1/programs/${programId}/early-warnings`, { as })).body;

  it('judges a program over what the caller sees and says what it left out', async () => {
    const full = await warningsAs('admin');
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
    const entities = (view: any) => view.signals.map((s: any) => s.entity.id);
    expect(entities(full)).toEqual(expect.arrayContaining([brnoCase, brnoKpi, brnoMilestone, brnoEscalation, linzCase, linzKpi]));
    expect(entities(full)).toContain(brnoSource);

    const part = await warningsAs('viewer');
    expect(part.useCases.map((u: any) => u.useCaseId)).toEqual([linzCase]);
    expect(entities(part)).toEqual(expect.arrayContaining([linzCase, linzKpi, linzEscalation]));
    for (const hidden of [brnoCase, brnoKpi, brnoMilestone, brnoEscalation, brnoSource]) expect(JSON.stringify(part)).not.toContain(hidden);
    // The Linz case relies on the Brno source: out of scope, it is left out, not judged.
    expect(part.coverage).toEqual({ complete: false, leftOut: { useCases: 1, milestones: 1, escalations: 1, sources: 1 } });
    expect(part.score).toBe(part.signals.reduce((s: number, x: any) => s + x.weight, 0));
    expect(part.score).toBeLessThan(full.score);
  });

  it('answers the stall risk of a use case only to those who see it, with its coverage', async () => {
    const hidden = await t.call('GET', `/api/v1/use-cases/${brnoCase}/early-warnings`, { as: 'viewer' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no use case with id '${brnoCase}'`);
    const seen = (await t.call('GET', `/api/v1/use-cases/${linzCase}/early-warnings`, { as: 'viewer' })).body;
    expect(seen.signals.map((s: any) => s.code)).toEqual(expect.arrayContaining(['use_case_without_owner', 'kpi_without_baseline']));
    expect(seen.signals.some((s: any) => s.code === 'stale_required_source')).toBe(false);
    expect(seen.coverage).toEqual({ complete: false, leftOut: { sources: 1 } });
    const full = (await t.call('GET', `/api/v1/use-cases/${linzCase}/early-warnings`)).body;
    expect(full.signals.some((s: any) => s.code === 'stale_required_source' && s.entity.id === brnoSource)).toBe(true);
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
  });

  it('hides a program out of scope, its warnings and its settings', async () => {
    // The fixture's program lies in Brno only.
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/early-warnings`, { as: 'viewer' })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/early-warning-settings`, { as: 'viewer' })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/programs/${programId}/early-warning-settings`, { as: 'viewer' })).status).toBe(200);
  });

  it('lets only admins and the program’s sponsor change its settings', async () => {
    const body = { weights: { kpi_overdue: 2 } };
    const otherSponsor = await ok(t, 'POST', '/api/v1/people', {
      name: 'Other Sponsor',
      email: 'other.sponsor@plant.example',
      roles: ['sponsor'],
    });
    const token = (await ok(t, 'POST', `/api/v1/people/${otherSponsor.id}/tokens`, { role: 'sponsor', label: 'test' })).token;
    const refused = await callWith(t, token, 'PUT', `/api/v1/programs/${programId}/early-warning-settings`, body);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('forbidden');
    expect((await t.call('PUT', `/api/v1/programs/${programId}/early-warning-settings`, { as: 'owner', body })).status).toBe(403);
    const put = await t.call('PUT', `/api/v1/programs/${programId}/early-warning-settings`, { as: 'sponsor', body });
    expect(put.status).toBe(200);
    expect(put.body.overrides).toEqual(body);
    // Out of the sponsor's scope, even their own program is not there.
    await scopeTo(t, t.people.sponsor, [f.otherSiteId]);
    try {
      expect((await t.call('PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, { as: 'sponsor', body })).status).toBe(404);
    } finally {
      await scopeTo(t, t.people.sponsor, null);
    }
    expect((await t.call('PUT', `/api/v1/programs/${f.programId}/early-warning-settings`, { as: 'sponsor', body })).status).toBe(200);
  });
});
