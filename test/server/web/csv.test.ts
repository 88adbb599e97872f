import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../../server/web/csv.ts';

/** An RFC 4180 reader, as a spreadsheet reads the file. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('csvText', () => {
  it('starts with a byte-order mark, ends lines with CRLF and writes instants in ISO 8601', () => {
    const text = csvText({ columns: ['at', 'n', 'ok'], rows: [[new Date('2026-12-04T18:00:00Z'), 1.5, true]] });
    expect(text).toBe('\uFEFFat,n,ok\r\n2026-12-04T18:00:00.000Z,1.5,true\r\n');
  });

  it('gives every text cell back as written, quotes and line breaks included, and defuses formulas', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (cells) => {
        const width = cells[0].length;
        const rows = cells.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const read = readCsv(csvText({ columns: rows[0].map((_, i) => `c${i}`), rows }).slice(1));
        expect(read.slice(1)).toEqual(rows.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
      }),
    );
  });
});
