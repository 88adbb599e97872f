import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchedContext } from '../helpers/browser.ts';

// The watched context every browser journey checks at its end: what it must count as a page's
// problem and what it must not (the browser cancelling a request because the page is being left).
const pages: Record<string, string> = {
  '/leave': `<p>leaving</p><script>fetch('/hang')</script>`,
  '/stay-and-abort': `<p>aborting</p><script>const c = new AbortController(); fetch('/hang', { signal: c.signal }).catch(() => {}); setTimeout(() => c.abort(), 200)</script>`,
  '/unreachable': `<p>unreachable</p><img src="http://127.0.0.1:1/none.png" alt="">`,
  '/next': `<p>next</p>`,
};

describe('the watched context of the browser journeys', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  const hanging: ServerResponse[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/hang') return void hanging.push(response);
      const body = pages[request.url ?? ''];
      // No favicon to ask for: its 404 would be a problem of its own.
      response.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(`<link rel="icon" href="data:,">${body ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const response of hanging) response.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('does not count a request the browser cancels because the page is left', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    const hung = page.waitForRequest(`${base}/hang`);
    await page.goto(`${base}/leave`);
    await hung;
    await page.goto(`${base}/next`);
    await page.waitForLoadState('networkidle');
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('counts a request the page aborts while it stays, and one that cannot reach its server', async () => {
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/stay-and-abort`);
    await expect.poll(() => problems.list.length).toBe(1);
    expect(problems.list[0]).toMatch(/\/hang net::ERR_ABORTED$/);
    await page.goto(`${base}/unreachable`);
    await expect.poll(() => problems.list.some((problem) => /^request failed: .*none\.png net::ERR_/.test(problem))).toBe(true);
    await context.close();
  });
});
