import { dateTime } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { KpiChart } from './kpiChart.tsx';
import { CorrectForm, RecordForm, kpiCardId } from './measurementForms.tsx';
import { amount, share } from './numbers.tsx';
import type { KpiModel, MeasurementFormState, UseCaseViewContext } from './model.tsx';

interface KpiProps {
  kpi: KpiModel;
  ctx: UseCaseViewContext;
  form?: MeasurementFormState;
}

/** Baseline → current → target, the gap closed against the plan, the trend and when it is measured next. */
function Progress({ kpi, ctx }: KpiProps) {
  const { t } = ctx;
  const p = kpi.progress;
  const unit = kpi.unit;
  return (
    <dl class="facts kpi-figures">
      <dt>{t('owner.kpi.baseline')}</dt>
      <dd>
        {kpi.baseline ? (
          <>
            {amount(kpi.baseline.value)} {unit}{' '}
            <span class="small muted">
              ({kpi.baseline.periodStart} – {kpi.baseline.periodEnd})
            </span>
          </>
        ) : (
          <span class="badge bad">{t('owner.kpi.noBaseline')}</span>
        )}
      </dd>
      <dt>{t('owner.kpi.current')}</dt>
      <dd>
        {p.current ? (
          <>
            {amount(p.current.value)} {unit} <span class="small muted">{t('owner.kpi.until', { date: p.current.periodEnd })}</span>
          </>
        ) : (
          t('owner.kpi.notMeasured')
        )}
      </dd>
      <dt>{t('owner.kpi.target')}</dt>
      <dd>
        {amount(kpi.target.value)} {unit} <span class="small muted">{t('owner.kpi.by', { date: kpi.target.date })}</span>
      </dd>
      <dt>{t('owner.kpi.gapClosed')}</dt>
      <dd>
        {share(p.gapClosed)} <span class="small muted">{t('owner.kpi.plan', { share: share(p.plannedShare) })}</span>{' '}
        {p.behindPlan !== null && (
          <span class={`badge ${p.behindPlan ? 'at_risk' : 'ok'}`}>{t(p.behindPlan ? 'owner.kpi.behind' : 'owner.kpi.onPlan')}</span>
        )}
      </dd>
      <dt>{t('owner.kpi.trend')}</dt>
      <dd>{t(`owner.trend.${p.trend}`)}</dd>
      <dt>{t('owner.kpi.nextDue')}</dt>
      <dd>
        {p.nextMeasurementDue} {p.overdue && <span class="badge overdue-badge bad">{t('owner.kpi.overdue', { days: p.daysOverdue })}</span>}
      </dd>
    </dl>
  );
}

function Measurements({ kpi, ctx, form }: KpiProps) {
  const { t } = ctx;
  if (!kpi.measurements.length)
    return <EmptyState message={t(kpi.mayMeasure ? 'owner.kpi.noMeasurementsRecord' : 'owner.kpi.noMeasurements')} />;
  return (
    <>
      <TableTools t={t} csvHref={`/use-cases/${kpi.useCaseId}?format=csv&table=measurements&kpi=${kpi.id}`} />
      <div class="table-wrap">
        <table aria-label={t('owner.kpi.tableLabel', { name: kpi.name })}>
          <thead>
            <tr>
              <th scope="col">{t('owner.kpi.period')}</th>
              <th scope="col" class="num">
                {t('owner.kpi.valueIn', { unit: kpi.unit })}
              </th>
              <th scope="col">{t('owner.kpi.source')}</th>
              <th scope="col">{t('owner.kpi.recorded')}</th>
              {kpi.mayMeasure && (
                <th scope="col">
                  <span class="visually-hidden">{t('owner.kpi.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {/* Newest first: the one to check or correct is usually the latest. */}
            {[...kpi.measurements].reverse().map((m) => (
              <tr id={`m-${m.id}`}>
                <th scope="row">
                  {m.periodStart} – {m.periodEnd}
                </th>
                <td class="num">{amount(m.value)}</td>
                <td>{m.source}</td>
                <td class="small">
                  {m.recordedBy ?? '–'}, <time datetime={m.recordedAt.toISOString()}>{dateTime(m.recordedAt, ctx.zone)}</time>
                </td>
                {kpi.mayMeasure && (
                  <td>
                    <CorrectForm kpi={kpi} row={m} ctx={ctx} form={form} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * One KPI: its progress, its trend chart, its measurements and the forms to record and correct
 * them. The same component is the htmx answer to a recorded or corrected measurement.
 */
export function KpiCard({ kpi, ctx, form }: KpiProps) {
  const { t } = ctx;
  return (
    <article id={kpiCardId(kpi.id)} class="card kpi" aria-labelledby={`kpi-${kpi.id}-name`}>
      <h3 id={`kpi-${kpi.id}-name`}>
        {kpi.name} <span class="muted">({kpi.unit})</span>
        {ctx.canSetUp && (
          <>
            {' '}
            <a class="small" href={`/kpis/${kpi.id}/edit`}>
              {t('owner.setUp.editKpi')}
            </a>
          </>
        )}
      </h3>
      <p class="small muted">
        {t('owner.kpi.meta', {
          owner: kpi.owner ?? '–',
          direction: t(`owner.direction.${kpi.direction}`),
          cadence: t(`owner.cadence.${kpi.reviewCadence}` as never),
        })}
      </p>
      <Progress kpi={kpi} ctx={ctx} />
      <KpiChart kpi={kpi} t={t} />
      <Measurements kpi={kpi} ctx={ctx} form={form} />
      {kpi.mayMeasure && <RecordForm kpi={kpi} ctx={ctx} form={form} />}
    </article>
  );
}

/** The use case's KPIs, each with its measurements. */
export function KpiSection({ kpis, ctx, form }: { kpis: KpiModel[]; ctx: UseCaseViewContext; form?: MeasurementFormState }) {
  const { t } = ctx;
  return (
    <section id="kpis" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">{t('owner.uc.kpis')}</h2>
      {kpis.length === 0 ? (
        <EmptyState message={t('owner.uc.noKpis')} />
      ) : (
        kpis.map((k) => <KpiCard kpi={k} ctx={ctx} form={form?.kpiId === k.id ? form : undefined} />)
      )}
    </section>
  );
}
