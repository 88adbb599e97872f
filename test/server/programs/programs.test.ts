import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('programs on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let body: Record<string, unknown>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await createProgramFixture(t);
    const program = (await t.call('GET', `/api/v1/programs/${f.programId}`)).body;
    body = {
      enterpriseId: program.enterpriseId,
      name: 'Second twin',
      sponsorId: t.people.sponsor,
      siteIds: program.siteIds,
      goLiveDate: '2027-01-04',
      valueWindowMonths: 6,
    };
  });
  afterAll(async () => t?.close());

  it('needs a sponsor who holds the sponsor role', async () => {
    const owner = await t.call('POST', '/api/v1/programs', { body: { ...body, sponsorId: t.people.owner } });
    expect(owner.status).toBe(409);
    expect(owner.body.errors).toEqual([{ path: 'body.sponsorId', message: 'not a sponsor' }]);
    const patch = await t.call('PATCH', `/api/v1/programs/${f.programId}`, { body: { sponsorId: t.people.planner } });
    expect(patch.status).toBe(409);
  });

  it('keeps the SLA hours in severity order, on create and on change', async () => {
    const inverted = await t.call('POST', '/api/v1/programs', { body: { ...body, slaCriticalHours: 100, slaHighHours: 1 } });
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].path).toBe('body.slaHighHours');
    // 100 h critical is longer than the default high (48 h): refused as well.
    const againstDefault = await t.call('PATCH', `/api/v1/programs/${f.programId}`, { body: { slaCriticalHours: 100 } });
    expect(againstDefault.status).toBe(400);
    expect(againstDefault.body.errors[0].path).toBe('body.slaHighHours');
    const fine = await t.call('PATCH', `/api/v1/programs/${f.programId}`, { body: { slaCriticalHours: 12, slaLowHours: 240 } });
    expect(fine.status).toBe(200);
    expect(fine.body).toMatchObject({ slaCriticalHours: 12, slaHighHours: 48, slaLowHours: 240 });
  });
});
