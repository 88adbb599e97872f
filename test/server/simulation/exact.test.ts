/**
 * The simulator against closed forms. Each check uses a fixed seed (so it is deterministic) and
 * a 99.9 % t interval over the replications as the tolerance: with about twenty such checks, a
 * change of random draws (a refactored core) still passes them all with probability ≈ 98 %.
 * Each also asserts that the 95 % interval is narrow (relative half-width below 1 %, or a
 * quarter of the gap to the nearest wrong answer), so a wide interval cannot make it pass.
 */
import { describe, expect, it } from 'vitest';
import { estimate } from '../../../server/simulation/intervals.ts';
import { parseSimulationModel, type SimulationModelInput } from '../../../server/simulation/model.ts';
import { planRun } from '../../../server/simulation/plan.ts';
import type { ReplicationSummary } from '../../../server/simulation/replication.ts';
import { runJobs } from '../../../server/simulation/dispatch.ts';
import { tQuantile } from '../../../server/simulation/tdist.ts';
import { exponentialLine } from './lines.ts';

async function replications(model: SimulationModelInput): Promise<ReplicationSummary[]> {
  const plan = planRun(parseSimulationModel(model));
  const n = parseSimulationModel(model).replications;
  return runJobs(
    Array.from({ length: n }, (_, r) => ({ plan, replication: r })),
    { inline: true },
  );
}

/** Asserts `exact` lies in the 99.9 % interval of `values` and returns the 95 % estimate. */
function expectCovered(values: number[], exact: number) {
  const e = estimate(values);
  const wide = (tQuantile(0.9995, e.n - 1) * e.stdDev) / Math.sqrt(e.n);
  expect(Math.abs(e.mean - exact), `mean ${e.mean} vs exact ${exact} (99.9 % half-width ${wide})`).toBeLessThanOrEqual(wide);
  return e;
}

/** Two exponential machines (rates μ1, μ2), buffer B, blocking after service: an M/M/1/(B+2) chain. */
function tandem(mu1: number, mu2: number, b: number) {
  // State n = parts past M1 (in the buffer, on M2, or finished on a blocked M1): n = 0 … B+2,
  // births μ1 (M1 finishes) for n ≤ B+1, deaths μ2 (M2 finishes) for n ≥ 1, so π_n ∝ (μ1/μ2)^n.
  const weights = Array.from({ length: b + 3 }, (_, n) => (mu1 / mu2) ** n);
  const total = weights.reduce((a, w) => a + w, 0);
  const pi = weights.map((w) => w / total);
  return { throughput: mu2 * (1 - pi[0]), m2Starved: pi[0], m1Blocked: pi[b + 2] };
}

