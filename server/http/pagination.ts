import { z } from '@hono/zod-openapi';
import { invalidInput } from '../core/errors.ts';

/** The query of every list: `?limit=` (default 50, at most 200) and the `?cursor=` a page gave. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Items per page (default 50, at most 200)' }),
  cursor: z.string().max(100).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
};

/** A page of a list, as every list answers. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    total: z.number().int().openapi({ description: 'Items in the whole list' }),
  });
}

/**
 * One page of a list in its order. The cursor is the position after the page, opaque to clients;
 * a list that changes between two pages shifts by what was added or removed before the cursor.
 */
export function paginate<T>(
  rows: T[],
  query: { limit: number; cursor?: string },
): { items: T[]; nextCursor: string | null; total: number } {
  let offset = 0;
  if (query.cursor !== undefined) {
    const match = /^p(\d{1,9})$/.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    if (!match) throw invalidInput('query.cursor', 'not a cursor this list gave');
    offset = Number(match[1]);
  }
  const end = offset + query.limit;
  return {
    items: rows.slice(offset, end),
    nextCursor: end < rows.length ? Buffer.from(`p${end}`, 'utf8').toString('base64url') : null,
    total: rows.length,
  };
}
