import { CsrfField, Field, FormError } from '../components/field.tsx';
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { amount } from './numbers.tsx';
import type { KpiModel, MeasurementFormState, MeasurementRow, UseCaseViewContext } from './model.tsx';

/** The id of a KPI's card: its measurement forms re-render it. */
export const kpiCardId = (kpiId: string) => `kpi-${kpiId}`;

/** The four fields of a measurement, with their errors and values as typed. */
function MeasurementFields({
  prefix,
  values,
  errors,
  t,
}: {
  prefix: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  t: Translate;
}) {
  return (
    <div class="measure-fields">
      <Field id={`${prefix}-periodStart`} name="periodStart" label={t('owner.kpi.periodStart')} errors={errors}>
        {(attrs) => <input {...attrs} type="date" required value={values.periodStart ?? ''} />}
      </Field>
      <Field id={`${prefix}-periodEnd`} name="periodEnd" label={t('owner.kpi.periodEnd')} errors={errors}>
        {(attrs) => <input {...attrs} type="date" required value={values.periodEnd ?? ''} />}
      </Field>
      <Field id={`${prefix}-value`} name="value" label={t('owner.kpi.value')} errors={errors}>
        {(attrs) => <input {...attrs} type="text" inputmode="decimal" required maxlength={40} value={values.value ?? ''} />}
      </Field>
      <Field id={`${prefix}-source`} name="source" label={t('owner.kpi.source')} errors={errors}>
        {(attrs) => <input {...attrs} type="text" required maxlength={500} value={values.source ?? ''} />}
      </Field>
    </div>
  );
}

function hxForm(url: string, kpiId: string) {
  return {
    method: 'post' as const,
    action: url,
    'hx-post': url,
    'hx-target': `#${kpiCardId(kpiId)}`,
    'hx-swap': 'outerHTML',
    'hx-disabled-elt': 'find button',
  };
}

/** Records a new measured value of the KPI, for a period that has ended. */
export function RecordForm({ kpi, ctx, form }: { kpi: KpiModel; ctx: UseCaseViewContext; form?: MeasurementFormState }) {
  const { t } = ctx;
  const mine = form && !form.measurementId ? form : undefined;
  const latest = kpi.measurements.at(-1);
  // A new period usually follows the latest one, from the same source.
  const values = mine?.values ?? { periodStart: kpi.nextPeriodStart ?? '', source: latest?.source ?? '' };
  return (
    <form
      {...hxForm(`/use-cases/${kpi.useCaseId}/kpis/${kpi.id}/measurements`, kpi.id)}
      class="measure-form"
      aria-labelledby={`kpi-${kpi.id}-record`}
    >
      <h4 id={`kpi-${kpi.id}-record`}>{t('owner.kpi.record')}</h4>
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={mine?.errors} />
      <MeasurementFields prefix={`kpi-${kpi.id}-new`} values={values} errors={mine?.errors} t={t} />
      <button type="submit">{t('owner.kpi.recordSubmit')}</button>
    </form>
  );
}

/** Corrects a wrong measurement, from the version shown (a change made meanwhile is refused). */
export function CorrectForm({
  kpi,
  row,
  ctx,
  form,
}: {
  kpi: KpiModel;
  row: MeasurementRow;
  ctx: UseCaseViewContext;
  form?: MeasurementFormState;
}) {
  const { t } = ctx;
  const mine = form?.measurementId === row.id ? form : undefined;
  const values = mine?.values ?? { periodStart: row.periodStart, periodEnd: row.periodEnd, value: amount(row.value), source: row.source };
  return (
    <details class="correct" open={!!mine}>
      <summary>
        {t('owner.kpi.correct')}
        <span class="visually-hidden"> {t('owner.kpi.correctWhich', { from: row.periodStart, to: row.periodEnd })}</span>
      </summary>
      <form {...hxForm(`/use-cases/${kpi.useCaseId}/measurements/${row.id}`, kpi.id)}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(row.version)} />
        <FormError errors={mine?.errors} />
        <MeasurementFields prefix={`m-${row.id}`} values={values} errors={mine?.errors} t={t} />
        <button type="submit">{t('owner.kpi.correctSubmit')}</button>
      </form>
    </details>
  );
}
