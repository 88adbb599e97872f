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
    expect(html).toContain('<meta name="htmx-config" content="{&quot;includeIndicatorStyles&quot;:false}"/>');
    expect(html).toContain('<a href="/escalations" aria-current="page">Escalations</a>');
    expect(html).toContain('<a href="/">Home</a>');
    expect(html).toContain('<main id="main"><h1>Escalations</h1><p>inbox</p></main>');
  });

  it('has no inline script and no external URL, so a strict CSP holds', async () => {
    const html = String(await (<Layout title="<script>x</script>" />));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; · twinward');
  });
});
