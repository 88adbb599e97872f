/**
 * The two ways a balancing request fails without being a bug. The API layer maps
 * BalancingInputError to a 4xx problem+json carrying `field`; BalancingNoSolutionError to a
 * 422 (infeasible) or a retryable answer (time limit without any solution).
 */

/** Input the balancing functions cannot accept. `field` is a dot path into the request body
 *  (`tasks.3.time`, `constraints.mustShare.0`), or `line N` for a file being parsed. */
export class BalancingInputError extends Error {
  override readonly name = 'BalancingInputError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The input is well formed but no balance exists, or none was found within the time limit. */
export class BalancingNoSolutionError extends Error {
  override readonly name = 'BalancingNoSolutionError';
  readonly reason: 'infeasible' | 'time-limit';
  readonly field: string | undefined;

  constructor(reason: 'infeasible' | 'time-limit', message: string, field?: string) {
    super(message);
    this.reason = reason;
    this.field = field;
  }
}
