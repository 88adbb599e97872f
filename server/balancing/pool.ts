import { Piscina } from 'piscina';
import { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
import type { BalancingResult } from './solve.ts';
import type { BalancingOutcome } from './worker.ts';
import { tsxExecArgv } from '../threads/pool.ts';

let pool: Piscina<unknown, BalancingOutcome> | undefined;

/**
 * Solves a balancing problem on a worker thread, so a search that runs to its time limit never
 * blocks the server. Throws the same typed errors as `solveBalancing`.
 */
export async function solveOffThread(problem: unknown): Promise<BalancingResult> {
  pool ??= new Piscina<unknown, BalancingOutcome>({
    filename: new URL('./worker.ts', import.meta.url).href,
    execArgv: tsxExecArgv(),
    maxThreads: 2,
    minThreads: 0,
    idleTimeout: 30_000,
  });
  const outcome = await pool.run(problem);
  if (outcome.ok) return outcome.result;
  if (outcome.kind === 'input') throw new BalancingInputError(outcome.field, outcome.message);
  throw new BalancingNoSolutionError(outcome.reason, outcome.message, outcome.field);
}

/** Stops the pool's threads (server shutdown, tests). */
export async function closeBalancingPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
