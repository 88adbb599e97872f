import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../server/app.ts';
import { readEnv, singleSignOnSettings } from '../../../server/env.ts';
import { createSingleSignOn, OIDC_CALLBACK_PATH } from '../../../server/sessions/index.ts';
import { isLocalPath } from '../../../server/sessions/singleSignOn.ts';
import { createTestApp, readAnswer, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { startIdentityProvider, type IdentityProvider, type NextLogin } from '../../helpers/identityProvider.ts';

const PUBLIC_URL = 'http://localhost:3999';
const REDIRECT_URI = PUBLIC_URL + OIDC_CALLBACK_PATH;
const settings = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000, trustedProxies: [] };

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function send(app: App, path: string, cookie?: string): Promise<Answer> {
  return readAnswer(await app.request(path, { headers: cookie ? { cookie } : {} }));
}

/** `name=value` of the cookie called `name` among a response's Set-Cookie headers. */
function cookieNamed(headers: Headers, name: string): string | undefined {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${name}=`));
}

/**
 * A browser's round trip through the identity provider: twinward's start URL, the provider's
 * redirects (with its own cookies), until the provider sends the browser back to the callback.
 * Answers the callback URL and the binding cookie twinward set at the start.
 */
async function throughProvider(app: App, idp: IdentityProvider, who: NextLogin, query = '') {
  idp.next = who;
  const start = await send(app, `/api/v1/sessions/oidc/start${query}`);
  expect(start.status, JSON.stringify(start.body)).toBe(302);
  const binding = cookieNamed(start.headers, 'tw_oidc');
  expect(binding).toBeDefined();
  const jar = new Map<string, string>();
  let location = new URL(start.headers.get('location')!);
  expect(location.origin).toBe(idp.issuer);
  for (let hop = 0; hop < 10 && !location.href.startsWith(REDIRECT_URI); hop++) {
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: [...jar.values()].join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      jar.set(pair.split('=')[0], pair);
    }
    const next = res.headers.get('location');
    if (!next) throw new Error(`the provider stopped at ${location.href} with ${res.status}: ${await res.text()}`);
    location = new URL(next, location);
  }
  expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
  return { callback: location.pathname + location.search, binding: binding! };
}

describe.each(databaseKinds)('single sign-on through an OpenID Connect provider on %s', (kind) => {
  let t: TestApp;
  let idp: IdentityProvider;
  let app: App;
  let jana: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    idp = await startIdentityProvider(REDIRECT_URI);
    const sso = createSingleSignOn({
      issuer: new URL(idp.issuer),
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: new URL(REDIRECT_URI),
      label: 'Plant account',
      scopes: 'openid email profile',
    });
    app = createApp({ db: t.database.db, dbKind: t.database.kind, clock: t.clock, sessions: settings, singleSignOn: sso });
    const person = await t.call('POST', '/api/v1/people', {
      body: { name: 'Jana', email: 'Jana@Plant.example', roles: ['owner', 'viewer'] },
    });
    jana = person.body.id;
  }, 60_000);
  afterAll(async () => {
    await idp?.stop();
    await t?.close();
  });

  it('says which ways to sign in there are', async () => {
    expect((await send(app, '/api/v1/sessions/methods')).body).toEqual({
      password: true,
      singleSignOn: { label: 'Plant account', startPath: '/api/v1/sessions/oidc/start' },
    });
    expect((await send(t.app, '/api/v1/sessions/methods')).body).toEqual({ password: true, singleSignOn: null });
    const off = await send(t.app, '/api/v1/sessions/oidc/start');
    expect(off.status).toBe(404);
    expect(off.body.detail).toContain('not configured');
  });

  it('signs a person in by the email the provider vouches for, in the role asked for, and sends the browser on', async () => {
    const { callback, binding } = await throughProvider(
      app,
      idp,
      { sub: 'u-jana', email: 'JANA@plant.example', email_verified: true },
      '?role=viewer&returnTo=%2Flines%3Fsite%3Da',
    );
    const back = await send(app, callback, binding);
    expect(back.status, JSON.stringify(back.body)).toBe(303);
    expect(back.headers.get('location')).toBe('/lines?site=a');
    const session = cookieNamed(back.headers, 'tw_session');
    expect(session).toMatch(/^tw_session=tws_/);
    expect(back.headers.getSetCookie().find((c) => c.startsWith('tw_oidc='))).toMatch(/Max-Age=0/);
    const me = await send(app, '/api/v1/me', session);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ personId: jana, role: 'viewer', tokenId: null });
    const sessions = await t.call('GET', `/api/v1/people/${jana}/sessions`);
    expect(sessions.body.items.map((s: { method: string }) => s.method)).toContain('oidc');

    // The same answer from the provider cannot be used twice.
    const again = await send(app, callback, binding);
    expect(again.status).toBe(401);
    expect(again.body.detail).toContain('already been used');
  });

  it('acts in the first role without a choice, and refuses a role the person does not hold', async () => {
    const plain = await throughProvider(app, idp, { sub: 'u-jana', email: 'jana@plant.example' });
    const back = await send(app, plain.callback, plain.binding);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
    expect((await send(app, '/api/v1/me', cookieNamed(back.headers, 'tw_session'))).body.role).toBe('owner');

    const admin = await throughProvider(app, idp, { sub: 'u-jana', email: 'jana@plant.example' }, '?role=admin');
    const refused = await send(app, admin.callback, admin.binding);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('query.role');
    expect(cookieNamed(refused.headers, 'tw_session')).toBeUndefined();
  });

  it('refuses whom twinward does not know, an archived person, an unverified or missing email', async () => {
    const cases: [NextLogin, string][] = [
      [{ sub: 'u-x', email: 'stranger@plant.example', email_verified: true }, 'nobody in twinward signs in as stranger@plant.example'],
      [{ sub: 'u-j2', email: 'jana@plant.example', email_verified: false }, 'has not verified'],
      [{ sub: 'u-noemail' }, 'did not tell twinward your email'],
    ];
    for (const [who, message] of cases) {
      const { callback, binding } = await throughProvider(app, idp, who);
      const res = await send(app, callback, binding);
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.detail).toContain(message);
      expect(cookieNamed(res.headers, 'tw_session')).toBeUndefined();
    }

    const leaver = await t.call('POST', '/api/v1/people', { body: { name: 'Leaver', email: 'leaver@plant.example', roles: ['viewer'] } });
    expect((await t.call('POST', `/api/v1/people/${leaver.body.id}/archive`)).status).toBe(200);
    const { callback, binding } = await throughProvider(app, idp, { sub: 'u-l', email: 'leaver@plant.example' });
    const res = await send(app, callback, binding);
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('nobody in twinward signs in as leaver@plant.example');
  });

  it('passes on the provider’s refusal', async () => {
    const { callback, binding } = await throughProvider(app, idp, 'deny');
    const res = await send(app, callback, binding);
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('access_denied');
  });

  it('ties the return to the browser that started it, within ten minutes', async () => {
    const { callback, binding } = await throughProvider(app, idp, { sub: 'u-jana', email: 'jana@plant.example' });
    // Another browser (an attacker forwarding their own sign-in to a victim) is refused…
    const elsewhere = await send(app, callback);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.detail).toContain('another browser');
    const forged = await send(app, callback, 'tw_oidc=not-the-binding');
    expect(forged.body.detail).toContain('another browser');
    // …without spoiling it for the browser that started it.
    expect((await send(app, callback, binding)).status).toBe(303);

    const slow = await throughProvider(app, idp, { sub: 'u-jana', email: 'jana@plant.example' });
    t.clock.advance(11 * 60_000);
    const late = await send(app, slow.callback, slow.binding);
    expect(late.status).toBe(401);
    expect(late.body.detail).toContain('longer than 10 minutes');

    const unknown = await send(app, `${OIDC_CALLBACK_PATH}?state=made-up&code=x`, binding);
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toContain('unknown');
    expect((await send(app, `${OIDC_CALLBACK_PATH}?code=x`, binding)).status).toBe(401);
  });

  it('sends the browser back only to a path of this site, and offers only roles that sign in', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'lines', '/a\u0000b']) {
      const res = await send(app, `/api/v1/sessions/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status, returnTo).toBe(400);
      expect(res.body.errors[0].path).toBe('query.returnTo');
    }
    const machine = await send(app, '/api/v1/sessions/oidc/start?role=ingest');
    expect(machine.status).toBe(400);
    expect(machine.body.errors[0].path).toContain('role');
  });

  it('answers 503 while the provider cannot be reached', async () => {
    const gone = createSingleSignOn({
      issuer: new URL('http://127.0.0.1:1'),
      clientId: 'twinward',
      clientSecret: 'x',
      redirectUri: new URL(REDIRECT_URI),
      label: 'SSO',
      scopes: 'openid email',
    });
    const offline = createApp({ db: t.database.db, dbKind: t.database.kind, clock: t.clock, singleSignOn: gone });
    const res = await send(offline, '/api/v1/sessions/oidc/start');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.body.detail).toContain('cannot be reached');
  });
});

