import type { Db, DatabaseKind } from '../db/client.ts';

/** The time source. Injected so tests can move the clock. */
export type Clock = () => Date;

/** What every request handler can reach: the database, the clock and the background jobs. */
export interface AppDeps {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  /** Tells the background runners that work was queued (absent in tests that drive them). */
  jobs?: { wakeSimulations(): void };
}

/** The authenticated caller: a person acting in one access role. */
export interface Actor {
  personId: string;
  name: string;
  role: AccessRole;
  tokenId: string;
}

export type AccessRole = 'admin' | 'sponsor' | 'owner' | 'planner' | 'viewer';

/** Hono environment of the app: variables set by middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | undefined;
  };
}
