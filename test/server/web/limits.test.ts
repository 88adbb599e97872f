import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';

describe('the edge checks of the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
    t.app.request(path, { method: 'POST', headers: { 'content-type': type, accept: 'text/html' }, body });

  it('refuse a form larger than a page takes before reading it, with a page', async () => {
    const res = await post('/login', `email=${'a'.repeat(1024 * 1024 + 10)}&password=x`);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('refuse a form field holding a NUL, naming the field, before it reaches the database', async () => {
    const res = await post('/login', 'email=eva%00%40x.example&password=x');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid body.email: text must not contain NUL characters');
    const multipart = new FormData();
    multipart.set('note', 'a\0b');
    const res2 = await t.app.request('/logout', { method: 'POST', body: multipart });
    expect(res2.status).toBe(400);
  });

  it('leave ordinary forms alone', async () => {
    const res = await post('/login', 'email=nobody%40x.example&password=wrong');
    expect(res.status).toBe(401);
  });
});
