import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../server/web/forms.ts';

/**
 * A labelled form field with its error beside it (linked by aria-describedby, marked invalid),
 * so a re-rendered form says which field is wrong and why.
 */
export function Field({
  id,
  label,
  errors,
  name,
  hint,
  children,
}: {
  id: string;
  label: string;
  name: string;
  errors?: FieldErrors;
  hint?: string;
  children: (attrs: { id: string; name: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => Child;
}) {
  const error = errors?.[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {children({
        id,
        name,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {error && (
        <small id={`${id}-error`} class="error">
          Error: {error}
        </small>
      )}
    </div>
  );
}

/** The refusal of the whole form (a rule the domain enforced), shown above its fields. */
export function FormError({ errors }: { errors?: FieldErrors }) {
  return errors?._form ? (
    <p class="form-error" role="alert">
      {errors._form}
    </p>
  ) : null;
}

/** The session's CSRF token for a plain form post (htmx sends it as a header as well). */
export function CsrfField({ token }: { token?: string }) {
  return <input type="hidden" name="_csrf" value={token ?? ''} />;
}
