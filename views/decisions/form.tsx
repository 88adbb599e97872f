import { figure } from '../../server/web/format.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import type { ChoiceOptions, DecisionFormModel, DecisionFormState, DecisionViewContext, KpiToPredict } from './model.tsx';
import { RECORD_DECISION_ID } from './model.tsx';

type Props = { model: DecisionFormModel; ctx: DecisionViewContext; state?: DecisionFormState };

/** A number as the form shows it: enough digits to tell apart, no grouping. */
export const plain = (x: number) => String(Number(x.toPrecision(6)));

function Error({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="form-error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}

/** The options of the choice (placements, mixes, variants) as radios, the recommended one checked, or the decision in words. */
function Choice({ choice, ctx, state }: { choice: ChoiceOptions; ctx: DecisionViewContext; state?: DecisionFormState }) {
  const { t } = ctx;
  const values = state?.values;
  const errors = state?.errors;
  if (choice.kind === 'free_text')
    return (
      <Field id="dec-text" name="text" label={t('dec.text')} errors={errors} hint={t('dec.text.hint')}>
        {(attrs) => (
          <textarea {...attrs} rows={3} maxlength={10_000} required>
            {values?.text ?? choice.text}
          </textarea>
        )}
      </Field>
    );
  const error = errors?.option;
  const chosen = values?.option ?? choice.options.find((o) => o.recommended)?.value ?? choice.options[0]?.value;
  return (
    <fieldset class="ask-choices" aria-describedby={error ? 'dec-option-error' : undefined}>
      <legend>{t(`dec.choice.${choice.kind}`)}</legend>
      {choice.options.map((o, i) => (
        <div class="sim-check">
          <input id={`dec-option-${i}`} type="radio" name="option" value={o.value} checked={o.value === chosen} required />
          <label for={`dec-option-${i}`}>
            {o.label}
            {o.recommended && <span class="badge ok">{t('dec.recommended')}</span>}
            {o.note && <span class="small muted"> — {o.note}</span>}
          </label>
        </div>
      ))}
      <Error id="dec-option-error" message={error} />
      {choice.kind === 'variant' && (
        <Field id="dec-text" name="text" label={t('dec.variant.text')} errors={errors} hint={t('dec.variant.hint')}>
          {(attrs) => <input {...attrs} type="text" maxlength={10_000} value={values?.text ?? ''} />}
        </Field>
      )}
    </fieldset>
  );
}

/** One KPI to predict: ticked or not; its value taken from the run (read-only), or value, low and high to type. */
function KpiPrediction({
  kpi,
  ctx,
  state,
  sent,
}: {
  kpi: KpiToPredict;
  ctx: DecisionViewContext;
  state?: DecisionFormState;
  sent: boolean;
}) {
  const { t } = ctx;
  const values = state?.values ?? {};
  const errors = state?.errors;
  const box = `dec-kpi-${kpi.id}`;
  const p = kpi.predicted;
  return (
    <div class="decision-kpi">
      <div class="sim-check">
        <input id={box} type="checkbox" name={`predict.${kpi.id}`} value="1" checked={sent ? values[`predict.${kpi.id}`] === '1' : true} />
        <label for={box}>
          {kpi.name} <span class="muted">({kpi.unit})</span>
        </label>
      </div>
      {p ? (
        <p class="small" id={`${box}-run`}>
          {t('dec.kpi.fromRun', {
            value: figure(p.value, 2),
            low: figure(p.low, 2),
            high: figure(p.high, 2),
            unit: kpi.unit,
            scenario: p.scenario,
          })}
        </p>
      ) : (
        <>
          <p class="small muted">{t(kpi.metric ? 'dec.kpi.notPredicted' : 'dec.kpi.byHand', { metric: kpi.metric ?? '' })}</p>
          <div class="inline-fields">
            {(['value', 'low', 'high'] as const).map((k) => (
              <Field id={`${box}-${k}`} name={`${k}.${kpi.id}`} label={t(`dec.kpi.${k}`, { unit: kpi.unit })} errors={errors}>
                {(attrs) => <input {...attrs} type="text" inputmode="decimal" maxlength={40} value={values[`${k}.${kpi.id}`] ?? ''} />}
              </Field>
            ))}
          </div>
        </>
      )}
      <Error id={`${box}-error`} message={errors?.[`predict.${kpi.id}`]} />
    </div>
  );
}

/**
 * "Record this decision" on an answer or a comparison: the use case (its KPIs follow the one
 * chosen: htmx asks the form again, and a plain post of another use case comes back asking for its
 * KPIs), the choice the run offers, the KPIs to predict, when it takes effect and a note. It posts
 * as a plain form; htmx swaps a refusal in place and follows the redirect to the use case.
 */
export function DecisionForm({ model, ctx, state }: Props) {
  const { t } = ctx;
  const values = state?.values ?? {};
  const errors = state?.errors;
  const sent = values.sent === '1' && values.shownUseCaseId === model.useCaseId;
  return (
    <section id={RECORD_DECISION_ID} class="record-decision" aria-labelledby="record-decision-heading" data-run-id={model.runId}>
      <h2 id="record-decision-heading">{t('dec.heading')}</h2>
      {!model.useCases.length ? (
        <p class="small muted">{t('dec.noUseCase')}</p>
      ) : (
        <form
          method="post"
          action={model.action}
          hx-post={model.action}
          hx-target={`#${RECORD_DECISION_ID}`}
          hx-swap="outerHTML"
          hx-disabled-elt="find button"
        >
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="sent" value="1" />
          <input type="hidden" name="shownUseCaseId" value={model.useCaseId ?? ''} />
          {state?.notice && (
            <p class="notice" role="status">
              {state.notice}
            </p>
          )}
          <FormError errors={errors} />
          <Field id="dec-useCase" name="useCaseId" label={t('dec.useCase')} errors={errors} hint={t('dec.useCase.hint')}>
            {(attrs) => (
              <select {...attrs} hx-get={model.action} hx-trigger="change" hx-target={`#${RECORD_DECISION_ID}`} hx-swap="outerHTML">
                {model.useCases.map((u) => (
                  <option value={u.id} selected={u.id === model.useCaseId}>
                    {u.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Choice choice={model.choice} ctx={ctx} state={state} />
          <fieldset class="ask-choices" aria-describedby={errors?.predictions ? 'dec-predictions-error' : 'dec-predictions-hint'}>
            <legend>{t('dec.kpis')}</legend>
            <small id="dec-predictions-hint" class="hint">
              {t('dec.kpis.hint')}
            </small>
            {model.kpis.length ? (
              model.kpis.map((k) => <KpiPrediction kpi={k} ctx={ctx} state={state} sent={sent} />)
            ) : (
              <p class="small muted">{t('dec.kpis.none')}</p>
            )}
            <Error id="dec-predictions-error" message={errors?.predictions} />
          </fieldset>
          <div class="inline-fields">
            <Field id="dec-effectiveFrom" name="effectiveFrom" label={t('dec.effectiveFrom', { zone: model.zone })} errors={errors}>
              {(attrs) => <input {...attrs} type="datetime-local" required value={values.effectiveFrom ?? model.now} />}
            </Field>
          </div>
          <Field id="dec-note" name="note" label={t('dec.note')} errors={errors}>
            {(attrs) => (
              <textarea {...attrs} rows={2} maxlength={10_000}>
                {values.note ?? ''}
              </textarea>
            )}
          </Field>
          <div class="actions">
            <button type="submit">{t('dec.submit')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
