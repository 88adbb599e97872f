import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { accessRole } from '../../db/schema/enums.ts';
import { clientAddress } from '../http/client.ts';
import { inTransaction } from '../core/write.ts';
import { DomainError, TooManyAttemptsError, UnauthenticatedError } from '../core/errors.ts';
import { DEMO_PASSWORD, demoPeople } from '../demo/index.ts';
import { languageOf, translator } from '../web/i18n.ts';
import { formValues } from '../web/forms.ts';
import { homeOf } from '../web/session.ts';
import { LoginPage } from '../../views/sessions/login.tsx';
import { revokeSession, signIn } from './sessions.ts';
import { setSessionCookie } from './sessionCookie.ts';
import { isLocalPath } from './singleSignOn.ts';
import { defaultSessionSettings, SESSION_COOKIE } from './settings.ts';
import { PASSWORD_MAX } from './passwords.ts';

/** Sign-in and sign-out pages: the same sign-in as `POST /api/v1/sessions`, with a form. */
export const sessionPages = new Hono<AppEnv>();

const signInForm = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX),
  role: z.union([z.enum(accessRole.enumValues), z.literal('')]).optional(),
  next: z.string().max(2000).optional(),
});

/** Only a path of this site may be where sign-in sends the browser next (the rule single sign-on follows too). */
export function safeNext(next: string | undefined): string | undefined {
  return next && isLocalPath(next) ? next : undefined;
}

function loginProps(c: Context<AppEnv>, next: string) {
  const lang = languageOf(c);
  return {
    lang,
    t: translator(lang),
    next,
    singleSignOn: !!c.var.deps.singleSignOn,
    demo: c.var.deps.demo ? { password: DEMO_PASSWORD, people: demoPeople() } : undefined,
  };
}

sessionPages.get('/login', (c) => {
  const next = safeNext(c.req.query('next')) ?? '';
  if (c.var.actor) return c.redirect(next || homeOf(c.var.actor.role), 303);
  return c.html(<LoginPage {...loginProps(c, next)} signedOut={c.req.query('signedOut') === '1'} />);
});

sessionPages.post('/login', async (c) => {
  const values = await formValues(c);
  const next = safeNext(values.next) ?? '';
  const props = loginProps(c, next);
  const parsed = signInForm.safeParse(values);
  if (!parsed.success) return c.html(<LoginPage {...props} email={values.email} refusal={props.t('login.failed')} />, 422);
  const { db, clock } = c.var.deps;
  const settings = c.var.deps.sessions ?? defaultSessionSettings;
  const client = { address: clientAddress(c, settings.trustedProxies), userAgent: c.req.header('user-agent') ?? '' };
  const { email, password, role } = parsed.data;
  try {
    const { session, secret } = await signIn(db, { email, password, role: role || undefined }, client, clock(), settings);
    setSessionCookie(c, secret, settings);
    return c.redirect(next || homeOf(session.role), 303);
  } catch (err) {
    if (err instanceof TooManyAttemptsError) {
      const minutes = Math.ceil(Number(err.details.retryAfterSeconds ?? 900) / 60);
      return c.html(<LoginPage {...props} email={email} refusal={props.t('login.tooMany', { minutes })} />, 429);
    }
    if (err instanceof UnauthenticatedError) return c.html(<LoginPage {...props} email={email} refusal={props.t('login.failed')} />, 401);
    // A role the person does not hold is refused by the domain with its reason.
    if (err instanceof DomainError) return c.html(<LoginPage {...props} email={email} refusal={err.message} />, 422);
    throw err;
  }
});

// Signing out is a change (a POST with the CSRF token), so another site cannot sign a person out.
sessionPages.post('/logout', async (c) => {
  const actor = c.var.actor;
  if (actor?.sessionId) await inTransaction(c.var.deps, actor, (w) => revokeSession(w, actor.sessionId!));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect('/login?signedOut=1', 303);
});
