import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../../../server/http/limits.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

// A body of `bytes` bytes, streamed without a declared length (as a chunked upload arrives).
function streamed(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(chunk.length, bytes - sent);
      controller.enqueue(chunk.subarray(0, n));
      sent += n;
    },
  });
}

describe.each(databaseKinds)('secure headers and body limits on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('sends the security headers on every kind of answer, and keeps private answers out of caches', async () => {
    for (const path of ['/api/docs', '/healthz', '/api/v1/programs', '/api/v1/no-such-route', '/vendor/htmx.min.js']) {
      const res = await t.app.request(path, { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      if (path.startsWith('/api/v1')) expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves the API reference without inline script', async () => {
    const page = await (await t.app.request('/api/docs')).text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const start = await t.app.request('/api/docs/start.js');
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('SwaggerUIBundle');
  });

  it('refuses a JSON body over the limit with 413, declared or streamed, and writes nothing', async () => {
    const big = JSON.stringify({ code: 'big', name: 'x'.repeat(JSON_BODY_LIMIT) });
    const declared = await t.app.request('/api/v1/enterprises', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const problem = await declared.json();
    expect(problem).toMatchObject({ status: 413, type: 'https://twinward.dev/problems/too-large', limitBytes: JSON_BODY_LIMIT });
    expect(problem.detail).toBe('the request body is larger than this route takes (1 MiB)');

    const chunked = await t.app.request('/api/v1/enterprises', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      body: streamed(JSON_BODY_LIMIT + 1),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await t.call('GET', '/api/v1/enterprises')).body.items).toEqual([]);
  });

  it('takes files larger than a JSON body on the upload route, up to its own limit', async () => {
    const upload = (bytes: number) =>
      t.app.request('/api/v1/balancing-runs/upload?format=csv&cycleTime=10', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.planner}`, 'content-type': 'text/plain' },
        body: streamed(bytes),
        duplex: 'half',
      } as RequestInit);
    // Past the JSON limit the file is read and judged on its content (blank lines are no CSV).
    const read = await upload(JSON_BODY_LIMIT * 2);
    expect(read.status).toBe(400);
    expect((await upload(UPLOAD_BODY_LIMIT + 1)).status).toBe(413);
  });
});
