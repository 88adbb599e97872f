import type { Context } from 'hono';

/** One cell: text, a number, an instant (written as ISO 8601 UTC), a yes/no, or empty. */
export type CsvCell = string | number | boolean | Date | null | undefined;

export interface CsvTable {
  /** The file's name without extension, e.g. `inbox-2026-12-04`. */
  name: string;
  columns: string[];
  rows: CsvCell[][];
}

// A text a spreadsheet would run as a formula (=, +, -, @, or a tab or CR first) is prefixed with
// an apostrophe, so an exported escalation note cannot execute in the controller's Excel.
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell == null) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: comma-separated, CRLF line ends, quoted where needed, behind a UTF-8 byte-order mark. */
export function csvText(table: Pick<CsvTable, 'columns' | 'rows'>): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(cellText).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** True when the request asks for the CSV form of the page's table (`?format=csv`). */
export function wantsCsv(c: Context): boolean {
  return c.req.query('format') === 'csv';
}

/** The table as a downloaded CSV file. */
export function csvResponse(c: Context, table: CsvTable): Response {
  const filename = table.name.replace(/[^\w.-]+/g, '-');
  return c.body(csvText(table), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}.csv"`,
    'cache-control': 'no-store',
  });
}

/** The link to the CSV form of the current page, its filters kept. */
export function csvHref(c: Context): string {
  const url = new URL(c.req.url);
  url.searchParams.set('format', 'csv');
  return `${url.pathname}?${url.searchParams.toString()}`;
}
