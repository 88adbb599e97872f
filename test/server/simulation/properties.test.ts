/** Invariants of the simulator over random models (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateModel, type SimulationModelInput } from '../../../server/simulation/index.ts';
import { coreInput, finalTotals, runCore } from './lines.ts';

const mean = fc.double({ min: 0.2, max: 3, noNaN: true });
const distribution = fc.oneof(
  fc.record({ dist: fc.constantFrom('deterministic' as const, 'exponential' as const), mean }),
  fc.record({ dist: fc.constant('normal' as const), mean, sd: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ dist: fc.constant('lognormal' as const), mean, cv: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ dist: fc.constant('empirical' as const), samples: fc.array(mean, { minLength: 1, maxLength: 4 }) }),
);
const kw = fc.double({ min: 0, max: 50, noNaN: true });
const power = fc.record({ processing: kw, idle: kw, blocked: kw, down: kw, changeover: kw });

/** Random lines; `serial` keeps one machine per station and operation-dependent failures only. */
function lines(serial: boolean) {
  return fc.integer({ min: 1, max: 4 }).chain((k) =>
    fc.record({
      products: fc.constant([
        { name: 'A', share: 2 },
        { name: 'B', share: 1 },
      ]),
      machines: fc.tuple(
        ...Array.from({ length: k }, (_, i) =>
          fc.record(
            {
              name: fc.constant(`S${i}`),
              count: serial ? fc.constant(1) : fc.integer({ min: 1, max: 3 }),
              processTime: distribution,
              failure: fc.record({
                mtbf: fc.double({ min: 5, max: 200, noNaN: true }),
                mttr: fc.double({ min: 0.5, max: 20, noNaN: true }),
                basis: serial ? fc.constant('operating' as const) : fc.constantFrom('operating' as const, 'calendar' as const),
              }),
              changeover: fc.record({
                A: fc.record({ B: fc.double({ min: 0, max: 2, noNaN: true }) }),
                B: fc.record({ A: fc.double({ min: 0, max: 2, noNaN: true }) }),
              }),
              power,
            },
            { requiredKeys: ['name', 'count', 'processTime', 'power'] },
          ),
        ),
      ),
      buffers: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: k - 1, maxLength: k - 1 }),
      warmup: fc.constantFrom(0, 50, 'auto' as const),
      horizon: fc.integer({ min: 300, max: 1500 }),
      replications: fc.constant(2),
      seed: fc.integer({ min: 0, max: 1e9 }),
    }),
  ) as fc.Arbitrary<SimulationModelInput>;
}

describe('simulation invariants', () => {
  it('state fractions sum to one and energy equals time in each state × its power', async () => {
    await fc.assert(
      fc.asyncProperty(lines(false), async (model) => {
        const r = await simulateModel(model, { inline: true });
        let kw = 0;
        r.machines.forEach((m, s) => {
          const { processing = 0, idle = 0, blocked = 0, down = 0, changeover = 0 } = model.machines[s].power ?? {};
          expect(m.processing + m.starved + m.blocked + m.down + m.changeover).toBeCloseTo(1, 9);
          for (const x of [m.processing, m.starved, m.blocked, m.down, m.changeover]) expect(x).toBeGreaterThanOrEqual(-1e-12);
          kw += m.count * (processing * m.processing + idle * m.starved + blocked * m.blocked + down * m.down + changeover * m.changeover);
        });
        expect(r.energy!.averageKw.mean).toBeCloseTo(kw, 6);
        expect(r.throughput.mean).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });

  it('never loses throughput when a buffer grows (common random numbers, serial line)', () => {
    fc.assert(
      fc.property(lines(true), fc.nat(), fc.integer({ min: 1, max: 3 }), (model, at, extra) => {
        if (model.buffers.length === 0) return;
        const j = at % model.buffers.length;
        const wider = { ...model, buffers: model.buffers.map((b, i) => (i === j ? b + extra : b)) };
        for (const replication of [0, 1]) {
          const base = coreInput({ ...model, warmup: 0 }, replication);
          const more = coreInput({ ...wider, warmup: 0 }, replication);
          expect(finalTotals(more, runCore(more)).departures).toBeGreaterThanOrEqual(finalTotals(base, runCore(base)).departures);
        }
      }),
      { numRuns: 60 },
    );
  });
});
