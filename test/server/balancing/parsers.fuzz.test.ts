import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlb } from '../../../server/balancing/alb.ts';
import { parseCsv } from '../../../server/balancing/csv.ts';
import { BalancingInputError } from '../../../server/balancing/errors.ts';

/**
 * The file parsers take whatever a planner uploads: any text, and a valid file with a line
 * changed, comes back parsed or refused with a BalancingInputError that names the line, never
 * another exception.
 */
const alb = `<number of tasks>\n4\n\n<cycle time>\n10\n\n<task times>\n1 3\n2 4\n3 2\n4 5\n\n<precedence relations>\n1,2\n1,3\n2,4\n3,4\n\n<end>\n`;
const csv = 'task,time,predecessors\nA,4,\nB,3,A\nC,5,A\nD,2,B;C\n';

function parsedOrNamed(parse: (text: string) => unknown, text: string): void {
  try {
    parse(text);
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(BalancingInputError);
    expect((err as BalancingInputError).field).toBeTruthy();
  }
}

/** A valid file with one line replaced by arbitrary text. */
const mutated = (file: string) =>
  fc
    .tuple(
      fc.nat(),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom('', ',', ';', '<end>', '-1', '1e400', 'NaN'),
      ),
    )
    .map(([i, line]) => {
      const lines = file.split('\n');
      lines[i % lines.length] = line;
      return lines.join('\n');
    });

describe('the .alb and CSV parsers under arbitrary input', () => {
  it('parse or name the line, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        parsedOrNamed(parseAlb, text);
        parsedOrNamed(parseCsv, text);
      }),
      { numRuns: 500 },
    );
  });

  it('parse or name the line, for a valid file with one line changed', () => {
    fc.assert(
      fc.property(mutated(alb), (text) => parsedOrNamed(parseAlb, text)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(mutated(csv), (text) => parsedOrNamed(parseCsv, text)),
      { numRuns: 500 },
    );
  });
});
