/**
 * The items of an import, as they came: from a JSON body `{ "items": [...] }` or from a CSV file
 * whose columns are named as the JSON fields. Either way each item keeps where it sits in the
 * request (`body.items.3`, `row 5`) so that a refusal names the row and the field.
 */
import { InvalidInputError } from '../core/errors.ts';
import { readCsv } from './csv.ts';

/** At most this many rows in one import (a year of a line's orders fits many times). */
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportItem {
  /** Where it sits in the request: `body.items.3` (JSON, from 0) or `row 5` (CSV, the header is row 1). */
  place: string;
  /** Its fields, unchecked. */
  fields: unknown;
  /** Why a CSV row cannot be read at all, when it cannot. */
  problem?: string;
}

/** How the CSV form of an import reads its columns. */
export interface CsvColumns {
  /** Every field an item has, as JSON spells it; the CSV header may write them in any case. */
  fields: readonly string[];
  /** The columns the header must have. */
  required: readonly string[];
  /** Columns holding numbers (a decimal comma is read as a point). */
  numbers: readonly string[];
  /** Columns holding instants (`2026-12-03 14:00:00+01:00`, as databases export them, is read with a T). */
  instants: readonly string[];
}

const refused = (path: string, message: string) => new InvalidInputError(`invalid ${path}: ${message}`, [{ path, message }]);

/** The items of a JSON body `{ "items": [...] }`; any other key of the body is refused. */
export function jsonItems(body: unknown): ImportItem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refused('body', 'expected an object { "items": [...] }');
  const unknown = Object.keys(body).filter((key) => key !== 'items');
  if (unknown.length) {
    throw new InvalidInputError(
      `unknown field${unknown.length > 1 ? 's' : ''} in the request body: ${unknown.map((k) => `body.${k}`).join(', ')}`,
      unknown.map((key) => ({ path: `body.${key}`, message: 'unknown field' })),
    );
  }
  const { items } = body as { items?: unknown };
  if (!Array.isArray(items)) throw refused('body.items', 'expected an array of items');
  if (items.length > MAX_IMPORT_ROWS) throw refused('body.items', `at most ${MAX_IMPORT_ROWS} items per import, not ${items.length}`);
  return items.map((fields, i) => ({ place: `body.items.${i}`, fields }));
}

const decimal = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const spacedInstant = /^(\d{4}-\d{2}-\d{2}) (\d)/;

/** A cell as the field takes it: numbers as numbers where they are written as one; everything else as its text. */
function cellValue(columns: CsvColumns, field: string, text: string): unknown {
  if (columns.numbers.includes(field) && decimal.test(text)) return Number(text.replace(',', '.'));
  if (columns.instants.includes(field)) return text.replace(spacedInstant, '$1T$2');
  return text;
}

/**
 * The items of a CSV file: a header row naming the columns (the field names, in any case; other
 * columns are kept as unknown fields, which the import ignores and counts), then one row per item.
 */
export function csvItems(text: string, columns: CsvColumns): ImportItem[] {
  const table = readCsv(text, MAX_IMPORT_ROWS);
  const byLowerCase = new Map(columns.fields.map((f) => [f.toLowerCase(), f]));
  const names = new Map(table.columns.map((name) => [name, byLowerCase.get(name.toLowerCase()) ?? name]));
  const missing = columns.required.filter((field) => ![...names.values()].includes(field));
  if (missing.length) {
    throw refused('row 1', `the header needs the columns ${columns.required.join(', ')} (missing ${missing.join(', ')})`);
  }
  return table.rows.map(({ row, cells, problem }) => {
    const fields: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(cells)) {
      const field = names.get(name) ?? name;
      fields[field] = cellValue(columns, field, text);
    }
    return { place: `row ${row}`, fields, ...(problem ? { problem } : {}) };
  });
}
