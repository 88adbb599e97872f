import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { createApp, type App } from '../../../server/app.ts';
import { createPersonWithToken } from '../../../server/people/index.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/privatePostgres.ts';

/**
 * The database goes away under load and comes back: while it is down every request gets 503 with
 * Retry-After (never a 500), /healthz says why, the service recovers by itself, and every write
 * it acknowledged is there, once.
 */
describe.skipIf(!privatePostgresAvailable)('a PostgreSQL outage under load', () => {
  let pg: PrivatePostgres;
  let database: Database;
  let app: App;
  let token: string;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    database = await openDatabase({ url: pg.url });
    token = (await createPersonWithToken(database.db, { name: 'Admin', email: 'admin@outage.example', roles: ['admin'] }, 'admin')).token;
    app = createApp({ db: database.db, dbKind: database.kind, clock: () => new Date() });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    pg?.destroy();
  });

  const addPerson = (n: string) =>
    app.request('/api/v1/people', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Person ${n}`, email: `p${n}@outage.example`, roles: ['viewer'] }),
    });

  it('answers 503 while the database is down, recovers by itself and loses nothing it acknowledged', async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    let stopLoad = false;
    // Writers keep writing while the database is stopped and started again.
    const writer = async () => {
      while (!stopLoad) {
        const res = await addPerson(String(n++));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) acknowledged.push((await res.json()).email);
        else {
          expect(res.status).toBe(503);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          expect((await res.json()).type).toContain('unavailable');
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 500));
    pg.stop();
    await new Promise((r) => setTimeout(r, 1000));
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', reason: 'the database is unreachable' });
    const down = await addPerson('down');
    expect(down.status).toBe(503);
    pg.start();
    // Back by itself: the driver reconnects on the next query.
    let healthy = 0;
    for (let i = 0; i < 100 && healthy !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      healthy = (await app.request('/healthz')).status;
    }
    expect(healthy).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    stopLoad = true;
    await Promise.all(writers);
    expect(statuses.get(201)).toBeGreaterThan(10);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    // Every acknowledged write is there, exactly once.
    const rows = await database.db.execute<{ email: string }>('select email from people' as never);
    const stored = (rows as unknown as { email: string }[]).map((r) => r.email);
    for (const email of acknowledged) expect(stored.filter((e) => e === email)).toHaveLength(1);
  }, 90_000);
});
