/** The worker pool that runs replications off the request thread, one per core. */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { WorkerPool } from '../threads/pool.ts';
import { abortError } from './errors.ts';
import type { RunPlan } from './plan.ts';
import type { ReplicationSummary } from './replication.ts';
import type { ChunkMessage, ReplicationTask } from './worker.ts';

/** The shared pool, its threads started on first use, one per core. */
const pool = new WorkerPool<ReplicationTask, ReplicationSummary>(import.meta.url, './worker', availableParallelism());

/** Threads the pool runs at most. */
export function poolSize(): number {
  return availableParallelism();
}

/** Stops the pool's threads (the CLI and tests call this before exiting). */
export function closeSimulationPool(): Promise<void> {
  return pool.close();
}

/**
 * Runs one replication on the pool; `onChunk` receives its simulated time as it advances.
 * Progress travels on its own port, so the result waits for the worker's last message there:
 * every progress message is delivered before the replication counts as done.
 */
export async function runPooled(
  plan: RunPlan,
  replication: number,
  options: { signal?: AbortSignal; onChunk?: (simulatedTime: number) => void } = {},
): Promise<ReplicationSummary> {
  const { port1, port2 } = new MessageChannel();
  const drained = new Promise<void>((resolve) => {
    port1.on('message', (m: ChunkMessage) => (m.done ? resolve() : options.onChunk?.(m.simulatedTime)));
  });
  try {
    const summary = await pool.piscina.run(
      { plan, replication, progress: port2 },
      { transferList: [port2], signal: options.signal ?? null },
    );
    await drained;
    return summary;
  } catch (err) {
    if (options.signal?.aborted) throw abortError(options.signal);
    throw err;
  } finally {
    port1.close();
  }
}
