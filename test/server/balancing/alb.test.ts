import { describe, expect, it } from 'vitest';
import { BalancingInputError, parseAlb } from '../../../server/balancing/index.ts';

const mertens = `<number of tasks>
7

<cycle time>
6

<order strength>
0.5238

<task times>
1 1
2 5
3 4
4 3
5 5
6 6
7 5

<precedence relations>
1,2
1,4
2,3
2,5
4,7
5,6

<end>
`;

function errorOf(text: string): BalancingInputError {
  try {
    parseAlb(text);
  } catch (err) {
    if (err instanceof BalancingInputError) return err;
    throw err;
  }
  throw new Error('expected a BalancingInputError');
}

describe('parseAlb', () => {
  it('reads tasks, times, arcs, cycle time and order strength', () => {
    const alb = parseAlb(mertens);
    expect(alb.cycleTime).toBe(6);
    expect(alb.orderStrength).toBeCloseTo(0.5238);
    expect(alb.tasks.map((t) => t.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(alb.tasks.map((t) => t.time)).toEqual([1, 5, 4, 3, 5, 6, 5]);
    expect(alb.tasks[5].predecessors).toEqual(['5']);
    expect(alb.tasks[0].predecessors).toEqual([]);
  });

  it('accepts CRLF line endings, no order strength and tasks listed out of order', () => {
    const text = '<number of tasks>\r\n2\r\n<cycle time>\r\n9\r\n<task times>\r\n2 4\r\n1 3\r\n<precedence relations>\r\n1,2\r\n<end>\r\n';
    const alb = parseAlb(text);
    expect(alb.orderStrength).toBeUndefined();
    expect(alb.tasks).toEqual([
      { id: '1', time: 3, predecessors: [] },
      { id: '2', time: 4, predecessors: ['1'] },
    ]);
  });

  it('names the line of each defect', () => {
    expect(errorOf(mertens.replace('<end>\n', '')).message).toMatch(/missing <end>/);
    expect(errorOf(mertens.replace('<order strength>', '<strength>')).message).toMatch(/line 7: unknown section <strength>/);
    expect(errorOf(mertens.replace('3 4', '3 -4')).message).toMatch(/time of task 3 "-4" is not a positive number/);
    expect(errorOf(mertens.replace('3 4', '3 x')).field).toBe('line 13');
    expect(errorOf(mertens.replace('5,6', '5,9')).message).toMatch(/task 9 is outside 1\.\.7/);
    expect(errorOf(mertens.replace('7 5', '6 5')).message).toMatch(/task 6 has two times/);
    expect(errorOf(mertens.replace('<number of tasks>\n7', '<number of tasks>\n8')).message).toMatch(/task 8 has no time/);
    expect(errorOf(mertens.replace('<number of tasks>\n7', '<number of tasks>\n10001')).message).toMatch(/more than 10,000 tasks/);
    expect(errorOf('<task times>\n1 1\n<end>\n').message).toMatch(/before <number of tasks>/);
  });
});
