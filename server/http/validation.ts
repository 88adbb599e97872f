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

// Nesting deeper than this is not searched for unknown keys (it can only sit under a value the
// schema takes whole, such as a simulation model, which its own strict schema checks).
const MAX_DEPTH = 32;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The paths of the keys a request gave that its schema does not know: zod strips them from the
 * parsed value, so they are the keys of the raw input missing from the parsed one.
 */
export function unknownKeys(raw: unknown, parsed: unknown, path: string, depth = 0): string[] {
  if (raw === parsed || depth > MAX_DEPTH) return [];
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => unknownKeys(item, parsed[i], `${path}.${i}`, depth + 1));
  }
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  return Object.keys(raw).flatMap((key) =>
    key in parsed ? unknownKeys(raw[key], parsed[key], `${path}.${key}`, depth + 1) : [`${path}.${key}`],
  );
}

/**
 * The validation hook of every route: a failed zod parse becomes a 400 problem that lists
 * each offending field, and so does a key of the body or the query that the route does not
 * know (a typo would otherwise be dropped without a word). Nothing is written, because the
 * handler never runs.
 */
export async function validationHook(
  result: { success: true; data: unknown; target: string } | { success: false; error: ZodError; target: string },
  c: Context,
): Promise<void> {
  const part = targetNames[result.target] ?? result.target;
  if (!result.success) {
    const errors = fieldErrors(result.error, part);
    throw new ProblemError(400, 'validation', `invalid request ${part}: ${errors.map((e) => e.path).join(', ')}`, errors);
  }
  if (result.target !== 'json' && result.target !== 'query') return;
  const raw: unknown = result.target === 'json' ? await c.req.json() : c.req.query();
  const unknown = unknownKeys(raw, result.data, part);
  if (unknown.length) {
    throw new ProblemError(
      400,
      'validation',
      `unknown field${unknown.length > 1 ? 's' : ''} in the request ${part}: ${unknown.join(', ')}`,
      unknown.map((path) => ({ path, message: 'unknown field' })),
    );
  }
}
