import { describe, expect, it } from 'vitest';
import { simulateModel, SimulationInputError, SimulationLimitError, type SimulationModelInput } from '../../../server/simulation/index.ts';
import { replicationsToAdd } from '../../../server/simulation/simulate.ts';
import { exponentialLine } from './lines.ts';

const withoutTiming = <T extends { elapsedMs: number }>(r: T) => ({ ...r, elapsedMs: 0 });

const poweredLine: SimulationModelInput = {
  timeUnit: 'min',
  machines: [
    {
      name: 'Press',
      processTime: { dist: 'exponential', mean: 1 },
      failure: { mtbf: 90, mttr: 9 },
      power: { processing: 30, idle: 5, blocked: 8, down: 2 },
    },
    { name: 'Paint', processTime: { dist: 'lognormal', mean: 1.15, cv: 0.4 }, power: { processing: 45, idle: 10, blocked: 10 } },
  ],
  buffers: [4],
  warmup: 600,
  horizon: 30_000,
  replications: 6,
  seed: 2,
};

describe('simulateModel', () => {
  it('returns the same result for the same model and seed, another for another seed', async () => {
    const a = await simulateModel(poweredLine, { inline: true });
    const b = await simulateModel(poweredLine, { inline: true });
    expect(withoutTiming(b)).toEqual(withoutTiming(a));
    const c = await simulateModel({ ...poweredLine, seed: 3 }, { inline: true });
    expect(c.throughput.mean).not.toBe(a.throughput.mean);
  });

  it('reports state fractions that sum to one, and energy consistent with them', async () => {
    const r = await simulateModel(poweredLine, { inline: true });
    for (const m of r.machines) expect(m.processing + m.starved + m.blocked + m.down + m.changeover).toBeCloseTo(1, 12);
    const e = r.energy!;
    // Average kW is the power of each state weighted by the time in it (identical in means).
    const [press, paint] = r.machines;
    const expectedKw =
      30 * press.processing +
      5 * press.starved +
      8 * press.blocked +
      2 * press.down +
      45 * paint.processing +
      10 * paint.starved +
      10 * paint.blocked;
    expect(e.averageKw.mean).toBeCloseTo(expectedKw, 9);
    // kWh = average kW × measured hours (the warm-up is fixed, so every replication measures as long).
    expect(e.kwh.mean).toBeCloseTo((e.averageKw.mean * (30_000 - 600)) / 60, 6);
    expect(e.peakKw!.mean).toBeLessThanOrEqual(75 + 1e-9);
    expect(e.peakKw!.mean).toBeGreaterThan(e.averageKw.mean);
    expect(e.kwhPerPart!.mean).toBeCloseTo(e.kwh.mean / (r.throughput.mean * (30_000 - 600)), 2);
  });

  it('draws the processing power all the time on a machine that never waits', async () => {
    const r = await simulateModel(
      {
        machines: [{ name: 'M', processTime: { dist: 'deterministic', mean: 2 }, power: { processing: 11, idle: 99 } }],
        buffers: [],
        warmup: 0,
        horizon: 6000,
        timeUnit: 's',
        energy: { peakIntervalMinutes: 5 },
      },
      { inline: true },
    );
    expect(r.energy!.averageKw.mean).toBeCloseTo(11, 9);
    expect(r.energy!.peakKw!.max).toBeCloseTo(11, 9);
    // 6000 s at 11 kW = 18.33 kWh for 3000 parts.
    expect(r.energy!.kwh.mean).toBeCloseTo((11 * 6000) / 3600, 9);
    expect(r.energy!.kwhPerPart!.mean).toBeCloseTo((11 * 6000) / 3600 / 3000, 12);
  });

  it('detects the warm-up of a line that starts empty with MSER-5', async () => {
    // Large buffers in front of a slower station fill slowly from empty.
    const r = await simulateModel(exponentialLine([1, 1.05], [60], { warmup: 'auto', horizon: 40_000, replications: 4, seed: 8 }), {
      inline: true,
    });
    expect(r.warmup.mode).toBe('mser5');
    expect(r.warmup.mean).toBeGreaterThan(0);
    expect(r.warmup.max).toBeLessThanOrEqual(20_000);
    for (const p of r.perReplication) expect(p.warmup % (40_000 / 500)).toBeCloseTo(0, 6);
  });

  it('adds replications until the requested precision is reached', async () => {
    const model = exponentialLine([1, 1.2], [2], {
      horizon: 2000,
      replications: 3,
      precision: { relativeHalfWidth: 0.01, maxReplications: 60 },
    });
    const r = await simulateModel(model, { inline: true });
    expect(r.replications).toBeGreaterThan(3);
    expect(r.precision!.reached).toBe(true);
    expect(r.throughput.ciHalfWidth / r.throughput.mean).toBeLessThanOrEqual(0.01);
    // The first three replications are the ones a run without the target makes.
    const plain = await simulateModel({ ...model, precision: undefined }, { inline: true });
    expect(r.perReplication.slice(0, 3)).toEqual(plain.perReplication);
  });

  it('stops adding replications at the cap when the target is out of reach', async () => {
    const r = await simulateModel(
      exponentialLine([1], [], { horizon: 200, replications: 2, precision: { relativeHalfWidth: 0.0001, maxReplications: 7 } }),
      { inline: true },
    );
    expect(r.replications).toBe(7);
    expect(r.precision!.reached).toBe(false);
  });

  it('sizes the next batch of replications from the 1/√n law', () => {
    expect(replicationsToAdd(10, 0.02, 0.01, 100)).toBe(30);
    expect(replicationsToAdd(10, 0.02, 0.01, 25)).toBe(15);
    expect(replicationsToAdd(10, 0.0101, 0.01, 100)).toBe(1);
  });

  it('reports progress up to every replication done, and can be cancelled', async () => {
    const seen: number[] = [];
    await simulateModel(exponentialLine([1], [], { replications: 3 }), { inline: true, onProgress: (p) => seen.push(p.fraction) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    const controller = new AbortController();
    const run = simulateModel(exponentialLine([1], [], { replications: 3 }), {
      inline: true,
      signal: controller.signal,
      onProgress: (p) => p.fraction > 0.1 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a run that would take hours, naming the horizon', async () => {
    const run = simulateModel(exponentialLine([0.01], [], { horizon: 1e11 }), { inline: true });
    await expect(run).rejects.toBeInstanceOf(SimulationInputError);
    await expect(run).rejects.toMatchObject({ field: 'horizon' });
  });

  it('stops a replication at its event cap', async () => {
    const run = simulateModel(exponentialLine([1], [], { horizon: 10_000, limits: { maxEventsPerReplication: 500 } }), { inline: true });
    await expect(run).rejects.toBeInstanceOf(SimulationLimitError);
  });

  it('refuses energy windows too fine for the horizon', async () => {
    const model = {
      ...exponentialLine([1], [], { timeUnit: 'h' as const, horizon: 400_000 }),
      machines: [{ name: 'M', processTime: { dist: 'exponential' as const, mean: 100 }, power: { processing: 1 } }],
    };
    await expect(simulateModel(model, { inline: true })).rejects.toMatchObject({ field: 'energy.peakIntervalMinutes' });
  });
});
