import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import { isLocalPath } from '../sessions/singleSignOn.ts';
import { LANGUAGE_COOKIE, languages, type Language } from './i18n.ts';

/**
 * The person's choice of language, kept in a cookie for a year. A link (GET), not a form: it
 * changes nothing but how this browser's pages read, so it works on the sign-in page too.
 */
export const languageRoutes = new Hono<AppEnv>();

languageRoutes.get('/language/:lang', (c) => {
  const lang = c.req.param('lang');
  const next = c.req.query('next');
  const back = next && isLocalPath(next) ? next : '/';
  if (!(languages as readonly string[]).includes(lang)) return c.redirect(back, 303);
  setCookie(c, LANGUAGE_COOKIE, lang as Language, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  return c.redirect(back, 303);
});
