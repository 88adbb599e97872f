import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { bodyOf, buildWorld, pathOf, routeKeys, type World } from './routeAccess.fixture.ts';

/**
 * Every route of the router that takes a JSON body, fed arbitrary JSON and its valid body with one
 * field replaced by anything: never a 5xx, a 400 names the fields at fault, and a refused request
 * writes nothing (the audit log, which every write appends to in its transaction, does not grow).
 */
describe.each(databaseKinds)('every JSON route under arbitrary input (%s)', (kind) => {
  let t: TestApp;
  let w: World;
  let routes: string[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await buildWorld(t);
    // The upload takes a file, not JSON; it has its own parser tests.
    routes = routeKeys(t.app, (method, path) => ['POST', 'PUT', 'PATCH'].includes(method) && !path.endsWith('/upload'));
  }, 60_000);
  afterAll(async () => t?.close());

  const audited = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0].n;

  async function send(key: string, body: string) {
    const [method] = key.split(' ');
    const res = await t.app.request(pathOf(key, w), {
      method,
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function check(key: string, body: string): Promise<void> {
    const before = await audited();
    const res = await send(key, body);
    expect(res.status, `${key} ${body.slice(0, 200)}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.body.type, key).toMatch(/^https:\/\/twinward\.dev\/problems\//);
      expect(await audited(), `${key} refused with ${res.status} but wrote`).toBe(before);
    }
    if (res.status === 400 && res.body.type.endsWith('/validation')) {
      expect(res.body.errors?.length, `${key}: a 400 names the field`).toBeGreaterThan(0);
      for (const e of res.body.errors) expect(e.path).toMatch(/^(body|query|header|path)/);
    }
  }

  it('answers arbitrary JSON on every route with a 4xx or a 2xx, never a 5xx or a partial write', async () => {
    expect(routes.length).toBeGreaterThan(60);
    for (const key of routes) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => check(key, JSON.stringify(value))),
        { numRuns: 30 },
      );
    }
  }, 300_000);

  it('answers a valid body with one field replaced by anything without a 5xx or a partial write', async () => {
    for (const key of routes) {
      const valid = bodyOf(key, t, w);
      if (!valid || typeof valid !== 'object' || !Object.keys(valid).length) continue;
      const fields = Object.keys(valid);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), async (field, value) =>
          check(key, JSON.stringify({ ...(bodyOf(key, t, w) as object), [field]: value })),
        ),
        { numRuns: 30 },
      );
    }
  }, 300_000);
});
