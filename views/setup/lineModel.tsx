/**
 * The editor of a line's simulation model: the key figures of each station in a table (process
 * time distribution, mean and spread, MTBF and MTTR, the buffer after it), and the whole model
 * as JSON for everything else (products, changeovers, power, run settings). Each form shows the
 * model's own validation errors beside the fields they are about.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { simpleDistributions, type KeyRow } from '../../server/plant/modelForm.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { Alert } from '../components/alert.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { fieldId, type Values } from './fields.tsx';
import { setupText } from './text.ts';

export interface LineModelProps {
  t: Translate;
  csrfToken?: string;
  line: { id: string; name: string; code: string; path: string };
  /** When the stored model was last saved, in the site's zone; null: none stored yet (the form starts from the stations). */
  savedAt: string | null;
  timeUnit: string;
  rows: KeyRow[];
  values: Values;
  json: string;
  /** The form that was refused and its errors. */
  problem?: { form: 'fields' | 'json'; errors: FieldErrors };
}

/** An input in a table cell: labelled for screen readers by station and column, its error below it. */
function Cell({
  name,
  label,
  values,
  errors,
  select,
}: {
  name: string;
  label: string;
  values: Values;
  errors?: FieldErrors;
  select?: string[];
}) {
  const id = fieldId('model', name);
  const error = errors?.[name];
  const attrs = { id, name, ...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {}) };
  return (
    <td class={error ? 'field invalid' : undefined}>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      {select ? (
        <select {...attrs}>
          {select.map((v) => (
            <option value={v} selected={values[name] === v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input {...attrs} type="text" inputmode="decimal" size={7} value={values[name] ?? ''} />
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          Error: {error}
        </small>
      )}
    </td>
  );
}

/** Errors about parts of the model the key figures do not show, listed by their path. */
function OtherErrors({ t, errors, shown }: { t: Translate; errors?: FieldErrors; shown: Set<string> }) {
  const rest = Object.entries(errors ?? {}).filter(([k]) => k !== '_form' && k !== '_stale' && !shown.has(k));
  if (!rest.length) return null;
  return (
    <div role="alert" class="form-error">
      <p>{setupText(t)('setup.model.otherErrors')}</p>
      <ul>
        {rest.map(([path, message]) => (
          <li>
            <code>{path}</code>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function KeyFiguresForm(p: LineModelProps) {
  const s = setupText(p.t);
  const errors = p.problem?.form === 'fields' ? p.problem.errors : undefined;
  const shown = new Set<string>();
  const cell = (row: KeyRow, name: string, column: string, select?: string[]) => {
    shown.add(name);
    return <Cell name={name} label={`${row.name} (${row.code}): ${column}`} values={p.values} errors={errors} select={select} />;
  };
  const unit = s('setup.model.unit', { unit: p.timeUnit });
  const body = p.rows.map((row) => {
    const m = `machines.${row.index}`;
    return (
      <tr>
        <th scope="row">
          {row.name} <code class="small">{row.code}</code>
        </th>
        {row.editable ? (
          <>
            {cell(row, `${m}.processTime.dist`, s('setup.model.dist'), [...simpleDistributions])}
            {cell(row, `${m}.processTime.mean`, s('setup.model.mean'))}
            {cell(row, `${m}.processTime.spread`, s('setup.model.spread'))}
          </>
        ) : (
          <td colspan={3} class="muted small">
            {s('setup.model.jsonOnly')}
          </td>
        )}
        {cell(row, `${m}.failure.mtbf`, s('setup.model.mtbf'))}
        {cell(row, `${m}.failure.mttr`, s('setup.model.mttr'))}
        {row.buffer ? (
          cell(row, `buffers.${row.index}`, s('setup.model.buffer'))
        ) : (
          <td class="muted small">{s('setup.model.lastStation')}</td>
        )}
      </tr>
    );
  });
  return (
    <section class="card" aria-labelledby="model-fields-heading">
      <h2 id="model-fields-heading">{s('setup.model.keyFigures')}</h2>
      <p class="muted small">{s('setup.model.keyFiguresHint', { unit: p.timeUnit })}</p>
      <form method="post" action={`/lines/${p.line.id}/model`} novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="form" value="fields" />
        <FormError errors={errors} />
        <div class="table-wrap">
          <table class="setup-model">
            <thead>
              <tr>
                <th scope="col">{s('setup.model.station')}</th>
                <th scope="col">{s('setup.model.dist')}</th>
                <th scope="col">
                  {s('setup.model.mean')} <span class="muted small">{unit}</span>
                </th>
                <th scope="col">{s('setup.model.spread')}</th>
                <th scope="col">
                  {s('setup.model.mtbf')} <span class="muted small">{unit}</span>
                </th>
                <th scope="col">
                  {s('setup.model.mttr')} <span class="muted small">{unit}</span>
                </th>
                <th scope="col">{s('setup.model.buffer')}</th>
              </tr>
            </thead>
            <tbody>{body}</tbody>
          </table>
        </div>
        <OtherErrors t={p.t} errors={errors} shown={shown} />
        <div class="actions">
          <button type="submit">{s('setup.model.saveFields')}</button>
        </div>
      </form>
    </section>
  );
}

function JsonForm(p: LineModelProps) {
  const s = setupText(p.t);
  const errors = p.problem?.form === 'json' ? p.problem.errors : undefined;
  return (
    <section class="card" aria-labelledby="model-json-heading">
      <h2 id="model-json-heading">{s('setup.model.json')}</h2>
      <form method="post" action={`/lines/${p.line.id}/model`} class="stack setup-wide" novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="form" value="json" />
        <FormError errors={errors} />
        <Field id="model-json" name="model" label={s('setup.model.jsonLabel')} hint={s('setup.model.jsonHint')} errors={errors}>
          {(attrs) => (
            <textarea {...attrs} rows={24} spellcheck={false} class="setup-code">
              {p.json}
            </textarea>
          )}
        </Field>
        <OtherErrors t={p.t} errors={errors} shown={new Set(['model'])} />
        <div class="actions">
          <button type="submit">{s('setup.model.saveJson')}</button>
        </div>
      </form>
    </section>
  );
}

export function LineModelPage(p: LineModelProps) {
  const s = setupText(p.t);
  return (
    <>
      <p>
        <a href={`/lines/${p.line.id}`}>{s('setup.model.back', { name: p.line.name })}</a> ·{' '}
        <a href={`/lines/${p.line.id}/simulate`}>{s('setup.model.simulate')}</a>
      </p>
      <p class="muted">
        <code>{p.line.path}</code> · {p.savedAt ? s('setup.model.savedAt', { time: p.savedAt }) : s('setup.model.none')}
      </p>
      {!p.savedAt && <Alert kind="notice" title={s('setup.model.skeleton')} />}
      {p.rows.length === 0 ? (
        <EmptyState message={s('setup.model.noStations')}>
          <p>
            <a href="/admin/plant">{s('setup.model.addStations')}</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <KeyFiguresForm {...p} />
          <JsonForm {...p} />
        </>
      )}
    </>
  );
}
