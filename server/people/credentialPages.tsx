import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import { inTransaction } from '../core/write.ts';
import { issuePasswordReset } from '../sessions/passwordResets.ts';
import { revokeSession } from '../sessions/sessions.ts';
import { SESSION_COOKIE } from '../sessions/settings.ts';
import { formValues, isFragment, pageContext, signedInFor } from '../web/index.ts';
import { PasswordResetSection } from '../../views/people/detail.tsx';
import { SessionRow } from '../../views/people/sessions.tsx';
import { TokenRow, TokensSection } from '../../views/people/tokens.tsx';
import { readTokenForm } from './adminForms.ts';
import { adminView, formRefusal, personPage, personPageData } from './adminPage.tsx';
import { pathId } from '../web/params.ts';
import { placesFor, tokenPlaces } from './adminReads.ts';
import { issueToken, revokeToken } from './people.ts';

/**
 * A person's credentials, for admins: a one-time link to set their password, API tokens (the
 * secret shown once), and ending sessions, which a person may do to their own too. The same
 * policies as the API routes: `people:write` for the link, `tokens:write` for tokens, `self` for
 * sessions (the domain lets only the person or an admin who manages them end one).
 */
export const credentialPages = new Hono<AppEnv>();

// A secret shown once must not stay in a cache on its way.
const NO_STORE = { 'cache-control': 'no-store' };

credentialPages.post('/admin/people/:id/password-reset', async (c) => {
  const actor = signedInFor(c, 'people:write');
  const ctx = pageContext(c, actor);
  const id = pathId(c, 'person');
  const reset = await inTransaction(c.var.deps, actor, (w) => issuePasswordReset(w, id));
  const link = { url: new URL(reset.path, c.req.url).toString(), expiresAt: reset.expiresAt };
  const data = await personPageData(c, ctx, id);
  if (isFragment(c)) return c.html(<PasswordResetSection ctx={adminView(ctx)} person={data.person} link={link} />, 201, NO_STORE);
  c.header('cache-control', 'no-store');
  return personPage(c, ctx, data, { resetLink: link }, 201);
});

credentialPages.post('/admin/people/:id/tokens', async (c) => {
  const actor = signedInFor(c, 'tokens:write');
  const ctx = pageContext(c, actor);
  const id = pathId(c, 'person');
  const form = await readTokenForm(c);
  let issued: { label: string; token: string } | undefined;
  let tokenForm: { values: Record<string, string | string[]>; errors: Record<string, string> } | undefined;
  let status: 201 | 409 | 422 = 201;
  if (!form.ok) {
    tokenForm = { values: form.values, errors: form.errors };
    status = 422;
  } else {
    try {
      issued = await inTransaction(c.var.deps, actor, (w) => issueToken(w, id, form.input));
    } catch (err) {
      const refused = formRefusal(err);
      if (!refused || refused.status === 429) throw err;
      tokenForm = { values: form.values, errors: refused.errors };
      status = refused.status;
    }
  }
  const data = await personPageData(c, ctx, id);
  if (isFragment(c)) {
    const base = `/admin/people/${id}`;
    return c.html(
      <TokensSection
        ctx={adminView(ctx)}
        person={data.person}
        tokens={data.tokens}
        places={tokenPlaces(data.person.scope, data.places)}
        csvHref={`${base}?format=csv&table=tokens`}
        form={tokenForm}
        issued={issued}
      />,
      status,
      NO_STORE,
    );
  }
  c.header('cache-control', 'no-store');
  return personPage(c, ctx, data, { tokenForm, issued }, status);
});

credentialPages.post('/admin/tokens/:id/revoke', async (c) => {
  const actor = signedInFor(c, 'tokens:write');
  const ctx = pageContext(c, actor);
  const token = await inTransaction(c.var.deps, actor, (w) => revokeToken(w, pathId(c, 'token')));
  if (!isFragment(c)) return c.redirect(`/admin/people/${token.personId}?done=tokenRevoked#tokens`, 303);
  const places = await placesFor(c.var.deps.db, actor);
  return c.html(<TokenRow ctx={adminView(ctx)} token={token} places={places} />);
});

/** Where a plain form returns after ending a session: the person's own page or an admin's page of them, nothing else. */
function sessionReturn(from: string | undefined): string {
  return from && /^\/admin\/people\/[0-9a-f-]{36}$/.test(from) ? from : '/me';
}

credentialPages.post('/sessions/:id/revoke', async (c) => {
  const actor = signedInFor(c, 'self');
  const ctx = pageContext(c, actor);
  const id = pathId(c, 'session');
  const { from } = await formValues(c);
  const session = await inTransaction(c.var.deps, actor, (w) => revokeSession(w, id));
  if (id === actor.sessionId) {
    // Ending the very session of this request is signing out.
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (isFragment(c)) return c.body(null, 204, { 'hx-redirect': '/login?signedOut=1' });
    return c.redirect('/login?signedOut=1', 303);
  }
  if (!isFragment(c)) return c.redirect(`${sessionReturn(from)}?done=sessionRevoked#sessions`, 303);
  return c.html(<SessionRow ctx={adminView(ctx)} session={session} current={false} from={sessionReturn(from)} />);
});
