import { dateTime } from '../../server/web/format.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { machineName } from '../simulation/model.tsx';
import { askUrl, MIX_ROWS, type AskOptions, type QuestionKind, type QuestionViewContext } from './model.tsx';

export interface AskFormProps {
  kind: QuestionKind;
  ctx: QuestionViewContext;
  options: AskOptions;
  errors?: FieldErrors;
  /** The fields as sent, when the form was refused. */
  values?: Record<string, string>;
}

/** The id of a question's form (what htmx swaps when it is refused). */
export function askFormId(kind: QuestionKind): string {
  return `ask-${kind.replace('_', '-')}`;
}

/** The open preventive work orders to place, those of the coming week ticked (or as sent). */
function WorkOrderChoice({ ctx, options, errors, values }: Omit<AskFormProps, 'kind'>) {
  const { t } = ctx;
  const sent = values?.sent === '1';
  const error = errors?.workOrders;
  return (
    <fieldset class="ask-choices" aria-describedby={error ? 'ask-wo-hint ask-wo-error' : 'ask-wo-hint'}>
      <legend>{t('q.wo.legend')}</legend>
      <input type="hidden" name="sent" value="1" />
      <small id="ask-wo-hint" class="hint">
        {t('q.wo.hint')}
      </small>
      {options.workOrders.map((wo, i) => (
        <div class="sim-check">
          <input
            id={`ask-wo-${i}`}
            type="checkbox"
            name={`wo.${i}`}
            value={wo.externalId}
            checked={sent ? values?.[`wo.${i}`] === wo.externalId : wo.inWeek}
          />
          <label for={`ask-wo-${i}`}>
            {t('q.wo.item', {
              id: wo.externalId,
              station: machineName(wo.station, ctx),
              minutes: wo.plannedMinutes,
              from: dateTime(wo.earliestStart, ctx.zone),
              to: dateTime(wo.latestStart, ctx.zone),
            })}
            {wo.failureRateFactor !== null && <span class="small muted"> — {t('q.wo.factor', { factor: wo.failureRateFactor })}</span>}
          </label>
        </div>
      ))}
      {error && (
        <p class="form-error" id="ask-wo-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Proposed mixes as typed lots or shares, and the peak limit to hold them to. */
function MixFields({ ctx, options, errors, values = {} }: Omit<AskFormProps, 'kind'>) {
  const { t } = ctx;
  const [a, b] = options.products;
  return (
    <>
      <fieldset class="ask-choices">
        <legend>{t('q.mix.legend')}</legend>
        <small class="hint">
          {b === undefined
            ? t('q.mix.hintOne', { lots: 'part x 600, part x 300' })
            : t('q.mix.hint', { lots: `${a} x 200, ${b} x 100`, shares: `${a} 70 %, ${b} 30 %` })}
        </small>
        {options.products.length > 0 && <p class="small muted">{t('q.mix.products', { products: options.products.join(', ') })}</p>}
        {Array.from({ length: MIX_ROWS }, (_, i) => (
          <div class="inline-fields ask-mix-row">
            <Field id={`ask-mix-${i}-name`} name={`scenarios.${i}.name`} label={t('q.mix.name', { n: i + 1 })} errors={errors}>
              {(attrs) => <input {...attrs} type="text" maxlength={60} value={values[`scenarios.${i}.name`] ?? ''} />}
            </Field>
            <Field id={`ask-mix-${i}-mix`} name={`scenarios.${i}.mix`} label={t('q.mix.lots', { n: i + 1 })} errors={errors}>
              {(attrs) => <input {...attrs} type="text" maxlength={2000} class="ask-mix-text" value={values[`scenarios.${i}.mix`] ?? ''} />}
            </Field>
          </div>
        ))}
      </fieldset>
      <div class="inline-fields">
        <Field
          id="ask-peakLimitKw"
          name="peakLimitKw"
          label={t('q.mix.peak')}
          errors={errors}
          hint={options.peakLimitKw === null ? t('q.mix.peakNone') : t('q.mix.peakHint', { limit: options.peakLimitKw })}
        >
          {(attrs) => <input {...attrs} type="number" min={1} step="any" value={values.peakLimitKw ?? ''} />}
        </Field>
      </div>
    </>
  );
}

/**
 * A question's form: its optional fields (which work orders; the proposed mixes and the peak
 * limit) and the Ask button. It posts as a plain form, and htmx swaps it back in place when it
 * is refused; a question asked leads to its answer's page.
 */
export function AskForm({ kind, ctx, options, errors, values }: AskFormProps) {
  const { t } = ctx;
  if (kind === 'maintenance_plan' && !options.workOrders.length) return <EmptyState message={t('q.wo.none', { id: ctx.lineId })} />;
  const action = askUrl(ctx.lineId, kind);
  const id = askFormId(kind);
  return (
    <form
      id={id}
      class="ask-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      hx-disabled-elt="find button"
    >
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={errors} />
      {kind === 'maintenance_plan' && <WorkOrderChoice ctx={ctx} options={options} errors={errors} values={values} />}
      {kind === 'mix_scenario' && <MixFields ctx={ctx} options={options} errors={errors} values={values} />}
      <div class="actions">
        <button type="submit" aria-describedby={`q-${kind}-heading`}>
          {t('q.ask')}
        </button>
      </div>
    </form>
  );
}
