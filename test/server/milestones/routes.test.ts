import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('milestones and reviews on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
    f = await createProgramFixture(t);
    for (const [key, due] of [
      ['a', { quarter: '2026-Q3' }],
      ['b', { date: '2026-10-31' }],
      ['c', { date: '2027-02-15' }],
    ] as const) {
      const res = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
        as: 'sponsor',
        body: { title: `Milestone ${key}`, criterion: 'Planners use the twin daily', due, ownerId: t.people.owner },
      });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
  });
  afterAll(async () => t?.close());

  const review = (heldOn: string, statuses: Record<string, string>, notes: Record<string, string> = {}) =>
    t.call('POST', `/api/v1/programs/${f.programId}/reviews`, {
      as: 'sponsor',
      body: { heldOn, items: Object.entries(statuses).map(([k, status]) => ({ milestoneId: ids[k], status, note: notes[k] })) },
    });

  it('derives the due date from the quarter', async () => {
    const list = (await t.call('GET', `/api/v1/programs/${f.programId}/milestones`)).body.items;
    expect(list.map((m: any) => m.dueBy)).toEqual(['2026-09-30', '2026-10-31', '2027-02-15']);
  });

  it('requires every open milestone in a review and writes nothing otherwise', async () => {
    const res = await review('2026-09-30', { a: 'missed', b: 'planned' });
    expect(res.status).toBe(409);
    expect(res.body.missingMilestoneIds).toEqual([ids.c]);
    expect((await t.call('GET', `/api/v1/programs/${f.programId}/reviews`)).body.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/milestones/${ids.a}`)).body.status).toBe('planned');
  });

  it('flags a milestone missed in two consecutive reviews, and clears it when met', async () => {
    expect((await review('2026-09-30', { a: 'missed', b: 'planned', c: 'planned' })).status).toBe(201);
    let a = (await t.call('GET', `/api/v1/milestones/${ids.a}`)).body;
    expect([a.status, a.consecutiveMisses, a.atRisk]).toEqual(['missed', 1, false]);
    expect((await review('2026-10-31', { a: 'missed', b: 'missed', c: 'planned' })).status).toBe(201);
    a = (await t.call('GET', `/api/v1/milestones/${ids.a}`)).body;
    expect([a.consecutiveMisses, a.atRisk]).toEqual([2, true]);
    expect(a.history.map((h: any) => h.status)).toEqual(['missed', 'missed']);
    const b = (await t.call('GET', `/api/v1/milestones/${ids.b}`)).body;
    expect([b.consecutiveMisses, b.atRisk]).toEqual([1, false]);
    const noEvidence = await review('2026-11-20', { a: 'met', b: 'missed', c: 'planned' });
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.missing).toEqual(['evidence']);
    expect((await review('2026-11-20', { a: 'met', b: 'missed', c: 'planned' }, { a: 'Usage log weeks 44–46' })).status).toBe(201);
    a = (await t.call('GET', `/api/v1/milestones/${ids.a}`)).body;
    expect([a.status, a.atRisk, a.evidence]).toEqual(['met', false, 'Usage log weeks 44–46']);
    const bAfter = (await t.call('GET', `/api/v1/milestones/${ids.b}`)).body;
    expect([bAfter.consecutiveMisses, bAfter.atRisk]).toEqual([2, true]);
    // A milestone created after these reviews has none of them in its history.
    const late = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
      as: 'sponsor',
      body: { title: 'Milestone d', criterion: 'Owners resolve escalations in SLA', due: { quarter: '2027-Q2' }, ownerId: t.people.owner },
    });
    ids.d = late.body.id;
    expect(late.body.history).toEqual([]);
    expect(late.body.consecutiveMisses).toBe(0);
    // A met milestone keeps the reviews that recorded it, not the later ones.
    expect(a.history.map((h: any) => h.heldOn)).toEqual(['2026-09-30', '2026-10-31', '2026-11-20']);
  });

  it('refuses to record a milestone as missed before it is due', async () => {
    const early = await review('2026-11-24', { b: 'missed', c: 'missed', d: 'planned' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ dueBy: '2027-02-15', errors: [{ path: 'body.items.1.status', message: 'not due yet' }] });
  });

  it('keeps reviews in date order and refuses reviews not yet held', async () => {
    const early = await review('2026-11-01', { b: 'missed', c: 'planned' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0].path).toBe('body.heldOn');
    const future = await review('2026-12-01', { b: 'missed', c: 'planned' });
    expect(future.status).toBe(400);
  });

  it('refuses a milestone with both a quarter and a date, or a malformed quarter', async () => {
    const both = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
      body: { title: 'x', criterion: 'y', due: { quarter: '2027-Q1', date: '2027-01-01' }, ownerId: t.people.owner },
    });
    expect(both.status).toBe(400);
    const bad = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
      body: { title: 'x', criterion: 'y', due: { quarter: '2027-Q5' }, ownerId: t.people.owner },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.some((e: any) => e.path.startsWith('body.due'))).toBe(true);
    for (const due of [{ quarter: '0050-Q2' }, { quarter: '2200-Q1' }, { date: '0000-03-31' }]) {
      const res = await t.call('POST', `/api/v1/programs/${f.programId}/milestones`, {
        body: { title: 'x', criterion: 'y', due, ownerId: t.people.owner },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.message)).toContain('the year must lie between 1900 and 2199');
    }
  });
});
