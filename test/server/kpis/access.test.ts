import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, createTwoSiteProgram, ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

const measurement = (periodStart: string, periodEnd: string, value: number) => ({ periodStart, periodEnd, value, source: 'MES' });

describe.each(databaseKinds)('scope and ownership of KPIs on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // A program over Brno (the fixture's line) and Linz (a line of its own).
  let programId: string;
  // The Brno use case is the test owner's; the Linz one belongs to another owner, who sees Linz only.
  let brnoCase: string;
  let linzCase: string;
  let brnoKpi: any;
  let linzKpi: any;
  let brnoValue: any;
  let other: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    const twoSites = await createTwoSiteProgram(t, f);
    programId = twoSites.programId;
    const { linzLine } = twoSites;
    other = await personWithToken(t, 'Linz Owner', ['owner'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    const useCase = async (title: string, lineId: string, ownerId: string) =>
      (
        await ok(t, 'POST', `/api/v1/programs/${programId}/use-cases`, {
          title,
          question: 'Which machine constrains next shift?',
          scope: { lineId },
          decisionFrequency: 'daily',
          ownerId,
        })
      ).id as string;
    brnoCase = await useCase('Brno constraint', f.lineId, t.people.owner);
    linzCase = await useCase('Linz constraint', linzLine.id, other.id);
    const valued = { annualValuePerUnit: 1000, currency: 'EUR' };
    brnoKpi = await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/kpis`, kpiBody(t, { name: 'Brno OEE', ...valued }));
    linzKpi = await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, kpiBody(t, { name: 'Linz OEE', ownerId: other.id, ...valued }));
    brnoValue = await ok(t, 'POST', `/api/v1/kpis/${brnoKpi.id}/measurements`, measurement('2026-10-01', '2026-10-31', 64));
    await ok(t, 'POST', `/api/v1/kpis/${linzKpi.id}/measurements`, measurement('2026-10-01', '2026-10-31', 62));
    // The viewer and the planner see Linz only.
    await ok(t, 'PATCH', `/api/v1/people/${t.people.viewer}`, { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    await ok(t, 'PATCH', `/api/v1/people/${t.people.planner}`, { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
  });
  afterAll(async () => t?.close());

  it('hides a KPI out of scope, its measurements and the KPIs of a use case out of scope', async () => {
    expect((await t.call('GET', `/api/v1/kpis/${linzKpi.id}`, { as: 'viewer' })).status).toBe(200);
    const hidden = await t.call('GET', `/api/v1/kpis/${brnoKpi.id}`, { as: 'viewer' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no kpi with id '${brnoKpi.id}'`);
    expect((await t.call('GET', `/api/v1/kpis/${brnoKpi.id}/measurements`, { as: 'viewer' })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/use-cases/${brnoCase}/kpis`, { as: 'viewer' })).status).toBe(404);
    const listed = (await t.call('GET', `/api/v1/use-cases/${linzCase}/kpis`, { as: 'viewer' })).body.items;
    expect(listed.map((k: any) => k.id)).toEqual([linzKpi.id]);
    expect((await t.call('GET', `/api/v1/kpis/${linzKpi.id}/measurements`, { as: 'viewer' })).body.total).toBe(1);
  });

  it('lets admins, the program sponsor and the use case owner add KPIs, nobody else', async () => {
    const body = kpiBody(t, { name: 'Scrap' });
    expect((await t.call('POST', `/api/v1/use-cases/${brnoCase}/kpis`, { as: 'owner', body })).status).toBe(201);
    const notTheirs = await t.call('POST', `/api/v1/use-cases/${linzCase}/kpis`, { as: 'owner', body });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.type).toContain('forbidden');
    expect((await callWith(t, other.token, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, body)).status).toBe(201);
    // Out of their scope, the Brno use case is not there for the Linz owner.
    expect((await callWith(t, other.token, 'POST', `/api/v1/use-cases/${brnoCase}/kpis`, body)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/use-cases/${linzCase}/kpis`, { as: 'sponsor', body })).status).toBe(201);
    const otherSponsor = await personWithToken(t, 'Other Sponsor', ['sponsor']);
    expect((await callWith(t, otherSponsor.token, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, body)).status).toBe(403);
  });

  it('lets the KPI owner and the use case owner change a KPI, and no other owner', async () => {
    // A KPI of the Linz case that the test owner owns: both owners answer for it.
    const shared = await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, kpiBody(t, { name: 'Shared', ownerId: t.people.owner }));
    expect((await t.call('PATCH', `/api/v1/kpis/${shared.id}`, { as: 'owner', body: { unit: 'pct' } })).status).toBe(200);
    expect((await callWith(t, other.token, 'PATCH', `/api/v1/kpis/${shared.id}`, { unit: '%' })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/kpis/${linzKpi.id}`, { as: 'owner', body: { unit: 'pct' } })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/kpis/${linzKpi.id}/archive`, { as: 'owner' })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/kpis/${linzKpi.id}`, { as: 'owner' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/kpis/${linzKpi.id}`, { as: 'sponsor', body: { unit: '%' } })).status).toBe(200);
    // Out of scope is not found, whatever the version sent.
    const hidden = await callWith(t, other.token, 'PATCH', `/api/v1/kpis/${brnoKpi.id}`, { unit: 'pct' });
    expect(hidden.status).toBe(404);
    const stale = await t.app.request(`/api/v1/kpis/${brnoKpi.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json', 'if-match': '"999"' },
      body: JSON.stringify({ unit: 'pct' }),
    });
    expect(stale.status).toBe(404);
    expect((await callWith(t, other.token, 'POST', `/api/v1/kpis/${brnoKpi.id}/archive`)).status).toBe(404);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/kpis/${brnoKpi.id}`)).status).toBe(404);
    const scratch = await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, kpiBody(t, { name: 'Scratch', ownerId: other.id }));
    expect((await callWith(t, other.token, 'POST', `/api/v1/kpis/${scratch.id}/archive`)).status).toBe(200);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/kpis/${scratch.id}`)).status).toBe(204);
  });

  it('lets a stand-in change the KPIs of the owner they stand in for, while it holds', async () => {
    const patch = { unit: 'points' };
    expect((await t.call('PATCH', `/api/v1/kpis/${linzKpi.id}`, { as: 'owner', body: patch })).status).toBe(403);
    const standIn = await callWith(t, other.token, 'POST', `/api/v1/people/${other.id}/stand-ins`, {
      standInId: t.people.owner,
      fromDate: '2026-11-25',
      toDate: '2026-11-30',
    });
    expect(standIn.status, JSON.stringify(standIn.body)).toBe(201);
    try {
      expect((await t.call('PATCH', `/api/v1/kpis/${linzKpi.id}`, { as: 'owner', body: patch })).status).toBe(200);
      const value = await t.call('POST', `/api/v1/kpis/${linzKpi.id}/measurements`, {
        as: 'owner',
        body: measurement('2026-11-01', '2026-11-07', 63),
      });
      expect(value.status).toBe(201);
      t.clock.set('2026-12-01T08:00:00Z');
      expect((await t.call('PATCH', `/api/v1/kpis/${linzKpi.id}`, { as: 'owner', body: { unit: '%' } })).status).toBe(403);
    } finally {
      t.clock.set('2026-11-25T08:00:00Z');
      await callWith(t, other.token, 'DELETE', `/api/v1/stand-ins/${standIn.body.id}`);
    }
  });

  it('lets planners in scope and the stewards measure, and refuses other owners', async () => {
    const byPlanner = await t.call('POST', `/api/v1/kpis/${linzKpi.id}/measurements`, {
      as: 'planner',
      body: measurement('2026-09-01', '2026-09-30', 61),
    });
    expect(byPlanner.status).toBe(201);
    expect((await t.call('PATCH', `/api/v1/kpi-measurements/${byPlanner.body.id}`, { as: 'planner', body: { value: 61.5 } })).status).toBe(
      200,
    );
    // Brno lies outside the planner's scope: not found, for the KPI and for its measurements.
    const outside = await t.call('POST', `/api/v1/kpis/${brnoKpi.id}/measurements`, {
      as: 'planner',
      body: measurement('2026-09-01', '2026-09-30', 61),
    });
    expect(outside.status).toBe(404);
    expect((await t.call('PATCH', `/api/v1/kpi-measurements/${brnoValue.id}`, { as: 'planner', body: { value: 1 } })).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${brnoValue.id}`, { as: 'planner' })).status).toBe(404);
    // An owner measures their own KPIs, not another owner's.
    const notTheirs = await t.call('POST', `/api/v1/kpis/${linzKpi.id}/measurements`, {
      as: 'owner',
      body: measurement('2026-08-01', '2026-08-31', 60),
    });
    expect(notTheirs.status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/kpi-measurements/${byPlanner.body.id}`, { as: 'owner', body: { value: 1 } })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/kpi-measurements/${byPlanner.body.id}`, { as: 'owner' })).status).toBe(403);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/kpi-measurements/${byPlanner.body.id}`)).status).toBe(204);
    const own = await t.call('POST', `/api/v1/kpis/${brnoKpi.id}/measurements`, {
      as: 'owner',
      body: measurement('2026-09-01', '2026-09-30', 61),
    });
    expect(own.status).toBe(201);
  });

  it('sums ROI over the use cases the caller sees and says how many use cases and KPIs that leaves out', async () => {
    const part = (await t.call('GET', `/api/v1/programs/${programId}/roi`, { as: 'viewer' })).body;
    expect(new Set(part.kpis.map((k: any) => k.useCaseId))).toEqual(new Set([linzCase]));
    expect(part.kpis.some((k: any) => k.kpiId === brnoKpi.id)).toBe(false);
    const brnoKpis = (await t.call('GET', `/api/v1/use-cases/${brnoCase}/kpis`)).body.total;
    expect(part.coverage).toEqual({ complete: false, leftOut: { useCases: 1, kpis: brnoKpis } });
    // Only Linz OEE carries a value: from 60 toward 70 at 1000 EUR a point.
    const current = (await t.call('GET', `/api/v1/kpis/${linzKpi.id}`)).body.progress.current.value;
    expect(part.totals).toEqual([{ currency: 'EUR', realisedAnnualValue: (current - 60) * 1000, targetAnnualValue: 10000 }]);
    const full = (await t.call('GET', `/api/v1/programs/${programId}/roi`)).body;
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
    expect(full.kpis.some((k: any) => k.kpiId === brnoKpi.id)).toBe(true);
    expect(full.totals[0].targetAnnualValue).toBe(20000);
    // A program none of whose sites the caller sees is not there.
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/roi`, { as: 'viewer' })).status).toBe(404);
  });
});
