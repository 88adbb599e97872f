import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../core/errors.ts';
import { toProblem } from '../http/errors.ts';
import { ProblemError } from '../http/problem.ts';
import { Layout } from '../../views/layout.tsx';
import { Alert } from '../../views/components/alert.tsx';
import { isFragment } from './render.tsx';
import { SignInRequired } from './session.ts';
import { languageOf, translator } from './i18n.ts';

function statusOf(err: unknown): number | undefined {
  if (err instanceof ProblemError) return err.status;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof DomainError) return undefined;
  return undefined;
}

/**
 * A refused page request as a page: a sign-in redirect when nobody is signed in; a not-found or
 * forbidden page; for htmx, the message in the page's status region (`#flash`) so what was on
 * screen stays. Anything else gets the API's mapping (the same statuses), shown as HTML.
 */
export async function pageError(err: unknown, c: Context<AppEnv>): Promise<Response> {
  if (err instanceof SignInRequired) {
    const to = `/login?next=${encodeURIComponent(err.next)}`;
    if (isFragment(c)) return c.body(null, 204, { 'hx-redirect': to });
    return c.redirect(to, 303);
  }
  let status = statusOf(err);
  let message = (err as Error).message;
  if (status === undefined) {
    // The API's one mapping of errors to statuses (and its logging of unexpected ones).
    const problem = toProblem(err, c);
    status = problem.status;
    message = ((await problem.json()) as { detail: string }).detail;
  }
  const t = translator(languageOf(c));
  const title = status === 404 ? t('error.notFound') : status === 403 ? t('error.forbidden') : t('error.title');
  if (isFragment(c)) {
    return c.html(<Alert kind="error" title={title} message={message} />, status as 400, {
      'hx-retarget': '#flash',
      'hx-reswap': 'innerHTML',
    });
  }
  const back = backOf(c);
  return c.html(
    <Layout title={title} lang={languageOf(c)} t={t}>
      <Alert kind="error" title={title} message={message} />
      <p>{back ? <a href={back}>{t('error.back')}</a> : <a href="/">{t('error.home')}</a>}</p>
    </Layout>,
    status as 400,
  );
}

/** The page of this site the request came from (a refused form's page), where "back" leads; none from elsewhere. */
function backOf(c: Context): string | undefined {
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    return from.origin === new URL(c.req.url).origin ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}

/** True for a browser asking for a page (not the API, not an asset): it gets HTML errors. */
export function asksForPage(c: Context): boolean {
  const path = new URL(c.req.url).pathname;
  return !/^\/(api|vendor|assets)(\/|$)/.test(path) && (c.req.header('accept') ?? '').includes('text/html');
}
