/**
 * Opens the database: PostgreSQL through `postgres` when a URL is given, otherwise PGlite
 * (embedded PostgreSQL in WebAssembly) persisted in a data folder or kept in memory.
 * Both speak the same SQL; the schema and queries are shared.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The drizzle handle every domain function takes first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseOptions = { url: string } | { dataDir: string } | { memory: true };

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// PGlite's shared buffers live in its WebAssembly heap; initdb's default (128 MB) is most of an
// idle server's memory, and 32 MB holds a plant's governance data many times over.
const pgliteOptions = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] };

/** Opens a database and applies pending migrations before returning it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) {
    // A database that is down answers within seconds (503), not after the driver's default 30 s.
    const client = postgres(options.url, { max: 10, connect_timeout: 5, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
    await withMigrationLock(client, () => migratePostgres(db, { migrationsFolder }));
    return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  let client: PGlite;
  if ('dataDir' in options) {
    mkdirSync(options.dataDir, { recursive: true });
    client = new PGlite(options.dataDir, pgliteOptions);
    try {
      await client.waitReady;
    } catch (err) {
      throw damaged(options.dataDir, err);
    }
  } else {
    client = new PGlite(pgliteOptions);
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/** The embedded database folder cannot be opened: what happened, where the copy is, what to do. */
export class DamagedDataError extends Error {
  constructor(
    readonly dataDir: string,
    readonly copy: string | null,
    cause: unknown,
  ) {
    super(
      [
        `The embedded database in ${dataDir} cannot be opened; it was probably damaged by an unclean exit (killed, power lost, disk full).`,
        copy
          ? `A copy of the folder as it is now was kept in ${copy}.`
          : 'No copy could be made of it: keep the folder before you change anything.',
        'What to do: restore the folder from your latest backup, or move it away and start again (an empty folder is created and,',
        'with SEED=demo, the demo is seeded anew). For data that must survive crashes, run on PostgreSQL (DATABASE_URL).',
        `The database said: ${cause instanceof Error ? cause.message : String(cause)}`,
      ].join('\n'),
    );
    this.name = 'DamagedDataError';
  }
}

// Before anyone tries to repair a damaged folder, keep it as it was.
function damaged(dataDir: string, cause: unknown): DamagedDataError {
  const copy = `${dataDir.replace(/\/+$/, '')}.damaged-${new Date().toISOString().replaceAll(':', '-')}`;
  try {
    cpSync(dataDir, copy, { recursive: true });
    return new DamagedDataError(dataDir, copy, cause);
  } catch {
    return new DamagedDataError(dataDir, null, cause);
  }
}

// Two instances starting together must not both apply a migration: hold a session-level
// advisory lock on a reserved connection while the pool migrates.
async function withMigrationLock(client: postgres.Sql, run: () => Promise<void>): Promise<void> {
  const lockKey = 0x7477_6d67; // "twmg"
  const reserved = await client.reserve();
  try {
    await reserved`select pg_advisory_lock(${lockKey})`;
    await run();
  } finally {
    await reserved`select pg_advisory_unlock(${lockKey})`;
    reserved.release();
  }
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** An instant as a parameter of raw SQL on either driver (postgres-js does not serialise a Date there). */
export const sqlInstant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;

/** Ids as uuid parameters of raw SQL, comma-separated: for `in (…)` or `unnest(array[…])`. */
export const sqlUuids = (ids: readonly string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The rows of a raw query on either driver: postgres-js answers an array, PGlite `{ rows }`. */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : ((result as unknown as { rows: T[] }).rows ?? []);
}

/** The latest applied migration, by the tag drizzle-kit gave it (e.g. `0000_foundation`). */
export async function migrationVersion(db: Db): Promise<{ applied: number; latest: string | null }> {
  const list = await executeRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
  );
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const last = list.at(-1);
  const entry = last ? journal.entries.find((e) => e.when === Number(last.created_at)) : undefined;
  return { applied: list.length, latest: entry?.tag ?? null };
}