describe('exact results', () => {
  type Machine = SimulationModelInput['machines'][number];
  it.each<[string, Machine['processTime'], number, NonNullable<Machine['failure']> & { mtbf: number; mttr: number }]>([
    ['exponential processing, exponential repairs', { dist: 'exponential', mean: 1 }, 1, { mtbf: 50, mttr: 5 }],
    // Truncation at zero raises the mean of N(2, 0.5²) by σ·φ(4)/Φ(4).
    [
      'normal processing, lognormal repairs',
      { dist: 'normal', mean: 2, sd: 0.5 },
      2 + (0.5 * Math.exp(-8)) / Math.sqrt(2 * Math.PI) / 0.99996832875816688,
      { mtbf: 40, mttr: 8, repair: 'lognormal', repairCv: 0.5 },
    ],
    [
      'empirical processing, calendar-time failures',
      { dist: 'empirical', samples: [1, 1.5, 2] },
      1.5,
      { mtbf: 30, mttr: 3, basis: 'calendar' },
    ],
  ])('a single machine with failures makes 1/(E[T]·(1 + MTTR/MTBF)): %s', async (_, processTime, meanTime, failure) => {
    const runs = await replications({
      machines: [{ name: 'M', processTime, failure }],
      buffers: [],
      warmup: 100,
      horizon: 40_000,
      replications: 20,
      seed: 11,
    });
    const exact = 1 / (meanTime * (1 + failure.mttr / failure.mtbf));
    const e = expectCovered(
      runs.map((r) => r.throughput),
      exact,
    );
    expect(e.ciHalfWidth / e.mean).toBeLessThan(0.01);
    expectCovered(
      runs.map((r) => r.states[0][3]),
      failure.mttr / (failure.mtbf + failure.mttr),
    );
  });

  it.each([
    [1, 1 / 1.2, 0],
    [1, 1 / 1.2, 2],
    [1, 1, 1],
    [1 / 1.3, 1, 3],
  ])('two exponential machines (μ1 %s, μ2 %s, buffer %s) match the CTMC', async (mu1, mu2, b) => {
    const runs = await replications(exponentialLine([1 / mu1, 1 / mu2], [b], { warmup: 200, horizon: 100_000, replications: 10, seed: 5 }));
    const exact = tandem(mu1, mu2, b);
    const e = expectCovered(
      runs.map((r) => r.throughput),
      exact.throughput,
    );
    // The interval separates this buffer size from its neighbours, so it cannot pass by width.
    const gap = Math.min(...[b - 1, b + 1].filter((x) => x >= 0).map((x) => Math.abs(tandem(mu1, mu2, x).throughput - exact.throughput)));
    expect(e.ciHalfWidth).toBeLessThan(gap / 4);
    expectCovered(
      runs.map((r) => r.states[1][1]),
      exact.m2Starved,
    );
    expectCovered(
      runs.map((r) => r.states[0][2]),
      exact.m1Blocked,
    );
  });

  it('approaches the slowest station as buffers grow, monotonically under common random numbers', async () => {
    const slowest = 1 / 1.25;
    const byBuffer: ReplicationSummary[][] = [];
    for (const b of [0, 2, 8, 32]) {
      byBuffer.push(await replications(exponentialLine([1, 1.25, 0.8], [b, b], { warmup: 0, horizon: 20_000, replications: 8, seed: 3 })));
    }
    // With the same draws per station and part, departures can only rise with buffer space.
    for (let i = 1; i < byBuffer.length; i++) {
      byBuffer[i].forEach((run, r) => expect(run.departures).toBeGreaterThanOrEqual(byBuffer[i - 1][r].departures));
    }
    const largest = estimate(byBuffer[3].map((r) => r.throughput));
    expect(largest.ciLow).toBeLessThan(slowest);
    expect(largest.mean).toBeGreaterThan(0.99 * slowest);
    expect(estimate(byBuffer[0].map((r) => r.throughput)).ciHigh).toBeLessThan(0.9 * slowest);
  });

  it("satisfies Little's law: time-average WIP = throughput × mean lead time", async () => {
    const runs = await replications({
      ...exponentialLine([1, 1.1, 0.9], [4, 2], { warmup: 500, horizon: 50_000, replications: 5, seed: 9 }),
      machines: [
        { name: 'A', processTime: { dist: 'exponential', mean: 1 }, failure: { mtbf: 80, mttr: 8 } },
        { name: 'B', count: 2, processTime: { dist: 'lognormal', mean: 2.2, cv: 0.7 } },
        { name: 'C', processTime: { dist: 'normal', mean: 0.9, sd: 0.3 }, failure: { mtbf: 200, mttr: 10, basis: 'calendar' } },
      ],
    });
    // Over a finite window the two sides differ only by the parts in the line at its ends:
    // at most the line's capacity (10 places) times their ages, taken here as up to 10 mean lead
    // times. An accounting error (a part entering or leaving at the wrong moment) would be O(1).
    const capacity = 1 + 2 + 1 + 4 + 2;
    for (const r of runs) {
      const lead = r.leadTime ?? Number.NaN;
      expect(Math.abs(r.wip - r.throughput * lead)).toBeLessThanOrEqual((capacity * 10 * lead) / (50_000 - r.warmup));
      expect(Math.abs(r.wip - r.throughput * lead) / r.wip).toBeLessThan(0.005);
    }
  });
});
