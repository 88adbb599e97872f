import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';

describe('unrouted paths', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('answer a browser with a not-found page and the API with problem+json', async () => {
    const page = await t.app.request('/no-such-page', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('there is no page at /no-such-page');
    const api = await t.app.request('/api/v1/no-such-thing', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    const plain = await t.app.request('/no-such-page');
    expect(plain.headers.get('content-type')).toBe('application/problem+json');
  });
});
