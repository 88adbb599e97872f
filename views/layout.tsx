/**
 * The page frame every view renders into: language, viewport, the vendored htmx (served from
 * node_modules at /vendor, never a CDN) and the main navigation. No inline script, so a strict
 * Content-Security-Policy holds on every page.
 */
import type { Child } from 'hono/jsx';

export interface NavItem {
  href: string;
  label: string;
}

export interface LayoutProps {
  title: string;
  /** The navigation entries the caller may see; the current one is marked for screen readers. */
  nav?: NavItem[];
  current?: string;
  children?: Child;
}

export function Layout({ title, nav = [], current, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · twinward`}</title>
        {/* htmx would inject an inline <style> for its indicators, which the Content-Security-Policy refuses. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <script src="/vendor/htmx.min.js" defer></script>
      </head>
      <body>
        <a href="#main">Skip to content</a>
        {nav.length > 0 && (
          <nav aria-label="Main">
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
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
