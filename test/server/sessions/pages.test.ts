import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages } from '../../helpers/pages.ts';
import { safeNext } from '../../../server/sessions/pages.tsx';

describe.each(databaseKinds)('sign-in pages (%s)', (kind) => {
  let pages: DemoPages;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
  });
  afterAll(() => pages?.close());

  it('lists the demo people by role in demo mode, in the browser’s language', async () => {
    const res = await pages.app.request('/login', { headers: { 'accept-language': 'cs-CZ,cs;q=0.9,en;q=0.5' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="cs">');
    expect(html).toContain('Přihlášení');
    expect(html).toContain('Eva Horáková');
    expect(html).toContain('value="eva.horakova@northwind.example"');
  });

  it('sends an anonymous page request to sign in, and back to the page afterwards', async () => {
    const res = await pages.app.request('/lines');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Flines');
    const fragment = await pages.app.request('/lines', { headers: { 'hx-request': 'true' } });
    expect(fragment.headers.get('hx-redirect')).toBe('/login?next=%2Flines');
  });

  it('lands each role on its main page', async () => {
    for (const [email, role, home] of [
      ['eva.horakova@northwind.example', 'sponsor', '/'],
      ['martin.novak@northwind.example', 'owner', '/inbox'],
      ['tomas.dvorak@northwind.example', 'planner', '/lines'],
      ['stefan.maier@northwind.example', 'viewer', '/'],
    ]) {
      const res = await pages.app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: 'twinward-demo', role }).toString(),
      });
      expect(res.status, email).toBe(303);
      expect(res.headers.get('location'), email).toBe(home);
      expect(res.headers.get('set-cookie')).toMatch(/tw_session=.+HttpOnly/i);
    }
  });

  it('refuses a wrong password with the form again, and never says which half was wrong', async () => {
    const res = await pages.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'eva.horakova@northwind.example', password: 'wrong-password' }).toString(),
    });
    const html = await res.text();
    expect(res.status).toBe(401);
    expect(html).toContain('The email or password is wrong.');
    expect(html).toContain('value="eva.horakova@northwind.example"');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('keeps a chosen language in a cookie and goes back to the page, only to a page of this site', async () => {
    const res = await pages.app.request('/language/de?next=%2Flogin%3Fnext%3D%252Finbox');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Finbox');
    const cookie = /tw_lang=de/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBe('tw_lang=de');
    const page = await (await pages.app.request('/login', { headers: { cookie: cookie!, 'accept-language': 'cs' } })).text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('aria-current="true"');
    const unknown = await pages.app.request('/language/fr?next=%2Flines');
    expect(unknown.headers.get('set-cookie')).toBeNull();
    expect(unknown.headers.get('location')).toBe('/lines');
    expect((await pages.app.request('/language/cs?next=%2F%2Fevil.example')).headers.get('location')).toBe('/');
  });

  it('signs out only with the session’s CSRF token', async () => {
    const client = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const forged = await client.post('/logout', {}, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await client.get('/login')).status).toBe(303); // still signed in
    const done = await client.post('/logout', {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?signedOut=1');
    expect((await client.get('/login')).status).toBe(200);
  });
});

describe('safeNext', () => {
  it('keeps paths of this site and drops everything else', () => {
    expect(safeNext('/programs/1?x=2')).toBe('/programs/1?x=2');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'inbox',
      '',
      undefined,
      '/a\r\nSet-Cookie: x',
    ])
      expect(safeNext(bad)).toBeUndefined();
  });
});
