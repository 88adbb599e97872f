import type { App } from '../../server/app.ts';
import type { Database, DatabaseKind } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { DEMO_PASSWORD, seedDemoPlant, type DemoResult } from '../../server/demo/index.ts';
import { startDemoFeed } from '../../server/feed/index.ts';
import { testClock, type TestClock } from './app.ts';
import { createTestDatabase } from './db.ts';

/** A browser-like client of the pages: it keeps its session cookie and sends the CSRF token with changes. */
export interface PageClient {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Page>;
  /** A form post (application/x-www-form-urlencoded); `htmx` sends it as htmx would, with the token as a header. */
  post(
    path: string,
    form: Record<string, string>,
    options?: { htmx?: boolean; target?: string; csrf?: string | null; headers?: Record<string, string> },
  ): Promise<Page>;
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
}

async function read(res: Response): Promise<Page> {
  // The byte-order mark of a CSV answer is kept, so a test can see it.
  return { status: res.status, headers: res.headers, html: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

/** Signs in with email and password on the sign-in page, as a browser would, and returns the client. */
export async function signInPage(app: App, email: string, password: string, role?: string): Promise<PageClient> {
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, role: role ?? '', next: '' }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in failed (${res.status}): ${await res.text()}`);
  const cookie = /tw_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('sign-in set no session cookie');
  // Every person who signs in may read the list of lines, which carries the token like every page.
  const home = await app.request('/lines', { headers: { cookie } });
  const csrf = /"X-CSRF-Token":"([^"]+)"/.exec((await home.text()).replace(/&quot;/g, '"'))?.[1];
  if (!csrf) throw new Error('the page carries no CSRF token');
  const client: PageClient = {
    cookie,
    csrf,
    get: async (path, headers = {}) => read(await app.request(path, { headers: { cookie, ...headers } })),
    post: async (path, form, options = {}) => {
      const token = options.csrf === undefined ? csrf : options.csrf;
      const headers: Record<string, string> = { cookie, 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
      const body = new URLSearchParams(form);
      if (options.htmx) {
        headers['hx-request'] = 'true';
        if (options.target) headers['hx-target'] = options.target;
        if (token) headers['x-csrf-token'] = token;
      } else if (token) body.set('_csrf', token);
      return read(await app.request(path, { method: 'POST', headers, body: body.toString() }));
    },
  };
  return client;
}

export interface DemoPages {
  app: App;
  database: Database;
  clock: TestClock;
  demo: DemoResult;
  /** Signs in as a demo person by email, in a role they hold. */
  as(email: string, role?: string): Promise<PageClient>;
  close(): Promise<void>;
}

/** The app on a fresh database holding the demo plant, in demo mode, with a clock the test moves. */
export async function createDemoPages(kind: DatabaseKind, start = '2026-11-25T08:00:00Z'): Promise<DemoPages> {
  const database = await createTestDatabase(kind);
  const clock = testClock(start);
  const demo = await seedDemoPlant(database.db, clock());
  const app = createApp({ db: database.db, dbKind: database.kind, clock, demo: true });
  return {
    app,
    database,
    clock,
    demo,
    as: (email, role) => signInPage(app, email, DEMO_PASSWORD, role),
    close: () => database.close(),
  };
}

/**
 * The demo's machine data: the demo feed backfills the last three hours through the service's own
 * ingest. The feed moves on with its clock, so each of its readings moves the test clock on by
 * 20 ms (2000 s of plant time at its speed-up).
 */
export async function feedDemo(pages: DemoPages): Promise<void> {
  const clock = () => {
    pages.clock.advance(20);
    return pages.clock();
  };
  const feed = await startDemoFeed(
    { db: pages.database.db, clock },
    { speedup: 100_000, backfillHours: 3, app: pages.app, tickMs: 5 },
    () => {},
  );
  await feed!.caughtUp;
  await feed!.stop();
}
