import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Actor, AppEnv } from '../deps.ts';
import { Layout, type NavItem } from '../../views/layout.tsx';
import { languageOf, translator, type Language, type Translate } from './i18n.ts';

/**
 * What every page handler works with: who asks, their language and texts, and the instant the
 * page is about (one clock reading per request, so every figure on it is of the same moment).
 */
export interface PageContext {
  actor: Actor;
  lang: Language;
  t: Translate;
  now: Date;
}

export function pageContext(c: Context<AppEnv>, actor: Actor): PageContext {
  const lang = languageOf(c);
  return { actor, lang, t: translator(lang), now: c.var.deps.clock() };
}

/**
 * True when htmx asks for a part of the page (`HX-Request`, not a boosted navigation): the
 * handler then answers the fragment its `HX-Target` names instead of the whole page.
 */
export function isFragment(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-boosted') !== 'true';
}

/** The id of the element htmx will swap, if it said. */
export function hxTarget(c: Context): string | undefined {
  return c.req.header('hx-target') ?? undefined;
}

/** The navigation a role sees. */
export function navFor(ctx: PageContext): NavItem[] {
  const { t, actor } = ctx;
  const items: NavItem[] = [{ href: '/', label: t('nav.portfolio') }];
  if (actor.role !== 'viewer') items.push({ href: '/inbox', label: t('nav.inbox') });
  items.push({ href: '/lines', label: t('nav.lines') });
  if (actor.role === 'admin') items.push({ href: '/admin/people', label: t('nav.admin') }, { href: '/admin/plant', label: t('nav.plant') });
  return items;
}

function scopeText(ctx: PageContext): string {
  const { scope } = ctx.actor;
  if (scope.kind === 'installation') return ctx.t('scope.installation');
  if (scope.kind === 'enterprise') return ctx.t('scope.enterprise');
  return ctx.t('scope.sites', { count: scope.siteIds.length });
}

export interface PageOptions {
  title: string;
  /** The navigation entry to mark as current; the request path when absent. */
  current?: string;
  status?: 200 | 201 | 400 | 403 | 404 | 409 | 422;
  query?: string;
}

/** A whole page in the frame, for the signed-in person. */
export function renderPage(c: Context<AppEnv>, ctx: PageContext, options: PageOptions, body: Child): Response | Promise<Response> {
  const person = {
    name: ctx.actor.name,
    role: ctx.t(`role.${ctx.actor.role}` as never),
    scope: scopeText(ctx),
    csrfToken: ctx.actor.csrfToken ?? '',
  };
  return c.html(
    <Layout
      title={options.title}
      lang={ctx.lang}
      t={ctx.t}
      nav={navFor(ctx)}
      current={options.current ?? new URL(c.req.url).pathname}
      person={person}
      query={options.query}
      path={new URL(c.req.url).pathname + new URL(c.req.url).search}
    >
      {body}
    </Layout>,
    options.status ?? 200,
  );
}
