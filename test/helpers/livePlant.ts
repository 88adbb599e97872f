import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Database, DatabaseKind } from '../../db/client.ts';
import { createApp, type App } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { seedDemoPlant, type DemoResult } from '../../server/demo/index.ts';
import { startDemoFeed, type RunningFeed } from '../../server/feed/index.ts';
import { startSimulationRunner, type SimulationRunner } from '../../server/simulation/index.ts';
import { createTestDatabase } from './db.ts';

/** The demo plant served over HTTP as `npm start` serves it: its runs executed, its feed live. */
export interface LivePlant {
  url: string;
  /** The same app in process, for measuring server time without a socket. */
  app: App;
  deps: AppDeps;
  database: Database;
  demo: DemoResult;
  stop(): Promise<void>;
}

/**
 * Seeds the demo into a fresh database, executes its queued runs, feeds the last `backfillHours`
 * of machine data at once and then in real time, and serves the app on a free port of 127.0.0.1.
 */
export async function startLivePlant(kind: DatabaseKind, options: { backfillHours?: number } = {}): Promise<LivePlant> {
  const database = await createTestDatabase(kind);
  const clock = () => new Date();
  const demo = await seedDemoPlant(database.db, clock());
  const started: { runner?: SimulationRunner } = {};
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    clock,
    demo: true,
    jobs: { wakeSimulations: () => started.runner?.wake() },
  };
  const runner = (started.runner = startSimulationRunner(deps, 200));
  await runner.drain();
  const app = createApp(deps);
  const feed: RunningFeed | null = await startDemoFeed(
    deps,
    { speedup: 100_000, backfillHours: options.backfillHours ?? 8, app },
    () => {},
  );
  await feed?.caughtUp;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    deps,
    database,
    demo,
    async stop() {
      await feed?.stop();
      await runner.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
