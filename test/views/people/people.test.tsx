import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { PeopleList, PersonRow } from '../../../views/people/list.tsx';
import { PersonForm } from '../../../views/people/personForm.tsx';
import { personFormValues, scopeWords, type AdminViewContext, type PersonModel, type Places } from '../../../views/people/model.ts';
import { TokensSection, type TokenModel } from '../../../views/people/tokens.tsx';
import { SessionsSection, browserOf, type SessionModel } from '../../../views/people/sessions.tsx';
import { MePage } from '../../../views/people/me.tsx';
import { ResetPasswordPage } from '../../../views/people/resetPassword.tsx';

const t = translator('en');
const ctx: AdminViewContext = { t, now: new Date('2026-11-25T12:00:00Z'), csrfToken: 'csrf-1' };
const hostile = '<script>alert(1)</script>';
const places: Places = {
  enterprises: [{ id: 'e1', name: 'Northwind' }],
  sites: [
    { id: 's1', name: 'Brno', code: 'brno', enterpriseId: 'e1' },
    { id: 's2', name: `Linz ${hostile}`, code: 'linz', enterpriseId: 'e1' },
  ],
};
const person: PersonModel = {
  id: 'p1',
  name: `Eva ${hostile}`,
  email: 'eva@example.com',
  roles: ['sponsor', 'ingest'],
  scope: { kind: 'sites', siteIds: ['s1', 's2'] },
  hasPassword: true,
  archivedAt: null,
  version: 3,
};
const render = async (node: unknown) => String(await (node as Promise<string>));

describe('people views', () => {
  it('lists a person with roles and scope in words, and archives them in place', async () => {
    const html = await render(
      <PeopleList ctx={ctx} people={[person]} places={places} archived="exclude" csvHref="/admin/people?format=csv" />,
    );
    expect(html).toContain('<tr id="person-row-p1">');
    expect(html).toContain('ingest (machine: sends plant data)');
    expect(html).toContain('sites Brno, Linz &lt;script&gt;');
    expect(html).toContain('hx-post="/admin/people/p1/archive" hx-target="#person-row-p1" hx-swap="outerHTML"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-1"/>');
    expect(html).toContain('href="/admin/people?format=csv"');
    expect(html).not.toContain('<script>');
    const archived = await render(<PersonRow ctx={ctx} person={{ ...person, archivedAt: new Date() }} places={places} />);
    expect(archived).toContain('<span class="badge warn">archived</span>');
    expect(archived).toContain('/admin/people/p1/restore');
  });

  it('says what to do when nobody is there', async () => {
    const html = await render(<PeopleList ctx={ctx} people={[]} places={places} archived="exclude" csvHref="/x" />);
    expect(html).toContain('Nobody to manage yet.');
    expect(html).not.toContain('<table');
  });

  it('renders the person form with its values and its errors beside the fields', async () => {
    const form = {
      values: personFormValues(person),
      errors: { email: 'someone has this address already', siteIds: 'choose at least one site' },
    };
    const html = await render(
      <PersonForm ctx={ctx} places={places} form={form} action="/admin/people/p1" grantsInstallation={false} submitLabel="Save" />,
    );
    expect(html).toContain('<input type="hidden" name="version" value="3"/>');
    expect(html).toContain('aria-invalid="true" aria-describedby="person-email-error"');
    expect(html).toContain('Error: someone has this address already');
    expect(html).toMatch(/<fieldset id="person-sites" class="field choices invalid" aria-describedby="person-sites-error"/);
    expect(html).toMatch(/name="siteIds" value="s2" checked=""\/> Linz &lt;script&gt;/);
    expect(html).not.toContain('value="installation"');
    expect(html).not.toContain('<script>');
    expect(scopeWords(t, { kind: 'installation' }, places)).toBe('whole installation');
  });

  it('shows a token’s secret once, escaped, and offers revoke only for live tokens', async () => {
    const tokens: TokenModel[] = [
      {
        id: 't1',
        personId: 'p1',
        role: 'sponsor',
        label: hostile,
        siteIds: ['s1'],
        expiresAt: null,
        createdAt: ctx.now,
        lastUsedAt: null,
        revokedAt: null,
      },
      {
        id: 't2',
        personId: 'p1',
        role: 'sponsor',
        label: 'old',
        siteIds: null,
        expiresAt: null,
        createdAt: ctx.now,
        lastUsedAt: ctx.now,
        revokedAt: ctx.now,
      },
    ];
    const html = await render(
      <TokensSection
        ctx={ctx}
        person={person}
        tokens={tokens}
        places={places}
        csvHref="/x"
        issued={{ label: hostile, token: 'tw_"secret' }}
      />,
    );
    expect(html).toContain('id="issued-token" class="secret" type="text" readonly="" value="tw_&quot;secret"');
    expect(html).toContain('shown only this once');
    expect(html).toContain('hx-post="/admin/tokens/t1/revoke"');
    expect(html).not.toContain('/admin/tokens/t2/revoke');
    expect(html).toContain('<span class="badge bad">revoked</span>');
    expect(html).not.toContain('<script>');
  });

  it('lists sessions without a revoke button for this very browser', async () => {
    const session = (id: string): SessionModel => ({
      id,
      role: 'sponsor',
      method: 'password',
      createdAt: new Date('2026-11-25T10:00:00Z'),
      lastSeenAt: new Date('2026-11-25T11:59:00Z'),
      expiresAt: new Date('2026-11-26T10:00:00Z'),
      revokedAt: null,
      userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 ${hostile}`,
      address: '10.0.0.7',
    });
    const html = await render(
      <SessionsSection
        ctx={ctx}
        sessions={[session('a'), session('b')]}
        currentSessionId="a"
        from="/me"
        csvHref="/me?format=csv&table=sessions"
        own
      />,
    );
    expect(html).toContain('Your browser sessions');
    expect(html).toContain('<span class="badge info">this browser</span>');
    expect(html).not.toContain('/sessions/a/revoke');
    expect(html).toContain('hx-post="/sessions/b/revoke" hx-target="#session-b"');
    expect(html).toContain('Chrome/126.0 · X11');
    expect(html).not.toContain('<script>');
    expect(browserOf('')).toBe('–');
  });

  it('shows a person their account and the password form with its errors', async () => {
    const me = {
      personId: 'p1',
      name: hostile,
      email: null,
      role: 'viewer',
      roles: ['viewer', 'owner'],
      scope: 'enterprise Northwind',
      hasPassword: true,
    };
    const html = await render(
      <MePage ctx={ctx} me={me} sessions={[]} passwordErrors={{ currentPassword: 'wrong', _form: 'the current password is wrong' }} />,
    );
    expect(html).toContain('Error: wrong');
    expect(html).toContain('the current password is wrong');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('No browser is signed in.');
    expect(html).toContain('hx-get="/audit/person/p1"');
    expect(html).not.toContain('<script>');
    const none = await render(<MePage ctx={ctx} me={{ ...me, hasPassword: false }} sessions={[]} />);
    expect(none).not.toContain('name="currentPassword"');
  });

  it('keeps the reset link’s secret in a hidden field, escaped', async () => {
    const html = await render(<ResetPasswordPage lang="en" t={t} token={`twr_"${hostile}`} />);
    expect(html).toContain('name="token" value="twr_&quot;&lt;script&gt;');
    expect(html).not.toContain('name="_csrf"');
    expect(html).not.toContain('<script>alert');
  });
});
