import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { dueText, milestoneState } from './common.tsx';

export interface OpenMilestone {
  id: string;
  title: string;
  criterion: string;
  dueBy: string;
  dueQuarter: string | null;
  status: 'planned' | 'missed' | 'deferred' | 'met';
  atRisk: boolean;
}

/** What the person typed and what was wrong with it, when the form comes back (422). */
export interface ReviewFormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

const statuses = ['planned', 'met', 'missed', 'deferred'] as const;

/**
 * The posted values and errors of one milestone, found by its id (the index it was posted under
 * may differ from its place now), renamed to the index it has in this form.
 */
function postedFor(state: ReviewFormState | undefined, milestoneId: string, index: number) {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  if (!state) return { values, errors };
  const posted = Object.keys(state.values)
    .map((name) => /^items\.(\d+)\.milestoneId$/.exec(name))
    .find((m) => m && state.values[m[0]] === milestoneId)?.[1];
  if (posted === undefined) return { values, errors };
  for (const field of ['status', 'note', 'milestoneId']) {
    const from = `items.${posted}.${field}`;
    const to = `items.${index}.${field}`;
    if (from in state.values) values[to] = state.values[from];
    if (from in state.errors) errors[to] = state.errors[from];
  }
  return { values, errors };
}

/**
 * The review form: the day it was held, a summary, and for every open milestone its status at
 * this review with a note. A plain form that works without script (303 back to the page); with
 * htmx it posts in place and the milestones section, this form included, is swapped.
 */
export function ReviewForm({
  t,
  programId,
  today,
  open,
  state,
  csrfToken,
}: {
  t: Translate;
  programId: string;
  csrfToken?: string;
  today: string;
  open: OpenMilestone[];
  state?: ReviewFormState;
}) {
  const action = `/programs/${programId}/reviews`;
  const errors = state?.errors ?? {};
  const values = state?.values ?? {};
  return (
    <form
      id="review-form"
      class="review-form"
      method="post"
      action={action}
      hx-post={action}
      hx-target="#milestones"
      hx-swap="outerHTML"
      aria-labelledby="review-heading"
    >
      <CsrfField token={csrfToken} />
      <FormError errors={errors} />
      {errors.items && (
        <p class="form-error" role="alert">
          {errors.items}
        </p>
      )}
      <div class="review-head">
        <Field id="review-heldOn" label={t('sponsor.review.heldOn')} name="heldOn" errors={errors}>
          {(a) => <input type="date" value={values.heldOn ?? today} max={today} required {...a} />}
        </Field>
        <Field
          id="review-summary"
          label={t('sponsor.review.summary')}
          name="summary"
          errors={errors}
          hint={t('sponsor.review.summaryHint')}
        >
          {(a) => (
            <textarea rows={2} maxlength={10000} {...a}>
              {values.summary ?? ''}
            </textarea>
          )}
        </Field>
      </div>
      {open.map((m, i) => {
        const posted = postedFor(state, m.id, i);
        const chosen = posted.values[`items.${i}.status`] ?? m.status;
        const shown = milestoneState(m);
        return (
          <fieldset class={`review-item ${shown}`}>
            <legend>
              {m.title}{' '}
              <span class="muted small">{t('sponsor.review.dueLabel', { due: dueText(m), status: t(`sponsor.status.${shown}`) })}</span>
            </legend>
            <input type="hidden" name={`items.${i}.milestoneId`} value={m.id} />
            <Field id={`review-${i}-status`} label={t('sponsor.review.status')} name={`items.${i}.status`} errors={posted.errors}>
              {(a) => (
                <select {...a}>
                  {statuses.map((s) => (
                    <option value={s} selected={s === chosen}>
                      {t(`sponsor.status.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={`review-${i}-note`}
              label={t('sponsor.review.note')}
              name={`items.${i}.note`}
              errors={posted.errors}
              hint={t('sponsor.review.noteHint')}
            >
              {(a) => <input type="text" maxlength={10000} value={posted.values[`items.${i}.note`] ?? ''} {...a} />}
            </Field>
          </fieldset>
        );
      })}
      <div class="actions">
        <button type="submit">{t('sponsor.review.submit')}</button>
      </div>
    </form>
  );
}
