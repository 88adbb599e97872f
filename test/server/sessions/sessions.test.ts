import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../server/app.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

const settings = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000, trustedProxies: ['local'] };

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function send(
  app: App,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  const res = await app.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** The `name=value` of the session cookie a response sets. */
function cookieOf(res: Answer): string {
  const header = res.headers.get('set-cookie') ?? '';
  return header.split(';')[0];
}

describe.each(databaseKinds)('sign-in and sessions on %s', (kind) => {
  let t: TestApp;
  let app: App;
  let second: App;
  let jana: { id: string; email: string };
  const password = 'correct horse battery staple';

  /** Gives a person a password through an admin's one-time link, as a real installation does. */
  async function setPassword(personId: string, value: string): Promise<Answer> {
    const link = await t.call('POST', `/api/v1/people/${personId}/password-reset`);
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body.path).toBe(`/reset-password?token=${link.body.token}`);
    return send(app, 'POST', '/api/v1/password-resets/use', { body: { token: link.body.token, password: value } });
  }

  async function signIn(email: string, pass: string, extra: Record<string, unknown> = {}, from = '198.51.100.7', via = app) {
    return send(via, 'POST', '/api/v1/sessions', { body: { email, password: pass, ...extra }, headers: { 'x-forwarded-for': from } });
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    // Two server instances on one database, behind a proxy they trust.
    app = createApp({ db: t.database.db, dbKind: t.database.kind, clock: t.clock, sessions: settings });
    second = createApp({ db: t.database.db, dbKind: t.database.kind, clock: t.clock, sessions: settings });
    const person = await t.call('POST', '/api/v1/people', {
      body: { name: 'Jana', email: 'Jana@Plant.example', roles: ['owner', 'viewer'] },
    });
    jana = { id: person.body.id, email: 'jana@plant.example' };
    expect((await setPassword(jana.id, password)).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('signs in with email and password and sets a session cookie that acts for the person, writes only with the CSRF token', async () => {
    const res = await signIn(jana.email, password);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ personId: jana.id, role: 'owner' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tw_session=tws_[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const cookie = cookieOf(res);
    const me = await send(app, 'GET', '/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ personId: jana.id, role: 'owner', roles: ['owner', 'viewer'], sessionId: res.body.id, tokenId: null });
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
    // The other instance knows the session too: it lives in the database.
    expect((await send(second, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);

    const change = { body: { name: 'Jana S.' } };
    const noCsrf = await send(app, 'POST', `/api/v1/people/${jana.id}/stand-ins`, {
      ...change,
      body: { standInId: t.people.owner, fromDate: '2026-11-26', toDate: '2026-11-27' },
      headers: { cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.type).toContain('csrf');
    const withCsrf = await send(app, 'POST', `/api/v1/people/${jana.id}/stand-ins`, {
      body: { standInId: t.people.owner, fromDate: '2026-11-26', toDate: '2026-11-27' },
      headers: { cookie, 'x-csrf-token': res.body.csrfToken },
    });
    expect(withCsrf.status, JSON.stringify(withCsrf.body)).toBe(201);
    // A bad bearer token is refused even beside a good cookie.
    const bad = await send(app, 'GET', '/api/v1/me', { headers: { cookie, authorization: 'Bearer tw_wrong' } });
    expect(bad.status).toBe(401);
  });

  it('marks the cookie Secure when the browser came over HTTPS through the trusted proxy', async () => {
    const res = await send(app, 'POST', '/api/v1/sessions', {
      body: { email: jana.email, password },
      headers: { 'x-forwarded-for': '198.51.100.8', 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers a wrong password and an unknown email alike, and a person with several roles picks one', async () => {
    const wrong = await signIn(jana.email, 'not the password', {}, '198.51.100.20');
    const unknown = await signIn('nobody@plant.example', password, {}, '198.51.100.20');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect((await signIn(jana.email, password, { role: 'viewer' }, '198.51.100.21')).body.role).toBe('viewer');
    const notHeld = await signIn(jana.email, password, { role: 'admin' }, '198.51.100.21');
    expect(notHeld.status).toBe(400);
    expect(notHeld.body.errors[0].path).toBe('body.role');
    const noPassword = await signIn('viewer@test.example', '', {}, '198.51.100.21');
    expect(noPassword.status).toBe(400);
  });

  it('limits failed sign-ins per account and address, per account and per address, across instances, with Retry-After', async () => {
    const person = await t.call('POST', '/api/v1/people', { body: { name: 'Karel', email: 'karel@plant.example', roles: ['viewer'] } });
    await setPassword(person.body.id, password);
    // Five guesses from one address, on both instances: that address is stopped for this account.
    for (let i = 0; i < 5; i++)
      expect((await signIn('karel@plant.example', `guess ${i}`, {}, '203.0.113.1', i % 2 ? second : app)).status).toBe(401);
    const limited = await signIn('karel@plant.example', password, {}, '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    expect(limited.body.detail).toContain('this account from this address');
    // …but a stranger's guesses do not lock Karel out from his own terminal.
    expect((await signIn('karel@plant.example', password, {}, '203.0.113.2')).status).toBe(201);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await signIn('karel@plant.example', password, {}, '203.0.113.1')).status).toBe(201);

    // Guesses spread over many addresses stop at 30 per account.
    for (let i = 0; i < 30; i++) expect((await signIn('karel@plant.example', 'x', {}, `198.18.0.${i}`)).status).toBe(401);
    expect((await signIn('karel@plant.example', password, {}, '198.18.1.1')).status).toBe(429);
    t.clock.advance(15 * 60_000 + 1000);

    // One address guessing many accounts is stopped after 20 failures.
    for (let i = 0; i < 20; i++) expect((await signIn(`someone${i}@plant.example`, 'x', {}, '192.0.2.50')).status).toBe(401);
    const fromAddress = await signIn(jana.email, password, {}, '192.0.2.50');
    expect(fromAddress.status).toBe(429);
    expect(fromAddress.body.detail).toContain('this address');
    expect((await signIn(jana.email, password, {}, '192.0.2.51')).status).toBe(201);
  });

  it('counts a burst of parallel guesses one after the other', async () => {
    const person = await t.call('POST', '/api/v1/people', { body: { name: 'Burst', email: 'burst@plant.example', roles: ['viewer'] } });
    await setPassword(person.body.id, password);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn('burst@plant.example', `guess ${i}`, {}, '203.0.113.77')),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('ends a session when idle too long, at its absolute end, and when signed out or revoked', async () => {
    const first = cookieOf(await signIn(jana.email, password, {}, '198.51.100.30'));
    t.clock.advance(29 * 60_000);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: first } })).status).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: first } })).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: first } })).status).toBe(401);

    const busy = cookieOf(await signIn(jana.email, password, {}, '198.51.100.30'));
    // Busy all day (a request every 20 minutes), it still ends 8 hours after sign-in.
    for (let i = 0; i < 23; i++) {
      t.clock.advance(20 * 60_000);
      expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: busy } })).status).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: busy } })).status).toBe(401);

    const signedIn = await signIn(jana.email, password, {}, '198.51.100.30');
    const cookie = cookieOf(signedIn);
    const listed = await t.call('GET', `/api/v1/people/${jana.id}/sessions`);
    expect(listed.body.items.map((s: any) => s.id)).toContain(signedIn.body.id);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|csrfToken/);
    expect((await t.call('GET', `/api/v1/people/${jana.id}/sessions`, { as: 'viewer' })).status).toBe(403);
    const out = await send(app, 'DELETE', '/api/v1/sessions/current', { headers: { cookie, 'x-csrf-token': signedIn.body.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/tw_session=;.*Max-Age=0/);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);

    const again = await signIn(jana.email, password, {}, '198.51.100.30');
    expect((await t.call('POST', `/api/v1/sessions/${again.body.id}/revoke`)).status).toBe(200);
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie: cookieOf(again) } })).status).toBe(401);
    const trail = await t.call('GET', `/api/v1/audit/session/${again.body.id}`);
    expect(trail.body.items.map((e: any) => e.action)).toEqual(['revoke']);
  });

  it('sets a password only with a fresh one-time link, by the rules, and ends the old sessions', async () => {
    const cookie = cookieOf(await signIn(jana.email, password, {}, '198.51.100.40'));
    const link = await t.call('POST', `/api/v1/people/${jana.id}/password-reset`);
    const short = await send(app, 'POST', '/api/v1/password-resets/use', { body: { token: link.body.token, password: 'too short' } });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toEqual({ path: 'body.password', message: 'must be at least 12 characters' });
    const fresh = 'a much better passphrase';
    expect((await send(app, 'POST', '/api/v1/password-resets/use', { body: { token: link.body.token, password: fresh } })).status).toBe(
      200,
    );
    expect((await send(app, 'POST', '/api/v1/password-resets/use', { body: { token: link.body.token, password: fresh } })).status).toBe(
      401,
    );
    expect((await send(app, 'GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await signIn(jana.email, password, {}, '198.51.100.41')).status).toBe(401);
    expect((await signIn(jana.email, fresh, {}, '198.51.100.41')).status).toBe(201);

    const late = await t.call('POST', `/api/v1/people/${jana.id}/password-reset`);
    t.clock.advance(24 * 3_600_000 + 1000);
    expect((await send(app, 'POST', '/api/v1/password-resets/use', { body: { token: late.body.token, password: fresh } })).status).toBe(
      401,
    );
    expect((await t.call('POST', `/api/v1/people/${jana.id}/password-reset`, { as: 'sponsor' })).status).toBe(403);
  });

  it('lets a person change their own password with the current one', async () => {
    const person = await t.call('POST', '/api/v1/people', { body: { name: 'Petra', email: 'petra@plant.example', roles: ['viewer'] } });
    await setPassword(person.body.id, password);
    const signedIn = await signIn('petra@plant.example', password, {}, '198.51.100.60');
    const headers = { cookie: cookieOf(signedIn), 'x-csrf-token': signedIn.body.csrfToken };
    const wrong = await send(app, 'POST', '/api/v1/me/password', {
      body: { currentPassword: 'nope', newPassword: 'another good passphrase' },
      headers,
    });
    expect(wrong.status).toBe(401);
    const changed = await send(app, 'POST', '/api/v1/me/password', {
      body: { currentPassword: password, newPassword: 'another good passphrase' },
      headers,
    });
    expect(changed.status).toBe(204);
    expect((await signIn('petra@plant.example', 'another good passphrase', {}, '198.51.100.61')).status).toBe(201);
  });

  it('never shows a password hash', async () => {
    const listed = await t.call('GET', '/api/v1/people?limit=200');
    expect(JSON.stringify(listed.body)).not.toContain('argon2');
    expect(listed.body.items.find((p: any) => p.id === jana.id).hasPassword).toBe(true);
    const trail = await t.call('GET', `/api/v1/audit/person/${jana.id}`);
    expect(JSON.stringify(trail.body)).not.toContain('argon2');
  });
});
