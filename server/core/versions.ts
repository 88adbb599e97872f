import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { PreconditionFailedError } from './errors.ts';
import { findOrNotFound } from './lookup.ts';
import type { Write } from './write.ts';

/**
 * Optimistic concurrency: each change of an entity made through the API counts its `version` up
 * by one in the same UPDATE, and a change may name the version it was made from. Machine-made
 * updates (a heartbeat, a token's last use) are not edits and leave the version alone, so they
 * never make a person's change fail.
 */

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };
type EditedTable = VersionedTable & { updatedAt: PgColumn };

/** The SET value of an edit: one more than the stored version. */
export function nextVersion(table: VersionedTable): SQL {
  return sql`${table.version} + 1`;
}

/**
 * Locks the row for the rest of the transaction and refuses (412) when the caller named the
 * versions it changes from (`If-Match`) and the stored one is not among them: someone else changed
 * the entity since it was read. Without a version, the last writer wins.
 */
export async function expectVersion(w: Write, table: VersionedTable, entity: string, id: string, expected: number[] | undefined) {
  const row = (await findOrNotFound(w.tx, table, entity, id, { forUpdate: true })) as { version: number };
  if (expected && !expected.includes(row.version)) {
    throw new PreconditionFailedError(
      `the ${entity} was changed by someone else since you read it (it is at version ${row.version}); read it again and redo your change`,
      undefined,
      { currentVersion: row.version },
    );
  }
}

/** Counts a change made to what belongs to an entity (a list of it) as a change of the entity. */
export async function countChange(w: Write, table: EditedTable, id: string): Promise<void> {
  await w.tx
    .update(table as EditedTable)
    .set({ version: nextVersion(table), updatedAt: w.now } as never)
    .where(eq(table.id, id));
}
