import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../server/core/errors.ts';
import { csvItems, jsonItems } from '../../../server/orders/index.ts';
import { readCsv } from '../../../server/orders/csv.ts';
import { plannedOrderColumns, plannedOrderItem } from '../../../server/orders/orders.ts';
import { workOrderColumns, workOrderItem } from '../../../server/orders/workOrders.ts';

type Style = { sep: ',' | ';'; eol: string; bom: boolean; quoteAll: boolean };

/** RFC 4180 as an exporting system writes it: every cell quoted where it must be, or always. */
function csvOf(columns: string[], rows: (string | undefined)[][], style: Style) {
  const cell = (v: string | undefined) => {
    if (v === undefined) return '';
    return style.quoteAll || /[",;\r\n]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const records = [columns, ...rows].map((r) => r.map(cell).join(style.sep));
  return `${style.bom ? '\uFEFF' : ''}${records.join(style.eol)}${style.eol}`;
}

/** The line each data row of `csvOf` starts on (the header is line 1), a line break in a cell counted once, as an editor shows it. */
function startLines(columns: string[], rows: (string | undefined)[][]): number[] {
  const breaks = (v: string | undefined) => (v?.match(/\r\n|\r|\n/g) ?? []).length;
  const starts: number[] = [];
  let line = 2 + breaks(columns.join(''));
  for (const row of rows) {
    starts.push(line);
    line += 1 + row.reduce((n, v) => n + breaks(v), 0);
  }
  return starts;
}

const style = fc.record({
  sep: fc.constantFrom(',' as const, ';' as const),
  eol: fc.constantFrom('\r\n', '\n'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
});
// Texts as an ERP holds them: any characters, quotes, separators and line breaks more often than by chance.
const unit = fc.oneof(
  fc.constantFrom(',', ';', '"', '\n', '\r\n', '\r', ' ', "'", '='),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const text = (max: number) => fc.string({ unit, minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const parsedItems = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, items: { fields: unknown }[]) =>
  items.map((i) => {
    const parsed = schema.safeParse(i.fields);
    expect(parsed.success, JSON.stringify(i.fields)).toBe(true);
    return parsed.data;
  });

describe('CSV imports of plant plans', () => {
  it('reads any valid planned orders from CSV as the same items as from JSON', () => {
    const order = fc.record(
      { externalId: text(30), product: text(40), quantity: fc.integer({ min: 1, max: 1_000_000_000 }), due: instant, line: text(20) },
      { requiredKeys: ['externalId', 'product', 'quantity', 'due'] },
    );
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 8 }), style, (orders, s) => {
        const columns = ['externalId', 'product', 'quantity', 'due', 'line'];
        const cells = orders.map((o) =>
          columns.map((c) => (o[c as keyof typeof o] === undefined ? undefined : String(o[c as keyof typeof o]))),
        );
        const items = csvItems(csvOf(columns, cells, s), plannedOrderColumns);
        expect(parsedItems(plannedOrderItem, items)).toEqual(parsedItems(plannedOrderItem, jsonItems({ items: orders })));
        expect(items.map((i) => i.place)).toEqual(startLines(columns, cells).map((line) => `row ${line}`));
      }),
      { numRuns: 200 },
    );
  });

  it('reads any valid work orders from CSV as the same items as from JSON, decimal commas and any case of the header', () => {
    const workOrder = fc.record(
      {
        externalId: text(30),
        station: text(20),
        kind: fc.constantFrom('preventive', 'corrective', 'inspection'),
        plannedMinutes: fc.double({ min: 0.5, max: 43_200, noNaN: true }),
        earliestStart: instant,
        latestStart: instant,
        status: fc.constantFrom('planned', 'released', 'in_progress', 'done', 'cancelled'),
        actualStart: instant,
        failureRateFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
      },
      { requiredKeys: ['externalId', 'station', 'kind', 'plannedMinutes', 'earliestStart', 'latestStart'] },
    );
    fc.assert(
      fc.property(fc.array(workOrder, { minLength: 1, maxLength: 6 }), style, fc.boolean(), (orders, s, comma) => {
        const columns = Object.keys(workOrderItem.shape).filter((c) => c !== 'actualEnd');
        const written = (key: string, v: unknown) =>
          v === undefined ? undefined : typeof v === 'number' && comma && s.sep === ';' ? String(v).replace('.', ',') : String(v);
        const csv = csvOf(
          columns.map((c) => c.toUpperCase()),
          orders.map((o) => columns.map((c) => written(c, o[c as keyof typeof o]))),
          s,
        );
        expect(parsedItems(workOrderItem, csvItems(csv, workOrderColumns))).toEqual(
          parsedItems(workOrderItem, jsonItems({ items: orders })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads any text either as a table or refuses it as unreadable, naming where', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (garbage) => {
        try {
          readCsv(garbage, 100);
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidInputError);
          expect((err as InvalidInputError).errors?.[0].path).toMatch(/^(row \d+|body)$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('numbers each row by the line it starts on, skipping blank lines, and refuses a row with too many cells', () => {
    const table = readCsv('\uFEFFa;b\r\n1;2\r\n\r\n"x\r\ny";3\r\n4;5;6\r\n7\r\n', 10);
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { row: 2, cells: { a: '1', b: '2' } },
      { row: 4, cells: { a: 'x\r\ny', b: '3' } },
      { row: 6, cells: {}, problem: expect.stringContaining('3 cells, but the header has 2 columns') },
      { row: 7, cells: { a: '7' } },
    ]);
  });

  it('refuses a file without a header, with a column twice or without a required column, naming row 1', () => {
    const refusal = (text: string) => {
      try {
        csvItems(text, plannedOrderColumns);
      } catch (err) {
        return (err as InvalidInputError).errors?.[0];
      }
      throw new Error('not refused');
    };
    expect(refusal('')).toEqual({ path: 'row 1', message: expect.stringContaining('empty') });
    expect(refusal('externalId,ExternalID\n')).toEqual({ path: 'row 1', message: 'the column ExternalID appears twice' });
    expect(refusal('externalId,product,due\nA,B,2026-12-01T00:00:00Z\n')).toEqual({
      path: 'row 1',
      message: 'the header needs the columns externalId, product, quantity, due (missing quantity)',
    });
    expect(refusal('externalId,product,quantity,due\n"A,B,1,x\n')).toMatchObject({ path: 'row 2' });
    expect(refusal(`externalId,product,quantity,due\n${'A,B,1,2026-12-01T00:00:00Z\n'.repeat(20_001)}`)).toMatchObject({ path: 'body' });
  });

  it('keeps unknown columns as fields, to be ignored and counted, and reads database-style instants', () => {
    const [item] = csvItems('externalId;product;quantity;due;customer\nPO-1;GB6;350;2026-12-03 22:00:00+01:00;Acme\n', plannedOrderColumns);
    expect(item).toEqual({
      place: 'row 2',
      fields: { externalId: 'PO-1', product: 'GB6', quantity: 350, due: '2026-12-03T22:00:00+01:00', customer: 'Acme' },
    });
  });
});
