import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSweeper } from '../../server/sweeper.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/db.ts';
import { createProgramFixture, createUseCaseFixture } from '../helpers/fixtures.ts';

describe.each(databaseKinds)('sweeper on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, '2026-11-25T08:00:00Z');
  });
  afterAll(async () => t?.close());

  it('picks up what is due from the database after a restart, and runs on its timer', async () => {
    const f = await createProgramFixture(t);
    const uc = await createUseCaseFixture(t, f);
    const e = (
      await t.call('POST', '/api/v1/escalations', {
        body: {
          subjectType: 'use_case',
          subjectId: uc.id,
          title: 'q',
          severity: 'critical',
          routeGroupId: f.groupIds.operators,
          assigneeId: t.people.planner,
        },
      })
    ).body;
    const deps = { db: t.database.db, dbKind: t.database.kind, clock: t.clock };
    const lines: string[] = [];
    // The first instance stops before the SLA passes: nothing in memory carries over.
    const first = startSweeper(deps, 3_600_000, (l) => lines.push(l));
    await first.stop();
    t.clock.advance(25 * 3_600_000);
    const second = startSweeper(deps, 20, (l) => lines.push(l));
    for (let i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 20));
    await second.stop();
    expect(lines[0]).toContain('1 overdue escalation(s) moved');
    const after = (await t.call('GET', `/api/v1/escalations/${e.id}`)).body;
    expect([after.assigneeId, after.escalationCount]).toEqual([t.people.owner, 1]);
  });
});
