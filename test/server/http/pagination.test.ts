import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginate } from '../../../server/http/pagination.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

describe('paginate', () => {
  it('walks any list in pages that add up to the list, each at most the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (rows, limit) => {
        const seen: number[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages <= rows.length + 1; pages++) {
          const page = paginate(rows, { limit, cursor });
          expect(page.total).toBe(rows.length);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          if (page.nextCursor === null) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(rows);
      }),
    );
  });
});

describe.each(databaseKinds)('lists on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('answer pages with a cursor and the total, and refuse a bad limit or cursor', async () => {
    const all = (await t.call('GET', '/api/v1/people?limit=200')).body;
    expect(all.total).toBe(all.items.length);
    expect(all.nextCursor).toBeNull();
    const first = (await t.call('GET', '/api/v1/people?limit=2')).body;
    expect(first.items).toEqual(all.items.slice(0, 2));
    expect(first.total).toBe(all.total);
    const second = (await t.call('GET', `/api/v1/people?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items).toEqual(all.items.slice(2, 4));
    expect((await t.call('GET', '/api/v1/people?limit=201')).body.errors[0].path).toBe('query.limit');
    const bad = await t.call('GET', '/api/v1/people?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ path: 'query.cursor', message: 'not a cursor this list gave' });
  });
});
