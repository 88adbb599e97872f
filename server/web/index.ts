/**
 * The web application's plumbing: the page session (cookie and CSRF), the page frame and
 * fragments, forms, CSV export, texts in three languages, and the pages' error handling.
 * The pages themselves live with their concepts (`server/<concept>/pages.tsx`, views in `views/`).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { assetRoutes } from './assets.ts';
import { languageRoutes } from './language.ts';
import { pageError } from './errors.tsx';

export { asksForPage, pageError } from './errors.tsx';
import { pageSession } from './session.ts';
import { limitPageBodies } from './limits.ts';

export { csvHref, csvResponse, csvText, wantsCsv, type CsvCell, type CsvTable } from './csv.ts';
export { domainFieldErrors, formValues, parseForm, type FieldErrors, type FormOutcome } from './forms.ts';
export { dateTime, duration, figure, percent, timeOfDay } from './format.ts';
export { languageOf, translator, type Language, type Translate } from './i18n.ts';
export { hxTarget, isFragment, pageContext, renderPage, type PageContext, type PageOptions } from './render.tsx';
export { isId, pathId } from './params.ts';
export { homeOf, signedIn, signedInFor, SignInRequired } from './session.ts';

/** All pages under one error handler and one session middleware, mounted at the root beside `/api/v1`. */
export function webApplication(pageRouters: Hono<AppEnv>[]): Hono<AppEnv> {
  const web = new Hono<AppEnv>();
  web.use('*', limitPageBodies(), pageSession());
  web.route('/', assetRoutes);
  web.route('/', languageRoutes);
  for (const pages of pageRouters) web.route('/', pages);
  web.onError(pageError);
  return web;
}
