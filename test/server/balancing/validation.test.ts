import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BalancingInputError,
  BalancingNoSolutionError,
  solveBalancing,
  type BalancingProblemInput,
} from '../../../server/balancing/index.ts';

const line = (extra: Partial<BalancingProblemInput> = {}): BalancingProblemInput => ({
  tasks: [
    { id: 'A', time: 4, predecessors: [] },
    { id: 'B', time: 3, predecessors: ['A'] },
    { id: 'C', time: 5, predecessors: ['A'] },
    { id: 'D', time: 2, predecessors: ['B', 'C'] },
  ],
  cycleTime: 7,
  ...extra,
});

function inputError(input: unknown): BalancingInputError {
  try {
    solveBalancing(input);
  } catch (err) {
    if (err instanceof BalancingInputError) return err;
    throw err;
  }
  throw new Error('expected a BalancingInputError');
}

describe('balancing input errors name the problem', () => {
  it('a cycle in the precedence graph, with the tasks on it', () => {
    const tasks = [
      { id: 'A', time: 1, predecessors: ['C'] },
      { id: 'B', time: 1, predecessors: ['A'] },
      { id: 'C', time: 1, predecessors: ['B'] },
      { id: 'D', time: 1, predecessors: [] },
    ];
    const err = inputError({ tasks, cycleTime: 5 });
    expect(err.message).toMatch(/precedence cycle: "A" → "B" → "C" → "A"|"B" → "C" → "A" → "B"|"C" → "A" → "B" → "C"/);
    expect(err.field).toMatch(/^tasks\.\d\.predecessors$/);
    expect(inputError({ tasks: [{ id: 'X', time: 1, predecessors: ['X'] }], cycleTime: 2 }).message).toMatch(/"X" → "X"/);
  });

  it('a task longer than the cycle time (or the takt-derived one)', () => {
    const err = inputError(line({ cycleTime: 4.5 }));
    expect(err.field).toBe('tasks.2.time');
    expect(err.message).toMatch(/task "C" takes 5, longer than the cycle time 4.5/);
    const takt = inputError(line({ cycleTime: undefined, demand: 100, availableTime: 500, utilisation: 0.9 }));
    expect(takt.message).toMatch(/longer than the cycle time 4\.5 \(takt 5 × utilisation 0\.9\)/);
  });

  it('unknown and duplicate task ids', () => {
    const unknown = line();
    unknown.tasks[3] = { id: 'D', time: 2, predecessors: ['B', 'Z'] };
    expect(inputError(unknown)).toMatchObject({
      field: 'tasks.3.predecessors.1',
      message: expect.stringMatching(/unknown predecessor "Z"/),
    });
    const twice = line();
    twice.tasks[2] = { id: 'B', time: 5, predecessors: ['A'] };
    expect(inputError(twice)).toMatchObject({ field: 'tasks.2.id', message: expect.stringMatching(/"B" is listed twice/) });
    const zoning = inputError(line({ constraints: { mustNotShare: [['A', 'Q']] } }));
    expect(zoning).toMatchObject({ field: 'constraints.mustNotShare.0.1', message: expect.stringMatching(/unknown task "Q"/) });
  });

  it('times that are not positive, not finite, or too fine', () => {
    for (const time of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const bad = line();
      bad.tasks[1] = { id: 'B', time, predecessors: ['A'] };
      expect(inputError(bad).field).toBe('tasks.1.time');
    }
    const fine = line();
    fine.tasks[1] = { id: 'B', time: 3.0001, predecessors: ['A'] };
    expect(inputError(fine)).toMatchObject({ field: 'tasks.1.time', message: expect.stringMatching(/more than 3 decimal places/) });
  });

  it('more than 10,000 tasks, or none', () => {
    const tasks = Array.from({ length: 10_001 }, (_, i) => ({ id: `t${i}`, time: 1, predecessors: [] }));
    expect(inputError({ tasks, cycleTime: 5 })).toMatchObject({ field: 'tasks', message: expect.stringMatching(/more than 10,000 tasks/) });
    expect(inputError({ tasks: [], cycleTime: 5 }).field).toBe('tasks');
  });

  it('a missing or doubled target', () => {
    expect(inputError({ tasks: line().tasks }).message).toMatch(/exactly one of cycleTime, stations/);
    expect(inputError(line({ stations: 3 })).message).toMatch(/exactly one of cycleTime, stations/);
    expect(inputError(line({ cycleTime: undefined, demand: 10 })).field).toBe('availableTime');
    expect(inputError(line({ utilisation: 0.9 })).field).toBe('utilisation');
    expect(inputError(line({ cycleTime: undefined, stations: 2, maxStations: 3 })).field).toBe('maxStations');
  });

  it('a must-share pair joined by a path through a task forbidden to share', () => {
    const err = inputError(line({ constraints: { mustShare: [['A', 'D']], mustNotShare: [['B', 'D']] } }));
    expect(err.field).toBe('constraints.mustNotShare.0');
    expect(err.message).toMatch(/"B" and "D" must not share a station, but they are in one group/);
  });

  it('a must-share group longer than the cycle time', () => {
    const err = inputError(line({ constraints: { mustShare: [['B', 'C']] } }));
    expect(err.field).toBe('constraints.mustShare.0');
    expect(err.message).toMatch(/tasks "B", "C" must share a station but take 8 together/);
  });

  it('fixed stations that contradict precedence, each other or the station cap', () => {
    const order = inputError(
      line({
        constraints: {
          fixed: [
            { task: 'A', station: 3 },
            { task: 'D', station: 2 },
          ],
        },
      }),
    );
    expect(order.message).toMatch(/task "D" is fixed to station 2, but its predecessor "A" is fixed to station 3/);
    const group = inputError(
      line({
        constraints: {
          mustShare: [['B', 'D']],
          fixed: [
            { task: 'B', station: 1 },
            { task: 'D', station: 2 },
          ],
        },
      }),
    );
    expect(group.message).toMatch(/"B" \(station 1\) and "D" \(station 2\) are fixed to different stations/);
    const twice = inputError(
      line({
        constraints: {
          fixed: [
            { task: 'B', station: 1 },
            { task: 'B', station: 2 },
          ],
        },
      }),
    );
    expect(twice.message).toMatch(/task "B" is fixed to stations 1 and 2/);
    const cap = inputError(line({ maxStations: 2, constraints: { fixed: [{ task: 'D', station: 3 }] } }));
    expect(cap.message).toMatch(/fixed to station 3, but maxStations is 2/);
  });

  it('blames the zoning, not maxStations, when no station count could meet it', () => {
    const fixed = {
      fixed: [
        { task: 'A', station: 1 },
        { task: 'C', station: 1 },
      ],
    }; // 4 + 5 > 7
    for (const maxStations of [undefined, 3, 20]) {
      try {
        solveBalancing(line({ maxStations, constraints: fixed }));
        throw new Error('expected no solution');
      } catch (err) {
        expect(err).toBeInstanceOf(BalancingNoSolutionError);
        expect(err).toMatchObject({ reason: 'infeasible', field: 'constraints', message: expect.stringMatching(/fixed stations/) });
      }
    }
  });

  it('no balance within maxStations is a no-solution error with the bound', () => {
    try {
      solveBalancing(line({ maxStations: 1 }));
      throw new Error('expected a BalancingNoSolutionError');
    } catch (err) {
      expect(err).toBeInstanceOf(BalancingNoSolutionError);
      expect(err).toMatchObject({ reason: 'infeasible', field: 'maxStations', message: expect.stringMatching(/at least 2 are needed/) });
    }
  });

  it('zoning that no station count can satisfy is a no-solution error', () => {
    const tasks = [
      { id: 'A', time: 1, predecessors: [] },
      { id: 'B', time: 1, predecessors: [] },
    ];
    const constraints = {
      fixed: [
        { task: 'A', station: 1 },
        { task: 'B', station: 1 },
      ],
      mustNotShare: [['A', 'B']] as [string, string][],
    };
    expect(() => solveBalancing({ tasks, cycleTime: 5, constraints })).toThrow(BalancingNoSolutionError);
  });
});

describe('validated targets always reach the core in range', () => {
  it('answers any target with a balance, an input error or no solution, never a core rejection', () => {
    const size = fc.oneof(fc.double({ min: 1e-12, max: 1e300, noNaN: true }), fc.integer({ min: 1, max: 2 ** 40 }));
    const target = fc.oneof(
      fc.record({ cycleTime: size }),
      fc.record({ stations: fc.integer({ min: 1, max: 2 ** 40 }) }),
      fc.record({ cycleTime: size, maxStations: fc.integer({ min: 1, max: 2 ** 40 }) }),
      fc.record({ demand: size, availableTime: size, utilisation: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(target, (t) => {
        try {
          solveBalancing({ ...line(), cycleTime: undefined, ...t, timeLimitMs: 200 });
        } catch (err) {
          expect(err instanceof BalancingInputError || err instanceof BalancingNoSolutionError).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
