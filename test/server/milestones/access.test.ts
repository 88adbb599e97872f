import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { callWith, createTwoSiteProgram, ok, personWithToken } from '../../helpers/access.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const scopeTo = (t: TestApp, personId: string, siteIds: string[] | null) =>
  ok(t, 'PATCH', `/api/v1/people/${personId}`, { scope: siteIds ? { kind: 'sites', siteIds } : { kind: 'installation' } });

describe.each(databaseKinds)('scope and ownership of milestones and reviews on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  // A program over Brno (the fixture's line) and Linz, with a use case at each.
  let programId: string;
  let brnoCase: string;
  let linzCase: string;
  // Milestones: one of the whole program, one per use case.
  const ms: Record<'program' | 'brno' | 'linz', string> = { program: '', brno: '', linz: '' };
  // A sponsor of other programs who owns the Linz milestone.
  let otherSponsor: { id: string; token: string };
  const milestone = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    criterion: 'Planners use the twin daily',
    due: { quarter: '2026-Q3' },
    ownerId: t.people.owner,
    ...extra,
  });
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    const twoSites = await createTwoSiteProgram(t, f);
    programId = twoSites.programId;
    const { linzLine } = twoSites;
    const useCase = async (title: string, lineId: string) =>
      (
        await ok(t, 'POST', `/api/v1/programs/${programId}/use-cases`, {
          title,
          question: 'Which machine constrains next shift?',
          scope: { lineId },
          decisionFrequency: 'daily',
          ownerId: t.people.owner,
        })
      ).id as string;
    brnoCase = await useCase('Brno constraint', f.lineId);
    linzCase = await useCase('Linz constraint', linzLine.id);
    otherSponsor = await personWithToken(t, 'Other Sponsor', ['sponsor']);
    ms.program = (await ok(t, 'POST', `/api/v1/programs/${programId}/milestones`, milestone('Whole program'))).id;
    ms.brno = (await ok(t, 'POST', `/api/v1/programs/${programId}/milestones`, milestone('Brno daily', { useCaseId: brnoCase }))).id;
    ms.linz = (
      await ok(
        t,
        'POST',
        `/api/v1/programs/${programId}/milestones`,
        milestone('Linz daily', { useCaseId: linzCase, ownerId: otherSponsor.id }),
      )
    ).id;
    await scopeTo(t, t.people.viewer, [f.otherSiteId]);
  });
  afterAll(async () => t?.close());

  it('lists only the milestones of use cases in scope, and hides the others', async () => {
    const listed = (await t.call('GET', `/api/v1/programs/${programId}/milestones`, { as: 'viewer' })).body;
    expect(listed.items.map((m: any) => m.id).sort()).toEqual([ms.program, ms.linz].sort());
    expect(listed.total).toBe(2);
    expect((await t.call('GET', `/api/v1/programs/${programId}/milestones`)).body.total).toBe(3);
    expect((await t.call('GET', `/api/v1/milestones/${ms.linz}`, { as: 'viewer' })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/milestones/${ms.program}`, { as: 'viewer' })).status).toBe(200);
    const hidden = await t.call('GET', `/api/v1/milestones/${ms.brno}`, { as: 'viewer' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`no milestone with id '${ms.brno}'`);
    // The fixture's program lies in Brno only: not there for the viewer.
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/milestones`, { as: 'viewer' })).status).toBe(404);
  });

  it('lets only admins and the program sponsor add and delete milestones', async () => {
    const refused = await callWith(t, otherSponsor.token, 'POST', `/api/v1/programs/${programId}/milestones`, milestone('Not theirs'));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('forbidden');
    expect((await t.call('POST', `/api/v1/programs/${programId}/milestones`, { as: 'owner', body: milestone('x') })).status).toBe(403);
    const made = await t.call('POST', `/api/v1/programs/${programId}/milestones`, { as: 'sponsor', body: milestone('Scratch') });
    expect(made.status).toBe(201);
    // Owning a milestone lets one change it, not delete it.
    const scratch = await ok(t, 'POST', `/api/v1/programs/${programId}/milestones`, milestone('Theirs', { ownerId: otherSponsor.id }));
    expect((await callWith(t, otherSponsor.token, 'DELETE', `/api/v1/milestones/${scratch.id}`)).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/milestones/${scratch.id}`, { as: 'sponsor' })).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/milestones/${made.body.id}`, { as: 'sponsor' })).status).toBe(204);
  });

  it('lets a milestone’s owner update it, and no one else but the sponsor and admins', async () => {
    const mine = await callWith(t, otherSponsor.token, 'PATCH', `/api/v1/milestones/${ms.linz}`, { title: 'Linz planners daily' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.title).toBe('Linz planners daily');
    expect((await callWith(t, otherSponsor.token, 'PATCH', `/api/v1/milestones/${ms.brno}`, { title: 'Taken' })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/milestones/${ms.brno}`, { as: 'sponsor', body: { title: 'Brno planners daily' } })).status).toBe(
      200,
    );
  });

  it('does not let a sponsor reach milestones or use cases outside their scope', async () => {
    await scopeTo(t, t.people.sponsor, [f.otherSiteId]);
    try {
      const hiddenCase = await t.call('POST', `/api/v1/programs/${programId}/milestones`, {
        as: 'sponsor',
        body: milestone('Brno again', { useCaseId: brnoCase }),
      });
      expect(hiddenCase.status).toBe(404);
      expect(hiddenCase.body.errors[0].path).toBe('body.useCaseId');
      expect((await t.call('PATCH', `/api/v1/milestones/${ms.brno}`, { as: 'sponsor', body: { title: 'x' } })).status).toBe(404);
      expect((await t.call('DELETE', `/api/v1/milestones/${ms.brno}`, { as: 'sponsor' })).status).toBe(404);
      const moved = await t.call('PATCH', `/api/v1/milestones/${ms.program}`, { as: 'sponsor', body: { useCaseId: brnoCase } });
      expect(moved.status).toBe(404);
      expect(moved.body.errors[0].path).toBe('body.useCaseId');
      // A review records every open milestone: one out of the sponsor's scope cannot be named, nor left out.
      const named = await t.call('POST', `/api/v1/programs/${programId}/reviews`, {
        as: 'sponsor',
        body: {
          heldOn: '2026-09-30',
          items: [ms.program, ms.linz, ms.brno].map((milestoneId) => ({ milestoneId, status: 'missed' })),
        },
      });
      expect(named.status).toBe(404);
      expect(named.body.errors[0].path).toBe('body.items.2.milestoneId');
      const partial = await t.call('POST', `/api/v1/programs/${programId}/reviews`, {
        as: 'sponsor',
        body: { heldOn: '2026-09-30', items: [ms.program, ms.linz].map((milestoneId) => ({ milestoneId, status: 'missed' })) },
      });
      expect(partial.status).toBe(403);
      expect(partial.body.milestonesOutOfScope).toBe(1);
      expect(JSON.stringify(partial.body)).not.toContain(ms.brno);
    } finally {
      await scopeTo(t, t.people.sponsor, null);
    }
  });

  it('lets only admins and the program sponsor record reviews, and shows each reader the records they may see', async () => {
    const items = [ms.program, ms.linz, ms.brno].map((milestoneId) => ({ milestoneId, status: 'missed', note: 'behind' }));
    const refused = await callWith(t, otherSponsor.token, 'POST', `/api/v1/programs/${programId}/reviews`, { heldOn: '2026-09-30', items });
    expect(refused.status).toBe(403);
    const held = await t.call('POST', `/api/v1/programs/${programId}/reviews`, { as: 'sponsor', body: { heldOn: '2026-09-30', items } });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body.items).toHaveLength(3);
    const seen = (await t.call('GET', `/api/v1/reviews/${held.body.id}`, { as: 'viewer' })).body;
    expect(seen.items.map((i: any) => i.milestoneId).sort()).toEqual([ms.program, ms.linz].sort());
    const listed = (await t.call('GET', `/api/v1/programs/${programId}/reviews`, { as: 'viewer' })).body.items;
    expect(listed[0].items).toHaveLength(2);
    expect((await t.call('GET', `/api/v1/reviews/${held.body.id}`)).body.items).toHaveLength(3);
    // Out of the viewer's scope entirely: the reviews of a Brno-only program are not there.
    const brnoOnly = await ok(t, 'POST', `/api/v1/programs/${f.programId}/reviews`, { heldOn: '2026-09-30', items: [] });
    expect((await t.call('GET', `/api/v1/reviews/${brnoOnly.id}`, { as: 'viewer' })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/reviews`, { as: 'viewer' })).status).toBe(404);
  });
});
