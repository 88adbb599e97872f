import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import { TooManyAttemptsError, UnauthenticatedError } from '../core/errors.ts';
import { inTransaction } from '../core/write.ts';
import { clientAddress } from '../http/client.ts';
import { changeOwnPassword, usePasswordReset } from '../sessions/passwordResets.ts';
import { listSessions } from '../sessions/sessions.ts';
import { recordSignInFailure } from '../sessions/signInLimits.ts';
import { defaultSessionSettings, SESSION_COOKIE } from '../sessions/settings.ts';
import {
  csvResponse,
  languageOf,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  translator,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { MePage } from '../../views/people/me.tsx';
import { scopeWords } from '../../views/people/model.ts';
import { ResetPasswordPage } from '../../views/people/resetPassword.tsx';
import { passwordForm, resetForm } from './adminForms.ts';
import { adminView, doneNotice, formRefusal, withStatus } from './adminPage.tsx';
import { placesFor } from './adminReads.ts';
import { getPerson } from './people.ts';

/**
 * Every signed-in person's own page (`/me`): who they are to twinward, their sessions, their
 * password; and the page a one-time link opens to set a password (`/reset-password`).
 */
export const mePages = new Hono<AppEnv>();

async function mePage(c: Context<AppEnv>, ctx: PageContext, passwordErrors?: FieldErrors, status?: 422) {
  const { db } = c.var.deps;
  const { actor } = ctx;
  const [person, places, sessions] = await Promise.all([
    getPerson(db, actor, actor.personId),
    placesFor(db, actor),
    listSessions(db, actor, actor.personId, ctx.now),
  ]);
  if (wantsCsv(c))
    return csvResponse(c, {
      name: 'my-sessions',
      columns: ['id', 'role', 'method', 'opened_at', 'last_seen_at', 'expires_at', 'address', 'user_agent', 'this_session'],
      rows: sessions.map((s) => [
        s.id,
        s.role,
        s.method,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
        s.address,
        s.userAgent,
        s.id === actor.sessionId,
      ]),
    });
  const me = {
    personId: person.id,
    name: person.name,
    email: person.email,
    role: actor.role,
    roles: person.roles,
    scope: scopeWords(ctx.t, person.scope, places),
    hasPassword: person.hasPassword,
  };
  return renderPage(
    c,
    ctx,
    { title: ctx.t('admin.me.title'), status },
    <MePage
      ctx={adminView(ctx)}
      me={me}
      sessions={sessions}
      currentSessionId={actor.sessionId}
      passwordErrors={passwordErrors}
      notice={doneNotice(c, ctx)}
    />,
  );
}

mePages.get('/me', (c) => {
  const actor = signedInFor(c, 'self');
  return mePage(c, pageContext(c, actor));
});

mePages.post('/me/password', async (c) => {
  const actor = signedInFor(c, 'password:change');
  const ctx = pageContext(c, actor);
  const parsed = await parseForm(c, passwordForm);
  if (!parsed.ok) return mePage(c, ctx, parsed.errors, 422);
  const { db, clock } = c.var.deps;
  const settings = c.var.deps.sessions ?? defaultSessionSettings;
  const { currentPassword, newPassword } = parsed.data;
  try {
    await inTransaction(c.var.deps, actor, (w) =>
      changeOwnPassword(w, { currentPassword, newPassword }, clientAddress(c, settings.trustedProxies)),
    );
  } catch (err) {
    // As the API's route: a wrong current password counts like a failed sign-in, outside the rolled-back change.
    const keys = err instanceof UnauthenticatedError ? (err.details.countFailure as { key: string }[] | undefined) : undefined;
    if (keys) await recordSignInFailure(db, keys, clock());
    const refused = formRefusal(err);
    if (!refused) throw err;
    if (err instanceof TooManyAttemptsError) {
      const minutes = Math.ceil(Number(err.details.retryAfterSeconds ?? 900) / 60);
      return withStatus(mePage(c, ctx, { _form: ctx.t('login.tooMany', { minutes }) }), 429);
    }
    return withStatus(mePage(c, ctx, refused.errors), refused.status);
  }
  // Every session of the person ended with the change, this one too: sign in with the new password.
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect('/login?signedOut=1&next=%2Fme', 303);
});

mePages.get('/reset-password', (c) => {
  const lang = languageOf(c);
  const t = translator(lang);
  const token = (c.req.query('token') ?? '').slice(0, 200);
  const errors = token ? undefined : { _form: t('admin.resetPage.noToken') };
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.html(
    <ResetPasswordPage lang={lang} t={t} token={token} errors={errors} csrfToken={c.var.actor?.csrfToken} />,
    token ? 200 : 400,
  );
});

mePages.post('/reset-password', async (c) => {
  const lang = languageOf(c);
  const t = translator(lang);
  const parsed = await parseForm(c, resetForm);
  const page = (errors: FieldErrors | undefined, status: 200 | 401 | 422, done = false) =>
    c.html(
      <ResetPasswordPage
        lang={lang}
        t={t}
        token={parsed.ok ? parsed.data.token : (parsed.values.token ?? '')}
        errors={errors}
        done={done}
        csrfToken={c.var.actor?.csrfToken}
      />,
      status,
    );
  if (!parsed.ok) return page(parsed.errors, 422);
  const { db, clock } = c.var.deps;
  try {
    await db.transaction((tx) => usePasswordReset(tx as never, clock(), { token: parsed.data.token, password: parsed.data.password }));
  } catch (err) {
    if (err instanceof UnauthenticatedError) return page({ _form: err.message }, 401);
    const refused = formRefusal(err);
    if (!refused) throw err;
    return page(refused.errors, 422);
  }
  return page(undefined, 200, true);
});
