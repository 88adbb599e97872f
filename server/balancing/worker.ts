/**
 * Worker thread entry of the balancing pool. Errors cross the thread boundary as plain data
 * (a structured clone drops an error's class and fields), and are rebuilt by the pool.
 */
import { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
import { solveBalancing, type BalancingResult } from './solve.ts';

export type BalancingOutcome =
  | { ok: true; result: BalancingResult }
  | { ok: false; kind: 'input'; field: string; message: string }
  | { ok: false; kind: 'no-solution'; reason: 'infeasible' | 'time-limit'; field?: string; message: string };

export default function solveInWorker(problem: unknown): BalancingOutcome {
  try {
    return { ok: true, result: solveBalancing(problem) };
  } catch (err) {
    if (err instanceof BalancingInputError) return { ok: false, kind: 'input', field: err.field, message: err.message };
    if (err instanceof BalancingNoSolutionError)
      return { ok: false, kind: 'no-solution', reason: err.reason, field: err.field, message: err.message };
    throw err;
  }
}
