import { afterAll, describe, expect, it } from 'vitest';
import { closeSimulationPool, simulateModel } from '../../../server/simulation/index.ts';
import { exponentialLine } from './lines.ts';

afterAll(closeSimulationPool);

describe('the worker pool', () => {
  const model = exponentialLine([1, 1.3, 0.9], [2, 2], { horizon: 20_000, replications: 4, seed: 21 });

  it('runs replications on worker threads with the same result as in-thread, and reports progress', async () => {
    const progress: { done: number; replication: number; time: number }[] = [];
    const pooled = await simulateModel(model, {
      onProgress: (p) => progress.push({ done: p.replicationsDone, replication: p.replication, time: p.simulatedTime }),
    });
    const inline = await simulateModel(model, { inline: true });
    expect({ ...pooled, elapsedMs: 0 }).toEqual({ ...inline, elapsedMs: 0 });
    // Each replication reports its simulated time chunk by chunk, then counts as done.
    for (let r = 0; r < 4; r++) {
      const times = progress.filter((p) => p.replication === r).map((p) => p.time);
      expect(times.length).toBeGreaterThan(10);
      expect(times.at(-1)).toBe(20_000);
    }
    expect(progress.at(-1)?.done).toBe(4);
  });

  it('cancels a running simulation', async () => {
    const controller = new AbortController();
    const run = simulateModel(
      { ...model, horizon: 5_000_000, replications: 6 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // The pool keeps working after a cancellation.
    const again = await simulateModel({ ...model, replications: 2 });
    expect(again.replications).toBe(2);
  });
});
