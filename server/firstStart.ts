/**
 * The first start on the embedded database, run as a short-lived child process by `main.ts`:
 * PGlite's initdb grows its WebAssembly heap to about 750 MB, and a process keeps most of that
 * resident after it is freed. Initialising and seeding here, in a process that then exits, lets
 * the server open a ready database and stay as small as after any restart.
 */
import { openDatabase } from '../db/client.ts';
import { closeWorkerPools } from './threads/pool.ts';
import { readEnv } from './env.ts';
import { seedIfEmpty } from './setup.ts';

const env = readEnv();
const database = await openDatabase({ dataDir: env.DATA_DIR });
try {
  await seedIfEmpty(database.db, database.kind, env);
} finally {
  await closeWorkerPools();
  await database.close();
}
