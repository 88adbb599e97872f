import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { notFound } from './errors.ts';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a string can be a row id; anything else names nothing (not found, never invalid input). */
export function isUuid(value: string): boolean {
  return uuidShape.test(value);
}

/**
 * Loads one row by id or throws a not-found error naming the entity (and the body field it came from).
 * `forUpdate` locks the row for the rest of the transaction.
 */
export async function findOrNotFound<T extends PgTable & { id: PgColumn }>(
  db: Db,
  table: T,
  entity: string,
  id: string,
  options: { field?: string; forUpdate?: boolean } = {},
): Promise<T['$inferSelect']> {
  if (!isUuid(id)) throw notFound(entity, id, options.field);
  const query = db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound(entity, id, options.field);
  return row as T['$inferSelect'];
}
