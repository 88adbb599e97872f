import { describe, expect, it } from 'vitest';
import { Layout } from '../../views/layout.tsx';

describe('Layout', () => {
  it('frames a page with its title, the vendored htmx, and the navigation with the current page marked', async () => {
    const html = String(
      await (
        <Layout
          title="Escalations"
          nav={[
            { href: '/', label: 'Home' },
            { href: '/escalations', label: 'Escalations' },
          ]}
          current="/escalations"
        >
          <p>inbox</p>
        </Layout>
      ),
    );
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Escalations · twinward</title>');
    expect(html).toContain('<script src="/vendor/htmx.min.js" defer=""></script>');
    expect(html).toContain('<meta name="htmx-config" content="{&quot;includeIndicatorStyles&quot;:false,&quot;allowScriptTags&quot;:false');
    expect(html).toContain('<link rel="stylesheet" href="/assets/app.css"/>');
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<a href="/escalations" aria-current="page">Escalations</a>');
    expect(html).toContain('<a href="/">Home</a>');
    expect(html).toContain('<main id="main"><h1>Escalations</h1><p>inbox</p></main>');
  });

  it('shows the signed-in person, their role and scope, the search box and a sign-out form with the CSRF token', async () => {
    const html = String(
      await (
        <Layout title="Inbox" person={{ name: 'Eva <Horáková>', role: 'sponsor', scope: '2 site(s)', csrfToken: 'tok"en' }} query="pump" />
      ),
    );
    expect(html).toContain('<a class="person" href="/me" title="My account and notifications">Eva &lt;Horáková&gt;</a>');
    expect(html).toContain('Role: sponsor');
    expect(html).toContain('Scope: 2 site(s)');
    expect(html).toContain('<input id="site-search" type="search" name="q" value="pump"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok&quot;en"/>');
    expect(html).toContain('hx-headers="{&quot;X-CSRF-Token&quot;:&quot;tok\\&quot;en&quot;}"');
  });

  it('has no inline script and no external URL, so a strict CSP holds', async () => {
    const html = String(await (<Layout title="<script>x</script>" />));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; · twinward');
  });
});
