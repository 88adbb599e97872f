import type { Context } from 'hono';
import { NotFoundError } from '../core/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route's path parameter that matches only what looks like an id (hono's `:name{pattern}`), so
 * that `/programs/new` and `/programs/<id>` are two routes; `pathId` still checks it exactly.
 */
export const idPattern = <Name extends string = 'id'>(name: Name = 'id' as Name) => `:${name}{[0-9a-fA-F-]{36}}` as const;

/** True for text that can be an id of this service (a UUID). */
export function isId(text: string | undefined): boolean {
  return text !== undefined && UUID.test(text);
}

/** A path parameter that names an entity: one that cannot be an id names nothing (404), and never reaches the database. */
export function pathId(c: Context, what: string, param = 'id'): string {
  const id = c.req.param(param) ?? '';
  if (!isId(id)) throw new NotFoundError(`no ${what} with id '${id.slice(0, 40)}'`);
  return id;
}
