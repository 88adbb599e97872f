import { WorkerPool } from '../threads/pool.ts';
import { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
import type { BalancingResult } from './solve.ts';
import type { BalancingOutcome } from './worker.ts';

const pool = new WorkerPool<unknown, BalancingOutcome>(import.meta.url, './worker', 2);

/**
 * Solves a balancing problem on a worker thread, so a search that runs to its time limit never
 * blocks the server. Throws the same typed errors as `solveBalancing`.
 */
export async function solveOffThread(problem: unknown): Promise<BalancingResult> {
  const outcome = await pool.piscina.run(problem);
  if (outcome.ok) return outcome.result;
  if (outcome.kind === 'input') throw new BalancingInputError(outcome.field, outcome.message);
  throw new BalancingNoSolutionError(outcome.reason, outcome.message, outcome.field);
}

/** Stops the pool's threads (server shutdown, tests). */
export function closeBalancingPool(): Promise<void> {
  return pool.close();
}
