import type { Context } from 'hono';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppEnv } from '../deps.ts';
import { expectVersion } from '../core/versions.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { actorOf } from './authorize.ts';
import { ProblemError } from './problem.ts';
import { checkSees } from '../access/checks.ts';
import type { AnchoredKind } from '../access/anchors.ts';

/**
 * The HTTP side of optimistic concurrency (RFC 9110, 13.1.1): an entity's ETag is its stored
 * version, `"3"`; a change sent with `If-Match` is made only from one of the versions it names.
 */

/** The ETag header of an entity answered whole. */
export function etagOf(entity: { version: number }): { etag: string } {
  return { etag: `"${entity.version}"` };
}

/** The versions `If-Match` names; undefined without the header or for `*` (any version). */
export function ifMatch(c: Context): number[] | undefined {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const tags = header.split(',').map((t) => t.trim());
  const versions = tags.map((t) => /^"(\d{1,9})"$/.exec(t)?.[1]);
  if (tags.length > 20 || versions.some((v) => v === undefined)) {
    throw new ProblemError(400, 'validation', 'If-Match must name the ETags this API gave, such as "3"', [
      { path: 'header.If-Match', message: 'not an ETag of this API' },
    ]);
  }
  return versions.map(Number);
}

/**
 * Runs a change of one entity (the path's `{id}`) in a transaction, after locking it and checking
 * `If-Match` against its version.
 */
export async function changeVersioned<T>(
  c: Context<AppEnv>,
  table: PgTable & { id: PgColumn; version: PgColumn },
  entity: string,
  /** Where it sits in the plant, checked first so that a version never discloses what is out of scope. */
  kind: AnchoredKind | null,
  change: (w: Write, id: string) => Promise<T>,
): Promise<T> {
  const expected = ifMatch(c);
  const id = c.req.param('id') as string;
  return inTransaction(c.var.deps, actorOf(c), async (w) => {
    if (kind) await checkSees(w.tx, w.actor, kind, id);
    await expectVersion(w, table, entity, id, expected);
    return change(w, id);
  });
}
