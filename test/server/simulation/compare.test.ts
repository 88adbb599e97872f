import { afterAll, describe, expect, it } from 'vitest';
import {
  closeSimulationPool,
  compareScenarios,
  SimulationInputError,
  type SimulationModelInput,
} from '../../../server/simulation/index.ts';

afterAll(closeSimulationPool);

const line = (buffers: number[], paintCount = 1): SimulationModelInput => ({
  machines: [
    { name: 'Press', processTime: { dist: 'exponential', mean: 1 }, failure: { mtbf: 60, mttr: 6 }, power: { processing: 30, idle: 5 } },
    { name: 'Paint', count: paintCount, processTime: { dist: 'exponential', mean: 1.3 * paintCount }, power: { processing: 40, idle: 10 } },
    { name: 'Pack', processTime: { dist: 'exponential', mean: 0.9 }, power: { processing: 10, idle: 2 } },
  ],
  buffers,
  warmup: 500,
  horizon: 20_000,
  replications: 8,
  seed: 4,
});

describe('compareScenarios', () => {
  it('pairs replications on common random numbers', async () => {
    const c = await compareScenarios(
      {
        baseline: { name: 'now', model: line([1, 1]) },
        variants: [
          { name: 'same', model: line([1, 1]) },
          { name: 'bigger buffers', model: line([6, 6]) },
        ],
      },
      { inline: true },
    );
    // An identical variant sees identical draws: the difference is exactly zero.
    const same = c.variants[0].difference.throughput;
    expect(same.mean).toBe(0);
    expect(same.ciHalfWidth).toBe(0);
    // Bigger buffers raise throughput, and pairing makes the interval narrower than independent runs would.
    const bigger = c.variants[1];
    expect(bigger.raisesThroughput).toBe(true);
    const independent = Math.hypot(bigger.result.throughput.ciHalfWidth, c.baseline.result.throughput.ciHalfWidth);
    expect(bigger.difference.throughput.ciHalfWidth).toBeLessThan(independent / 2);
    expect(c.seed).toBe(4);
  });

  it('refuses a variant in another time unit than the baseline, whose throughput per unit would not compare', async () => {
    const inSeconds = { ...line([1, 1]), timeUnit: 's' as const };
    const refused = await compareScenarios({
      baseline: { name: 'now', model: line([1, 1]) },
      variants: [{ name: 'calibrated', model: inSeconds }],
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(SimulationInputError);
    expect(refused.issues).toEqual([{ path: 'variants.0.model.timeUnit', message: "must be the baseline's time unit ('min'), not 's'" }]);
  });

  it('flags a variant whose peak demand exceeds the site limit while it lifts throughput', async () => {
    const c = await compareScenarios({
      baseline: { name: 'now', model: line([2, 2]) },
      variants: [
        { name: 'second painter', model: line([2, 2], 2) },
        { name: 'buffers', model: line([3, 3]) },
      ],
      peakLimitKw: 85,
      replications: 4,
    });
    const [painter, buffers] = c.variants;
    expect(painter.difference.throughput.mean).toBeGreaterThan(0);
    // Two painters at 40 kW plus press and pack can draw up to 120 kW in a window.
    expect(painter.result.energy!.peakKw!.mean).toBeGreaterThan(85);
    expect(painter.peakLimitExceeded).toBe(true);
    // The flag and the share read the replications' peaks, the highest of which the result reports.
    const peaks = painter.result.energy!.peakKw!;
    expect(peaks.max).toBeGreaterThan(85);
    expect(painter.shareOverPeakLimit).toBeGreaterThan(0);
    expect(painter.shareOverPeakLimit).toBeLessThanOrEqual(1);
    expect(buffers.shareOverPeakLimit).toBe(0);
    expect(painter.warnings[0]).toMatch(new RegExp(`up to ${peaks.max.toFixed(1)} kW`));
    // A limit between the mean and the highest peak is still exceeded (same seeds, same draws).
    expect(peaks.max).toBeGreaterThan(peaks.mean);
    const between = await compareScenarios({
      baseline: { name: 'now', model: line([2, 2]) },
      variants: [{ name: 'second painter', model: line([2, 2], 2) }],
      peakLimitKw: (peaks.mean + peaks.max) / 2,
      replications: 4,
    });
    expect(between.variants[0].peakLimitExceeded).toBe(true);
    expect(between.variants[0].shareOverPeakLimit).toBeLessThan(1);
    expect(painter.warnings[0]).toMatch(/exceeds the site limit of 85 kW/);
    expect(buffers.result.energy!.peakKw!.mean).toBeLessThanOrEqual(80);
    expect(buffers.peakLimitExceeded).toBe(false);
    expect(painter.difference.peakKw!.mean).toBeGreaterThan(0);
    expect(c.baseline.result.replications).toBe(4);
  });

  it('refuses a variant whose own seed or replications would be ignored', async () => {
    const run = compareScenarios({
      baseline: { name: 'now', model: line([1, 1]) },
      variants: [{ name: 'other draws', model: { ...line([6, 6]), seed: 99, replications: 20 } }],
    });
    await expect(run).rejects.toMatchObject({
      issues: [
        { path: 'variants.0.model.seed', message: expect.stringMatching(/baseline's seed \(4\) for common random numbers/) },
        { path: 'variants.0.model.replications', message: expect.stringMatching(/baseline's replications \(8\)/) },
      ],
    });
  });

  it('names the invalid field inside the scenario that has it', async () => {
    const run = compareScenarios(
      { baseline: { name: 'now', model: line([1, 1]) }, variants: [{ name: 'broken', model: line([1]) }] },
      { inline: true },
    );
    await expect(run).rejects.toBeInstanceOf(SimulationInputError);
    await expect(run).rejects.toMatchObject({ field: 'variants.0.model.buffers' });
  });
});
