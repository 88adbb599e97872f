import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { createApp } from '../../../server/app.ts';
import { demoTokens, seedDemoPlant } from '../../../server/demo/demo.ts';
import { crankshaftModel, gearboxModel, pumpModel } from '../../../server/demo/lineModels.ts';
import { createTestDatabase } from '../../helpers/db.ts';

/** The demo plant's week of planned orders and its CMMS work orders, as the API lists them. */
describe('the demo plant’s plans', () => {
  let database: Database;
  // Thursday 3 December 2026, 14:00 in Brno.
  const now = new Date('2026-12-03T13:00:00Z');
  let lineIds: Record<string, string>;
  const get = async (path: string) => {
    const app = createApp({ db: database.db, dbKind: database.kind, clock: () => now });
    const res = await app.request(path, { headers: { authorization: `Bearer ${demoTokens[3].token}` } });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<any>;
  };
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedDemoPlant(database.db, now);
    lineIds = Object.fromEntries((await get('/api/v1/lines')).items.map((l: any) => [l.code, l.id]));
  }, 120_000);
  afterAll(async () => database?.close());

  it('plans each line’s working days of the coming week with products its model knows, within what it makes in a day', async () => {
    const models = { 'crankshaft-1': crankshaftModel, 'gearbox-assembly': gearboxModel, 'pump-2': pumpModel };
    for (const [code, model] of Object.entries(models)) {
      const orders = (await get(`/api/v1/lines/${lineIds[code]}/orders`)).items;
      const days = new Set(orders.map((o: any) => o.due.slice(0, 10)));
      // Friday, and Monday to Thursday of the next week: due at 06:00 the morning after each.
      expect([...days].sort(), code).toEqual(['2026-12-05', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
      for (const o of orders) {
        expect(Date.parse(o.due)).toBeGreaterThan(now.getTime());
        expect(Date.parse(o.due)).toBeLessThan(now.getTime() + 8 * 86_400_000);
      }
      const products = 'products' in model ? model.products.map((p) => p.name) : undefined;
      if (products) expect(new Set(orders.map((o: any) => o.product))).toEqual(new Set(products));
      else expect(new Set(orders.map((o: any) => o.product)).size).toBe(1);
      // The slowest station at its mean time over 22.5 planned hours bounds a day's output.
      const slowest = Math.max(...model.machines.map((m) => m.processTime.mean)) * (model.timeUnit === 'min' ? 60 : 1);
      const perDay = new Map<string, number>();
      for (const o of orders) perDay.set(o.due, (perDay.get(o.due) ?? 0) + o.quantity);
      for (const quantity of perDay.values()) expect(quantity, code).toBeLessThan((22.5 * 3600) / slowest);
    }
  });

  it('holds preventive work orders with their effect, one in progress and one done, from the CMMS export of four days ago', async () => {
    const all = [];
    for (const id of Object.values(lineIds)) all.push(...(await get(`/api/v1/lines/${id}/work-orders`)).items);
    const preventive = all.filter((w: any) => w.kind === 'preventive');
    expect(preventive.length).toBeGreaterThanOrEqual(3);
    for (const w of preventive) {
      expect(w.failureRateFactor).toBeGreaterThan(0);
      expect(w.failureRateFactor).toBeLessThan(1);
      expect(Date.parse(w.earliestStart)).toBeGreaterThan(now.getTime());
    }
    expect(all.filter((w: any) => w.status === 'in_progress')).toHaveLength(1);
    expect(all.filter((w: any) => w.status === 'done')).toEqual([
      expect.objectContaining({ actualStart: expect.any(String), actualEnd: expect.any(String) }),
    ]);
    // The CMMS export is still the demo's stale source: the seeded work orders did not refresh it.
    const program = (await get('/api/v1/programs')).items[0];
    const cmms = (await get(`/api/v1/programs/${program.id}/data-sources`)).items.find((s: any) => s.code === 'cmms-export');
    expect(cmms.freshness.status).toBe('stale');
  });
});
