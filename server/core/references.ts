import { eq, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.ts';
import type { Dependent } from './lifecycle.ts';

/**
 * The rows that keep a row from being deleted, read from the schema itself: every foreign key
 * to a table's `id` that neither cascades nor sets null. A delete names its dependents in words
 * (deleteUnlessUsed); these are the net under that list, so that a reference added later is
 * refused by name rather than by the database's bare foreign-key error.
 */
interface Reference {
  table: PgTable;
  column: Parameters<typeof eq>[0];
  /** How a refusal names the referring rows: 'decision runs'. */
  words: string;
}

let byTable: Map<PgTable, Reference[]> | undefined;

function references(): Map<PgTable, Reference[]> {
  if (byTable) return byTable;
  byTable = new Map();
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const config = getTableConfig(table);
    for (const fk of config.foreignKeys) {
      if (fk.onDelete === 'cascade' || fk.onDelete === 'set null' || fk.onDelete === 'set default') continue;
      const ref = fk.reference();
      if (ref.columns.length !== 1 || ref.foreignColumns[0]?.name !== 'id') continue;
      const list = byTable.get(ref.foreignTable) ?? [];
      list.push({ table, column: ref.columns[0], words: config.name.replaceAll('_', ' ') });
      byTable.set(ref.foreignTable, list);
    }
  }
  return byTable;
}

/** The rows of other tables that refer to this row and would keep it from being deleted. */
export function referencesTo(table: PgTable, id: string): Dependent[] {
  return (references().get(table) ?? []).map((r) => ({
    what: `records in ${r.words}`,
    count: (db) => db.$count(r.table, eq(r.column, id)),
  }));
}
