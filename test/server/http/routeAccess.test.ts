import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { bodyOf, buildWorld, columns, pathOf, routeKeys, type Column, type World } from './routeAccess.fixture.ts';
import { expectedAccess, publicRoutes } from './routeAccess.table.ts';

/**
 * Every route of the application, taken from the router itself, tried with every kind of caller
 * against the answers written by hand in routeAccess.table.ts (never derived from the policy
 * table the router uses). A new route without a policy, a row check or a row in that table fails.
 *
 * Calls that must be refused run first, over all routes, so that nothing has changed yet when a
 * refusal is checked; the calls that are let in run afterwards (they may change or delete what
 * they touch, so for them the test checks only that they were not refused).
 */

type Answer = { status: number; body: unknown };

async function callAs(t: TestApp, token: string | null, method: string, path: string, body: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text.slice(0, 300);
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

const refused = (status: number) => status === 401 || status === 403;

describe.each(databaseKinds)('every route answers each caller as written down (%s)', (kind) => {
  let t: TestApp;
  let w: World;
  let routes: string[];
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await buildWorld(t);
    routes = routeKeys(t.app);
  }, 60_000);
  afterAll(async () => t?.close());

  it('has an expected answer for every route of the router, and no row for a route that is gone', () => {
    const written = new Set([...Object.keys(expectedAccess), ...Object.keys(publicRoutes)]);
    expect(
      routes.filter((r) => !written.has(r)),
      'routes without a row in routeAccess.table.ts',
    ).toEqual([]);
    expect(
      [...written].filter((r) => !routes.includes(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('answers every caller as written down', async () => {
    const wrong: string[] = [];
    const later: [string, Column][] = [];
    for (const key of routes) {
      const [method] = key.split(' ');
      const path = pathOf(key, w);
      const body = bodyOf(key, t, w);
      if (key in publicRoutes) {
        const anonymous = await callAs(t, null, method, path, body);
        if (anonymous.status !== publicRoutes[key])
          wrong.push(`${key} without credentials: ${anonymous.status}, expected ${publicRoutes[key]}`);
        continue;
      }
      const expected = expectedAccess[key];
      if (!expected) continue;
      const allowed = new Set(expected.allow.split(/\s+/).filter(Boolean) as Column[]);
      for (const [who, token] of [
        ['no credentials', null],
        ['a revoked token', w.tokens.revoked],
      ] as const) {
        const answer = await callAs(t, token, method, path, body);
        if (answer.status !== 401) wrong.push(`${key} with ${who}: ${answer.status}, expected 401`);
      }
      for (const column of columns) {
        if (column === 'outsider') continue;
        if (allowed.has(column)) {
          later.push([key, column]);
          continue;
        }
        const answer = await callAs(t, w.tokens[column], method, path, body);
        if (answer.status !== 403) wrong.push(`${key} as ${column}: ${answer.status} ${JSON.stringify(answer.body)}, expected 403`);
      }
      const outside = await callAs(t, w.tokens.outsider, method, path, body);
      const outsideOk =
        expected.outside === 'ok' ? !refused(outside.status) && outside.status !== 404 : outside.status === expected.outside;
      if (!outsideOk) wrong.push(`${key} out of scope: ${outside.status} ${JSON.stringify(outside.body)}, expected ${expected.outside}`);
    }
    for (const [key, column] of later) {
      const [method] = key.split(' ');
      const answer = await callAs(t, w.tokens[column], method, pathOf(key, w), bodyOf(key, t, w));
      if (refused(answer.status)) wrong.push(`${key} as ${column}: ${answer.status} ${JSON.stringify(answer.body)}, expected to be let in`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
