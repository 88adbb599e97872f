/**
 * RFC 9457 problem details. Every error leaves the API as `application/problem+json`
 * with the field paths that caused it, so a client can point at the offending input.
 */

export interface FieldError {
  /** Dotted path into the request (`body.kpis.0.name`, `query.period`, `params.id`). */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An error that carries its HTTP problem response. Thrown by domain code, rendered by `onError`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `https://twinward.dev/problems/${this.slug}`,
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

/** 404 for an id that names nothing; `field` when the id came from the request body. */
export function notFound(entity: string, id: string, field?: string): ProblemError {
  return new ProblemError(
    404,
    'not-found',
    `no ${entity} with id '${id}'`,
    field ? [{ path: field, message: `unknown ${entity}` }] : undefined,
  );
}

/** 409: the request is well-formed but a business rule forbids it. */
export function ruleViolation(detail: string, extensions: Record<string, unknown> = {}, errors?: FieldError[]): ProblemError {
  return new ProblemError(409, 'rule-violation', detail, errors, extensions);
}

/** 400 for input that passes the schema but is invalid in context (e.g. a date range backwards). */
export function invalidInput(path: string, message: string): ProblemError {
  return new ProblemError(400, 'validation', `invalid ${path}: ${message}`, [{ path, message }]);
}
