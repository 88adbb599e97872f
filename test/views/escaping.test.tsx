import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Layout } from '../../views/layout.tsx';

/**
 * The rule for every view: text from people and machines (names, titles, notes, reason codes) is
 * rendered as JSX children or attribute values, never as raw HTML, so it can never become markup.
 * `dangerouslySetInnerHTML` and hono's `raw()` are not used in views/ (checked below).
 */
describe('text shown in a page is escaped', () => {
  it('never turns text in a title, a link label or an attribute into markup', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (text) => {
        const html = String(
          await (
            <Layout title={text} nav={[{ href: `/search?q=${text}`, label: text }]}>
              <p data-note={text}>{text}</p>
            </Layout>
          ),
        );
        const body = html.slice(html.indexOf('<body>'));
        // Whatever the text, the only elements are the frame's own.
        const tags = [...body.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
        expect(new Set(tags)).toEqual(new Set(['body', 'a', 'header', 'img', 'nav', 'ul', 'li', 'span', 'div', 'main', 'h1', 'p']));
        expect(body.match(/<p /g)).toHaveLength(1);
        // Attribute values cannot be closed early.
        expect(body).not.toMatch(/data-note="[^"]*"[^>\s/]/);
      }),
      { numRuns: 300 },
    );
  });

  it('has no raw HTML insertion anywhere in views/', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const files = (await readdir(new URL('../../views/', import.meta.url), { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    for (const file of files) {
      const source = await readFile(new URL(`../../views/${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|\braw\(/);
    }
  });
});
