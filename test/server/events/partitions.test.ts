import { sql } from 'drizzle-orm';
import { executeRows } from '../../../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { dayKey, ensurePartitions, forgetPartitions, maintainPartitions } from '../../../server/events/partitions.ts';
import { createTestDatabase, databaseKinds } from '../../helpers/db.ts';

describe.each(databaseKinds)('day partitions of machine events on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  async function partitions(): Promise<string[]> {
    const rows = await executeRows<{ name: string }>(
      database.db,
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'machine_events' order by 1`,
    );
    return rows.map((r) => r.name.replace('machine_events_', ''));
  }

  it('names a day by its UTC date', () => {
    expect(dayKey(new Date('2026-12-03T23:59:59.999Z'))).toBe('20261203');
    expect(dayKey(new Date('2026-12-04T00:30:00+01:00'))).toBe('20261203');
  });

  it('makes yesterday, today and two days ahead, and a backfilled day on demand, once under a race', async () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect((await maintainPartitions(database.db, now, 2)).made).toBe(4);
    expect(await partitions()).toEqual(['20261202', '20261203', '20261204', '20261205']);
    // Two instances that know nothing yet make the same day at once: one makes it, the other sees it.
    forgetPartitions(database.db);
    const made = await Promise.all([ensurePartitions(database.db, ['20261201']), ensurePartitions(database.db, ['20261201'])]);
    expect(made.sort()).toEqual([0, 1]);
    expect(await partitions()).toContain('20261201');
    // The bounds are the day's: an event at its last millisecond lands in it.
    await database.db.execute(sql`insert into machine_events (station_id, event_id, ts, kind, received_at)
      values (gen_random_uuid(), 'edge', '2026-12-01T23:59:59.999Z', 'cycle', now())`);
    const where = await database.db.execute(sql`select tableoid::regclass::text as part from machine_events where event_id = 'edge'`);
    expect(JSON.stringify(where)).toContain('machine_events_20261201');
  });

  it('drops whole days once they are past the retention, and keeps the rest', async () => {
    const later = new Date('2026-12-06T10:00:00Z');
    const kept = await maintainPartitions(database.db, later, 2);
    expect(kept.dropped).toEqual(['20261201', '20261202', '20261203']);
    expect(await partitions()).toEqual(['20261204', '20261205', '20261206', '20261207', '20261208']);
    const left = await database.db.execute(sql`select count(*)::int as n from machine_events`);
    expect(JSON.stringify(left)).toContain('"n":0');
  });
});
