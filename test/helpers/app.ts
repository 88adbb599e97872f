import type { Database, DatabaseKind } from '../../db/client.ts';
import { createPersonWithToken } from '../../server/people/bootstrap.ts';
import { createApp, type App } from '../../server/app.ts';
import type { AccessRole } from '../../server/deps.ts';
import { createTestDatabase } from './db.ts';

export interface TestClock {
  (): Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

/** A clock the test moves by hand. */
export function testClock(start: string): TestClock {
  let current = new Date(start).getTime();
  const clock = (() => new Date(current)) as TestClock;
  clock.set = (iso) => {
    current = new Date(iso).getTime();
  };
  clock.advance = (ms) => {
    current += ms;
  };
  return clock;
}

export type Tokens = Record<AccessRole, string>;

export interface TestApp {
  app: App;
  database: Database;
  clock: TestClock;
  tokens: Tokens;
  people: Record<AccessRole, string>;
  /** Calls the API as a role (or anonymously with `null`) and parses the JSON answer. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; as?: AccessRole | null },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** An app on a fresh database with one person per access role, each with a token. */
export async function createTestApp(kind: DatabaseKind, start = '2026-11-25T08:00:00Z'): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const clock = testClock(start);
  const tokens = {} as Tokens;
  const people = {} as Record<AccessRole, string>;
  for (const role of ['admin', 'sponsor', 'owner', 'planner', 'viewer'] as const) {
    const made = await createPersonWithToken(database.db, { name: `Test ${role}`, email: `${role}@test.example`, roles: [role] }, role);
    tokens[role] = made.token;
    people[role] = made.personId;
  }
  const app = createApp({ db: database.db, dbKind: database.kind, clock });
  return {
    app,
    database,
    clock,
    tokens,
    people,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      const as = options.as === undefined ? 'admin' : options.as;
      if (as) headers.authorization = `Bearer ${tokens[as]}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      return readAnswer(res);
    },
    close: () => database.close(),
  };
}

/** A response's status, headers and body: parsed when it is JSON, the text otherwise. */
export async function readAnswer(res: Response): Promise<{ status: number; body: any; headers: Headers }> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}
