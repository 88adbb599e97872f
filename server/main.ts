/** Starts twinward: environment → database (migrated) → demo seed → HTTP server. */
import { serve } from '@hono/node-server';
import { openDatabase } from '../db/client.ts';
import { isEmpty, createPersonWithToken } from './people/index.ts';
import { seedDemoPlant } from './demo/index.ts';
import { createApp } from './app.ts';
import { readEnv } from './env.ts';
import { startSweeper } from './sweeper.ts';
import { startSimulationRunner } from './simulation/index.ts';
import { closeSimulationPool } from './simulation/index.ts';
import { closeBalancingPool } from './balancing/index.ts';

const env = readEnv();
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${env.DATA_DIR}`;

if (await isEmpty(database.db)) {
  if (env.SEED === 'demo') {
    const demo = await seedDemoPlant(database.db, new Date());
    console.log('Seeded the demo plant. API tokens (Authorization: Bearer <token>):');
    for (const t of demo.tokens) console.log(`  ${t.role.padEnd(8)} ${t.token}  (${t.name})`);
  } else {
    const admin = await createPersonWithToken(database.db, { name: 'Administrator', email: 'admin@localhost', roles: ['admin'] }, 'admin');
    console.log(`Empty database: created an administrator. Admin token (shown once): ${admin.token}`);
  }
}

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
  await closeSimulationPool();
  await closeBalancingPool();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
