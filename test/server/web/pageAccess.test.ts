import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';
import { isApiRoute } from '../http/routeAccess.fixture.ts';

/** Pages anyone may open (signing in, setting a password from a link) and the pages' own files. */
const publicPages = new Set([
  'GET /login',
  'GET /language/:lang',
  'POST /login',
  'POST /logout',
  'GET /reset-password',
  'POST /reset-password',
  'GET /assets/:name',
]);

describe.each(databaseKinds)('every page route (%s)', (kind) => {
  let pages: DemoPages;
  let viewer: PageClient;
  let routes: { method: string; path: string; key: string }[];
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    const seen = new Map<string, { method: string; path: string; key: string }>();
    for (const r of pages.app.routes) {
      if (r.method === 'ALL' || isApiRoute(r.path)) continue;
      const key = `${r.method} ${r.path}`;
      // Every path parameter gets an id that names nothing: access is decided before anything is read.
      seen.set(key, { method: r.method, path: r.path.replace(/:[^/]+/g, () => randomUUID()), key });
    }
    routes = [...seen.values()];
  });
  afterAll(() => pages?.close());

  it('sends an anonymous caller to sign in, except for the public pages', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of routes) {
      if (publicPages.has(r.key)) continue;
      const res = await pages.app.request(r.path, {
        method: r.method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: r.method === 'GET' ? undefined : 'x=1',
      });
      if (res.status !== 303 || !res.headers.get('location')?.startsWith('/login?next=')) wrong.push(`${r.key}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every change made with a session cookie but without its CSRF token, before anything is read', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      if (r.key === 'POST /login' || r.key === 'POST /reset-password') continue;
      const res = await viewer.post(r.path, { x: '1' }, { csrf: null });
      if (res.status !== 403 || !res.html.includes('CSRF')) wrong.push(`${r.key}: ${res.status}`);
      const forged = await viewer.post(r.path, { x: '1' }, { csrf: 'not-the-token' });
      if (forged.status !== 403) wrong.push(`${r.key} with a wrong token: ${forged.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('never fails with a 500 when a viewer opens any page with ids that name nothing', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET' && !publicPages.has(x.key))) {
      const res = await viewer.get(r.path);
      if (res.status >= 500) wrong.push(`${r.key}: ${res.status}`);
      if (res.status < 400 && r.path.includes('-') && !['GET /login'].includes(r.key)) {
        // A page about an entity that does not exist is a 404, never an empty page.
        if (/:[^/]+/.test(r.key)) wrong.push(`${r.key}: ${res.status} for an unknown id`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
