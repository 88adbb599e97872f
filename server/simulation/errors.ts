/**
 * The errors a simulation request can end in, each typed so the API layer can map it to a
 * problem+json status without parsing messages: bad input (4xx, with field paths), a run that
 * would exceed or did exceed its limits (4xx), and cancellation (an AbortError).
 */

/** One offending field: a dotted path into the model (`machines.0.processTime.mean`). */
export interface SimulationFieldIssue {
  path: string;
  message: string;
}

/** The model is invalid; `field` is the first offending path, `issues` all of them. */
export class SimulationInputError extends Error {
  readonly field: string;
  readonly issues: SimulationFieldIssue[];

  constructor(issues: SimulationFieldIssue[]) {
    super(issues.map((i) => `${i.path || '(model)'}: ${i.message}`).join('; '));
    this.name = 'SimulationInputError';
    this.issues = issues;
    this.field = issues[0]?.path ?? '';
  }

  /** A single-field error. */
  static at(path: string, message: string): SimulationInputError {
    return new SimulationInputError([{ path, message }]);
  }
}

/** A replication hit the event cap: the model produces events much faster than estimated. */
export class SimulationLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'events',
    readonly value: number,
  ) {
    super(message);
    this.name = 'SimulationLimitError';
  }
}

/** The error a cancelled run rejects with (the same shape `AbortSignal.throwIfAborted` uses). */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('the simulation was cancelled', 'AbortError');
}
