import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

type Person = Awaited<ReturnType<typeof personWithToken>>;

const group = { kind: 'planners', name: 'Planners', valuePath: 'Checks the plan', expectedFrequency: 'daily' };

describe.each(databaseKinds)('scope and ownership of programs and groups on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // The fixture's program is over Brno; `linzProgram` over Linz; `bothProgram` over both, sponsored by `brnoSponsor`.
  let linzProgram: string;
  let bothProgram: string;
  let linzLine: string;
  let linzViewer: Person;
  let linzSponsor: Person;
  let brnoSponsor: Person;
  let otherSponsor: Person;
  const programBody = (siteIds: string[], sponsorId: string, name: string) => ({
    enterpriseId: f.enterpriseId,
    name,
    sponsorId,
    siteIds,
    goLiveDate: '2026-06-01',
    valueWindowMonths: 9,
  });
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    const linzArea = await ok(t, 'POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' });
    linzLine = (await ok(t, 'POST', '/api/v1/lines', { areaId: linzArea.id, code: 'as1', name: 'Assembly 1' })).id;
    linzViewer = await personWithToken(t, 'Linz Viewer', ['viewer'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    linzSponsor = await personWithToken(t, 'Linz Sponsor', ['sponsor'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    brnoSponsor = await personWithToken(t, 'Brno Sponsor', ['sponsor'], { scope: { kind: 'sites', siteIds: [f.siteId] } });
    otherSponsor = await personWithToken(t, 'Other Sponsor', ['sponsor']);
    linzProgram = (await ok(t, 'POST', '/api/v1/programs', programBody([f.otherSiteId], linzSponsor.id, 'Linz twin'))).id;
    bothProgram = (await ok(t, 'POST', '/api/v1/programs', programBody([f.siteId, f.otherSiteId], brnoSponsor.id, 'Both sites'))).id;
  });
  afterAll(async () => t?.close());

  it('lists only the programs with a site in scope, and answers 404 for the others and all they hold', async () => {
    const names = (r: any) => r.body.items.map((p: any) => p.id);
    const seen = await linzViewer.call('GET', '/api/v1/programs');
    expect(names(seen)).toEqual(expect.arrayContaining([linzProgram, bothProgram]));
    expect(names(seen)).not.toContain(f.programId);
    expect(names(await t.call('GET', '/api/v1/programs'))).toEqual(expect.arrayContaining([f.programId, linzProgram, bothProgram]));
    expect((await linzViewer.call('GET', `/api/v1/programs/${linzProgram}`)).status).toBe(200);
    for (const path of [
      `/api/v1/programs/${f.programId}`,
      `/api/v1/programs/${f.programId}/user-groups`,
      `/api/v1/programs/${f.programId}/adoption?period=week`,
      `/api/v1/programs/${f.programId}/roi`,
      `/api/v1/user-groups/${f.groupIds.planners}`,
    ]) {
      const res = await linzViewer.call('GET', path);
      expect(res.status, path).toBe(404);
    }
  });

  it('lets a sponsor create only a program they sponsor, over sites they see', async () => {
    const forOther = await otherSponsor.call('POST', '/api/v1/programs', programBody([f.siteId], t.people.sponsor, 'Not mine'));
    expect(forOther.status).toBe(403);
    expect(forOther.body.errors[0].path).toBe('body.sponsorId');
    const own = await otherSponsor.call('POST', '/api/v1/programs', programBody([f.siteId], otherSponsor.id, 'Mine'));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.sponsorId).toBe(otherSponsor.id);
    const unseen = await brnoSponsor.call('POST', '/api/v1/programs', programBody([f.siteId, f.otherSiteId], brnoSponsor.id, 'Too wide'));
    expect(unseen.status).toBe(404);
    expect(unseen.body.errors[0].path).toBe('body.siteIds.1');
    // An admin creates one for any sponsor.
    expect((await t.call('POST', '/api/v1/programs', { body: programBody([f.siteId], otherSponsor.id, 'Given') })).status).toBe(201);
  });

  it('lets only an admin or the program’s sponsor change, archive or delete it; out of scope it is not found', async () => {
    const draft = (await ok(t, 'POST', '/api/v1/programs', programBody([f.siteId], t.people.sponsor, 'Draft'))).id;
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/programs/${draft}`, { description: 'taken over' }],
      ['POST', `/api/v1/programs/${draft}/archive`, undefined],
      ['DELETE', `/api/v1/programs/${draft}`, undefined],
    ] as const) {
      expect((await otherSponsor.call(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await linzSponsor.call(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const renamed = await t.call('PATCH', `/api/v1/programs/${draft}`, { as: 'sponsor', body: { description: 'mine' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.description).toBe('mine');
    expect((await t.call('DELETE', `/api/v1/programs/${draft}`, { as: 'sponsor' })).status).toBe(204);
    const another = (await ok(t, 'POST', '/api/v1/programs', programBody([f.siteId], otherSponsor.id, 'Another'))).id;
    expect((await t.call('POST', `/api/v1/programs/${another}/archive`)).status).toBe(200);
  });

  it('keeps the sites a sponsor does not see when they replace the sites of a program', async () => {
    const narrowed = await brnoSponsor.call('PATCH', `/api/v1/programs/${bothProgram}`, { siteIds: [f.siteId] });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    expect(narrowed.body.siteIds).toEqual([f.siteId, f.otherSiteId].sort());
    const unseen = await brnoSponsor.call('PATCH', `/api/v1/programs/${bothProgram}`, { siteIds: [f.otherSiteId] });
    expect(unseen.status).toBe(404);
    expect(unseen.body.errors[0].path).toBe('body.siteIds.0');
    // Linz still belongs to the program, for the admin and for Linz.
    expect((await linzViewer.call('GET', `/api/v1/programs/${bothProgram}`)).status).toBe(200);
  });

  it('lets only an admin or the program’s sponsor arrange its groups, members and escalation routes', async () => {
    const g = f.groupIds.planners;
    const writes = [
      ['POST', `/api/v1/programs/${f.programId}/user-groups`, { ...group, name: 'Intruders' }],
      ['PATCH', `/api/v1/user-groups/${g}`, { name: 'Renamed' }],
      ['POST', `/api/v1/user-groups/${g}/members`, { personId: t.people.admin }],
      ['DELETE', `/api/v1/user-groups/${g}/members/${t.people.planner}`, undefined],
      ['POST', `/api/v1/user-groups/${g}/escalation-route`, { personId: t.people.admin }],
      ['DELETE', `/api/v1/user-groups/${g}/escalation-route/${t.people.owner}`, undefined],
      ['POST', `/api/v1/user-groups/${g}/archive`, undefined],
      ['DELETE', `/api/v1/user-groups/${g}`, undefined],
    ] as const;
    for (const [method, path, body] of writes) {
      expect((await otherSponsor.call(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await linzSponsor.call(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const before = (await t.call('GET', `/api/v1/user-groups/${g}`)).body;
    expect(before).toMatchObject({ name: 'Planners', memberIds: [t.people.planner], escalationRoute: [t.people.planner, t.people.owner] });
    // The program's sponsor arranges them.
    const created = await t.call('POST', `/api/v1/programs/${f.programId}/user-groups`, {
      as: 'sponsor',
      body: { ...group, name: 'Analysts' },
    });
    expect(created.status).toBe(201);
    const added = await t.call('POST', `/api/v1/user-groups/${created.body.id}/members`, {
      as: 'sponsor',
      body: { personId: t.people.viewer },
    });
    expect(added.status).toBe(200);
    expect(added.body.memberIds).toEqual([t.people.viewer]);
    const routed = await t.call('POST', `/api/v1/user-groups/${created.body.id}/escalation-route`, {
      as: 'sponsor',
      body: { personId: t.people.owner },
    });
    expect(routed.body.escalationRoute).toEqual([t.people.owner]);
    expect((await t.call('DELETE', `/api/v1/user-groups/${created.body.id}`, { as: 'sponsor' })).status).toBe(204);
    // A sponsor of another program sees this one's groups but arranges only their own program's.
    const theirs = await linzSponsor.call('POST', `/api/v1/programs/${linzProgram}/user-groups`, { ...group, name: 'Linz planners' });
    expect(theirs.status).toBe(201);
  });

  it('counts adoption over the use cases the viewer sees, and says how many were left out', async () => {
    const g = await ok(t, 'POST', `/api/v1/programs/${bothProgram}/user-groups`, { ...group, name: 'Both planners' });
    const useCase = async (title: string, lineId: string) =>
      (
        await ok(t, 'POST', `/api/v1/programs/${bothProgram}/use-cases`, {
          title,
          question: 'Which machine constrains next shift?',
          scope: { lineId },
          decisionFrequency: 'daily',
          groupIds: [g.id],
        })
      ).id as string;
    const brnoCase = await useCase('Brno constraint', f.lineId);
    const linzCase = await useCase('Linz constraint', linzLine);
    for (const day of ['16', '17', '18'])
      await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/usage`, { groupId: g.id, occurredAt: `2026-11-${day}T09:00:00Z` });
    await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/usage`, { groupId: g.id, occurredAt: '2026-11-17T09:00:00Z' });
    const path = `/api/v1/programs/${bothProgram}/adoption?period=week&from=2026-11-16`;
    const observed = (view: any) => view.groups.find((x: any) => x.groupId === g.id).total.observed;
    const whole = (await t.call('GET', path)).body;
    expect(whole.coverage).toEqual({ complete: true, leftOut: {} });
    expect(observed(whole)).toBe(4);
    const linz = await linzViewer.call('GET', path);
    expect(linz.status).toBe(200);
    expect(linz.body.coverage).toEqual({ complete: false, leftOut: { useCases: 1, uses: 3 } });
    expect(observed(linz.body)).toBe(1);
  });
});
