import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { kpiBody } from '../../helpers/fixtures.ts';

// What day it is comes from the program's calendar, never from UTC.
describe.each(databaseKinds)('days on the program’s calendar on %s', (kind) => {
  let t: TestApp;
  let enterpriseId: string;
  const site = async (code: string, timezone: string) =>
    (await t.call('POST', '/api/v1/sites', { body: { enterpriseId, code, name: code, timezone } })).body.id as string;
  const program = async (siteIds: string[], extra: Record<string, unknown> = {}) =>
    t.call('POST', '/api/v1/programs', {
      body: {
        enterpriseId,
        name: `P ${Math.random()}`,
        sponsorId: t.people.sponsor,
        siteIds,
        goLiveDate: '2026-06-01',
        valueWindowMonths: 9,
        ...extra,
      },
    });
  beforeAll(async () => {
    // 03:00 UTC on 25 November: already the 25th in Prague, still the 24th in Detroit.
    t = await createTestApp(kind, '2026-11-25T03:00:00Z');
    enterpriseId = (await t.call('POST', '/api/v1/enterprises', { body: { code: 'zones', name: 'Zones' } })).body.id;
  });
  afterAll(async () => t?.close());

  it('takes the zone most of its sites use, or the one given, and refuses one that does not exist', async () => {
    const [a, b, c] = [await site('a', 'America/Detroit'), await site('b', 'Europe/Prague'), await site('c', 'Europe/Prague')];
    expect((await program([a, b, c])).body.timezone).toBe('Europe/Prague');
    expect((await program([a])).body.timezone).toBe('America/Detroit');
    expect((await program([b], { timezone: 'Asia/Kolkata' })).body.timezone).toBe('Asia/Kolkata');
    const mars = await program([a], { timezone: 'Mars/Olympus' });
    expect(mars.status).toBe(400);
    expect(mars.body.errors).toEqual([{ path: 'body.timezone', message: 'an IANA time zone such as Europe/Prague' }]);
  });

  // A program over one new site in a zone, with a use case in an area of that site.
  const useCaseIn = async (zone: string) => {
    const siteId = await site(`s${Math.random().toString(36).slice(2, 8)}`, zone);
    const programId = (await program([siteId])).body.id as string;
    const area = (await t.call('POST', '/api/v1/areas', { body: { siteId, code: 'x', name: 'x' } })).body.id;
    const useCase = await t.call('POST', `/api/v1/programs/${programId}/use-cases`, {
      body: { title: 'u', question: 'q', scope: { areaId: area }, decisionFrequency: 'daily', ownerId: t.people.owner },
    });
    expect(useCase.status).toBe(201);
    return { programId, useCaseId: useCase.body.id as string };
  };

  it('accepts a measurement of a day that has ended where the plant is, and refuses one that has not', async () => {
    const measure = async (zone: string) => {
      const kpi = (await t.call('POST', `/api/v1/use-cases/${(await useCaseIn(zone)).useCaseId}/kpis`, { body: kpiBody(t) })).body;
      return t.call('POST', `/api/v1/kpis/${kpi.id}/measurements`, {
        body: { periodStart: '2026-11-24', periodEnd: '2026-11-24', value: 61, source: 'MES' },
      });
    };
    const early = await measure('America/Detroit');
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: 'body.periodEnd', message: 'the period has not ended yet (it must end before today)' }]);
    expect((await measure('Europe/Prague')).status).toBe(201);
  });

  it('records a review held today where the program is', async () => {
    const prague = (await program([await site('prg2', 'Europe/Prague')])).body.id;
    const detroit = (await program([await site('det2', 'America/Detroit')])).body.id;
    const review = (programId: string) =>
      t.call('POST', `/api/v1/programs/${programId}/reviews`, { body: { heldOn: '2026-11-25', items: [] } });
    expect((await review(prague)).status).toBe(201);
    const future = await review(detroit);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.heldOn');
  });

  it('counts a use on the day and in the week it happened on the program’s calendar', async () => {
    const { programId: prague, useCaseId } = await useCaseIn('Europe/Prague');
    const group = (
      await t.call('POST', `/api/v1/programs/${prague}/user-groups`, {
        body: { kind: 'planners', name: 'Planners', valuePath: 'v', expectedFrequency: 'weekly', memberIds: [t.people.planner] },
      })
    ).body.id;
    // Sunday 22 November 23:30 UTC is Monday 00:30 in Prague: the week of the 23rd.
    const used = await t.call('POST', `/api/v1/use-cases/${useCaseId}/usage`, {
      body: { groupId: group, occurredAt: '2026-11-22T23:30:00Z' },
    });
    expect(used.status, JSON.stringify(used.body)).toBe(201);
    const view = await t.call('GET', `/api/v1/programs/${prague}/adoption?period=week&from=2026-11-16&to=2026-11-24`);
    expect(view.status).toBe(200);
    const weeks = view.body.groups[0].periods.map((p: any) => [p.start, p.observed]);
    expect(weeks).toEqual([
      ['2026-11-16', 0],
      ['2026-11-23', 1],
    ]);
  });
});
