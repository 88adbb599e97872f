import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrderProblems } from '../../../server/orders/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { ok } from '../../helpers/access.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture } from '../../helpers/fixtures.ts';

const now = new Date('2026-12-03T13:00:00Z');
const base = {
  externalId: 'WO-1',
  station: 'op40',
  kind: 'preventive' as const,
  plannedMinutes: 60,
  earliestStart: '2026-12-04T06:00:00Z',
  latestStart: '2026-12-06T06:00:00Z',
  status: 'planned' as const,
};
const fields = (item: Parameters<typeof workOrderProblems>[0]) => workOrderProblems(item, now).map((p) => `${p.field}: ${p.message}`);

describe('the rules a work order’s fields must agree on', () => {
  it('takes coherent work orders in every status', () => {
    expect(fields({ ...base, failureRateFactor: 1 })).toEqual([]);
    expect(fields({ ...base, status: 'released', latestStart: base.earliestStart })).toEqual([]);
    expect(fields({ ...base, status: 'in_progress', actualStart: '2026-12-03T12:00:00Z' })).toEqual([]);
    expect(fields({ ...base, status: 'done', actualStart: '2026-12-03T10:00:00Z', actualEnd: '2026-12-03T10:00:00Z' })).toEqual([]);
    expect(fields({ ...base, status: 'cancelled' })).toEqual([]);
    expect(fields({ ...base, status: 'cancelled', actualStart: '2026-12-03T10:00:00Z', actualEnd: '2026-12-03T11:00:00Z' })).toEqual([]);
    // Five minutes of the other system's clock running ahead are tolerated.
    expect(fields({ ...base, status: 'in_progress', actualStart: '2026-12-03T13:04:00Z' })).toEqual([]);
  });

  it('names the field of each incoherence', () => {
    expect(fields({ ...base, latestStart: '2026-12-04T05:59:59Z' })).toEqual(['latestStart: lies before earliestStart']);
    expect(fields({ ...base, actualStart: '2026-12-03T10:00:00Z' })).toEqual([
      'actualStart: a planned work order has not begun (it is given once in_progress or done)',
    ]);
    expect(fields({ ...base, status: 'released', actualEnd: '2026-12-03T10:00:00Z' })).toEqual([
      'actualEnd: a released work order has not begun (it is given once in_progress or done)',
    ]);
    expect(fields({ ...base, status: 'in_progress' })).toEqual(['actualStart: needed: the work is in progress']);
    expect(fields({ ...base, status: 'in_progress', actualStart: '2026-12-03T10:00:00Z', actualEnd: '2026-12-03T11:00:00Z' })).toEqual([
      'actualEnd: a work order in progress has not ended',
    ]);
    expect(fields({ ...base, status: 'done' })).toEqual(['actualStart: needed: the work is done', 'actualEnd: needed: the work is done']);
    expect(fields({ ...base, status: 'cancelled', actualEnd: '2026-12-03T10:00:00Z' })).toEqual(['actualStart: needed with actualEnd']);
    expect(fields({ ...base, status: 'done', actualStart: '2026-12-03T10:00:00Z', actualEnd: '2026-12-03T09:59:00Z' })).toEqual([
      'actualEnd: lies before actualStart',
    ]);
    expect(fields({ ...base, status: 'in_progress', actualStart: '2026-12-03T13:06:00Z' })).toEqual(['actualStart: lies in the future']);
    expect(fields({ ...base, kind: 'corrective', failureRateFactor: 0.5 } as never)).toEqual([
      'failureRateFactor: only preventive work changes the failure rate',
    ]);
  });
});

/** Whatever the rules let through, the table's own checks take: an import is stored or refused (400), never a conflict. */
describe.each(databaseKinds)('work orders the rules take are the ones the database takes (%s)', (kind) => {
  let t: TestApp;
  let lineId: string;
  beforeAll(async () => {
    t = await createTestApp(kind, now.toISOString());
    lineId = (await createProgramFixture(t)).lineId;
    await ok(t, 'POST', '/api/v1/stations', { lineId, code: 'op40', name: 'OP40', position: 1 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('stores or refuses any combination of status, actual times, kind and factor', async () => {
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
    const instant = fc.integer({ min: -48, max: 2 }).map(hours);
    const item = fc
      .record(
        {
          kind: fc.constantFrom('preventive', 'corrective', 'inspection'),
          earliest: fc.integer({ min: -48, max: 48 }),
          window: fc.integer({ min: -2, max: 24 }),
          status: fc.constantFrom('planned', 'released', 'in_progress', 'done', 'cancelled'),
          actualStart: instant,
          actualEnd: instant,
          failureRateFactor: fc.constantFrom(0.2, 1),
        },
        { requiredKeys: ['kind', 'earliest', 'window', 'status'] },
      )
      .map(({ earliest, window, ...rest }) => ({ ...rest, earliestStart: hours(earliest), latestStart: hours(earliest + window) }));
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 2 }), async (items) => {
        const body = { items: items.map((it, i) => ({ ...it, externalId: `WO-${i}`, station: 'op40', plannedMinutes: 30 })) };
        const res = await t.call('POST', `/api/v1/lines/${lineId}/work-orders`, { as: 'planner', body });
        expect([200, 400], JSON.stringify(res.body)).toContain(res.status);
        if (res.status === 200) stored++;
      }),
      { numRuns: 100 },
    );
    expect(stored).toBeGreaterThan(0);
  });
});