describe('single sign-on configuration', () => {
  const full = {
    OIDC_ISSUER: 'https://login.example.com/realms/plant',
    OIDC_CLIENT_ID: 'twinward',
    OIDC_CLIENT_SECRET: 'secret',
    PUBLIC_URL: 'https://twin.example.com/',
  };

  it('is off without variables and builds the redirect URI from PUBLIC_URL', () => {
    expect(singleSignOnSettings(readEnv({}))).toBeUndefined();
    const sso = singleSignOnSettings(readEnv(full))!;
    expect(sso.redirectUri.href).toBe('https://twin.example.com/api/v1/sessions/oidc/callback');
    expect(sso).toMatchObject({ clientId: 'twinward', label: 'Single sign-on', scopes: 'openid email profile' });
  });

  it('names every variable that is missing or wrong', () => {
    expect(() => readEnv({ OIDC_ISSUER: full.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: needed[\s\S]*OIDC_CLIENT_SECRET: needed[\s\S]*PUBLIC_URL: needed/,
    );
    expect(() => readEnv({ ...full, OIDC_ISSUER: 'http://login.example.com' })).toThrow(/OIDC_ISSUER: must be https/);
    expect(() => readEnv({ ...full, OIDC_ISSUER: 'http://localhost:8080/realms/x' })).not.toThrow();
    expect(() => readEnv({ ...full, PUBLIC_URL: 'https://twin.example.com/?a=1' })).toThrow(/PUBLIC_URL: must have no query/);
    expect(() => readEnv({ ...full, OIDC_SCOPES: 'openid profile' })).toThrow(/OIDC_SCOPES: must include email/);
  });
});

describe('the return path after signing in', () => {
  it('never leads a browser to another site', () => {
    const site = 'https://twin.example.com';
    const tricky = fc.constantFrom('/', '//', '\\', '/\\', ':', '@', '.', '%2f', '\t', '\n', 'https:', 'evil.example', '?', '#');
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.string({ maxLength: 4 })), { maxLength: 8 }), (parts) => {
        const path = parts.join('');
        if (isLocalPath(path)) expect(new URL(path, site).origin).toBe(site);
      }),
      { numRuns: 5000 },
    );
    expect(isLocalPath('/lines?site=a#top')).toBe(true);
  });
});
