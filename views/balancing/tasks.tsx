/**
 * The line's tasks and zoning: an editor for a planner (one row per task, blank rows to add
 * more, a row emptied to remove it; the models' shares of a mixed-model line; pairs that must or
 * must not share a station; a fixed station per task), a plain table for everyone else.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { taskRows, typedModels } from '../../server/balancing/taskForm.ts';
import { Alert } from '../components/alert.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { TableTools } from '../components/tableTools.tsx';

/** Blank rows under the tasks, for new ones. */
const NEW_ROWS = 3;

export interface TasksEditorProps {
  t: Translate;
  lineId: string;
  csrf?: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  mayEdit: boolean;
  saved?: boolean;
  csvHref: string;
}

/** One input of the grid, labelled for screen readers (the column header says it to the eye), with its error. */
function Cell({
  t,
  name,
  label,
  values,
  errors,
  wide,
}: {
  t: Translate;
  name: string;
  label: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  wide?: boolean;
}) {
  const id = `task-${name.replace(/\./g, '-')}`;
  const error = errors?.[name];
  return (
    <td class={error ? 'field invalid' : undefined}>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        value={values[name] ?? ''}
        class={wide ? 'balance-wide' : 'balance-narrow'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <small id={`${id}-error`} class="error">
          {t('balance.form.error', { message: error })}
        </small>
      )}
    </td>
  );
}

export function TasksEditor({ t, lineId, csrf, values, errors, mayEdit, saved, csvHref }: TasksEditorProps) {
  const rows = taskRows(values);
  const models = typedModels(values.models);
  const action = `/lines/${lineId}/balance/tasks`;
  const heading = (
    <h2 id="balance-tasks-heading">
      {t('balance.tasks.heading')} <span class="muted small">{t('balance.tasks.count', { count: rows.length })}</span>
    </h2>
  );
  if (!mayEdit) {
    return (
      <section id="balance-tasks" class="card" aria-labelledby="balance-tasks-heading">
        {heading}
        {rows.length ? (
          <TasksTable t={t} values={values} rows={rows} models={models} csvHref={csvHref} />
        ) : (
          <EmptyState message={t('balance.tasks.noneViewer')} />
        )}
      </section>
    );
  }
  const last = rows.length ? rows[rows.length - 1] : -1;
  const editable = [...rows, ...Array.from({ length: NEW_ROWS }, (_, k) => last + 1 + k)];
  return (
    <section id="balance-tasks" class="card" aria-labelledby="balance-tasks-heading">
      {heading}
      {saved && <Alert kind="notice" title={t('balance.tasks.saved')} />}
      {!rows.length && <EmptyState message={t('balance.tasks.none')} />}
      <form method="post" action={action} hx-post={action} hx-target="#balance-tasks" hx-swap="outerHTML">
        <CsrfField token={csrf} />
        <input type="hidden" name="modelsBefore" value={values.modelsBefore ?? ''} />
        <FormError errors={errors} />
        <p class="small muted">{t('balance.tasks.hint')}</p>
        {rows.length > 0 && <TableTools t={t} csvHref={csvHref} />}
        <div class="table-wrap">
          <table class="balance-task-grid">
            <thead>
              <tr>
                <th scope="col">{t('balance.col.task')}</th>
                <th scope="col">{t('balance.col.description')}</th>
                {models.length ? (
                  models.map((m) => <th scope="col">{t('balance.col.modelTime', { model: m })}</th>)
                ) : (
                  <th scope="col">{t('balance.col.time')}</th>
                )}
                <th scope="col">{t('balance.col.predecessors')}</th>
                <th scope="col">{t('balance.col.fixedStation')}</th>
              </tr>
            </thead>
            <tbody>
              {editable.map((i) => {
                const row = values[`tasks.${i}.id`] || t('balance.tasks.newRow', { row: i + 1 });
                const c = { t, values, errors };
                return (
                  <tr>
                    <Cell {...c} name={`tasks.${i}.id`} label={t('balance.tasks.label.id', { row: i + 1 })} />
                    <Cell {...c} name={`tasks.${i}.description`} label={t('balance.tasks.label.description', { task: row })} wide />
                    {models.length ? (
                      models.map((m) => (
                        <Cell {...c} name={`tasks.${i}.times.${m}`} label={t('balance.tasks.label.modelTime', { task: row, model: m })} />
                      ))
                    ) : (
                      <Cell {...c} name={`tasks.${i}.time`} label={t('balance.tasks.label.time', { task: row })} />
                    )}
                    <Cell {...c} name={`tasks.${i}.predecessors`} label={t('balance.tasks.label.predecessors', { task: row })} />
                    <Cell {...c} name={`tasks.${i}.station`} label={t('balance.tasks.label.station', { task: row })} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="balance-fields">
          <Field id="tasks-models" name="models" label={t('balance.tasks.models')} hint={t('balance.tasks.modelsHint')} errors={errors}>
            {(attrs) => <input {...attrs} type="text" value={values.models ?? ''} autocomplete="off" />}
          </Field>
          <Field
            id="tasks-mustShare"
            name="mustShare"
            label={t('balance.tasks.mustShare')}
            hint={t('balance.tasks.pairsHint')}
            errors={errors}
          >
            {(attrs) => (
              <textarea {...attrs} rows={3}>
                {values.mustShare ?? ''}
              </textarea>
            )}
          </Field>
          <Field
            id="tasks-mustNotShare"
            name="mustNotShare"
            label={t('balance.tasks.mustNotShare')}
            hint={t('balance.tasks.pairsHint')}
            errors={errors}
          >
            {(attrs) => (
              <textarea {...attrs} rows={3}>
                {values.mustNotShare ?? ''}
              </textarea>
            )}
          </Field>
        </div>
        <div class="actions">
          <button type="submit">{t('balance.tasks.submit')}</button>
        </div>
      </form>
    </section>
  );
}

/** The tasks as a plain table (for a person who may not change them). */
function TasksTable({
  t,
  values,
  rows,
  models,
  csvHref,
}: {
  t: Translate;
  values: Record<string, string>;
  rows: number[];
  models: string[];
  csvHref: string;
}) {
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('balance.col.task')}</th>
              <th scope="col">{t('balance.col.description')}</th>
              {models.length ? (
                models.map((m) => (
                  <th scope="col" class="num">
                    {t('balance.col.modelTime', { model: m })}
                  </th>
                ))
              ) : (
                <th scope="col" class="num">
                  {t('balance.col.time')}
                </th>
              )}
              <th scope="col">{t('balance.col.predecessors')}</th>
              <th scope="col" class="num">
                {t('balance.col.fixedStation')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr>
                <th scope="row">{values[`tasks.${i}.id`]}</th>
                <td>{values[`tasks.${i}.description`]}</td>
                {models.length ? (
                  models.map((m) => <td class="num">{values[`tasks.${i}.times.${m}`] ?? '0'}</td>)
                ) : (
                  <td class="num">{values[`tasks.${i}.time`]}</td>
                )}
                <td>{values[`tasks.${i}.predecessors`]}</td>
                <td class="num">{values[`tasks.${i}.station`] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(values.mustShare || values.mustNotShare) && (
        <dl class="balance-zoning">
          {values.mustShare && (
            <>
              <dt>{t('balance.tasks.mustShare')}</dt>
              <dd>{values.mustShare.split('\n').join('; ')}</dd>
            </>
          )}
          {values.mustNotShare && (
            <>
              <dt>{t('balance.tasks.mustNotShare')}</dt>
              <dd>{values.mustNotShare.split('\n').join('; ')}</dd>
            </>
          )}
        </dl>
      )}
    </>
  );
}
