/**
 * RFC 9457 problem details. Every error leaves the API as `application/problem+json`
 * with the field paths that caused it, so a client can point at the offending input.
 */

import type { FieldError } from '../core/errors.ts';

export type { FieldError };

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const standardMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An error that carries its HTTP problem response. Thrown by the HTTP layer, rendered by `onError`. */
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
    // Extension members follow the standard ones and never shadow them (RFC 9457, 3.2).
    const extensions = Object.fromEntries(Object.entries(this.extensions).filter(([key]) => !standardMembers.has(key)));
    return {
      type: `https://twinward.dev/problems/${this.slug}`,
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...extensions,
    };
  }
}
