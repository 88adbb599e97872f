/** Starts twinward: environment → database (migrated) → demo seed → HTTP server. */
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client.ts';
import { createApp } from './app.ts';
import { readEnv } from './env.ts';
import { startSweeper } from './sweeper.ts';
import { startSimulationRunner } from './simulation/index.ts';
import { besideCaller, closeWorkerPools } from './threads/pool.ts';
import { seedIfEmpty } from './setup.ts';

const env = readEnv();
if (!env.DATABASE_URL && !existsSync(join(env.DATA_DIR, 'PG_VERSION'))) {
  // A new embedded database is initialised and seeded by a child process that exits (see firstStart.ts).
  const entry = fileURLToPath(besideCaller(import.meta.url, './firstStart'));
  execFileSync(process.execPath, [...process.execArgv.filter((a) => !a.startsWith('--watch')), entry], { stdio: 'inherit' });
}
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${env.DATA_DIR}`;
await seedIfEmpty(database.db, database.kind, env);

const jobs = { wakeSimulations: () => simulations.wake() };
const deps = { db: database.db, dbKind: database.kind, clock: () => new Date(), jobs };
const app = createApp(deps);
const sweeper = startSweeper(deps, env.SWEEP_INTERVAL_SECONDS * 1000);
const simulations = startSimulationRunner(deps);
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`twinward listening on http://localhost:${info.port} (database: ${where})`);
  console.log(`  API reference: http://localhost:${info.port}/api/docs   health: http://localhost:${info.port}/healthz`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  await sweeper.stop();
  await simulations.stop();
  await closeWorkerPools();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
