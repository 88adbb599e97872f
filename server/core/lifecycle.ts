import { eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { ruleViolation } from './errors.ts';
import { findOrNotFound } from './lookup.ts';
import { nextVersion } from './versions.ts';
import { audit, type AuditEntityType, type Write } from './write.ts';
import { referencesTo } from './references.ts';

/**
 * The lifecycle every entity shares: it is archived where history must stay (an archived row
 * takes no new work and no new references, and can be restored), and deleted only while
 * nothing depends on it. Both are audited with what the row was.
 */

type ArchivableTable = PgTable & { id: PgColumn; archivedAt: PgColumn; updatedAt: PgColumn; version: PgColumn };
type Row = { id: string; archivedAt: Date | null };

/** Which rows a list shows: archived ones are left out unless asked for. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

/** The condition for an archived filter on a table's `archivedAt` column. */
export function archivedWhere(column: PgColumn, filter: ArchivedFilter = 'exclude'): SQL | undefined {
  return filter === 'exclude' ? isNull(column) : filter === 'only' ? isNotNull(column) : undefined;
}

/** Refuses work on an archived row; `field` names the request field that referred to it. */
export function refuseArchived(row: { archivedAt: Date | null }, what: string, field?: string): void {
  if (row.archivedAt) {
    throw ruleViolation(
      `${what} is archived (since ${row.archivedAt.toISOString()}); restore it first`,
      { archivedAt: row.archivedAt.toISOString() },
      field ? [{ path: field, message: 'archived' }] : undefined,
    );
  }
}

/** Loads a row that new work may use: 404 when it does not exist, 409 when it is archived. */
export async function findActive<T extends ArchivableTable>(
  db: Db,
  table: T,
  entity: string,
  id: string,
  options: { field?: string; forUpdate?: boolean } = {},
): Promise<T['$inferSelect']> {
  const row = (await findOrNotFound(db, table, entity, id, options)) as Row & { name?: string };
  refuseArchived(row, row.name ? `${entity} '${row.name}'` : `the ${entity}`, options.field);
  return row as T['$inferSelect'];
}

export interface LifecycleTarget<T extends PgTable> {
  table: T;
  entityType: AuditEntityType;
  /** How messages name it: 'kpi', 'data source'. */
  entity: string;
}

/**
 * Archives (or restores) a row; doing it twice changes nothing and writes no second audit entry.
 * `blockers` are what must be handed over before it may be archived (409 naming each and its count).
 */
export async function setArchived<T extends ArchivableTable>(
  w: Write,
  target: LifecycleTarget<T>,
  id: string,
  archived: boolean,
  blockers: { dependents: Dependent[]; instead: string } = { dependents: [], instead: '' },
) {
  const before = (await findOrNotFound(w.tx, target.table, target.entity, id, { forUpdate: true })) as Row;
  if (Boolean(before.archivedAt) === archived) return before as T['$inferSelect'];
  if (archived) await refuseWhileUsed(w.tx, `the ${target.entity} cannot be archived`, blockers.dependents, blockers.instead);
  const [after] = await w.tx
    .update(target.table as ArchivableTable)
    .set({ archivedAt: archived ? w.now : null, version: nextVersion(target.table), updatedAt: w.now } as never)
    .where(eq(target.table.id, id))
    .returning();
  await audit(w, { entityType: target.entityType, entityId: id, action: archived ? 'archive' : 'restore', before, after });
  return after as T['$inferSelect'];
}

/** Something that may still depend on a row: what it is called, and how many there are. */
export interface Dependent {
  what: string;
  count: (db: Db) => Promise<number>;
}

/** Counts the rows of a table that match a condition: the usual dependent. */
export function rowsOf(what: string, table: PgTable, where: SQL | undefined): Dependent {
  return { what, count: (db) => db.$count(table, where) };
}

/**
 * Deletes a row when nothing depends on it, else refuses with 409 naming each dependent and
 * its count, and what to do instead. The row is locked first, so a dependent cannot appear
 * between the count and the delete (adding one locks or references the same row).
 */
export async function deleteUnlessUsed<T extends PgTable & { id: PgColumn }>(
  w: Write,
  target: LifecycleTarget<T>,
  id: string,
  dependents: Dependent[],
  instead: string,
  check?: (row: T['$inferSelect']) => void,
): Promise<void> {
  const before = await findOrNotFound(w.tx, target.table, target.entity, id, { forUpdate: true });
  check?.(before);
  const refusal = `the ${target.entity} cannot be deleted`;
  await refuseWhileUsed(w.tx, refusal, dependents, instead);
  // What the list above does not name, the schema's foreign keys still do.
  await refuseWhileUsed(w.tx, refusal, referencesTo(target.table, id), instead);
  await w.tx.delete(target.table).where(eq(target.table.id, id));
  await audit(w, { entityType: target.entityType, entityId: id, action: 'delete', before });
}

/** Refuses (409) while any dependent exists, naming each with its count; `details.dependents` counts them. */
async function refuseWhileUsed(db: Db, refusal: string, dependents: Dependent[], instead: string): Promise<void> {
  const used: Record<string, number> = {};
  for (const d of dependents) {
    const n = await d.count(db);
    if (n > 0) used[d.what] = n;
  }
  const names = Object.entries(used).map(([what, n]) => `${n} ${what}`);
  if (names.length)
    throw ruleViolation(`${refusal} while it has ${names.join(', ')}${instead ? `; ${instead}` : ''}`, { dependents: used });
}
