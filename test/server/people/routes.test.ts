import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

describe.each(databaseKinds)('people and tokens on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('issues a token in one of the person’s roles, which then acts as that person, until revoked', async () => {
    const person = await t.call('POST', '/api/v1/people', {
      body: { name: 'Jana', email: 'jana@plant.example', roles: ['owner', 'viewer'] },
    });
    expect(person.status).toBe(201);
    const wrongRole = await t.call('POST', `/api/v1/people/${person.body.id}/tokens`, { body: { role: 'admin', label: 'laptop' } });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.errors[0].path).toBe('body.role');
    const issued = await t.call('POST', `/api/v1/people/${person.body.id}/tokens`, { body: { role: 'owner', label: 'laptop' } });
    expect(issued.status).toBe(201);
    const secret = issued.body.token;
    const me = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(await me.json()).toMatchObject({ personId: person.body.id, role: 'owner', name: 'Jana' });
    const listed = (await t.call('GET', `/api/v1/people/${person.body.id}/tokens`)).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0].lastUsedAt).toBe(t.clock().toISOString());
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect((await t.call('POST', `/api/v1/tokens/${issued.body.id}/revoke`)).status).toBe(200);
    const after = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
    const trail = (await t.call('GET', `/api/v1/audit/api_token/${issued.body.id}`)).body.items;
    expect(trail.map((e: any) => e.action)).toEqual(['create', 'revoke']);
    expect(JSON.stringify(trail)).not.toContain(secret);
  });

  it('refuses a bad email and a duplicate email', async () => {
    const bad = await t.call('POST', '/api/v1/people', { body: { name: 'X', email: 'not-an-email', roles: ['viewer'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.email');
    await t.call('POST', '/api/v1/people', { body: { name: 'A', email: 'a@plant.example', roles: ['viewer'] } });
    const dup = await t.call('POST', '/api/v1/people', { body: { name: 'B', email: 'a@plant.example', roles: ['viewer'] } });
    expect(dup.status).toBe(409);
    const upper = await t.call('POST', '/api/v1/people', { body: { name: 'C', email: 'A@Plant.Example', roles: ['viewer'] } });
    expect(upper.status).toBe(409);
  });

  it('answers 401 for an unknown token and a malformed header', async () => {
    const res = await t.app.request('/api/v1/me', { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.app.request('/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});
