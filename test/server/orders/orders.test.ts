import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, plannedOrders } from '../../../db/schema/index.ts';
import { InvalidInputError, NotFoundError } from '../../../server/core/errors.ts';
import { inTransaction } from '../../../server/core/write.ts';
import type { Actor } from '../../../server/deps.ts';
import { importPlannedOrders, importWorkOrders, jsonItems, listPlannedOrders, listWorkOrders } from '../../../server/orders/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { ok } from '../../helpers/access.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

/** The import's domain functions, called as the routes call them: in one transaction, by an actor. */
describe.each(databaseKinds)('importing a line’s plans on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  const planner = (siteIds: string[] | null = null): Actor => ({
    personId: t.people.planner,
    name: 'Test planner',
    role: 'planner',
    tokenId: null,
    scope: siteIds ? { kind: 'sites', siteIds } : { kind: 'installation' },
    siteIds,
  });
  const deps = () => ({ db: t.database.db, dbKind: t.database.kind, clock: t.clock });
  const order = (externalId: string, quantity: number, due = '2026-12-07T05:00:00Z') => ({ externalId, product: 'CS-R4', quantity, due });
  const importOrders = (lineId: string, items: unknown[], actor = planner()) =>
    inTransaction(deps(), actor, (w) => importPlannedOrders(w, lineId, jsonItems({ items })));
  const stored = async (lineId: string) =>
    (await t.database.db.select({ n: count() }).from(plannedOrders).where(eq(plannedOrders.lineId, lineId)))[0].n;

  beforeAll(async () => {
    t = await createTestApp(kind, '2026-12-03T13:00:00Z');
    f = await createProgramFixture(t);
    await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op40', name: 'OP40 Hardening', position: 1 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('counts what an import created, replaced and left, and records it on the line’s audit trail', async () => {
    expect(await importOrders(f.lineId, [order('A', 10), order('B', 20)])).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await importOrders(f.lineId, [order('A', 10), order('B', 25), order('C', 5)]);
    expect(again).toEqual({ created: 1, updated: 1, unchanged: 1, ignoredFields: {}, refreshed: [] });
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, f.lineId))
      .orderBy(auditLog.id)
      .then((rows) => rows.filter((r) => r.action === 'import-orders').slice(-1));
    expect(entry).toMatchObject({ entityType: 'line', actorId: t.people.planner, actorRole: 'planner' });
    expect(entry.before).toEqual([expect.objectContaining({ externalId: 'B', quantity: 20 })]);
    expect((entry.after as any).rows.map((r: any) => [r.externalId, r.quantity])).toEqual([
      ['B', 25],
      ['C', 5],
    ]);
    expect((await listPlannedOrders(t.database.db, planner(), f.lineId)).map((o) => o.externalId)).toEqual(['A', 'B', 'C']);
  });

  it('writes nothing when one item is refused, and nothing for a caller who cannot see the line', async () => {
    const before = await stored(f.lineId);
    await expect(importOrders(f.lineId, [order('D', 1), order('E', -1)])).rejects.toBeInstanceOf(InvalidInputError);
    await expect(importOrders(f.lineId, [order('D', 1)], planner([f.otherSiteId]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listWorkOrders(t.database.db, planner([f.otherSiteId]), f.lineId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await stored(f.lineId)).toBe(before);
  });

  it('takes one import of a line at a time, so that two at once never store an order twice', async () => {
    const line = await ok(t, 'POST', '/api/v1/lines', { areaId: f.areaId, code: 'twice', name: 'Twice' });
    const items = Array.from({ length: 50 }, (_, i) => order(`P${i}`, i + 1));
    // The first import has written its rows but not committed when the second begins.
    let imported!: () => void;
    let release!: () => void;
    const written = new Promise<void>((resolve) => (imported = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = inTransaction(deps(), planner(), async (w) => {
      const result = await importPlannedOrders(w, line.id, jsonItems({ items }));
      imported();
      await gate;
      return result;
    });
    await written;
    const second = importOrders(line.id, items);
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    expect(await first).toMatchObject({ created: 50, unchanged: 0 });
    expect(await second).toMatchObject({ created: 0, updated: 0, unchanged: 50 });
    expect(await stored(line.id)).toBe(50);
  });

  it('keeps a work order’s station and status, and ignores and counts fields it does not know', async () => {
    const result = await inTransaction(deps(), planner(), (w) =>
      importWorkOrders(
        w,
        f.lineId,
        jsonItems({
          items: [
            {
              externalId: 'WO-1',
              station: 'op40',
              kind: 'preventive',
              plannedMinutes: 120,
              earliestStart: '2026-12-04T06:00:00+01:00',
              latestStart: '2026-12-07T06:00:00+01:00',
              failureRateFactor: 0.6,
              priority: 2,
              crew: 'electrical',
            },
            {
              externalId: 'WO-2',
              station: 'op40',
              kind: 'inspection',
              plannedMinutes: 20,
              earliestStart: '2026-12-03T06:00:00Z',
              latestStart: '2026-12-03T08:00:00Z',
              status: 'cancelled',
              priority: 1,
            },
          ],
        }),
      ),
    );
    expect(result).toMatchObject({ created: 2, ignoredFields: { priority: 2, crew: 1 } });
    const rows = await listWorkOrders(t.database.db, planner(), f.lineId, { status: 'planned' });
    expect(rows).toEqual([
      expect.objectContaining({
        externalId: 'WO-1',
        station: 'op40',
        status: 'planned',
        earliestStart: new Date('2026-12-04T05:00:00Z'),
        failureRateFactor: 0.6,
        actualStart: null,
      }),
    ]);
  });

  it('keeps a line with planned orders from being deleted, naming them, and keeps its orders', async () => {
    const line = await ok(t, 'POST', '/api/v1/lines', { areaId: f.areaId, code: 'gone', name: 'Gone' });
    await importOrders(line.id, [order('Z', 1)]);
    const refused = await t.call('DELETE', `/api/v1/lines/${line.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('1 planned orders');
    expect(await stored(line.id)).toBe(1);
  });
});
