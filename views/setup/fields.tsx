/**
 * The inputs of the set-up forms, each a labelled `Field` with its error: text, number, date,
 * long text, a select, and a group of checkboxes (named `<name>.<n>`, for a form posts one value
 * per name). Values are the texts as typed, so a refused form shows what was entered.
 */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../server/web/forms.ts';
import { Field, FormError } from '../components/field.tsx';

export type Values = Record<string, string>;

interface Common {
  /** Prefix of the element ids, unique on the page (several forms share field names). */
  form: string;
  name: string;
  label: string;
  values: Values;
  errors?: FieldErrors;
  hint?: string;
}

export const fieldId = (form: string, name: string) => `${form}-${name.replace(/[^\w-]/g, '-')}`;

export function TextInput({
  type = 'text',
  required,
  inputmode,
  placeholder,
  ...c
}: Common & { type?: 'text' | 'date' | 'email'; required?: boolean; inputmode?: 'decimal' | 'numeric'; placeholder?: string }) {
  return (
    <Field id={fieldId(c.form, c.name)} name={c.name} label={c.label} hint={c.hint} errors={c.errors}>
      {(attrs) => (
        <input
          {...attrs}
          type={type}
          value={c.values[c.name] ?? ''}
          required={required}
          inputmode={inputmode}
          placeholder={placeholder}
          autocomplete="off"
        />
      )}
    </Field>
  );
}

/** A number typed as text, so a decimal comma and a wrong entry come back as typed. */
export function NumberInput(c: Common & { required?: boolean; whole?: boolean }) {
  return <TextInput {...c} inputmode={c.whole ? 'numeric' : 'decimal'} />;
}

export function TextArea({ rows = 3, required, ...c }: Common & { rows?: number; required?: boolean }) {
  return (
    <Field id={fieldId(c.form, c.name)} name={c.name} label={c.label} hint={c.hint} errors={c.errors}>
      {(attrs) => (
        <textarea {...attrs} rows={rows} required={required}>
          {c.values[c.name] ?? ''}
        </textarea>
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

/** A select of options (or groups of them); `blank` offers "none" first. */
export function Select({
  options,
  groups,
  blank,
  required,
  ...c
}: Common & { options?: Option[]; groups?: OptionGroup[]; blank?: string; required?: boolean }) {
  const current = c.values[c.name] ?? '';
  const one = (o: Option) => (
    <option value={o.value} selected={o.value === current}>
      {o.label}
    </option>
  );
  return (
    <Field id={fieldId(c.form, c.name)} name={c.name} label={c.label} hint={c.hint} errors={c.errors}>
      {(attrs) => (
        <select {...attrs} required={required}>
          {blank !== undefined && (
            <option value="" selected={current === ''}>
              {blank}
            </option>
          )}
          {(options ?? []).map(one)}
          {(groups ?? []).map((g) => g.options.length > 0 && <optgroup label={g.label}>{g.options.map(one)}</optgroup>)}
        </select>
      )}
    </Field>
  );
}

/** Checkboxes with a legend, one per option, named `<name>.<n>`; the error of the list (and of its items) beside the legend. */
export function Checkboxes({ options, checked, ...c }: Common & { options: Option[]; checked: string[] }) {
  const error = c.errors?.[c.name];
  const errorId = `${fieldId(c.form, c.name)}-error`;
  return (
    <fieldset class={error ? 'field setup-choices invalid' : 'field setup-choices'} aria-describedby={error ? errorId : undefined}>
      <legend>{c.label}</legend>
      {c.hint && <small class="hint">{c.hint}</small>}
      {options.map((o, i) => (
        <label class="setup-check">
          <input type="checkbox" name={`${c.name}.${i}`} value={o.value} checked={checked.includes(o.value)} /> {o.label}
        </label>
      ))}
      {error && (
        <small id={errorId} class="error">
          Error: {error}
        </small>
      )}
    </fieldset>
  );
}

/** The form's refusal, and when someone else changed the entity first, what to do about it. */
export function FormProblems({ errors, staleHint }: { errors?: FieldErrors; staleHint?: string }) {
  return (
    <>
      <FormError errors={errors} />
      {errors?._stale && staleHint && <p class="setup-stale">{staleHint}</p>}
    </>
  );
}

/** The buttons of a form: save, and a way back without saving. */
export function FormButtons({ save, cancel, cancelHref }: { save: string; cancel: string; cancelHref: string }) {
  return (
    <div class="actions">
      <button type="submit">{save}</button>
      <a href={cancelHref} class="button secondary">
        {cancel}
      </a>
    </div>
  );
}

/** A titled group of fields. */
export function FieldGroup({ legend, children }: { legend: string; children: Child }) {
  return (
    <fieldset class="setup-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
