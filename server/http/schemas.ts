import { z } from '@hono/zod-openapi';
import { createSchemaFactory } from 'drizzle-zod';

/**
 * Schemas derived from the drizzle tables, built on the zod instance that `@hono/zod-openapi`
 * extends (so `.openapi()` works on them). `rowSchema(table)` is a row as the API returns it
 * (timestamps are documented as date-time strings, which is what the JSON holds);
 * `insertSchema(table, refinements)` the columns a client may give, narrowed per route with
 * `.pick()`, `.omit()` and `.extend()`.
 */
export const { createSelectSchema: rowSchema, createInsertSchema: insertSchema } = createSchemaFactory({ zodInstance: z });

/** A Unified Namespace path segment: no spaces and none of `+ # / $`. */
export const unsCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-" (a Unified Namespace segment: no spaces or + # / $)');

export const uuid = z.uuid();

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate = z.iso.date();

/** An instant with offset, e.g. `2026-11-25T08:00:00Z`. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A calendar quarter `YYYY-Qn`. */
export const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter is written YYYY-Qn, e.g. 2027-Q1');

export const name = z.string().trim().min(1).max(200);
export const text = z.string().max(10_000);
