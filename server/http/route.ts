import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { authorize } from './authorize.ts';
import { policies, type Policy } from '../auth/policies.ts';

/** The problem+json schema shared by every error response in the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Problem responses for routes outside `route()` (the sign-in calls that need no credentials). */
export function problemResponses(codes: number[]) {
  return Object.fromEntries(codes.map((code) => [code, problem('Refused')]));
}

const errorResponses = {
  400: problem('Invalid input: `errors` lists each offending field'),
  401: problem('No or unknown bearer token'),
  403: problem('The token’s role does not pass this route’s policy'),
  404: problem('An id in the path or body names nothing'),
  409: problem('A business rule forbids the change; the detail says which'),
};

/** A JSON response schema for the OpenAPI document. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body. */
export function body<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

/**
 * Defines an API route together with its access policy: the one place where a route says
 * who may call it. Adds the policy middleware, the bearer security requirement and the
 * standard problem responses to the OpenAPI operation.
 */
export function route<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(policy: Policy, config: R) {
  // A change of an entity may name the version it was made from (optimistic concurrency).
  const versioned = config.method === 'patch';
  return createRoute({
    ...config,
    middleware: [authorize(policy)] as const,
    security: credentials,
    description: [
      config.description ?? '',
      versioned
        ? 'Send `If-Match` with the ETag you read to change only that version (412 otherwise); without it, the last writer wins.'
        : '',
      `Policy \`${policy}\`: roles ${policies[policy].join(', ')}.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    responses: { ...errorResponses, ...(versioned ? { 412: staleVersion } : {}), ...config.responses },
  });
}

/** Either a bearer token or a browser session cookie. */
const credentials: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

const staleVersion = problem('`If-Match` names a version that is no longer the stored one: read the entity again');

/** Path parameter `{id}`: any string; ids that name nothing are a 404, never a 400. */
export const idParam = z.object({
  // Documented as a UUID; validated as any string, so a malformed id is a 404 like any id that names nothing.
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid', example: '6f1c2a4e-0b1d-4c3e-9f5a-2d7e8b9c0a11' }),
});
