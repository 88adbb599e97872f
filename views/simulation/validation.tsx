import { figure, percent } from '../../server/web/format.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { machineName, runTime, withInterval, type CalibrationResult, type RunRow, type SimViewContext } from './model.tsx';

/**
 * How well the twin reproduces the line: the calibration's validation run against the window it
 * was fitted on — throughput per hour observed and simulated, the relative error with its 95 %
 * interval, whether the observed rate lies in the twin's prediction interval, and the largest
 * error of a state share.
 */
export function ValidationFigures({ result, ctx }: { result: CalibrationResult; ctx: SimViewContext }) {
  const { t } = ctx;
  const v = result.validation;
  const tp = v.throughputPerHour;
  const inside = tp.predictionInterval.containsObserved;
  return (
    <>
      <dl class="figures">
        <div class="figure main">
          <dt>{t('line.sim.val.error')}</dt>
          <dd>{`${tp.relativeError.mean >= 0 ? '+' : ''}${withInterval(tp.relativeError, 100, 1)} %`}</dd>
        </div>
        <div class="figure">
          <dt>{t('line.sim.val.observed')}</dt>
          <dd>{figure(tp.observed, 1)}</dd>
        </div>
        <div class="figure">
          <dt>{t('line.sim.val.simulated')}</dt>
          <dd>{withInterval(tp.simulated)}</dd>
        </div>
        <div class="figure">
          <dt>{t('line.sim.val.stateError')}</dt>
          <dd>{t('line.sim.val.points', { points: figure(v.maxStateShareError * 100, 1) })}</dd>
        </div>
      </dl>
      <p>
        <span class={`badge ${inside ? 'ok' : 'bad'}`}>{t(inside ? 'line.sim.val.inside' : 'line.sim.val.outside')}</span>{' '}
        {t('line.sim.val.interval', {
          low: figure(tp.predictionInterval.low, 1),
          high: figure(tp.predictionInterval.high, 1),
          replications: v.replications,
        })}
      </p>
      <p class="small muted">
        {t('line.sim.val.window', {
          from: runTime(result.window.from, ctx),
          to: runTime(result.window.to, ctx),
          hours: figure(result.window.seconds / 3600, 1),
        })}
      </p>
      <details>
        <summary>{t('line.sim.val.byStation')}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('line.sim.col.station')}</th>
                {v.states[0]?.shares.map((s) => (
                  <th scope="col" class="num">
                    {t(`line.sim.state.${s.state === 'planned' ? 'other' : s.state}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.states.map((row) => (
                <tr>
                  <th scope="row">{machineName(row.station, ctx)}</th>
                  {row.shares.map((s) => (
                    <td class="num">
                      {t('line.sim.val.pair', { observed: percent(s.observed, 0), simulated: percent(s.simulated.mean, 0) })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {result.assumptions.length > 0 && (
        <>
          <p class="small">{t('line.sim.val.assumptions')}</p>
          <ul class="small">
            {result.assumptions.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The form that calibrates the twin on the last hours of the line's data. */
export function CalibrateForm({ ctx, errors, values }: { ctx: SimViewContext; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = ctx;
  const action = `/lines/${ctx.lineId}/simulate/calibrate`;
  return (
    <form id="calibrate-form" method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML" class="inline-fields">
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={errors} />
      <Field id="calibrate-hours" name="hours" label={t('line.sim.calibrate.hours')} errors={errors} hint={t('line.sim.calibrate.hint')}>
        {(attrs) => <input {...attrs} type="number" min={1} max={2208} step={1} value={values?.hours ?? '24'} required />}
      </Field>
      <div class="actions">
        <button type="submit">{t('line.sim.calibrate.submit')}</button>
      </div>
    </form>
  );
}

/** The twin's validation error from the latest calibration of the line, and the form to calibrate again. */
export function ValidationSection({
  calibration,
  ctx,
  errors,
  values,
}: {
  calibration: RunRow | null;
  ctx: SimViewContext;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <section id="sim-validation" class="card" aria-labelledby="sim-validation-heading">
      <h2 id="sim-validation-heading">{t('line.sim.validation')}</h2>
      {calibration ? (
        <>
          <p class="small muted">{t('line.sim.val.latest', { title: calibration.title, at: runTime(calibration.finishedAt, ctx) })}</p>
          <ValidationFigures result={calibration.result as CalibrationResult} ctx={ctx} />
        </>
      ) : (
        <EmptyState message={t('line.sim.val.none')} />
      )}
      {ctx.mayRun && <CalibrateForm ctx={ctx} errors={errors} values={values} />}
    </section>
  );
}
