import { z } from '@hono/zod-openapi';

/** The message of a field of the wrong type: `required` when it is missing, else what it must be. */
export const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : what);

/** A text cell: trimmed, not empty, at most `max` characters. */
export const textField = (max: number) =>
  z
    .string({ error: expected('a text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`);

/** The other system's id of the item: the key a re-import replaces by, unique in the line. */
export const externalIdField = textField(100).openapi({
  description: 'The id the ERP or CMMS gives it; a later import with the same id replaces it',
  example: '4500012345',
});

/** An instant with its offset, as an export from another system writes it. */
export const instantField = z.iso
  .datetime({ offset: true, error: expected('an instant with its offset, e.g. 2026-12-03T14:00:00+01:00 or 2026-12-03T13:00:00Z') })
  .openapi({ format: 'date-time', example: '2026-12-03T14:00:00+01:00' });

/** An optional field: absent, null and (in CSV) an empty cell all mean "not given". */
export const optional = <T extends z.ZodType>(field: T) => field.nullish();

/** A choice of words, read whatever their case (CSV exports write `Preventive`). */
export const choiceField = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(values, { error: expected(`one of ${values.join(', ')}`) }),
  );
