import type { Db, DatabaseKind } from '../db/client.ts';
import type { Scope } from './access/scope.ts';
import type { SessionSettings } from './sessions/settings.ts';
import type { SingleSignOn } from './sessions/singleSignOn.ts';
import type { IngestSettings } from './events/ingest.ts';
import type { NotificationDeps } from './notifications/delivery.ts';

/** The time source. Injected so tests can move the clock. */
export type Clock = () => Date;

/** What every request handler can reach: the database, the clock and the background jobs. */
export interface AppDeps {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  /** Sign-in timeouts and trusted proxies; the defaults when absent. */
  sessions?: SessionSettings;
  /** The OpenID Connect identity provider, when one is configured. */
  singleSignOn?: SingleSignOn;
  /** How long machine events are kept (and accepted); the default when absent. */
  ingest?: IngestSettings;
  /** Demo mode (the demo plant was seeded): the sign-in page lists the demo people. */
  demo?: boolean;
  /** The mail server and the base URL of links in notifications; absent: email stays undeliverable in the outbox. */
  notifications?: NotificationDeps;
  /** Tells the background runners that work was queued (absent in tests that drive them). */
  jobs?: { wakeSimulations(): void };
}

/**
 * The authenticated caller: a person acting in one access role, within their scope as it is now
 * (`siteIds`: the sites it covers, null for the whole installation).
 */
export interface Actor {
  personId: string;
  name: string;
  role: AccessRole;
  /** The API token it came with; null for a browser session. */
  tokenId: string | null;
  /** The browser session it came with. */
  sessionId?: string;
  /** That session's CSRF token, which the pages put into their forms. */
  csrfToken?: string;
  scope: Scope;
  siteIds: readonly string[] | null;
}

export type AccessRole = 'admin' | 'sponsor' | 'owner' | 'planner' | 'viewer' | 'ingest' | 'integration';

/** Roles of machine tokens (gateways, integrations) as against people's. */
export const machineRoles: readonly AccessRole[] = ['ingest', 'integration'];

/** Hono environment of the app: variables set by middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | undefined;
  };
}
