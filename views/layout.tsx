/**
 * The page frame every view renders into: language, viewport, the served stylesheet and htmx
 * (from node_modules at /vendor, never a CDN), the header with the person, role, scope and
 * search, and the main navigation. No inline script, so a strict Content-Security-Policy holds.
 */
import type { Child } from 'hono/jsx';
import { translator, type Translate } from '../server/web/i18n.ts';

export interface NavItem {
  href: string;
  label: string;
}

/** Who is signed in, as the header shows them. */
export interface HeaderPerson {
  name: string;
  role: string;
  scope: string;
  csrfToken: string;
}

export interface LayoutProps {
  title: string;
  lang?: string;
  t?: Translate;
  /** The navigation entries the caller may see; the current one is marked for screen readers. */
  nav?: NavItem[];
  current?: string;
  person?: HeaderPerson;
  /** A search term to show in the header's search box. */
  query?: string;
  /** The page's path, to come back to after choosing another language. */
  path?: string;
  children?: Child;
}

// htmx, configured once: no inline indicator style (the CSP refuses it); 422 answers (a form with
// its field errors) and other refusals are swapped like successes, so the page shows them where
// the change was asked for; 204 swaps nothing.
export const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowScriptTags: false,
  allowEval: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: true, error: true },
  ],
});

const english: Translate = translator('en');

const languageNames: Record<string, string> = { en: 'English', de: 'Deutsch', cs: 'Čeština' };

/** Links to the page in each language (the choice is kept in a cookie); the current one is marked. */
function LanguageChoice({ lang, t, path }: { lang: string; t: Translate; path: string }) {
  return (
    <nav class="languages" aria-label={t('header.language')}>
      {Object.entries(languageNames).map(([code, name]) => (
        <a
          href={`/language/${code}?next=${encodeURIComponent(path)}`}
          hreflang={code}
          lang={code}
          aria-current={code === lang ? 'true' : undefined}
        >
          {code.toUpperCase()}
          <span class="visually-hidden"> {name}</span>
        </a>
      ))}
    </nav>
  );
}

export function Layout({ title, lang = 'en', t = english, nav = [], current, person, query, path = '/', children }: LayoutProps) {
  const hxHeaders = person ? JSON.stringify({ 'X-CSRF-Token': person.csrfToken }) : undefined;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · twinward`}</title>
        <meta name="htmx-config" content={htmxConfig} />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <script src="/vendor/htmx.min.js" defer></script>
        <script src="/assets/app.js" defer></script>
      </head>
      <body hx-headers={hxHeaders}>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            <img src="/assets/icon.svg" alt="" width="24" height="24" />
            twinward
          </a>
          {nav.length > 0 && (
            <nav aria-label={t('nav.main')}>
              <ul>
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {person && (
            <>
              <form class="search" role="search" method="get" action="/search">
                <label for="site-search" class="visually-hidden">
                  {t('header.search')}
                </label>
                <input id="site-search" type="search" name="q" value={query} placeholder={t('header.search')} maxlength={200} />
                <button type="submit">{t('header.searchButton')}</button>
              </form>
              <div class="who">
                <a class="person" href="/me" title={t('header.me')}>
                  {person.name}
                </a>
                <span class="role">
                  {t('header.role')}: {person.role}
                </span>
                <span class="scope">
                  {t('header.scope')}: {person.scope}
                </span>
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={person.csrfToken} />
                  <button type="submit" class="link">
                    {t('header.signOut')}
                  </button>
                </form>
              </div>
            </>
          )}
          <LanguageChoice lang={lang} t={t} path={path} />
        </header>
        <div id="flash" role="status" aria-live="polite"></div>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
