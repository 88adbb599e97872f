import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const source = (name: string, scope: Record<string, string>, ownerId: string) => ({
  name,
  kind: 'mes',
  scope,
  ownerId,
  expectedRefreshSeconds: 300,
  maxLatencySeconds: 120,
});

describe.each(databaseKinds)('scope and ownership of data sources on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // A program over both sites: Brno (the fixture's line) and Linz (an area and a line of its own).
  let programId: string;
  let linzAreaId: string;
  let linzLineId: string;
  // Owned by the test owner, at Brno; owned by another owner (who sees Linz only), at Linz.
  let brnoSource: string;
  let linzSource: string;
  let brnoCase: string;
  let linzCase: string;
  let other: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    linzAreaId = (await ok(t, 'POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' })).id;
    linzLineId = (await ok(t, 'POST', '/api/v1/lines', { areaId: linzAreaId, code: 'as1', name: 'Assembly 1' })).id;
    programId = (
      await ok(t, 'POST', '/api/v1/programs', {
        enterpriseId: f.enterpriseId,
        name: 'Two sites',
        sponsorId: t.people.sponsor,
        siteIds: [f.siteId, f.otherSiteId],
        goLiveDate: '2026-06-01',
        valueWindowMonths: 9,
      })
    ).id;
    other = await personWithToken(t, 'Linz Owner', ['owner'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    const useCase = (title: string, lineId: string, ownerId: string) =>
      ok(t, 'POST', `/api/v1/programs/${programId}/use-cases`, {
        title,
        question: 'Which machine constrains next shift?',
        scope: { lineId },
        decisionFrequency: 'daily',
        ownerId,
      });
    brnoCase = (await useCase('Brno constraint', f.lineId, t.people.owner)).id;
    linzCase = (await useCase('Linz constraint', linzLineId, other.id)).id;
    brnoSource = (
      await ok(t, 'POST', `/api/v1/programs/${programId}/data-sources`, source('Brno MES', { lineId: f.lineId }, t.people.owner))
    ).id;
    linzSource = (await ok(t, 'POST', `/api/v1/programs/${programId}/data-sources`, source('Linz MES', { areaId: linzAreaId }, other.id)))
      .id;
    // The Brno case relies on both sources (Linz's never delivered); the Linz case on Brno's.
    await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/data-sources`, { dataSourceId: brnoSource, required: true });
    await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/data-sources`, { dataSourceId: linzSource, required: true });
    await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/data-sources`, { dataSourceId: brnoSource, required: false });
    await ok(t, 'POST', `/api/v1/data-sources/${brnoSource}/heartbeat`, {});
    // The viewer sees Brno only, the planner Linz only.
    await ok(t, 'PATCH', `/api/v1/people/${t.people.viewer}`, { scope: { kind: 'sites', siteIds: [f.siteId] } });
    await ok(t, 'PATCH', `/api/v1/people/${t.people.planner}`, { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
  });
  afterAll(async () => t?.close());

  it('hides a source out of scope and leaves it out of the list', async () => {
    expect((await t.call('GET', `/api/v1/data-sources/${brnoSource}`, { as: 'viewer' })).status).toBe(200);
    const hidden = await t.call('GET', `/api/v1/data-sources/${linzSource}`, { as: 'viewer' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no data source with id '${linzSource}'`);
    const listed = (await t.call('GET', `/api/v1/programs/${programId}/data-sources`, { as: 'viewer' })).body.items;
    expect(listed.map((s: any) => s.id)).toEqual([brnoSource]);
    const all = (await t.call('GET', `/api/v1/programs/${programId}/data-sources`)).body.items;
    expect(all.map((s: any) => s.id)).toEqual([brnoSource, linzSource]);
    // A program none of whose sites the caller sees is not there at all.
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/data-sources`, { as: 'planner' })).status).toBe(404);
  });

  it('judges trust over the sources the caller sees and says what it left out', async () => {
    const full = (await t.call('GET', `/api/v1/use-cases/${brnoCase}/trust`)).body;
    expect(full.trust).toBe('degraded');
    expect(full.reasons.map((r: any) => r.dataSourceId)).toEqual([linzSource]);
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
    const part = (await t.call('GET', `/api/v1/use-cases/${brnoCase}/trust`, { as: 'viewer' })).body;
    expect(part.trust).toBe('ok');
    expect(part.sources.map((s: any) => s.dataSourceId)).toEqual([brnoSource]);
    expect(part.coverage).toEqual({ complete: false, leftOut: { sources: 1 } });
    expect((await t.call('GET', `/api/v1/use-cases/${linzCase}/trust`, { as: 'viewer' })).status).toBe(404);
  });

  it('maps only what the caller sees, with the coverage', async () => {
    const full = (await t.call('GET', `/api/v1/programs/${programId}/data-map`)).body;
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
    expect(
      full.sources
        .find((s: any) => s.id === brnoSource)
        .dependents.map((d: any) => d.useCaseId)
        .sort(),
    ).toEqual([brnoCase, linzCase].sort());
    const part = (await t.call('GET', `/api/v1/programs/${programId}/data-map`, { as: 'viewer' })).body;
    expect(part.coverage).toEqual({ complete: false, leftOut: { sources: 1, useCases: 1 } });
    expect(part.sources.map((s: any) => s.id)).toEqual([brnoSource]);
    expect(part.sources[0].dependents).toEqual([{ useCaseId: brnoCase, title: 'Brno constraint', required: true }]);
    expect(part.useCases).toEqual([{ id: brnoCase, title: 'Brno constraint', status: 'proposed', trust: 'ok', reasons: [] }]);
  });

  it('lets the sponsor or an admin add any source, an owner only one they own, never on a scope out of sight', async () => {
    const base = (scope: Record<string, string>, ownerId: string) => ({ body: source(`Source ${Math.random()}`, scope, ownerId) });
    const path = `/api/v1/programs/${programId}/data-sources`;
    expect((await t.call('POST', path, { as: 'owner', ...base({ lineId: f.lineId }, t.people.owner) })).status).toBe(201);
    const forOther = await t.call('POST', path, { as: 'owner', ...base({ lineId: f.lineId }, t.people.planner) });
    expect(forOther.status).toBe(403);
    expect(forOther.body.type).toContain('forbidden');
    expect((await t.call('POST', path, { as: 'sponsor', ...base({ lineId: f.lineId }, t.people.planner) })).status).toBe(201);
    const otherSponsor = await personWithToken(t, 'Other Sponsor', ['sponsor']);
    expect((await callWith(t, otherSponsor.token, 'POST', path, source('Theirs', { lineId: f.lineId }, t.people.owner))).status).toBe(403);
    // The Linz owner sees the program (one of its sites) but not Brno's line, area or site.
    for (const [scope, field] of [
      [{ lineId: f.lineId }, 'body.scope.lineId'],
      [{ areaId: f.areaId }, 'body.scope.areaId'],
      [{ siteId: f.siteId }, 'body.scope.siteId'],
    ] as const) {
      const hidden = await callWith(t, other.token, 'POST', path, source('Hidden', scope, other.id));
      expect(hidden.status, JSON.stringify(hidden.body)).toBe(404);
      expect(hidden.body.errors[0].path).toBe(field);
    }
    expect((await callWith(t, other.token, 'POST', path, source('Linz ERP', { lineId: linzLineId }, other.id))).status).toBe(201);
    // Out of scope, the program itself is not there.
    expect(
      (
        await callWith(
          t,
          other.token,
          'POST',
          `/api/v1/programs/${f.programId}/data-sources`,
          source('x', { lineId: linzLineId }, other.id),
        )
      ).status,
    ).toBe(404);
  });

  it('lets only its owner, their stand-in, the sponsor or an admin change, archive or delete a source', async () => {
    const patch = { body: { maxLatencySeconds: 180 } };
    expect((await t.call('PATCH', `/api/v1/data-sources/${brnoSource}`, { as: 'owner', ...patch })).status).toBe(200);
    const refused = await t.call('PATCH', `/api/v1/data-sources/${linzSource}`, { as: 'owner', ...patch });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('forbidden');
    expect((await callWith(t, other.token, 'PATCH', `/api/v1/data-sources/${linzSource}`, { maxLatencySeconds: 200 })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/data-sources/${linzSource}`, { as: 'sponsor', ...patch })).status).toBe(200);
    // Out of the Linz owner's scope: not there, for every change.
    expect((await callWith(t, other.token, 'PATCH', `/api/v1/data-sources/${brnoSource}`, { maxLatencySeconds: 200 })).status).toBe(404);
    expect((await callWith(t, other.token, 'POST', `/api/v1/data-sources/${brnoSource}/archive`)).status).toBe(404);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/data-sources/${brnoSource}`)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/data-sources/${linzSource}/archive`, { as: 'owner' })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/data-sources/${linzSource}`, { as: 'owner' })).status).toBe(403);
    // While the owner stands in for the Linz owner, they may change the Linz source.
    const today = t.clock().toISOString().slice(0, 10);
    const standIn = await callWith(t, other.token, 'POST', `/api/v1/people/${other.id}/stand-ins`, {
      standInId: t.people.owner,
      fromDate: today,
      toDate: today,
    });
    expect(standIn.status, JSON.stringify(standIn.body)).toBe(201);
    expect((await t.call('PATCH', `/api/v1/data-sources/${linzSource}`, { as: 'owner', ...patch })).status).toBe(200);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/stand-ins/${standIn.body.id}`)).status).toBe(204);
    expect((await t.call('PATCH', `/api/v1/data-sources/${linzSource}`, { as: 'owner', ...patch })).status).toBe(403);
    // An unused source of their own: the owner archives, restores and deletes it.
    const spare = await t.call('POST', `/api/v1/programs/${programId}/data-sources`, {
      as: 'owner',
      body: source('Spare', { areaId: f.areaId }, t.people.owner),
    });
    expect((await t.call('POST', `/api/v1/data-sources/${spare.body.id}/archive`, { as: 'owner' })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/data-sources/${spare.body.id}/restore`, { as: 'owner' })).status).toBe(200);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/data-sources/${spare.body.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/data-sources/${spare.body.id}`, { as: 'owner' })).status).toBe(204);
  });

  it('takes heartbeats from any sender of data, machine tokens included, only in their scope', async () => {
    const gateway = await personWithToken(t, 'Brno gateway', ['ingest'], {}, [f.siteId]);
    expect((await callWith(t, gateway.token, 'POST', `/api/v1/data-sources/${brnoSource}/heartbeat`, {})).status).toBe(200);
    expect((await callWith(t, gateway.token, 'POST', `/api/v1/data-sources/${linzSource}/heartbeat`, {})).status).toBe(404);
    const bridge = await personWithToken(t, 'Linz bridge', ['integration'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    expect((await callWith(t, bridge.token, 'POST', `/api/v1/data-sources/${linzSource}/heartbeat`, {})).status).toBe(200);
    expect((await callWith(t, bridge.token, 'POST', `/api/v1/data-sources/${brnoSource}/heartbeat`, {})).status).toBe(404);
    expect((await t.call('POST', `/api/v1/data-sources/${linzSource}/heartbeat`, { as: 'planner', body: {} })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/data-sources/${brnoSource}/heartbeat`, { as: 'planner', body: {} })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/data-sources/${brnoSource}/heartbeat`, { as: 'viewer', body: {} })).status).toBe(403);
  });

  it('links and unlinks a source for whoever may change the use case, and only a source they see', async () => {
    const link = (useCaseId: string, dataSourceId: string) => ({
      path: `/api/v1/use-cases/${useCaseId}/data-sources`,
      body: { dataSourceId },
    });
    let l = link(linzCase, linzSource);
    expect((await t.call('POST', l.path, { as: 'owner', body: l.body })).status).toBe(403);
    const linked = await callWith(t, other.token, 'POST', l.path, l.body);
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    // The trust answered is the one the Linz owner sees: Brno's source is counted, not shown.
    expect(linked.body.sources.map((s: any) => s.dataSourceId)).toEqual([linzSource]);
    expect(linked.body.coverage).toEqual({ complete: false, leftOut: { sources: 1 } });
    l = link(brnoCase, linzSource);
    expect((await callWith(t, other.token, 'POST', l.path, l.body)).status).toBe(404);
    const hiddenSource = await callWith(t, other.token, 'POST', link(linzCase, brnoSource).path, { dataSourceId: brnoSource });
    expect(hiddenSource.status).toBe(404);
    expect(hiddenSource.body.errors[0].path).toBe('body.dataSourceId');
    expect((await t.call('DELETE', `/api/v1/use-cases/${linzCase}/data-sources/${linzSource}`, { as: 'owner' })).status).toBe(403);
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/use-cases/${linzCase}/data-sources/${brnoSource}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/use-cases/${linzCase}/data-sources/${linzSource}`, { as: 'sponsor' })).status).toBe(200);
    const trail = (await t.call('GET', `/api/v1/audit/use_case/${linzCase}`)).body.items.map((e: any) => e.action);
    expect(trail.filter((a: string) => a.endsWith('data-source'))).toEqual(['link-data-source', 'link-data-source', 'unlink-data-source']);
  });
});
