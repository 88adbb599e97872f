import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, createUseCaseFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('scope and ownership on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
  });
  afterAll(async () => t?.close());

  it('shows the caller their role, roles and scope, and applies a scope change at once', async () => {
    const me = await t.call('GET', '/api/v1/me', { as: 'planner' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'planner', roles: ['planner'], scope: { kind: 'installation' }, siteIds: null });
    const useCase = await createUseCaseFixture(t, f);
    expect((await t.call('GET', `/api/v1/use-cases/${useCase.id}`, { as: 'planner' })).status).toBe(200);

    const moved = await t.call('PATCH', `/api/v1/people/${t.people.planner}`, {
      body: { scope: { kind: 'sites', siteIds: [f.otherSiteId] } },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.scope).toEqual({ kind: 'sites', siteIds: [f.otherSiteId] });
    const after = await t.call('GET', '/api/v1/me', { as: 'planner' });
    expect(after.body).toMatchObject({ scope: { kind: 'sites', siteIds: [f.otherSiteId] }, siteIds: [f.otherSiteId] });
    // Out of scope reads as not there at all, like an id that names nothing.
    const hidden = await t.call('GET', `/api/v1/use-cases/${useCase.id}`, { as: 'planner' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no use case with id '${useCase.id}'`);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/use-cases`, { as: 'planner' })).status).toBe(404);
    const usage = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, { as: 'planner', body: {} });
    expect(usage.status).toBe(404);

    const enterprise = await t.call('PATCH', `/api/v1/people/${t.people.planner}`, {
      body: { scope: { kind: 'enterprise', enterpriseId: f.enterpriseId } },
    });
    expect(enterprise.body.scope).toEqual({ kind: 'enterprise', enterpriseId: f.enterpriseId });
    expect((await t.call('GET', '/api/v1/me', { as: 'planner' })).body.siteIds.sort()).toEqual([f.siteId, f.otherSiteId].sort());
    expect((await t.call('GET', `/api/v1/use-cases/${useCase.id}`, { as: 'planner' })).status).toBe(200);
    await t.call('PATCH', `/api/v1/people/${t.people.planner}`, { body: { scope: { kind: 'installation' } } });
  });

  it('refuses a scope naming a site or enterprise that does not exist, with the field', async () => {
    const bad = await t.call('PATCH', `/api/v1/people/${t.people.viewer}`, {
      body: { scope: { kind: 'sites', siteIds: ['00000000-0000-4000-8000-000000000000'] } },
    });
    expect(bad.status).toBe(404);
    expect(bad.body.errors[0].path).toBe('body.scope.siteIds.0');
    const shape = await t.call('PATCH', `/api/v1/people/${t.people.viewer}`, { body: { scope: { kind: 'sites', siteIds: [] } } });
    expect(shape.status).toBe(400);
  });

  it('shows email addresses only to admins and to the person', async () => {
    const asViewer = (await t.call('GET', '/api/v1/people?limit=100', { as: 'viewer' })).body.items;
    const self = asViewer.find((p: any) => p.id === t.people.viewer);
    const other = asViewer.find((p: any) => p.id === t.people.owner);
    expect(self.email).toBe('viewer@test.example');
    expect(other.email).toBeNull();
    expect((await t.call('GET', `/api/v1/people/${t.people.owner}`, { as: 'sponsor' })).body.email).toBeNull();
    expect((await t.call('GET', `/api/v1/people/${t.people.owner}`)).body.email).toBe('owner@test.example');
  });

  it('lets an owner change only what they own, or what they stand in for while the stand-in holds', async () => {
    const other = await personWithToken(t, 'Other Owner', ['owner']);
    const theirs = await createUseCaseFixture(t, f, { ownerId: other.id, title: 'Theirs' });
    const patch = { title: 'Taken over' };
    const refused = await t.call('PATCH', `/api/v1/use-cases/${theirs.id}`, { as: 'owner', body: patch });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('forbidden');
    expect((await callWith(t, other.token, 'PATCH', `/api/v1/use-cases/${theirs.id}`, { title: 'Still theirs' })).status).toBe(200);
    // Someone else may not arrange a stand-in for them.
    const today = t.clock().toISOString().slice(0, 10);
    const arrangement = { standInId: t.people.owner, fromDate: today, toDate: '2026-11-30' };
    expect((await t.call('POST', `/api/v1/people/${other.id}/stand-ins`, { as: 'owner', body: arrangement })).status).toBe(403);
    const standIn = await callWith(t, other.token, 'POST', `/api/v1/people/${other.id}/stand-ins`, arrangement);
    expect(standIn.status, JSON.stringify(standIn.body)).toBe(201);
    expect((await t.call('PATCH', `/api/v1/use-cases/${theirs.id}`, { as: 'owner', body: patch })).status).toBe(200);
    const listed = await t.call('GET', `/api/v1/people/${t.people.owner}/stand-ins`, { as: 'viewer' });
    expect(listed.body.items.map((s: any) => s.id)).toEqual([standIn.body.id]);
    // The day after it ends, the stand-in is over.
    t.clock.set('2026-12-01T08:00:00Z');
    expect((await t.call('PATCH', `/api/v1/use-cases/${theirs.id}`, { as: 'owner', body: { title: 'Again' } })).status).toBe(403);
    t.clock.set('2026-11-25T08:00:00Z');
    const backwards = await callWith(t, other.token, 'POST', `/api/v1/people/${other.id}/stand-ins`, {
      ...arrangement,
      toDate: '2026-11-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('body.toDate');
    expect((await callWith(t, other.token, 'DELETE', `/api/v1/stand-ins/${standIn.body.id}`)).status).toBe(204);
    expect((await t.call('PATCH', `/api/v1/use-cases/${theirs.id}`, { as: 'owner', body: patch })).status).toBe(403);
  });

  it('lets an owner propose a use case only for themselves, and a sponsor manage only their own programs', async () => {
    const base = { title: 'Proposal', question: 'Which buffer?', scope: { lineId: f.lineId }, decisionFrequency: 'daily' };
    const own = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      as: 'owner',
      body: { ...base, ownerId: t.people.owner },
    });
    expect(own.status).toBe(201);
    const forOther = await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, {
      as: 'owner',
      body: { ...base, ownerId: t.people.planner },
    });
    expect(forOther.status).toBe(403);
    const otherSponsor = await personWithToken(t, 'Other Sponsor', ['sponsor']);
    const useCase = await callWith(t, otherSponsor.token, 'POST', `/api/v1/programs/${f.programId}/use-cases`, {
      ...base,
      ownerId: t.people.owner,
    });
    expect(useCase.status).toBe(403);
    expect((await t.call('POST', `/api/v1/programs/${f.programId}/use-cases`, { as: 'sponsor', body: base })).status).toBe(201);
  });

  it('records a use for the caller only, never on a retired use case, never backdated beyond the window', async () => {
    const useCase = await createUseCaseFixture(t, f, { title: 'Usage rules' });
    const mine = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, { as: 'viewer', body: {} });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ personId: t.people.viewer, groupId: f.groupIds.operators });
    const forOther = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, { as: 'viewer', body: { personId: t.people.planner } });
    expect(forOther.status).toBe(403);
    expect(forOther.body.errors[0].path).toBe('body.personId');
    const byAdmin = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, { body: { personId: t.people.planner } });
    expect(byAdmin.status).toBe(201);
    const old = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, {
      as: 'viewer',
      body: { occurredAt: '2026-11-10T08:00:00Z' },
    });
    expect(old.status).toBe(400);
    expect(old.body.errors[0]).toEqual({ path: 'body.occurredAt', message: 'lies more than 14 days back' });
    const recent = await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, {
      as: 'viewer',
      body: { occurredAt: '2026-11-12T08:00:00Z' },
    });
    expect(recent.status).toBe(201);
    expect((await t.call('POST', `/api/v1/use-cases/${useCase.id}/transitions`, { body: { to: 'retired' } })).status).toBe(201);
    expect((await t.call('POST', `/api/v1/use-cases/${useCase.id}/usage`, { as: 'viewer', body: {} })).status).toBe(409);
  });

  it('issues machine tokens narrowed to sites, with an expiry, that only send data', async () => {
    const gateway = await t.call('POST', '/api/v1/people', {
      body: {
        name: 'Brno gateway',
        email: 'gateway@plant.example',
        roles: ['ingest'],
        scope: { kind: 'enterprise', enterpriseId: f.enterpriseId },
      },
    });
    expect(gateway.status).toBe(201);
    const outside = await t.call('POST', `/api/v1/people/${gateway.body.id}/tokens`, {
      body: { role: 'ingest', label: 'edge', siteIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(outside.status).toBe(404);
    expect(outside.body.errors[0].path).toBe('body.siteIds.0');
    const past = await t.call('POST', `/api/v1/people/${gateway.body.id}/tokens`, {
      body: { role: 'ingest', label: 'edge', expiresAt: '2026-11-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('body.expiresAt');
    const issued = await t.call('POST', `/api/v1/people/${gateway.body.id}/tokens`, {
      body: { role: 'ingest', label: 'edge', siteIds: [f.siteId], expiresAt: '2026-12-25T00:00:00Z' },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body).toMatchObject({ siteIds: [f.siteId], expiresAt: '2026-12-25T00:00:00.000Z' });
    const me = await callWith(t, issued.body.token, 'GET', '/api/v1/me');
    expect(me.body).toMatchObject({ role: 'ingest', siteIds: [f.siteId], scope: { kind: 'enterprise' } });
    // A gateway sends data; it reads nothing else.
    expect((await callWith(t, issued.body.token, 'GET', '/api/v1/programs')).status).toBe(403);
    const listed = (await t.call('GET', `/api/v1/tokens?personId=${gateway.body.id}`)).body.items;
    expect(listed[0]).toMatchObject({ siteIds: [f.siteId], lastUsedAt: t.clock().toISOString() });
    t.clock.set('2026-12-25T00:00:00Z');
    const expired = await callWith(t, issued.body.token, 'GET', '/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain('expired');
    t.clock.set('2026-11-25T08:00:00Z');
  });

  it('lists and aggregates only what a site-scoped person sees, and says what is left out', async () => {
    // A second program over both sites, with one use case at each.
    const area = (await t.call('POST', '/api/v1/areas', { body: { siteId: f.otherSiteId, code: 'pumps', name: 'Pumps' } })).body;
    const line = (await t.call('POST', '/api/v1/lines', { body: { areaId: area.id, code: 'p1', name: 'Pump 1' } })).body;
    const program = (
      await t.call('POST', '/api/v1/programs', {
        body: {
          enterpriseId: f.enterpriseId,
          name: 'Two sites',
          sponsorId: t.people.sponsor,
          siteIds: [f.siteId, f.otherSiteId],
          goLiveDate: '2026-06-01',
          valueWindowMonths: 9,
        },
      })
    ).body;
    const at = async (lineId: string, title: string) => {
      const uc = await t.call('POST', `/api/v1/programs/${program.id}/use-cases`, {
        body: { title, question: 'q', scope: { lineId }, decisionFrequency: 'daily', ownerId: t.people.owner },
      });
      await t.call('POST', `/api/v1/use-cases/${uc.body.id}/kpis`, {
        body: {
          name: `${title} scrap`,
          unit: '%',
          direction: 'lower_is_better',
          baseline: { value: 5, periodStart: '2026-09-01', periodEnd: '2026-09-30', source: 'MES' },
          target: { value: 3, date: '2027-06-01' },
          reviewCadence: 'monthly',
          ownerId: t.people.owner,
          annualValuePerUnit: 1000,
          currency: 'EUR',
        },
      });
      await t.call('POST', `/api/v1/programs/${program.id}/data-sources`, {
        body: {
          name: `${title} PLC`,
          kind: 'plc_sensor',
          scope: { lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 5,
        },
      });
      await t.call('POST', '/api/v1/escalations', {
        body: { subjectType: 'use_case', subjectId: uc.body.id, title: 'Why?', severity: 'low' },
      });
      return uc.body;
    };
    const brno = await at(f.lineId, 'Brno');
    const linz = await at(line.id, 'Linz');
    await t.call('PATCH', `/api/v1/people/${t.people.viewer}`, { body: { scope: { kind: 'sites', siteIds: [f.otherSiteId] } } });
    try {
      const get = async (path: string) => (await t.call('GET', path, { as: 'viewer' })).body;
      expect((await get(`/api/v1/programs/${program.id}/use-cases`)).items.map((u: any) => u.id)).toEqual([linz.id]);
      expect((await t.call('GET', `/api/v1/use-cases/${brno.id}`, { as: 'viewer' })).status).toBe(404);
      // The first program covers only Brno: the viewer does not see it at all.
      expect((await get('/api/v1/programs')).items.map((p: any) => p.id)).toEqual([program.id]);
      expect((await t.call('GET', `/api/v1/programs/${f.programId}`, { as: 'viewer' })).status).toBe(404);

      const roi = await get(`/api/v1/programs/${program.id}/roi`);
      expect(roi.kpis.map((k: any) => k.useCaseId)).toEqual([linz.id]);
      expect(roi.coverage).toEqual({ complete: false, leftOut: { useCases: 1, kpis: 1 } });
      const full = (await t.call('GET', `/api/v1/programs/${program.id}/roi`)).body;
      expect(full.kpis).toHaveLength(2);
      expect(full.coverage).toEqual({ complete: true, leftOut: {} });

      const figures = await get(`/api/v1/programs/${program.id}/escalation-figures`);
      expect(figures.program.open).toBe(1);
      expect(figures.coverage).toEqual({ complete: false, leftOut: { escalations: 1 } });
      const map = await get(`/api/v1/programs/${program.id}/data-map`);
      expect(map.sources.map((s: any) => s.name)).toEqual(['Linz PLC']);
      expect(map.coverage.leftOut).toEqual({ useCases: 1, sources: 1 });
      const warnings = await get(`/api/v1/programs/${program.id}/early-warnings`);
      expect(warnings.useCases.map((u: any) => u.useCaseId)).toEqual([linz.id]);
      expect(warnings.coverage.complete).toBe(false);
      expect(JSON.stringify(warnings.signals)).not.toContain(brno.id);
      const adoption = await get(`/api/v1/programs/${program.id}/adoption?period=week`);
      expect(adoption.coverage.leftOut.useCases).toBe(1);
      const escalations = await get('/api/v1/escalations?limit=200');
      expect(escalations.items.every((e: any) => e.subjectId !== brno.id)).toBe(true);
      expect((await get('/api/v1/lines?limit=200')).items.map((l: any) => l.id)).toEqual([line.id]);
    } finally {
      await t.call('PATCH', `/api/v1/people/${t.people.viewer}`, { body: { scope: { kind: 'installation' } } });
    }
  });

  it('keeps an admin of some sites to the people within them: no wider scopes, no tokens or links for those who see more', async () => {
    const siteAdmin = await personWithToken(t, 'Linz Admin', ['admin'], { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
    const call = (method: string, path: string, body?: unknown) => callWith(t, siteAdmin.token, method, path, body);
    // Not for the installation's admin, and no wider scope for anyone, themselves included.
    expect((await call('POST', `/api/v1/people/${t.people.admin}/tokens`, { role: 'admin', label: 'x' })).status).toBe(403);
    expect((await call('POST', `/api/v1/people/${t.people.admin}/password-reset`)).status).toBe(403);
    expect((await call('PATCH', `/api/v1/people/${t.people.admin}`, { roles: ['viewer'] })).status).toBe(403);
    const widen = await call('PATCH', `/api/v1/people/${siteAdmin.id}`, { scope: { kind: 'installation' } });
    expect(widen.status).toBe(403);
    expect(widen.body.errors[0].path).toBe('body.scope');
    // Someone they add sees at most what they see.
    const added = await call('POST', '/api/v1/people', { name: 'New Linz', email: 'new.linz@plant.example', roles: ['viewer'] });
    expect(added.status).toBe(201);
    expect(added.body.scope).toEqual({ kind: 'sites', siteIds: [f.otherSiteId] });
    expect((await call('POST', `/api/v1/people/${added.body.id}/tokens`, { role: 'viewer', label: 'x', siteIds: [f.siteId] })).status).toBe(
      400,
    );
    expect((await call('POST', `/api/v1/people/${added.body.id}/tokens`, { role: 'viewer', label: 'x' })).status).toBe(201);
    const tokens = (await call('GET', '/api/v1/tokens?limit=200')).body.items;
    expect(new Set(tokens.map((k: any) => k.personId))).toEqual(new Set([siteAdmin.id, added.body.id]));
  });

  it('changes a password only from a session signed in with it, never with a token', async () => {
    const res = await t.call('POST', '/api/v1/me/password', { as: 'viewer', body: { newPassword: 'a long enough passphrase' } });
    expect(res.status).toBe(403);
  });
});
