import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { ProgramFixture } from './fixtures.ts';

/** Calls the API with a raw bearer token. */
export async function callWith(t: TestApp, token: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * A new person with the given roles (and scope, in `extra`) and a token in the first of them,
 * narrowed to `tokenSiteIds` when given.
 */
export async function personWithToken(
  t: TestApp,
  name: string,
  roles: string[],
  extra: Record<string, unknown> = {},
  tokenSiteIds?: string[],
) {
  const person = await t.call('POST', '/api/v1/people', {
    body: { name, email: `${name.toLowerCase().replaceAll(' ', '.')}@plant.example`, roles, ...extra },
  });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  const token = await t.call('POST', `/api/v1/people/${person.body.id}/tokens`, {
    body: { role: roles[0], label: 'test', ...(tokenSiteIds ? { siteIds: tokenSiteIds } : {}) },
  });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const secret = token.body.token as string;
  return {
    id: person.body.id as string,
    token: secret,
    tokenId: token.body.id as string,
    /** Calls the API with this person's token. */
    call: (method: string, path: string, body?: unknown) => callWith(t, secret, method, path, body),
  };
}

/** Calls as an admin and expects success. */
export async function ok(t: TestApp, method: string, path: string, body?: unknown): Promise<any> {
  const res = await t.call(method, path, { body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

/**
 * A program over both of the fixture's sites: Brno (the fixture's line) and Linz, which gets an
 * area and a line of its own. What a site-scoped person sees part of.
 */
export async function createTwoSiteProgram(t: TestApp, f: ProgramFixture) {
  const linzArea = await ok(t, 'POST', '/api/v1/areas', { siteId: f.otherSiteId, code: 'assembly', name: 'Assembly' });
  const linzLine = await ok(t, 'POST', '/api/v1/lines', { areaId: linzArea.id, code: 'as1', name: 'Assembly 1' });
  const program = await ok(t, 'POST', '/api/v1/programs', {
    enterpriseId: f.enterpriseId,
    name: 'Two sites',
    sponsorId: t.people.sponsor,
    siteIds: [f.siteId, f.otherSiteId],
    goLiveDate: '2026-06-01',
    valueWindowMonths: 9,
  });
  return { programId: program.id as string, linzArea, linzLine };
}
