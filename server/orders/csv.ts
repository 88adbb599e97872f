/**
 * The CSV files plants export from their ERP and CMMS (RFC 4180, by `csv-parse`): UTF-8 with or
 * without a byte-order mark, a header row naming the columns, comma- or semicolon-separated
 * (whichever the header row uses, as spreadsheets in German or Czech settings write it),
 * double-quoted cells where they hold the separator, a quote or a line break.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidInputError } from '../core/errors.ts';

/** One data row: its number in the file (the line it starts on; the header is row 1) and its non-empty cells by column. */
export interface CsvRow {
  row: number;
  cells: Record<string, string>;
  /** Why the row's cells cannot be told apart, when they cannot. */
  problem?: string;
}

export interface CsvTable {
  /** The header's column names, as written. */
  columns: string[];
  rows: CsvRow[];
}

/** Refused before any row is looked at: the file cannot be read as a table. */
function unreadable(place: string, message: string): InvalidInputError {
  return new InvalidInputError(`invalid file: ${place}: ${message}`, [{ path: place, message }]);
}

/** The separator the header row uses: a semicolon when it has more of them than commas. */
function separatorOf(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0];
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads a CSV file into its header and rows, each cell trimmed; blank lines are skipped and empty
 * cells left out. A row with more cells than the header has columns is refused, since a separator
 * inside an unquoted cell would otherwise shift the values into the wrong columns: it comes with
 * its `problem`, to be refused with the file's other bad rows.
 */
export function readCsv(text: string, maxRows: number): CsvTable {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: separatorOf(text),
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    throw unreadable(line ? `row ${line}` : 'body', err.message.replace(/^[^:]*: /, ''));
  }
  if (!records.length) throw unreadable('row 1', 'the file is empty: the first row names the columns');
  const columns = records[0].record;
  const seen = new Set<string>();
  for (const name of columns) {
    if (name === '') throw unreadable('row 1', 'a column of the header has no name');
    if (seen.has(name.toLowerCase())) throw unreadable('row 1', `the column ${name} appears twice`);
    seen.add(name.toLowerCase());
  }
  if (records.length - 1 > maxRows) throw unreadable('body', `at most ${maxRows} rows per import, not ${records.length - 1}`);
  const rows: CsvRow[] = [];
  // `lines` counts where a record ends, but a CRLF inside a quoted cell twice: take those back out.
  const overcount: number[] = [];
  for (let k = 0, sum = 0; k < records.length; k++) {
    sum += records[k].record.reduce((n, cell) => n + cell.split('\r\n').length - 1, 0);
    overcount.push(sum);
  }
  const endLine = (k: number) => records[k].info.lines - overcount[k];
  for (let k = 1; k < records.length; k++) {
    const { record, info } = records[k];
    // A record begins after the previous one and the blank lines between.
    const row = endLine(k - 1) + 1 + (info.empty_lines - records[k - 1].info.empty_lines);
    if (record.length > columns.length) {
      const problem = `${record.length} cells, but the header has ${columns.length} columns (quote a cell that holds the separator)`;
      rows.push({ row, cells: {}, problem });
      continue;
    }
    const cells: Record<string, string> = {};
    record.forEach((cell, i) => {
      if (cell !== '') cells[columns[i]] = cell;
    });
    rows.push({ row, cells });
  }
  return { columns, rows };
}
