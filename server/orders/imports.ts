/**
 * One import of a line's plan, the same for planned orders and work orders: every item is checked
 * first and any bad one refuses the whole import (400, each bad row with its field); then the rows
 * are stored by their `externalId` — new ones created, changed ones replaced, equal ones left as
 * they are — the line's data sources of the import's kind get a heartbeat, and the line's audit
 * trail records what changed, all in the caller's transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from '@hono/zod-openapi';
import { lines } from '../../db/schema/index.ts';
import { InvalidInputError, type FieldError } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { recordHeartbeat } from '../dataSources/index.ts';
import { lineDataSources, type LineHeading } from '../metrics/lineSources.ts';
import type { ImportItem } from './items.ts';

type KeyedTable = PgTable & { lineId: PgColumn; externalId: PgColumn };
type Row = Record<string, unknown> & { externalId: string };

/** A field at fault in one item, named within the item (`quantity`). */
export interface ItemProblem {
  field: string;
  message: string;
}

/** What one kind of import knows: its fields, how an item becomes a row, where rows are kept. */
export interface ImportKind<V, R extends Row> {
  /** What one item is, for the refusal: `planned order`. */
  entity: string;
  table: KeyedTable;
  /** The item's fields (unknown ones are ignored and counted); `fields` are its keys. */
  schema: z.ZodType<V>;
  fields: readonly string[];
  /** The columns an import sets: a row equal to the stored one in all of them is unchanged. */
  replaced: readonly (keyof R & string)[];
  /** The line's data sources that deliver this kind: the import is their data arriving. */
  sourceKind: 'erp' | 'maintenance';
  /** The line's audit action. */
  action: string;
  /** Reads what the checks need (the line's stations) and gives the check of one item: its problems, or its row. */
  prepare(line: LineHeading, w: Write): Promise<(value: V) => ItemProblem[] | R>;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Fields the import does not know, with the number of items that carried each: ignored. */
  ignoredFields: Record<string, number>;
  /** The data sources whose freshness the import refreshed. */
  refreshed: { id: string; name: string }[];
}

// Errors listed in one refusal; the detail counts all the items refused.
const MAX_ERRORS = 100;
const CHUNK = 500;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** Checks every item: the rows to store, or the errors of the items refused. */
function checkItems<V, R extends Row>(kind: ImportKind<V, R>, check: (value: V) => ItemProblem[] | R, items: ImportItem[]) {
  const known = new Set(kind.fields);
  const ignoredFields: Record<string, number> = {};
  const errors: FieldError[] = [];
  const rows: R[] = [];
  const firstPlace = new Map<string, string>();
  let refusedItems = 0;
  for (const { place, fields, problem } of items) {
    const at = (p: ItemProblem): FieldError => ({ path: p.field ? `${place}.${p.field}` : place, message: p.message });
    let problems: FieldError[];
    if (problem || !isObject(fields)) problems = [{ path: place, message: problem ?? 'expected an object' }];
    else {
      for (const key of Object.keys(fields)) if (!known.has(key)) ignoredFields[key] = (ignoredFields[key] ?? 0) + 1;
      const parsed = kind.schema.safeParse(fields);
      const checked = parsed.success
        ? check(parsed.data)
        : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      if (Array.isArray(checked)) problems = checked.map(at);
      else {
        const first = firstPlace.get(checked.externalId);
        problems = first ? [at({ field: 'externalId', message: `the same externalId as ${first}` })] : [];
        firstPlace.set(checked.externalId, firstPlace.get(checked.externalId) ?? place);
        if (!problems.length) rows.push(checked);
      }
    }
    if (problems.length) refusedItems++;
    errors.push(...problems.slice(0, MAX_ERRORS - errors.length));
  }
  return { rows, errors, refusedItems, ignoredFields };
}

/** The stored rows of the line with these external ids, by external id. */
async function storedRows(w: Write, table: KeyedTable, lineId: string, externalIds: string[]): Promise<Map<string, Row>> {
  const stored = new Map<string, Row>();
  for (let i = 0; i < externalIds.length; i += CHUNK) {
    const found = (await w.tx
      .select()
      .from(table as PgTable)
      .where(and(eq(table.lineId, lineId), inArray(table.externalId, externalIds.slice(i, i + CHUNK))))) as Row[];
    for (const row of found) stored.set(row.externalId, row);
  }
  return stored;
}

/** Inserts the rows, replacing the stored row of the same line and external id (the upsert key). */
async function upsert(w: Write, table: KeyedTable, replaced: readonly string[], lineId: string, rows: Row[]): Promise<Row[]> {
  const set = Object.fromEntries([...replaced, 'updatedAt'].map((key) => [key, sql.raw(`excluded."${toSnakeCase(key)}"`)]));
  const written: Row[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((row) => ({ ...row, lineId, createdAt: w.now, updatedAt: w.now }));
    const stored = await w.tx
      .insert(table)
      .values(values as never)
      .onConflictDoUpdate({ target: [table.lineId, table.externalId], set })
      .returning();
    written.push(...(stored as Row[]));
  }
  return written;
}

/** Imports a line's items of one kind, all or nothing; the caller must see the line. */
export async function runImport<V, R extends Row>(
  w: Write,
  lineId: string,
  kind: ImportKind<V, R>,
  items: ImportItem[],
): Promise<ImportResult> {
  const { line, sources } = await lineDataSources(w.tx, w.actor, lineId, w.now);
  // One import of a line at a time, so that the rows it compares are the rows it replaces.
  await findOrNotFound(w.tx, lines, 'line', lineId, { forUpdate: true });
  const { rows, errors, refusedItems, ignoredFields } = checkItems(kind, await kind.prepare(line, w), items);
  if (errors.length) {
    const shown = errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`);
    throw new InvalidInputError(
      `${refusedItems} of ${items.length} ${kind.entity}s cannot be imported, so none was: ${shown.join('; ')}${errors.length > 5 ? '; …' : ''}`,
      errors,
      { refusedItems },
    );
  }
  const stored = await storedRows(
    w,
    kind.table,
    lineId,
    rows.map((r) => r.externalId),
  );
  const changed = rows.filter((row) => {
    const before = stored.get(row.externalId);
    return !before || !kind.replaced.every((key) => sameValue(before[key], row[key]));
  });
  const written = await upsert(w, kind.table, kind.replaced, lineId, changed);
  const refreshed: ImportResult['refreshed'] = [];
  for (const source of sources.filter((s) => s.kind === kind.sourceKind)) {
    await recordHeartbeat(w, source.id, {});
    refreshed.push({ id: source.id, name: source.name });
  }
  const replaced = changed.flatMap((row) => stored.get(row.externalId) ?? []);
  const result = { created: changed.length - replaced.length, updated: replaced.length, unchanged: rows.length - changed.length };
  await audit(w, {
    entityType: 'line',
    entityId: lineId,
    action: kind.action,
    ...(replaced.length ? { before: replaced } : {}),
    after: { ...result, rows: written, ignoredFields, refreshed },
  });
  return { ...result, ignoredFields, refreshed };
}
