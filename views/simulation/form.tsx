import type { BaseLine } from '../../server/simulation/pageForm.ts';
import { duration, figure } from '../../server/web/format.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { machineName, seconds, type SimViewContext } from './model.tsx';

export interface SimulateFormProps {
  ctx: SimViewContext;
  base: BaseLine | null;
  hasCurrent: boolean;
  hasCalibrated: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

function Check({
  name,
  label,
  checked,
  disabled,
  hint,
}: {
  name: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  hint?: string;
}) {
  const id = `sim-${name}`;
  return (
    <div class="sim-check">
      <input id={id} type="checkbox" name={name} value="on" checked={checked} disabled={disabled} />
      <label for={id}>
        {label}
        {hint && <span class="small muted"> — {hint}</span>}
      </label>
    </div>
  );
}

/** One number input of the proposal table, labelled for screen readers and with its error beside it. */
function Cell({
  name,
  label,
  value,
  min,
  max,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  min: number;
  max: number;
  errors?: FieldErrors;
}) {
  const id = `sim-${name.replace('.', '-')}`;
  const error = errors?.[name];
  return (
    <td class={error ? 'invalid' : undefined}>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </td>
  );
}

/**
 * The form that starts a run: which lines to simulate (the current one as stored, the calibrated
 * twin, a proposal), the proposal as numbers per station (machines, process time in % of today,
 * the buffer before it), and the run's settings. Two or more lines make a comparison on common
 * random numbers, the first ticked the baseline.
 */
export function SimulateForm({ ctx, base, hasCurrent, hasCalibrated, errors, values = {} }: SimulateFormProps) {
  const { t } = ctx;
  const action = `/lines/${ctx.lineId}/simulate`;
  if (!base) return <EmptyState message={t('line.sim.noModel', { id: ctx.lineId })} />;
  const v = (name: string, fallback: string | number) => values[name] ?? String(fallback);
  const submitted = Object.keys(values).length > 0;
  const checked = (name: string, fallback: boolean) => (submitted ? values[name] === 'on' : fallback);
  const hours = (base.horizon * seconds(1, base.timeUnit)) / 3600;
  return (
    <form id="simulate-form" method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML">
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={errors} />
      <fieldset class="sim-scenarios">
        <legend>{t('line.sim.form.which')}</legend>
        <Check
          name="runCurrent"
          label={t('line.sim.scenario.current')}
          checked={checked('runCurrent', hasCurrent)}
          disabled={!hasCurrent}
          hint={hasCurrent ? undefined : t('line.sim.form.noCurrent')}
        />
        <Check
          name="runCalibrated"
          label={t('line.sim.scenario.calibrated')}
          checked={checked('runCalibrated', false)}
          disabled={!hasCalibrated}
          hint={hasCalibrated ? undefined : t('line.sim.form.noCalibrated')}
        />
        <Check
          name="runProposed"
          label={t('line.sim.scenario.proposed')}
          checked={checked('runProposed', false)}
          hint={t('line.sim.form.proposedHint')}
        />
        {errors?.scenarios && (
          <p class="form-error" id="sim-scenarios-error" role="alert">
            {errors.scenarios}
          </p>
        )}
      </fieldset>
      <fieldset class="sim-settings">
        <legend>{t('line.sim.form.proposal', { base: t(`line.sim.scenario.${base.source}`) })}</legend>
        <Field id="sim-proposedName" name="proposedName" label={t('line.sim.form.proposedName')} errors={errors}>
          {(attrs) => <input {...attrs} type="text" maxlength={60} value={v('proposedName', t('line.sim.form.proposedDefault'))} />}
        </Field>
        <div class="table-wrap sim-proposed">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('line.sim.col.station')}</th>
                <th scope="col">{t('line.sim.form.meanTime')}</th>
                <th scope="col">{t('line.sim.form.count')}</th>
                <th scope="col">{t('line.sim.form.time')}</th>
                <th scope="col">{t('line.sim.form.buffer')}</th>
              </tr>
            </thead>
            <tbody>
              {base.machines.map((m, i) => {
                const name = machineName(m.name, ctx);
                return (
                  <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{m.meanTime === null ? '–' : duration(seconds(m.meanTime, base.timeUnit))}</td>
                    <Cell
                      name={`count.${i}`}
                      label={t('line.sim.form.countOf', { station: name })}
                      value={v(`count.${i}`, m.count)}
                      min={1}
                      max={64}
                      errors={errors}
                    />
                    <Cell
                      name={`time.${i}`}
                      label={t('line.sim.form.timeOf', { station: name })}
                      value={v(`time.${i}`, 100)}
                      min={10}
                      max={1000}
                      errors={errors}
                    />
                    {i === 0 ? (
                      <td class="muted">–</td>
                    ) : (
                      <Cell
                        name={`buffer.${i - 1}`}
                        label={t('line.sim.form.bufferOf', { station: name })}
                        value={v(`buffer.${i - 1}`, base.buffers[i - 1])}
                        min={0}
                        max={100_000}
                        errors={errors}
                      />
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <fieldset class="sim-settings">
        <legend>{t('line.sim.form.settings')}</legend>
        <div class="inline-fields">
          <Field id="sim-horizonHours" name="horizonHours" label={t('line.sim.form.horizon')} errors={errors}>
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                min={1}
                max={8760}
                step="any"
                value={v('horizonHours', figure(hours, hours % 1 ? 1 : 0))}
                required
              />
            )}
          </Field>
          <Field id="sim-replications" name="replications" label={t('line.sim.form.replications')} errors={errors}>
            {(attrs) => <input {...attrs} type="number" min={2} max={100} step={1} value={v('replications', base.replications)} required />}
          </Field>
          <Field
            id="sim-peakLimitKw"
            name="peakLimitKw"
            label={t('line.sim.form.peakLimit')}
            errors={errors}
            hint={t('line.sim.form.peakHint')}
          >
            {(attrs) => <input {...attrs} type="number" min={1} step="any" value={v('peakLimitKw', '')} />}
          </Field>
          <Field id="sim-title" name="title" label={t('line.sim.form.title')} errors={errors}>
            {(attrs) => <input {...attrs} type="text" maxlength={120} value={v('title', '')} />}
          </Field>
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit">{t('line.sim.form.submit')}</button>
      </div>
    </form>
  );
}
