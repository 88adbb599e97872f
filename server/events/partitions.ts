import { sql } from 'drizzle-orm';
import { executeRows, type Db } from '../../db/client.ts';

/**
 * Machine events live in one partition per UTC day (`machine_events_YYYYMMDD`): a day's data is
 * written to one small table and its indexes, and retention drops whole days at no cost instead
 * of deleting rows.
 */

const DAY_MS = 86_400_000;
const PARTITION_PREFIX = 'machine_events_';

/** The UTC day an instant falls in, as `YYYYMMDD`. */
export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

function dayStart(key: string): Date {
  return new Date(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}T00:00:00Z`);
}

/** Days whose partitions exist, per database (a partition is never dropped while it is in this set, see dropPartitionsBefore). */
const known = new WeakMap<Db, Set<string>>();

async function existing(db: Db): Promise<Set<string>> {
  let days = known.get(db);
  if (days) return days;
  const rows = await executeRows<{ name: string }>(
    db,
    sql`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'machine_events'`,
  );
  days = new Set(rows.map((r) => r.name.slice(PARTITION_PREFIX.length)));
  known.set(db, days);
  return days;
}

/**
 * Makes sure the partitions of the given days exist. Several instances may race to make the same
 * day: a transaction-level advisory lock lets one make it while the others wait and then see it.
 */
export async function ensurePartitions(db: Db, days: Iterable<string>): Promise<number> {
  const have = await existing(db);
  const missing = [...new Set(days)].filter((d) => !have.has(d)).sort();
  if (missing.length === 0) return 0;
  let made = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('twinward:machine_events:partitions'))`);
    for (const day of missing) {
      if (!/^\d{8}$/.test(day)) throw new Error(`not a day: ${day}`);
      const from = dayStart(day);
      const to = new Date(from.getTime() + DAY_MS);
      const name = sql.identifier(PARTITION_PREFIX + day);
      const present = await executeRows(tx as never, sql`select 1 from pg_class where relname = ${PARTITION_PREFIX + day}`);
      if (present.length) continue;
      await tx.execute(
        sql`create table ${name} partition of machine_events for values from (${sql.raw(`'${from.toISOString()}'`)}) to (${sql.raw(`'${to.toISOString()}'`)})`,
      );
      made++;
    }
  });
  for (const day of missing) have.add(day);
  return made;
}

/**
 * The partitions of yesterday, today and the next `aheadDays`, made ahead by the maintenance job so
 * that live data never waits for one; older days (a backfill) are made when their events come.
 */
export async function ensurePartitionsAhead(db: Db, now: Date, aheadDays = 2): Promise<number> {
  const days: string[] = [];
  for (let d = -1; d <= aheadDays; d++) days.push(dayKey(new Date(now.getTime() + d * DAY_MS)));
  return ensurePartitions(db, days);
}

/** Keeps the partitions: the next days made, the days past the retention dropped. */
export async function maintainPartitions(db: Db, now: Date, retentionDays: number): Promise<{ made: number; dropped: string[] }> {
  const made = await ensurePartitionsAhead(db, now);
  const dropped = await dropPartitionsBefore(db, now, retentionDays);
  return { made, dropped };
}

/**
 * Drops the partitions of days that ended more than `retentionDays` ago: their events are older
 * than any that ingest still accepts. Answers the days dropped.
 */
export async function dropPartitionsBefore(db: Db, now: Date, retentionDays: number): Promise<string[]> {
  const have = await existing(db);
  const oldest = dayKey(new Date(now.getTime() - retentionDays * DAY_MS));
  const old = [...have].filter((d) => d < oldest).sort();
  if (old.length === 0) return [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('twinward:machine_events:partitions'))`);
    for (const day of old) await tx.execute(sql`drop table if exists ${sql.identifier(PARTITION_PREFIX + day)}`);
  });
  for (const day of old) have.delete(day);
  return old;
}

/** Forgets what this process knows of the partitions (another process may have changed them). */
export function forgetPartitions(db: Db): void {
  known.delete(db);
}
