import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  DomainError,
  ForbiddenError,
  TooManyAttemptsError,
  UnauthenticatedError,
  InvalidInputError,
  NoSolutionError,
  ContradictionError,
  NotFoundError,
  PreconditionFailedError,
  RuleViolationError,
  UnavailableError,
} from '../core/errors.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { ProblemError } from './problem.ts';

export { isDatabaseUnavailable };

// The one place where a domain error becomes an HTTP status and a problem type.
const domainStatuses: [new (...args: never[]) => DomainError, number, string][] = [
  [NotFoundError, 404, 'not-found'],
  [ForbiddenError, 403, 'forbidden'],
  [UnauthenticatedError, 401, 'unauthenticated'],
  [TooManyAttemptsError, 429, 'too-many-attempts'],
  [InvalidInputError, 400, 'validation'],
  [RuleViolationError, 409, 'rule-violation'],
  [NoSolutionError, 422, 'no-balance'],
  [ContradictionError, 422, 'contradicts-run'],
  [PreconditionFailedError, 412, 'stale-version'],
  [UnavailableError, 503, 'unavailable'],
];

function fromDomain(err: DomainError): ProblemError {
  const [, status, slug] = domainStatuses.find(([kind]) => err instanceof kind) ?? [DomainError, 500, 'internal'];
  return new ProblemError(status, slug, err.message, err.errors, err.details);
}

// PostgreSQL SQLSTATE codes that a well-formed request can still trigger; they are the
// client's problem (409/400), not the server's, and must never surface as a 500.
const sqlStates: Record<string, { status: number; slug: string; detail: string }> = {
  '23505': { status: 409, slug: 'duplicate', detail: 'a record with the same unique key already exists' },
  '23503': { status: 409, slug: 'reference', detail: 'the record references, or is referenced by, another record' },
  '23514': { status: 409, slug: 'constraint', detail: 'the record violates a database rule' },
  '22P02': { status: 400, slug: 'validation', detail: 'a value has the wrong format' },
  '22003': { status: 400, slug: 'validation', detail: 'a number is out of range' },
  '22007': { status: 400, slug: 'validation', detail: 'a date or time has the wrong format' },
  '22008': { status: 400, slug: 'validation', detail: 'a date or time is out of range' },
  '22021': { status: 400, slug: 'validation', detail: 'a text holds a byte sequence the database cannot store' },
  '22P05': { status: 400, slug: 'validation', detail: 'a text holds a character the database cannot store' },
  // Two changes met head-on and the database gave one up: nothing of it was made, and it can be sent again.
  '40P01': { status: 503, slug: 'contention', detail: 'the change collided with another one and was not made; send it again' },
  '40001': { status: 503, slug: 'contention', detail: 'the change collided with another one and was not made; send it again' },
};

/** Seconds a client should wait before retrying while the database is away. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

function sqlState(err: unknown): { code: string; constraint?: string } | undefined {
  // postgres-js puts the code on the error, drizzle wraps it in `cause`; PGlite does the same.
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return {
        code,
        constraint: (e as { constraint_name?: string; constraint?: string }).constraint_name ?? (e as { constraint?: string }).constraint,
      };
    }
  }
  return undefined;
}

/** Converts any thrown error to a problem+json response. */
export function toProblem(err: unknown, c: Context): Response {
  const instance = new URL(c.req.url).pathname;
  let problem: ProblemError;
  if (err instanceof ProblemError) {
    problem = err;
  } else if (err instanceof DomainError) {
    problem = fromDomain(err);
  } else if (err instanceof HTTPException) {
    const detail = err.message || 'request rejected';
    problem = new ProblemError(err.status, err.status === 400 ? 'malformed' : 'http', detail);
  } else if (isDatabaseUnavailable(err)) {
    console.error('database unavailable:', (err as Error).message);
    problem = new ProblemError(
      503,
      'unavailable',
      'the database is unavailable right now; a change sent now may or may not have been made: read before you send it again',
      undefined,
      {
        retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      },
    );
  } else {
    const state = sqlState(err);
    const known = state && sqlStates[state.code];
    if (known) {
      problem = new ProblemError(known.status, known.slug, known.detail, undefined, {
        ...(state.constraint ? { constraint: state.constraint } : {}),
        ...(known.status === 503 ? { retryAfterSeconds: 1 } : {}),
      });
    } else {
      console.error('unhandled error', err);
      problem = new ProblemError(500, 'internal', 'the server failed to handle the request; it has been logged');
    }
  }
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  const retryAfter = problem.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  return new Response(JSON.stringify(problem.toBody(instance)), { status: problem.status, headers });
}
