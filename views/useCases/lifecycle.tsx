import { dateTime } from '../../server/web/format.ts';
import { CsrfField, Field } from '../components/field.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { LifecycleModel, LifecycleRefusal, MissingCondition, UseCaseStatus, UseCaseViewContext } from './model.tsx';

export const LIFECYCLE_ID = 'uc-lifecycle';

const stages: UseCaseStatus[] = ['proposed', 'piloting', 'operational', 'retired'];

/** Each missing condition in words, with where to fix it when this page can take you there. */
function Missing({ missing, ctx }: { missing: MissingCondition[]; ctx: UseCaseViewContext }) {
  const { t } = ctx;
  return (
    <ul class="missing">
      {missing.map((m) => (
        <li>
          {t(`owner.uc.missing.${m}`)}
          {m === 'kpi_with_baseline' && (
            <>
              {' '}
              — <a href="#kpis">{t('owner.uc.missing.kpiFix')}</a>
            </>
          )}
          {m === 'owner' && <> — {t('owner.uc.missing.ownerFix')}</>}
        </li>
      ))}
    </ul>
  );
}

function Refusal({ refusal, ctx }: { refusal: LifecycleRefusal; ctx: UseCaseViewContext }) {
  const { t } = ctx;
  return (
    <div class="alert alert-error" role="alert">
      <strong>{t('owner.uc.notMoved')}</strong>
      <p>{refusal.message}</p>
      {refusal.missing.length > 0 && (
        <>
          <p>{t('owner.uc.stillNeeds')}</p>
          <Missing missing={refusal.missing} ctx={ctx} />
        </>
      )}
    </div>
  );
}

function TransitionForm({ model, ctx, refusal }: { model: LifecycleModel; ctx: UseCaseViewContext; refusal?: LifecycleRefusal }) {
  const { t } = ctx;
  const url = `/use-cases/${model.useCaseId}/transitions`;
  return (
    <form
      method="post"
      action={url}
      hx-post={url}
      hx-target={`#${LIFECYCLE_ID}`}
      hx-swap="outerHTML"
      hx-disabled-elt="find button"
      class="stack"
    >
      <CsrfField token={ctx.csrfToken} />
      <Field id="uc-transition-note" name="note" label={t('owner.uc.transitionNote')} errors={refusal?.errors}>
        {(attrs) => (
          <textarea {...attrs} rows={2} maxlength={10_000}>
            {refusal?.values.note ?? ''}
          </textarea>
        )}
      </Field>
      <div class="actions">
        {model.allowed.map((to) => (
          <button
            type="submit"
            name="to"
            value={to}
            class={to === 'retired' || stages.indexOf(to) < stages.indexOf(model.status) ? 'secondary' : undefined}
          >
            {t(`owner.uc.moveTo.${to}`)}
          </button>
        ))}
      </div>
      {model.allowed.includes('operational') && model.missingForOperational.length > 0 && (
        <div class="small">
          <p>{t('owner.uc.operationalNeeds')}</p>
          <Missing missing={model.missingForOperational} ctx={ctx} />
        </div>
      )}
    </form>
  );
}

/**
 * Where the use case stands in its lifecycle, the steps allowed from there as buttons, a refused
 * step with the conditions the domain names as missing, and every step taken. The same component
 * is the htmx answer to a step.
 */
export function LifecycleSection({ model, ctx, refusal }: { model: LifecycleModel; ctx: UseCaseViewContext; refusal?: LifecycleRefusal }) {
  const { t } = ctx;
  return (
    <section id={LIFECYCLE_ID} class="card" aria-labelledby="uc-lifecycle-heading">
      <h2 id="uc-lifecycle-heading">{t('owner.uc.lifecycle')}</h2>
      <ol class="uc-stages" aria-label={t('owner.uc.stages')}>
        {stages.map((s) => (
          <li class={s === model.status ? 'current' : undefined} aria-current={s === model.status ? 'step' : undefined}>
            {t(`owner.stage.${s}`)}
            {s === model.status && <span class="visually-hidden"> {t('owner.uc.currentStage')}</span>}
          </li>
        ))}
      </ol>
      {refusal && <Refusal refusal={refusal} ctx={ctx} />}
      {model.allowed.length === 0 ? (
        <p class="muted">{t('owner.uc.retiredFinal')}</p>
      ) : model.mayTransition ? (
        <TransitionForm model={model} ctx={ctx} refusal={refusal} />
      ) : (
        <p class="muted">
          {t('owner.uc.nextSteps', { steps: model.allowed.map((s) => t(`owner.stage.${s}`)).join(', ') })} {t('owner.uc.whoMoves')}
        </p>
      )}
      <h3>{t('owner.uc.steps')}</h3>
      <TableTools t={t} csvHref={`/use-cases/${model.useCaseId}?format=csv&table=transitions`} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('owner.uc.when')}</th>
              <th scope="col">{t('owner.uc.step')}</th>
              <th scope="col">{t('owner.uc.by')}</th>
              <th scope="col">{t('owner.uc.note')}</th>
            </tr>
          </thead>
          <tbody>
            {[...model.steps].reverse().map((s) => (
              <tr>
                <th scope="row">
                  <time datetime={s.at.toISOString()}>{dateTime(s.at, ctx.zone)}</time>
                </th>
                <td>
                  {s.from
                    ? t('owner.uc.fromTo', { from: t(`owner.stage.${s.from}`), to: t(`owner.stage.${s.to}`) })
                    : t(`owner.stage.${s.to}`)}
                </td>
                <td>{s.actor ?? '–'}</td>
                <td>{s.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
