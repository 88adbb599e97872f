import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

describe.each(databaseKinds)('health, OpenAPI and reference page on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('reports the database kind and migration version', async () => {
    const res = await t.call('GET', '/healthz', { as: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: kind, migration: { latest: expect.stringMatching(/^\d{4}_/) } });
    expect(res.body.migration.applied).toBeGreaterThanOrEqual(1);
    expect(res.body.rss).toBe(Math.round(res.body.rss));
    expect(res.body.rss).toBeGreaterThan(10 * 2 ** 20);
  });

  it('serves an OpenAPI 3.1 document where every operation declares its policy and bearer security', async () => {
    const doc = (await t.call('GET', '/api/openapi.json', { as: null })).body;
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(30);
    // Only the calls that hand out credentials, and the one that says how to get them, need none.
    const open = ops.filter(({ op }) => op.security?.length === 0).map(({ method, path }) => `${method} ${path}`);
    expect(open.sort()).toEqual([
      'get /api/v1/sessions/methods',
      'get /api/v1/sessions/oidc/callback',
      'get /api/v1/sessions/oidc/start',
      'post /api/v1/password-resets/use',
      'post /api/v1/sessions',
    ]);
    for (const { op } of ops.filter(({ op }) => op.security?.length !== 0)) {
      expect(op.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
      expect(op.description).toMatch(/Policy `[a-z:-]+`/);
      expect(op.responses['400'].content['application/problem+json']).toBeDefined();
    }
    expect(doc.paths['/api/v1/use-cases/{id}/transitions'].post).toBeDefined();
    // Path ids are documented as UUIDs, and the balancing problem with its real schema.
    for (const { op } of ops) {
      for (const p of op.parameters ?? []) if (p.in === 'path' && p.name === 'id') expect(p.schema.format).toBe('uuid');
    }
    const problem = doc.paths['/api/v1/balancing-runs'].post.requestBody.content['application/json'].schema.properties.problem;
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['tasks', 'cycleTime', 'stations', 'constraints']));
    const model = doc.paths['/api/v1/simulations'].post.requestBody.content['application/json'].schema.properties.model;
    expect(Object.keys(model.properties)).toEqual(expect.arrayContaining(['machines', 'buffers', 'horizon', 'replications', 'seed']));
    expect(doc.paths['/api/v1/use-cases/{id}'].get.responses['200'].content['application/json'].schema).toBeDefined();
  });

  it('serves the API reference page and its assets from node_modules', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/vendor/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const bundle = await t.app.request('/vendor/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await t.app.request('/vendor/htmx.min.js')).status).toBe(200);
    expect((await t.app.request('/vendor/nope.js')).status).toBe(404);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
