import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, type FieldError } from '../core/errors.ts';

/** The field errors of a form, by field name (`name`, `kpis.0.value`), to show beside each field. */
export type FieldErrors = Record<string, string>;

export type FormOutcome<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The form's fields as text (the CSRF field left out); repeated names keep their last value. */
export async function formValues(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const one = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof one === 'string') values[name] = one;
  }
  return values;
}

/**
 * A posted form checked with a zod schema (the same rules as the API's body, with text fields
 * coerced). On failure, the field errors and the values as typed, so the form re-renders (422).
 */
export async function parseForm<S extends z.ZodType>(c: Context, schema: S): Promise<FormOutcome<z.infer<S>>> {
  const values = await formValues(c);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.join('.') || '_form';
    errors[name] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/**
 * The field errors a domain refusal names (`body.value` → `value`), with the refusal itself
 * under `_form` so the form can say it too; undefined for errors that are not the input's fault.
 */
export function domainFieldErrors(err: unknown): FieldErrors | undefined {
  if (!(err instanceof DomainError)) return undefined;
  const errors: FieldErrors = { _form: err.message };
  for (const e of (err.errors ?? []) as FieldError[]) {
    const name = e.path.replace(/^(body|query|param)\./, '');
    errors[name] ??= e.message;
  }
  return errors;
}
