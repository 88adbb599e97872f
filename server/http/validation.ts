import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { ProblemError, type FieldError } from './problem.ts';

/** Turns zod issues into field errors prefixed with the request part they came from. */
export function fieldErrors(error: ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

const targetNames: Record<string, string> = { json: 'body', form: 'body', query: 'query', param: 'params', header: 'headers' };

/**
 * The validation hook of every route: a failed zod parse becomes a 400 problem that lists
 * each offending field. Nothing is written, because the handler never runs.
 */
export function validationHook(result: { success: true } | { success: false; error: ZodError; target: string }, _c: Context): void {
  if (!result.success) {
    const part = targetNames[result.target] ?? result.target;
    const errors = fieldErrors(result.error, part);
    throw new ProblemError(400, 'validation', `invalid request ${part}: ${errors.map((e) => e.path).join(', ')}`, errors);
  }
}
