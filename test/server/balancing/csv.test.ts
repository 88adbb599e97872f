import { describe, expect, it } from 'vitest';
import { BalancingInputError, parseCsv } from '../../../server/balancing/index.ts';

function errorOf(text: string): BalancingInputError {
  try {
    parseCsv(text);
  } catch (err) {
    if (err instanceof BalancingInputError) return err;
    throw err;
  }
  throw new Error('expected a BalancingInputError');
}

describe('parseCsv', () => {
  it('reads a mixed-model file: a time:<model> column per model, a blank cell being 0', () => {
    const text = 'task,predecessors,time:A,time:B\nt1,,12,15\nt2,t1,20,\nt3,"t1; t2",6.5,3\n';
    expect(parseCsv(text)).toEqual({
      modelIds: ['A', 'B'],
      tasks: [
        { id: 't1', times: { A: 12, B: 15 }, predecessors: [] },
        { id: 't2', times: { A: 20, B: 0 }, predecessors: ['t1'] },
        { id: 't3', times: { A: 6.5, B: 3 }, predecessors: ['t1', 't2'] },
      ],
    });
    expect(errorOf('task,predecessors,time,time:A\n').message).toMatch(/either one time column or a time:<model> column per model/);
    expect(errorOf('task,predecessors,time:A,time:A\n').message).toMatch(/model A has two time columns/);
    expect(errorOf('task,predecessors,time:\n').message).toMatch(/needs the model after the colon/);
    expect(errorOf('task,predecessors,time:A\nt1,,-3\n').message).toMatch(/line 2: time of task t1 for model A "-3" is not a number ≥ 0/);
  });

  it('reads string ids, decimal times and predecessors split by spaces or semicolons', () => {
    const text =
      'Task,Time,Predecessors,Note\nweld-1,12.5,,first\nweld-2,8,weld-1,\npaint,20,"weld-1; weld-2",\ncheck,3,weld-2 paint,"ok, done"\n';
    expect(parseCsv(text).tasks).toEqual([
      { id: 'weld-1', time: 12.5, predecessors: [] },
      { id: 'weld-2', time: 8, predecessors: ['weld-1'] },
      { id: 'paint', time: 20, predecessors: ['weld-1', 'weld-2'] },
      { id: 'check', time: 3, predecessors: ['weld-2', 'paint'] },
    ]);
  });

  it('takes the columns in any order and skips blank lines', () => {
    const text = '\npredecessors,time,task\n\n,4,A\nA,2,B\n';
    expect(parseCsv(text).tasks.map((t) => [t.id, t.time, t.predecessors])).toEqual([
      ['A', 4, []],
      ['B', 2, ['A']],
    ]);
  });

  it('names the line of each defect', () => {
    expect(errorOf('task,duration,predecessors\nA,1,\n').message).toMatch(
      /line 1: the header needs columns task, time \(or time:<model> per model\), predecessors \(missing time\)/,
    );
    expect(errorOf('task,time,predecessors\nA,0,\n').message).toMatch(/line 2: time of task A "0" is not a positive number/);
    expect(errorOf('task,time,predecessors\nA,,\n').field).toBe('line 2');
    expect(errorOf('task,time,predecessors\n,3,\n').message).toMatch(/empty task id/);
    expect(errorOf('task,time,predecessors\n"A,3,\n').message).toMatch(/unclosed quote/);
    expect(errorOf('task,time,predecessors\n').message).toMatch(/no tasks/);
    expect(errorOf('').message).toMatch(/empty file/);
  });
});
