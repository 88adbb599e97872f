import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, createTwoSiteProgram, ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('scope and ownership of escalations on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // A program over both sites; a use case at Brno owned by the test owner, one at Linz owned by
  // another owner (who sees the whole installation, so is merely unrelated to Brno's).
  let programId: string;
  let brnoCase: string;
  let linzCase: string;
  let other: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    const twoSites = await createTwoSiteProgram(t, f);
    programId = twoSites.programId;
    const { linzLine } = twoSites;
    other = await personWithToken(t, 'Linz Owner', ['owner']);
    const useCase = (title: string, lineId: string, ownerId: string) =>
      ok(t, 'POST', `/api/v1/programs/${programId}/use-cases`, {
        title,
        question: 'Which machine constrains next shift?',
        scope: { lineId },
        decisionFrequency: 'daily',
        ownerId,
      });
    brnoCase = (await useCase('Brno constraint', f.lineId, t.people.owner)).id;
    linzCase = (await useCase('Linz constraint', linzLine.id, other.id)).id;
    // The viewer sees Brno only, the planner Linz only.
    await ok(t, 'PATCH', `/api/v1/people/${t.people.viewer}`, { scope: { kind: 'sites', siteIds: [f.siteId] } });
    await ok(t, 'PATCH', `/api/v1/people/${t.people.planner}`, { scope: { kind: 'sites', siteIds: [f.otherSiteId] } });
  });
  afterAll(async () => t?.close());

  const raise = (subjectId: string, as: 'admin' | 'viewer' | 'planner' = 'admin', extra: Record<string, unknown> = {}) =>
    t.call('POST', '/api/v1/escalations', {
      as,
      body: { subjectType: 'use_case', subjectId, title: 'Which machine?', severity: 'normal', ...extra },
    });

  it('lets anyone in scope of the subject raise and comment, and nobody else', async () => {
    const raised = await raise(brnoCase, 'viewer');
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body).toMatchObject({ assigneeId: t.people.owner, raisedById: t.people.viewer });
    const hidden = await raise(linzCase, 'viewer');
    expect(hidden.status).toBe(404);
    expect(hidden.body.errors[0].path).toBe('body.subjectId');
    const linz = (await raise(linzCase)).body.id;
    const comment = { body: { text: 'Seen on the night shift too' } };
    expect((await t.call('POST', `/api/v1/escalations/${raised.body.id}/comments`, { as: 'viewer', ...comment })).status).toBe(201);
    expect((await t.call('POST', `/api/v1/escalations/${linz}/comments`, { as: 'viewer', ...comment })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/escalations/${linz}/comments`, { as: 'planner', ...comment })).status).toBe(201);
  });

  it('hides escalations out of scope from reads, lists, the inbox and the figures, saying what the figures leave out', async () => {
    const brno = (await raise(brnoCase)).body.id;
    const linz = (await raise(linzCase, 'admin', { assigneeId: t.people.viewer })).body.id;
    expect((await t.call('GET', `/api/v1/escalations/${brno}`, { as: 'viewer' })).status).toBe(200);
    const hidden = await t.call('GET', `/api/v1/escalations/${linz}`, { as: 'viewer' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no escalation with id '${linz}'`);
    const all = (await t.call('GET', `/api/v1/programs/${programId}/escalations?limit=100`)).body.items;
    const seen = (await t.call('GET', `/api/v1/programs/${programId}/escalations?limit=100`, { as: 'viewer' })).body.items;
    const across = (await t.call('GET', '/api/v1/escalations?limit=100', { as: 'viewer' })).body.items;
    const linzIds = all.filter((e: any) => e.subjectId === linzCase).map((e: any) => e.id);
    expect(linzIds.length).toBeGreaterThan(0);
    expect(seen.length).toBe(all.length - linzIds.length);
    expect(seen.map((e: any) => e.id)).toContain(brno);
    for (const list of [seen, across]) expect(list.some((e: any) => e.subjectId === linzCase)).toBe(false);
    // Assigned to the viewer but out of their scope: not in their inbox either.
    expect((await t.call('GET', '/api/v1/me/escalations', { as: 'viewer' })).body.items.map((e: any) => e.id)).not.toContain(linz);

    const full = (await t.call('GET', `/api/v1/programs/${programId}/escalation-figures`)).body;
    expect(full.coverage).toEqual({ complete: true, leftOut: {} });
    expect(full.program.total).toBe(all.length);
    const part = (await t.call('GET', `/api/v1/programs/${programId}/escalation-figures`, { as: 'viewer' })).body;
    expect(part.coverage).toEqual({ complete: false, leftOut: { escalations: linzIds.length } });
    expect(part.program.total).toBe(seen.length);
    expect(part.byOwner.map((o: any) => o.personId)).toEqual([t.people.owner]);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/escalation-figures`, { as: 'planner' })).status).toBe(404);
    await t.call('POST', `/api/v1/escalations/${linz}/resolve`, { body: { note: 'handed back' } });
  });

  it('places an escalation about a KPI, a milestone or a source where its subject is', async () => {
    const linzKpi = await ok(t, 'POST', `/api/v1/use-cases/${linzCase}/kpis`, kpiBody(t, { ownerId: other.id }));
    const brnoKpi = await ok(t, 'POST', `/api/v1/use-cases/${brnoCase}/kpis`, kpiBody(t));
    const milestone = (useCaseId?: string) =>
      ok(t, 'POST', `/api/v1/programs/${programId}/milestones`, {
        ...(useCaseId ? { useCaseId } : {}),
        title: `Milestone ${useCaseId ?? 'program'}`,
        criterion: 'Used in 4 of 5 handovers',
        due: { quarter: '2027-Q1' },
        ownerId: other.id,
      });
    const linzMilestone = await milestone(linzCase);
    const programMilestone = await milestone();
    const linzSource = await ok(t, 'POST', `/api/v1/programs/${programId}/data-sources`, {
      name: 'Linz MES',
      kind: 'mes',
      scope: { siteId: f.otherSiteId },
      ownerId: other.id,
      expectedRefreshSeconds: 300,
      maxLatencySeconds: 120,
    });
    const about = async (subjectType: string, subjectId: string) =>
      (await t.call('POST', '/api/v1/escalations', { body: { subjectType, subjectId, title: 'x', severity: 'low' } })).body.id;
    const hidden = [await about('kpi', linzKpi.id), await about('milestone', linzMilestone.id), await about('data_source', linzSource.id)];
    const shown = [await about('kpi', brnoKpi.id), await about('milestone', programMilestone.id)];
    for (const id of hidden) expect((await t.call('GET', `/api/v1/escalations/${id}`, { as: 'viewer' })).status).toBe(404);
    for (const id of shown) expect((await t.call('GET', `/api/v1/escalations/${id}`, { as: 'viewer' })).status).toBe(200);
    const listed = (await t.call('GET', `/api/v1/programs/${programId}/escalations?limit=100`, { as: 'viewer' })).body.items.map(
      (e: any) => e.id,
    );
    expect(listed).toEqual(expect.arrayContaining(shown));
    expect(listed.filter((id: string) => hidden.includes(id))).toEqual([]);
    // The Linz planner sees the program-wide milestone's escalation and the Linz ones, not the Brno KPI's.
    const linz = (await t.call('GET', `/api/v1/escalations?programId=${programId}&limit=100`, { as: 'planner' })).body.items.map(
      (e: any) => e.id,
    );
    expect(linz).toEqual(expect.arrayContaining([...hidden, shown[1]]));
    expect(linz).not.toContain(shown[0]);
    for (const id of [...hidden, ...shown]) await ok(t, 'POST', `/api/v1/escalations/${id}/resolve`, { note: 'done' });
  });

  it('lets only the assignee, the subject’s owner or their stand-in, the sponsor or an admin handle one', async () => {
    const id = (await raise(brnoCase)).body.id;
    expect((await callWith(t, other.token, 'POST', `/api/v1/escalations/${id}/acknowledge`, {})).status).toBe(403);
    expect((await t.call('POST', `/api/v1/escalations/${id}/acknowledge`, { as: 'planner', body: {} })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/escalations/${id}/acknowledge`, { as: 'owner', body: {} })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/escalations/${id}/resolve`, { as: 'sponsor', body: { note: 'fixed' } })).status).toBe(200);
    const reopen = { body: { note: 'back again' } };
    expect((await callWith(t, other.token, 'POST', `/api/v1/escalations/${id}/reopen`, reopen.body)).status).toBe(403);
    expect((await t.call('POST', `/api/v1/escalations/${id}/reopen`, reopen)).status).toBe(200);
    // Assigned to the Linz owner, they handle it although they own nothing it is about.
    const theirs = (await raise(brnoCase, 'admin', { assigneeId: other.id })).body.id;
    expect((await callWith(t, other.token, 'POST', `/api/v1/escalations/${theirs}/acknowledge`, {})).status).toBe(200);
    // While the Linz owner stands in for the test owner, they handle the owner's escalations too.
    const today = t.clock().toISOString().slice(0, 10);
    const standIn = await t.call('POST', `/api/v1/people/${t.people.owner}/stand-ins`, {
      as: 'owner',
      body: { standInId: other.id, fromDate: today, toDate: today },
    });
    expect(standIn.status, JSON.stringify(standIn.body)).toBe(201);
    expect((await callWith(t, other.token, 'POST', `/api/v1/escalations/${id}/acknowledge`, {})).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/stand-ins/${standIn.body.id}`, { as: 'owner' })).status).toBe(204);
    expect((await callWith(t, other.token, 'POST', `/api/v1/escalations/${id}/resolve`, { note: 'x' })).status).toBe(403);
  });

  it('reassigns an escalation for those who may handle it, keeping the due time, audited and on the timeline', async () => {
    const raised = (await raise(brnoCase)).body;
    const id = raised.id;
    const path = `/api/v1/escalations/${id}/reassign`;
    const byOwner = await t.call('POST', path, { as: 'owner', body: { assigneeId: other.id, note: 'Other owns the MES link' } });
    expect(byOwner.status, JSON.stringify(byOwner.body)).toBe(200);
    expect(byOwner.body).toMatchObject({ assigneeId: other.id, dueAt: raised.dueAt, status: 'open' });
    expect(byOwner.body.events.at(-1)).toMatchObject({
      kind: 'reassigned',
      actorId: t.people.owner,
      fromAssigneeId: t.people.owner,
      toAssigneeId: other.id,
      note: 'Other owns the MES link',
    });
    // Now the Linz owner is its assignee, and may hand it on.
    expect((await callWith(t, other.token, 'POST', path, { assigneeId: t.people.sponsor })).status).toBe(200);
    expect((await t.call('POST', path, { as: 'sponsor', body: { assigneeId: t.people.owner } })).status).toBe(200);
    expect((await t.call('POST', path, { body: { assigneeId: other.id } })).status).toBe(200);
    // An owner unrelated to it (not assignee, not owner of its subject) may not; out of scope it is not there.
    const unrelated = await personWithToken(t, 'Unrelated Owner', ['owner']);
    const refused = await callWith(t, unrelated.token, 'POST', path, { assigneeId: unrelated.id });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('forbidden');
    expect((await t.call('POST', path, { as: 'planner', body: { assigneeId: t.people.planner } })).status).toBe(404);
    expect((await t.call('POST', path, { as: 'viewer', body: { assigneeId: t.people.viewer } })).status).toBe(403);

    const detail = (await t.call('GET', `/api/v1/escalations/${id}`)).body;
    expect(detail.dueAt).toBe(raised.dueAt);
    expect(detail.events.filter((e: any) => e.kind === 'reassigned').map((e: any) => e.toAssigneeId)).toEqual([
      other.id,
      t.people.sponsor,
      t.people.owner,
      other.id,
    ]);
    const trail = (await t.call('GET', `/api/v1/audit/escalation/${id}`)).body.items;
    const reassigns = trail.filter((e: any) => e.action === 'reassign');
    expect(reassigns).toHaveLength(4);
    expect(reassigns[0]).toMatchObject({ before: { assigneeId: t.people.owner }, after: { assigneeId: other.id } });
  });

  it('reassigns only to an active person, never a resolved escalation', async () => {
    const id = (await raise(brnoCase)).body.id;
    const path = `/api/v1/escalations/${id}/reassign`;
    const unknown = await t.call('POST', path, { body: { assigneeId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('body.assigneeId');
    const gone = await ok(t, 'POST', '/api/v1/people', { name: 'Left Company', email: 'left@plant.example', roles: ['owner'] });
    expect((await t.call('POST', `/api/v1/people/${gone.id}/archive`)).status).toBe(200);
    const archived = await t.call('POST', path, { body: { assigneeId: gone.id } });
    expect(archived.status).toBe(409);
    expect(archived.body.errors[0].path).toBe('body.assigneeId');
    expect((await t.call('POST', path, { body: { assigneeId: 'someone' } })).status).toBe(400);
    await ok(t, 'POST', `/api/v1/escalations/${id}/resolve`, { note: 'done' });
    const resolved = await t.call('POST', path, { body: { assigneeId: other.id } });
    expect(resolved.status).toBe(409);
    expect(resolved.body.currentStatus).toBe('resolved');
    const events = (await t.call('GET', `/api/v1/escalations/${id}`)).body.events;
    expect(events.some((e: any) => e.kind === 'reassigned')).toBe(false);
  });
});
