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

/** Years a plant's dates can mean: a baseline decades back, a plan decades ahead. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** A calendar date `YYYY-MM-DD` that exists, in a year between MIN_YEAR and MAX_YEAR. */
export const isoDate = z.iso
  .date()
  .refine((d) => d >= `${MIN_YEAR}` && d < `${MAX_YEAR + 1}`, `the year must lie between ${MIN_YEAR} and ${MAX_YEAR}`);

/** An instant with offset, e.g. `2026-11-25T08:00:00Z`. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A calendar quarter `YYYY-Qn`. */
export const quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'a quarter is written YYYY-Qn, e.g. 2027-Q1')
  .refine(
    (q) => Number(q.slice(0, 4)) >= MIN_YEAR && Number(q.slice(0, 4)) <= MAX_YEAR,
    `the year must lie between ${MIN_YEAR} and ${MAX_YEAR}`,
  );

export const name = z.string().trim().min(1).max(200);
export const text = z.string().max(10_000);

/** True for a time zone of the IANA database (what `Intl` knows: `Europe/Prague`, `UTC`). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone: the calendar a site or a program keeps its days in. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Prague')
  .openapi({ example: 'Europe/Prague' });

/** Beside every aggregate: whether it covers everything, and what the caller's scope left out, by kind. */
export const coverageSchema = z
  .object({ complete: z.boolean(), leftOut: z.record(z.string(), z.number().int()) })
  .openapi('Coverage', { description: 'What an aggregate leaves out because it lies outside the caller’s scope' });
