/**
 * Brings an empty database to life: the demo plant (`SEED=demo`) or a first administrator, and,
 * for the demo, its queued simulation runs executed so its pages have results from the start.
 */
import type { Db, DatabaseKind } from '../db/client.ts';
import { DEMO_PASSWORD, seedDemoPlant } from './demo/index.ts';
import type { Env } from './env.ts';
import { createPersonWithToken, isEmpty } from './people/index.ts';
import { startSimulationRunner } from './simulation/index.ts';

/** Seeds an empty database as `env.SEED` says; a database that holds anything is left alone. */
export async function seedIfEmpty(
  db: Db,
  dbKind: DatabaseKind,
  env: Pick<Env, 'SEED'>,
  log: (line: string) => void = console.log,
): Promise<void> {
  if (!(await isEmpty(db))) return;
  if (env.SEED === 'none') {
    const admin = await createPersonWithToken(db, { name: 'Administrator', email: 'admin@localhost', roles: ['admin'] }, 'admin');
    log(`Empty database: created an administrator. Admin token (shown once): ${admin.token}`);
    return;
  }
  const demo = await seedDemoPlant(db, new Date());
  log('Seeded the demo plant. API tokens (Authorization: Bearer <token>):');
  for (const t of demo.tokens) log(`  ${t.role.padEnd(8)} ${t.token}  (${t.name})`);
  log(`Every demo person also signs in with their email and the password '${DEMO_PASSWORD}' (POST /api/v1/sessions).`);
  const runner = startSimulationRunner({ db, dbKind, clock: () => new Date() });
  const done = await runner.drain();
  await runner.stop();
  log(`Ran the demo's ${done} queued simulation run(s).`);
}
