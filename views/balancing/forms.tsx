/**
 * The forms that start a balance: of the stored line (a target, the layout, parallel stations,
 * for a mixed-model line its rule and a launch sequence to check) and of an uploaded `.alb` or
 * CSV file. Both post with htmx (the result fragment answers) and work as plain forms too.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { PAGE_MAX_TIME_LIMIT_S } from '../../server/balancing/pageForms.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';

type Values = Record<string, string>;

interface Common {
  t: Translate;
  values: Values;
  errors?: FieldErrors;
}

/** A set of radio buttons with a legend; its error beside the legend. */
function Radios({
  t,
  name,
  legend,
  choices,
  values,
  errors,
  prefix,
}: Common & { name: string; legend: string; choices: [string, string][]; prefix: string }) {
  const error = errors?.[name];
  return (
    <fieldset class={error ? 'balance-choice invalid' : 'balance-choice'} aria-describedby={error ? `${prefix}-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {choices.map(([value, label], k) => (
        <label class="balance-radio">
          <input
            type="radio"
            name={name}
            value={value}
            checked={(values[name] ?? choices[0][0]) === value}
            id={k === 0 ? `${prefix}-${name}` : undefined}
          />{' '}
          {label}
        </label>
      ))}
      {error && (
        <small id={`${prefix}-${name}-error`} class="error">
          {t('balance.form.error', { message: error })}
        </small>
      )}
    </fieldset>
  );
}

/** A number input in a Field. */
function NumberField({
  prefix,
  name,
  label,
  hint,
  values,
  errors,
  cls,
}: Common & { prefix: string; name: string; label: string; hint?: string; cls?: string }) {
  return (
    <div class={cls}>
      <Field id={`${prefix}-${name}`} name={name} label={label} hint={hint} errors={errors}>
        {(attrs) => <input {...attrs} type="text" inputmode="decimal" value={values[name] ?? ''} />}
      </Field>
    </div>
  );
}

/** The target: a cycle time, takt from demand and available time with a utilisation target, a station count (and for a file its own). */
function TargetFields({ prefix, withFile, ...c }: Common & { prefix: string; withFile: boolean }) {
  const { t } = c;
  const choices: [string, string][] = [
    ...(withFile ? [['file', t('balance.target.file')] as [string, string]] : []),
    ['cycle', t('balance.target.cycle')],
    ['takt', t('balance.target.takt')],
    ['stations', t('balance.target.stations')],
  ];
  return (
    <div class="balance-target">
      <Radios {...c} prefix={prefix} name="target" legend={t('balance.target.legend')} choices={choices} />
      <div class="balance-fields">
        <NumberField {...c} prefix={prefix} name="cycleTime" label={t('balance.target.cycleTime')} cls="for-cycle" />
        <NumberField {...c} prefix={prefix} name="demand" label={t('balance.target.demand')} cls="for-takt" />
        <NumberField
          {...c}
          prefix={prefix}
          name="availableTime"
          label={t('balance.target.availableTime')}
          hint={t('balance.target.availableHint')}
          cls="for-takt"
        />
        <NumberField
          {...c}
          prefix={prefix}
          name="utilisation"
          label={t('balance.target.utilisation')}
          hint={t('balance.target.utilisationHint')}
          cls="for-takt"
        />
        <NumberField {...c} prefix={prefix} name="stations" label={t('balance.target.stationCount')} cls="for-stations" />
      </div>
    </div>
  );
}

/** Layout, parallel stations, the mixed-model rule and sequence, the time limit and a title. */
function OptionFields({ prefix, mixed, ...c }: Common & { prefix: string; mixed: boolean }) {
  const { t, values, errors } = c;
  return (
    <div class="balance-fields">
      <Radios
        {...c}
        prefix={prefix}
        name="layout"
        legend={t('balance.opt.layout')}
        choices={[
          ['straight', t('balance.opt.straight')],
          ['u', t('balance.opt.u')],
        ]}
      />
      <NumberField {...c} prefix={prefix} name="maxReplicas" label={t('balance.opt.maxReplicas')} hint={t('balance.opt.maxReplicasHint')} />
      <NumberField {...c} prefix={prefix} name="replicaCost" label={t('balance.opt.replicaCost')} hint={t('balance.opt.replicaCostHint')} />
      {mixed && (
        <>
          <Field id={`${prefix}-mixedRule`} name="mixedRule" label={t('balance.opt.mixedRule')} errors={errors}>
            {(attrs) => (
              <select {...attrs}>
                <option value="strict" selected={values.mixedRule !== 'average'}>
                  {t('balance.opt.strict')}
                </option>
                <option value="average" selected={values.mixedRule === 'average'}>
                  {t('balance.opt.average')}
                </option>
              </select>
            )}
          </Field>
          <NumberField
            {...c}
            prefix={prefix}
            name="overloadTolerance"
            label={t('balance.opt.tolerance')}
            hint={t('balance.opt.toleranceHint')}
          />
          <Field
            id={`${prefix}-sequence`}
            name="sequence"
            label={t('balance.opt.sequence')}
            hint={t('balance.opt.sequenceHint')}
            errors={errors}
          >
            {(attrs) => <input {...attrs} type="text" value={values.sequence ?? ''} autocomplete="off" />}
          </Field>
        </>
      )}
      <NumberField
        {...c}
        prefix={prefix}
        name="timeLimit"
        label={t('balance.opt.timeLimit')}
        hint={t('balance.opt.timeLimitHint', { max: PAGE_MAX_TIME_LIMIT_S })}
      />
      <Field id={`${prefix}-title`} name="title" label={t('balance.opt.title')} errors={errors}>
        {(attrs) => <input {...attrs} type="text" value={values.title ?? ''} maxlength={200} />}
      </Field>
    </div>
  );
}

export interface BalanceFormProps extends Common {
  lineId: string;
  csrf?: string;
  /** The models of a mixed-model line (its rule and a sequence are asked for), else none. */
  models: string[];
  /** Swapped in out of band beside the result fragment (values kept, errors cleared). */
  oob?: boolean;
}

/** The balance of the stored line. Its errors answer in place (422, retargeted here). */
export function BalanceForm({ t, lineId, csrf, values, errors, models, oob }: BalanceFormProps) {
  const action = `/lines/${lineId}/balance`;
  return (
    <section id="balance-form" class="card" aria-labelledby="balance-form-heading" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="balance-form-heading">{t('balance.form.heading')}</h2>
      <form method="post" action={action} hx-post={action} hx-target="#balance-result" hx-swap="outerHTML" class="balance-form">
        <CsrfField token={csrf} />
        <FormError errors={errors} />
        <TargetFields t={t} values={values} errors={errors} prefix="bal" withFile={false} />
        <details class="balance-options" open={hasOptions(values, errors) || undefined}>
          <summary>{t('balance.form.options')}</summary>
          <OptionFields t={t} values={values} errors={errors} prefix="bal" mixed={models.length > 0} />
        </details>
        {models.length > 0 && <p class="small muted">{t('balance.form.mixedNote', { models: models.join(', ') })}</p>}
        <div class="actions">
          <button type="submit">{t('balance.form.submit')}</button>
          <span class="spinner" aria-hidden="true">
            {t('balance.form.running')}
          </span>
        </div>
      </form>
    </section>
  );
}

/** Whether the options hold something worth showing open (a value or an error). */
function hasOptions(values: Values, errors?: FieldErrors): boolean {
  const names = ['maxReplicas', 'replicaCost', 'mixedRule', 'overloadTolerance', 'sequence', 'timeLimit', 'title', 'layout'];
  return names.some((n) => errors?.[n]) || values.layout === 'u' || !!values.maxReplicas || !!values.sequence;
}

/** An uploaded `.alb` or CSV file balanced for this line (the line's stored tasks stay as they are). */
export function UploadForm({
  t,
  lineId,
  csrf,
  values,
  errors,
  open,
  oob,
}: Common & { lineId: string; csrf?: string; open?: boolean; oob?: boolean }) {
  const action = `/lines/${lineId}/balance/upload`;
  return (
    <section id="balance-upload" class="card" aria-labelledby="balance-upload-heading" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="balance-upload-heading">{t('balance.upload.heading')}</h2>
      <details open={open || !!errors || undefined}>
        <summary>{t('balance.upload.summary')}</summary>
        <form
          method="post"
          action={action}
          enctype="multipart/form-data"
          hx-post={action}
          hx-encoding="multipart/form-data"
          hx-target="#balance-result"
          hx-swap="outerHTML"
          class="balance-form"
        >
          <CsrfField token={csrf} />
          <FormError errors={errors} />
          <p class="small muted">{t('balance.upload.hint')}</p>
          <div class="balance-fields">
            <Field id="up-file" name="file" label={t('balance.upload.file')} errors={errors}>
              {(attrs) => <input {...attrs} type="file" accept=".alb,.csv,.txt,text/csv,text/plain" />}
            </Field>
            <Field id="up-format" name="format" label={t('balance.upload.format')} errors={errors}>
              {(attrs) => (
                <select {...attrs}>
                  {(['auto', 'alb', 'csv'] as const).map((f) => (
                    <option value={f} selected={(values.format ?? 'auto') === f}>
                      {t(`balance.upload.format.${f}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="up-models" name="models" label={t('balance.upload.models')} hint={t('balance.upload.modelsHint')} errors={errors}>
              {(attrs) => <input {...attrs} type="text" value={values.models ?? ''} autocomplete="off" />}
            </Field>
          </div>
          <Field id="up-text" name="text" label={t('balance.upload.text')} hint={t('balance.upload.textHint')} errors={errors}>
            {(attrs) => (
              <textarea {...attrs} rows={5} spellcheck={false}>
                {values.text ?? ''}
              </textarea>
            )}
          </Field>
          <TargetFields t={t} values={{ target: 'file', ...values }} errors={errors} prefix="up" withFile />
          <OptionFields t={t} values={values} errors={errors} prefix="up" mixed />
          <div class="actions">
            <button type="submit">{t('balance.upload.submit')}</button>
            <span class="spinner" aria-hidden="true">
              {t('balance.form.running')}
            </span>
          </div>
        </form>
      </details>
    </section>
  );
}
