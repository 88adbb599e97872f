import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, signInPage, type DemoPages, type Page, type PageClient } from '../../helpers/pages.ts';
import { enterprises, people, signInFailures, sites } from '../../../db/schema/index.ts';
import { createPerson } from '../../../server/people/index.ts';
import { setPasswordDirectly } from '../../../server/sessions/index.ts';
import { wholeInstallation } from '../../../server/access/index.ts';
import type { Actor } from '../../../server/deps.ts';

const ADMIN = 'twin.office@northwind.example';
const PASSWORD = 'twinward-demo';

describe.each(databaseKinds)('administration pages (%s)', (kind) => {
  let pages: DemoPages;
  let admin: PageClient;
  let ids: Record<string, string>;
  let enterpriseId: string;
  let siteIds: Record<string, string>;

  /** A form post with repeated fields (checkboxes), as a browser sends it; htmx-style when `target` is given. */
  async function post(client: PageClient, path: string, pairs: [string, string][], htmx?: { target: string }): Promise<Page> {
    const body = new URLSearchParams(pairs);
    const headers: Record<string, string> = { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    if (htmx) Object.assign(headers, { 'hx-request': 'true', 'hx-target': htmx.target, 'x-csrf-token': client.csrf });
    else body.set('_csrf', client.csrf);
    const res = await pages.app.request(path, { method: 'POST', headers, body: body.toString() });
    return { status: res.status, headers: res.headers, html: await res.text() };
  }

  const idOf = async (email: string) => (await pages.database.db.select().from(people).where(eq(people.email, email)))[0].id;

  beforeAll(async () => {
    pages = await createDemoPages(kind);
    admin = await pages.as(ADMIN, 'admin');
    ids = {};
    for (const [key, email] of [
      ['admin', ADMIN],
      ['eva', 'eva.horakova@northwind.example'],
      ['lukas', 'lukas.gruber@northwind.example'],
      ['petra', 'petra.kralova@northwind.example'],
      ['karel', 'karel.benes@northwind.example'],
    ])
      ids[key] = await idOf(email);
    enterpriseId = (await pages.database.db.select().from(enterprises))[0].id;
    siteIds = Object.fromEntries((await pages.database.db.select().from(sites)).map((s) => [s.code, s.id]));
  });
  afterAll(() => pages?.close());

  it('lists the people an admin manages, with roles, scope and sign-in, and as CSV', async () => {
    const page = await admin.get('/admin/people');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>People</h1>');
    expect(page.html).toContain('Eva Horáková');
    expect(page.html).toContain('eva.horakova@northwind.example');
    expect(page.html).toContain('sites Linz Pump Plant');
    expect(page.html).toContain('enterprise Northwind Components');
    expect(page.html).toContain(`id="person-row-${ids.eva}"`);
    expect(page.html).toContain('href="/admin/people?format=csv"');
    const csv = await admin.get('/admin/people?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.html.startsWith('\uFEFFid,name,email,roles,scope,has_password,archived_at\r\n')).toBe(true);
    expect(csv.html).toMatch(/Lukas Gruber,lukas\.gruber@northwind\.example,planner viewer,sites Linz Pump Plant,true,\r\n/);
    const archived = await admin.get('/admin/people?archived=only');
    expect(archived.html).toContain('Nobody is archived.');
  });

  it('is for admins only', async () => {
    const viewer = await pages.as('petra.kralova@northwind.example', 'viewer');
    expect((await viewer.get('/admin/people')).status).toBe(403);
    expect((await viewer.get(`/admin/people/${ids.eva}`)).status).toBe(403);
    expect(
      (await viewer.post('/admin/people', { name: 'X', email: 'x@example.com', roles: 'viewer', scopeKind: 'installation' })).status,
    ).toBe(403);
    expect((await pages.app.request('/admin/people')).status).toBe(303);
    expect((await admin.get('/admin/people/not-an-id')).status).toBe(404);
    expect((await admin.get('/admin/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('adds a person with several roles and a scope of sites, and shows them', async () => {
    const res = await post(admin, '/admin/people', [
      ['name', 'Olga Svoboda'],
      ['email', 'olga.svoboda@northwind.example'],
      ['roles', 'owner'],
      ['roles', 'viewer'],
      ['scopeKind', 'sites'],
      ['siteIds', siteIds.brno],
    ]);
    expect(res.status).toBe(303);
    const id = await idOf('olga.svoboda@northwind.example');
    expect(res.headers.get('location')).toBe(`/admin/people/${id}?done=created`);
    const page = await admin.get(res.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('The person is added.');
    expect(page.html).toContain('sites Brno Powertrain Plant');
    expect(page.html).toMatch(/name="roles" value="owner" checked/);
    expect(page.html).toMatch(/name="roles" value="viewer" checked/);
    expect(page.html).not.toMatch(/name="roles" value="admin" checked/);
    expect(page.html).toContain('They have no password yet.');
    expect(page.html).toContain(`hx-get="/audit/person/${id}"`);
  });

  it('re-renders the form with field errors (422) and writes nothing', async () => {
    const before = (await pages.database.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n;
    const duplicate = await post(admin, '/admin/people', [
      ['name', 'Another Eva'],
      ['email', 'EVA.horakova@northwind.example'],
      ['roles', 'viewer'],
      ['scopeKind', 'installation'],
    ]);
    expect(duplicate.status).toBe(422);
    expect(duplicate.html).toContain('Error: someone has this address already');
    expect(duplicate.html).toContain('value="Another Eva"');
    const wrong = await post(admin, '/admin/people', [
      ['name', ''],
      ['email', 'not-an-address'],
      ['roles', 'wizard'],
      ['scopeKind', 'sites'],
    ]);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('Error: write the name');
    expect(wrong.html).toContain('Error: an email address');
    expect(wrong.html).toContain('Error: not a role of twinward');
    expect(wrong.html).toMatch(/id="person-email" name="email" aria-invalid="true"/);
    const noSite = await post(admin, '/admin/people', [
      ['name', 'Nobody'],
      ['email', 'nobody@northwind.example'],
      ['roles', 'viewer'],
      ['scopeKind', 'sites'],
    ]);
    expect(noSite.status).toBe(422);
    expect(noSite.html).toContain('Error: choose at least one site');
    expect(noSite.html).toMatch(/name="scopeKind" value="sites" checked/);
    const unknownSite = await post(admin, '/admin/people', [
      ['name', 'Nobody'],
      ['email', 'nobody@northwind.example'],
      ['roles', 'viewer'],
      ['scopeKind', 'sites'],
      ['siteIds', '00000000-0000-4000-8000-000000000000'],
    ]);
    expect(unknownSite.status).toBe(422);
    expect(unknownSite.html).toContain('Error: unknown site');
    expect((await pages.database.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n).toBe(before);
  });

  it('changes a person from the version it was read at, and refuses a change made meanwhile (409)', async () => {
    const page = await admin.get(`/admin/people/${ids.karel}`);
    const version = /name="version" value="(\d+)"/.exec(page.html)![1];
    const fields: [string, string][] = [
      ['name', 'Karel Beneš'],
      ['email', 'karel.benes@northwind.example'],
      ['roles', 'viewer'],
      ['roles', 'owner'],
      ['scopeKind', 'enterprise'],
      ['enterpriseId', enterpriseId],
      ['version', version],
    ];
    const saved = await post(admin, `/admin/people/${ids.karel}`, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/people/${ids.karel}?done=saved`);
    const [karel] = await pages.database.db.select().from(people).where(eq(people.id, ids.karel));
    expect(karel.roles).toEqual(['viewer', 'owner']);
    const stale = await post(admin, `/admin/people/${ids.karel}`, fields);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('changed by someone else');
  });

  it('archives and restores a person in place (htmx) and with a plain form (303)', async () => {
    const olga = await idOf('olga.svoboda@northwind.example');
    const row = `person-row-${olga}`;
    const archived = await post(admin, `/admin/people/${olga}/archive`, [['from', 'list']], { target: row });
    expect(archived.status).toBe(200);
    expect(archived.html.startsWith(`<tr id="${row}">`)).toBe(true);
    expect(archived.html).toContain('archived');
    expect(archived.html).toContain(`/admin/people/${olga}/restore`);
    expect((await admin.get('/admin/people?archived=only')).html).toContain('Olga Svoboda');
    const restored = await post(admin, `/admin/people/${olga}/restore`, [['from', 'list']]);
    expect(restored.status).toBe(303);
    expect(restored.headers.get('location')).toBe('/admin/people?done=restored');
    const status = await post(admin, `/admin/people/${olga}/archive`, [['from', 'detail']], { target: 'person-status' });
    expect(status.html.startsWith('<section id="person-status"')).toBe(true);
    expect(status.html).toContain('they cannot sign in');
    const back = await post(admin, `/admin/people/${olga}/restore`, [['from', 'detail']]);
    expect(back.headers.get('location')).toBe(`/admin/people/${olga}?done=restored`);
  });

  it('refuses to archive someone still responsible, saying what to hand over', async () => {
    const plain = await post(admin, `/admin/people/${ids.eva}/archive`, [['from', 'detail']]);
    expect(plain.status).toBe(409);
    expect(plain.html).toContain('programs sponsored');
    const htmx = await post(admin, `/admin/people/${ids.eva}/archive`, [['from', 'list']], { target: `person-row-${ids.eva}` });
    expect(htmx.status).toBe(409);
    expect(htmx.headers.get('hx-retarget')).toBe('#flash');
  });

  it('issues a one-time password link shown once, which sets the password', async () => {
    const id = await idOf('olga.svoboda@northwind.example');
    const issued = await post(admin, `/admin/people/${id}/password-reset`, [], { target: 'password-reset' });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const link = /value="(http[^"]+\/reset-password\?token=(twr_[\w-]+))"/.exec(issued.html)!;
    expect(link).not.toBeNull();
    expect((await admin.get(`/admin/people/${id}`)).html).not.toContain(link[2]);

    const form = await pages.app.request(`/reset-password?token=${link[2]}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`name="token" value="${link[2]}"`);
    const anonymous = (fields: Record<string, string>) =>
      pages.app.request('/reset-password', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const short = await anonymous({ token: link[2], password: 'short', passwordAgain: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Error: must be at least 12 characters');
    const set = await anonymous({ token: link[2], password: 'olga-new-password', passwordAgain: 'olga-new-password' });
    expect(set.status).toBe(200);
    expect(await set.text()).toContain('Your password is set.');
    await signInPage(pages.app, 'olga.svoboda@northwind.example', 'olga-new-password');
    const again = await anonymous({ token: link[2], password: 'olga-other-password', passwordAgain: 'olga-other-password' });
    expect(again.status).toBe(401);
  });

  it('issues an API token with its secret shown once, lists it, and revokes it in place', async () => {
    const issued = await post(
      admin,
      `/admin/people/${ids.lukas}/tokens`,
      [
        ['label', 'Linz <script>alert(1)</script> MES'],
        ['role', 'planner'],
        ['expiresOn', ''],
      ],
      { target: 'tokens' },
    );
    expect(issued.status).toBe(201);
    expect(issued.html.startsWith('<section id="tokens"')).toBe(true);
    expect(issued.html).not.toContain('<script>alert(1)</script>');
    expect(issued.html).toContain('Linz &lt;script&gt;alert(1)&lt;/script&gt; MES');
    const secret = /id="issued-token"[^>]*value="(tw_[\w-]+)"/.exec(issued.html)![1];
    const me = await pages.app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    const page = await admin.get(`/admin/people/${ids.lukas}`);
    expect(page.html).not.toContain(secret);
    const tokenId = new RegExp(`id="token-([0-9a-f-]{36})"><th scope="row">Linz &lt;script`).exec(page.html)![1];
    const csv = await admin.get(`/admin/people/${ids.lukas}?format=csv&table=tokens`);
    expect(csv.html.startsWith('\uFEFFid,label,role,site_ids,')).toBe(true);
    expect(csv.html).toContain(tokenId);
    expect(csv.html).not.toContain(secret);

    const revoked = await post(admin, `/admin/tokens/${tokenId}/revoke`, [], { target: `token-${tokenId}` });
    expect(revoked.status).toBe(200);
    expect(revoked.html.startsWith(`<tr id="token-${tokenId}">`)).toBe(true);
    expect(revoked.html).toContain('revoked');
    expect((await pages.app.request('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it('issues and revokes tokens with plain forms too, and refuses a role the person does not hold (422)', async () => {
    const plain = await post(admin, `/admin/people/${ids.lukas}/tokens`, [
      ['label', 'Nightly export'],
      ['role', 'viewer'],
      ['expiresOn', '2027-06-30'],
      ['siteIds', siteIds.linz],
    ]);
    expect(plain.status).toBe(201);
    expect(plain.html).toContain('<h1>Lukas Gruber</h1>');
    expect(plain.html).toMatch(/id="issued-token"[^>]*value="tw_/);
    const tokenId = /id="token-([0-9a-f-]{36})"><th scope="row">Nightly export/.exec(plain.html)![1];
    const revoke = await post(admin, `/admin/tokens/${tokenId}/revoke`, []);
    expect(revoke.status).toBe(303);
    expect(revoke.headers.get('location')).toBe(`/admin/people/${ids.lukas}?done=tokenRevoked#tokens`);

    const notHeld = await post(admin, `/admin/people/${ids.lukas}/tokens`, [
      ['label', 'Admin by mistake'],
      ['role', 'admin'],
    ]);
    expect(notHeld.status).toBe(422);
    expect(notHeld.html).toContain('Error: not one of the person&#39;s roles (planner, viewer)');
    const outside = await post(
      admin,
      `/admin/people/${ids.lukas}/tokens`,
      [
        ['label', 'Brno'],
        ['role', 'planner'],
        ['siteIds', siteIds.brno],
      ],
      { target: 'tokens' },
    );
    expect(outside.status).toBe(422);
    expect(outside.html).toContain('Error: outside Lukas Gruber&#39;s scope');
    const past = await post(admin, `/admin/people/${ids.lukas}/tokens`, [
      ['label', 'Old'],
      ['role', 'planner'],
      ['expiresOn', '2020-01-01'],
    ]);
    expect(past.status).toBe(422);
    expect(past.html).toContain('Error: must lie in the future');
  });

  it('lists a person’s sessions and ends one, in place and with a plain form', async () => {
    const eva = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const page = await admin.get(`/admin/people/${ids.eva}`);
    const sessionIds = [...page.html.matchAll(/id="session-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(sessionIds.length).toBeGreaterThan(0);
    const [newest] = sessionIds;
    const ended = await post(admin, `/sessions/${newest}/revoke`, [['from', `/admin/people/${ids.eva}`]], { target: `session-${newest}` });
    expect(ended.status).toBe(200);
    expect(ended.html.startsWith(`<tr id="session-${newest}">`)).toBe(true);
    expect(ended.html).toContain('ended');
    expect((await eva.get('/')).status).toBe(303);

    const again = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const other = /id="session-([0-9a-f-]{36})"/.exec((await admin.get(`/admin/people/${ids.eva}`)).html)![1];
    const plain = await post(admin, `/sessions/${other}/revoke`, [['from', `/admin/people/${ids.eva}`]]);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/admin/people/${ids.eva}?done=sessionRevoked#sessions`);
    expect((await again.get('/')).status).toBe(303);
    // Somebody else's session is not a viewer's to end.
    const third = await pages.as('eva.horakova@northwind.example', 'sponsor');
    const viewer = await pages.as('stefan.maier@northwind.example', 'viewer');
    const target = /id="session-([0-9a-f-]{36})"/.exec((await admin.get(`/admin/people/${ids.eva}`)).html)![1];
    expect((await post(viewer, `/sessions/${target}/revoke`, [['from', '/me']])).status).toBe(403);
    expect((await third.get('/')).status).toBe(200);
  });

  it('lets an admin of some sites manage only the people who see no more than they do', async () => {
    const seed: Actor = { personId: ids.admin, name: 'Twin program office', role: 'admin', tokenId: null, ...wholeInstallation };
    await pages.database.db.transaction(async (tx) => {
      const w = { tx: tx as never, actor: seed, now: pages.clock() };
      const made = await createPerson(w, {
        name: 'Linz office',
        email: 'linz.office@northwind.example',
        roles: ['admin'],
        scope: { kind: 'sites', siteIds: [siteIds.linz] },
      });
      await setPasswordDirectly(w, made.id, PASSWORD, 'linz.office@northwind.example');
    });
    const linz = await pages.as('linz.office@northwind.example', 'admin');
    const list = await linz.get('/admin/people');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Lukas Gruber');
    expect(list.html).not.toContain('Eva Horáková');
    expect((await linz.get(`/admin/people/${ids.eva}`)).status).toBe(403);
    expect((await linz.get(`/admin/people/${ids.lukas}`)).status).toBe(200);
    const form = await linz.get('/admin/people/new');
    expect(form.html).not.toContain('value="installation"');
    const wider = await post(linz, '/admin/people', [
      ['name', 'Too wide'],
      ['email', 'too.wide@northwind.example'],
      ['roles', 'viewer'],
      ['scopeKind', 'installation'],
    ]);
    expect(wider.status).toBe(422);
    expect(wider.html).toContain('Error: wider than your scope');
    expect(await pages.database.db.select().from(people).where(like(people.email, 'too.wide%'))).toHaveLength(0);
    expect((await post(linz, `/admin/people/${ids.eva}/password-reset`, [])).status).toBe(403);
  });

  it('shows every signed-in person their own page, with their sessions and as CSV', async () => {
    const karel = await pages.as('karel.benes@northwind.example', 'viewer');
    const page = await karel.get('/me');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>My account</h1>');
    expect(page.html).toContain('karel.benes@northwind.example');
    expect(page.html).toContain('enterprise Northwind Components');
    expect(page.html).toContain('this browser');
    expect(page.html).toContain('name="currentPassword"');
    expect(page.html).toContain(`hx-get="/audit/person/${ids.karel}"`);
    const csv = await karel.get('/me?format=csv&table=sessions');
    expect(csv.html.startsWith('\uFEFFid,role,method,opened_at,')).toBe(true);
    expect(csv.html).toContain(',true\r\n');
  });

  it('changes one’s own password: a wrong current one is refused (422) and counted, a good one signs out everywhere', async () => {
    const karel = await pages.as('karel.benes@northwind.example', 'viewer');
    const failures = async () =>
      (await pages.database.db.select().from(signInFailures).where(eq(signInFailures.key, 'account:karel.benes@northwind.example'))).length;
    const counted = await failures();
    const wrong = await karel.post('/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'karel-new-password',
      newPasswordAgain: 'karel-new-password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('Error: wrong');
    expect(await failures()).toBe(counted + 1);
    const mismatch = await karel.post('/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'karel-new-password',
      newPasswordAgain: 'other',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.html).toContain('Error: differs from the new password');
    const short = await karel.post('/me/password', { currentPassword: PASSWORD, newPassword: 'short', newPasswordAgain: 'short' });
    expect(short.status).toBe(422);
    expect(short.html).toContain('Error: must be at least 12 characters');

    const done = await karel.post('/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'karel-new-password',
      newPasswordAgain: 'karel-new-password',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?signedOut=1&next=%2Fme');
    expect((await karel.get('/me')).status).toBe(303);
    await signInPage(pages.app, 'karel.benes@northwind.example', 'karel-new-password');
  });

  it('refuses too many wrong current passwords like too many failed sign-ins (429)', async () => {
    const jana = await pages.as('jana.svobodova@northwind.example', 'owner');
    const wrong = { currentPassword: 'guess-guess-guess', newPassword: 'jana-new-password', newPasswordAgain: 'jana-new-password' };
    let last: Page | undefined;
    for (let i = 0; i < 6; i++) last = await jana.post('/me/password', wrong);
    expect(last!.status).toBe(429);
    expect(last!.html).toContain('Too many attempts.');
  });
});
