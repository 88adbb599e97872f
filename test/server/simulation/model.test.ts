import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimulationModel, SimulationInputError, simulationModel } from '../../../server/simulation/index.ts';

const minimal = {
  machines: [{ name: 'M1', processTime: { dist: 'exponential', mean: 1.0 }, failure: { mtbf: 100, mttr: 10 } }],
  buffers: [],
  warmup: 1000,
  horizon: 100000,
  replications: 10,
  seed: 1,
};

function fieldOf(input: unknown): string {
  try {
    parseSimulationModel(input);
  } catch (err) {
    if (err instanceof SimulationInputError) return err.field;
    throw err;
  }
  throw new Error('the model was accepted');
}

const distribution = fc.oneof(
  fc.record({ dist: fc.constantFrom('deterministic', 'exponential'), mean: fc.double({ min: 0.01, max: 100, noNaN: true }) }),
  fc.record({
    dist: fc.constant('normal'),
    mean: fc.double({ min: 0.01, max: 100, noNaN: true }),
    sd: fc.double({ min: 0, max: 50, noNaN: true }),
  }),
  fc.record({
    dist: fc.constant('lognormal'),
    mean: fc.double({ min: 0.01, max: 100, noNaN: true }),
    cv: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
  fc.record({
    dist: fc.constant('empirical'),
    samples: fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 5 }),
  }),
);

const validModel = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.record({
    machines: fc.tuple(
      ...Array.from({ length: k }, (_, i) =>
        fc.record(
          {
            name: fc.constant(`S${i}`),
            count: fc.integer({ min: 1, max: 4 }),
            processTime: distribution,
            failure: fc.record({
              mtbf: fc.double({ min: 1, max: 1e4, noNaN: true }),
              mttr: fc.double({ min: 0.1, max: 100, noNaN: true }),
              basis: fc.constantFrom('operating', 'calendar'),
            }),
          },
          { requiredKeys: ['name', 'processTime'] },
        ),
      ),
    ),
    buffers: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: k - 1, maxLength: k - 1 }),
    horizon: fc.double({ min: 10, max: 1e6, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 40 }),
  }),
);

describe('simulation model validation', () => {
  it('accepts the minimal form and fills in the defaults', () => {
    const m = parseSimulationModel(minimal);
    expect(m.timeUnit).toBe('min');
    expect(m.machines[0]).toMatchObject({ count: 1, failure: { basis: 'operating', repair: 'exponential' } });
  });

  it('names the offending field', () => {
    expect(fieldOf({ ...minimal, buffers: [3] })).toBe('buffers');
    expect(fieldOf({ ...minimal, horizon: -1 })).toBe('horizon');
    expect(fieldOf({ ...minimal, warmup: 100000 })).toBe('warmup');
    expect(fieldOf({ ...minimal, machines: [{ ...minimal.machines[0], processTime: { dist: 'weibull', mean: 1 } }] })).toBe(
      'machines.0.processTime.dist',
    );
    expect(fieldOf({ ...minimal, machines: [{ ...minimal.machines[0], processTime: { dist: 'exponential', mean: -2 } }] })).toBe(
      'machines.0.processTime.mean',
    );
    expect(fieldOf({ ...minimal, machines: [{ ...minimal.machines[0], failure: { mtbf: 10, mttr: 0 } }] })).toBe('machines.0.failure.mttr');
    expect(fieldOf({ ...minimal, machines: [{ ...minimal.machines[0], failure: { mtbf: 10, mttr: 1, mtfb: 3 } }] })).toBe(
      'machines.0.failure.mtfb',
    );
    expect(fieldOf({ ...minimal, machines: [{ name: 'M1', processTime: { dist: 'empirical', samples: [0, 0] } }] })).toBe(
      'machines.0.processTime.samples',
    );
    expect(
      fieldOf({
        ...minimal,
        products: [{ name: 'A' }, { name: 'B' }],
        machines: [{ name: 'M1', processTime: { A: { dist: 'exponential', mean: 1 } } }],
      }),
    ).toBe('machines.0.processTime.B');
    expect(fieldOf({ ...minimal, products: [{ name: 'A' }], sequence: ['A', 'C'] })).toBe('sequence.1');
    expect(fieldOf({ ...minimal, precision: { relativeHalfWidth: 0.01, maxReplications: 5 } })).toBe('precision.maxReplications');
    expect(fieldOf({ ...minimal, machines: [minimal.machines[0], minimal.machines[0]], buffers: [1] })).toBe('machines.1.name');
  });

  it('accepts every well-formed model', () => {
    fc.assert(
      fc.property(validModel, (model) => {
        const parsed = parseSimulationModel(model);
        expect(parsed.machines).toHaveLength(model.machines.length);
        expect(simulationModel.safeParse(model).success).toBe(true);
      }),
    );
  });

  it('rejects negative times, a wrong number of buffers and unknown distributions wherever they appear', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('negative' as const), at: fc.nat(), value: fc.double({ max: 0, noNaN: true }) }),
      fc.record({ kind: fc.constant('buffers' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('dist' as const), at: fc.nat(), value: fc.constantFrom('weibull', 'gamma', '', 'Exponential') }),
    );
    fc.assert(
      fc.property(validModel, mutation, (model, m) => {
        const i = m.at % model.machines.length;
        const broken = structuredClone(model) as { machines: Record<string, unknown>[]; buffers: number[] };
        let expected: string;
        if (m.kind === 'negative') {
          broken.machines[i].processTime = { dist: 'exponential', mean: m.value };
          expected = `machines.${i}.processTime.mean`;
        } else if (m.kind === 'buffers') {
          broken.buffers = [...broken.buffers, ...Array.from({ length: m.value }, () => 1)];
          expected = 'buffers';
        } else {
          broken.machines[i].processTime = { dist: m.value, mean: 1 };
          expected = `machines.${i}.processTime.dist`;
        }
        expect(fieldOf(broken)).toBe(expected);
      }),
    );
  });
});
