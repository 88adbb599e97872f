import type { ProgramPageData } from '../../server/programs/programView.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { figure, percent } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { Sparkline } from '../charts/sparkline.tsx';
import { CoverageNote } from './risk.tsx';

type Roi = ProgramPageData['roi'];
type Row = Roi['kpis'][number];
type Points = ProgramPageData['series'];

/** A KPI value with as many decimals as its size needs (412 parts, 61.8 %, 0.35 h). */
export function kpiValue(value: number | null, unit = ''): string {
  if (value === null) return '–';
  const size = Math.abs(value);
  const decimals = size >= 100 ? 0 : size >= 1 ? 1 : 2;
  return `${figure(value, decimals)}${unit ? ` ${unit}` : ''}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A yearly amount in its currency, whole units (`€357,140`); a plain number without a currency. */
export function money(value: number | null, currency: string | null): string {
  if (value === null) return '–';
  if (!currency) return figure(value, 0);
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format.format(value);
}

function GapClosed({ t, row }: { t: Translate; row: Row }) {
  if (row.gapClosed === null)
    return <span class="muted">{row.baseline === null ? t('sponsor.roi.noBaseline') : t('sponsor.roi.notMeasured')}</span>;
  return (
    <span class="gap">
      <meter min={0} max={1} low={0.34} high={0.67} optimum={1} value={Math.max(0, Math.min(1, row.gapClosed))} aria-hidden="true" />{' '}
      <span class={row.gapClosed < 0 ? 'loss-text' : undefined}>{percent(row.gapClosed, 0)}</span>
    </span>
  );
}

function Trend({ t, row, points }: { t: Translate; row: Row; points: Points }) {
  const series = points.get(row.kpiId) ?? [];
  const trend = t(`sponsor.roi.trend.${row.trend}`);
  return (
    <span class="trend">
      <Sparkline
        id={`spark-${row.kpiId}`}
        points={series}
        baseline={row.baseline}
        target={row.target}
        title={t('sponsor.roi.sparkTitle', { kpi: row.kpi, trend })}
        description={
          series.length
            ? t('sponsor.roi.sparkDesc', {
                count: series.length,
                from: series[0].date,
                to: series[series.length - 1].date,
                last: kpiValue(series[series.length - 1].value, row.unit),
                baseline: kpiValue(row.baseline, row.unit),
                target: kpiValue(row.target, row.unit),
              })
            : trend
        }
      />{' '}
      <span class={`trend-word ${row.trend}`}>{trend}</span>
    </span>
  );
}

function RoiRow({ t, row, points }: { t: Translate; row: Row; points: Points }) {
  return (
    <tr id={`roi-${row.kpiId}`}>
      <th scope="row">
        <a href={`/use-cases/${row.useCaseId}#kpi-${row.kpiId}`}>{row.kpi}</a>
        <span class="small muted block">{row.useCase}</span>
      </th>
      <td class="num">
        {row.baseline === null ? <span class="badge warn">{t('sponsor.roi.noBaseline')}</span> : kpiValue(row.baseline, row.unit)}
      </td>
      <td class="num">
        {row.current === null ? <span class="muted">{t('sponsor.roi.notMeasured')}</span> : kpiValue(row.current, row.unit)}
        {row.currentPeriodEnd && <span class="small muted block">{t('sponsor.roi.of', { date: row.currentPeriodEnd })}</span>}
        {row.overdue && <span class="badge late">{t('sponsor.roi.overdue')}</span>}
      </td>
      <td class="num">
        {kpiValue(row.target, row.unit)}
        <span class="small muted block">{t('sponsor.roi.by', { date: row.targetDate })}</span>
      </td>
      <td>
        <GapClosed t={t} row={row} />
      </td>
      <td>
        <Trend t={t} row={row} points={points} />
      </td>
      <td class="num">
        {row.targetAnnualValue === null ? (
          '–'
        ) : (
          <>
            <span class={row.realisedAnnualValue !== null && row.realisedAnnualValue < 0 ? 'loss-text' : 'gain-text'}>
              {money(row.realisedAnnualValue, row.currency)}
            </span>
            <span class="muted"> / {money(row.targetAnnualValue, row.currency)}</span>
          </>
        )}
      </td>
    </tr>
  );
}

/** The ROI table: every KPI from baseline through current to target, the gap closed, its trend and its yearly value. */
export function RoiSection({ t, roi, series, csvHref }: { t: Translate; roi: Roi; series: Points; csvHref: string }) {
  return (
    <section id="roi" class="card" aria-labelledby="roi-heading">
      <h2 id="roi-heading">{t('sponsor.roi.title')}</h2>
      {!roi.kpis.length ? (
        <EmptyState message={t('sponsor.roi.none')} />
      ) : (
        <>
          {roi.totals.length > 0 && (
            <ul class="roi-totals">
              {roi.totals.map((total) => (
                <li>
                  <strong class="big">{money(total.realisedAnnualValue, total.currency || null)}</strong>{' '}
                  <span class="muted">/ {money(total.targetAnnualValue, total.currency || null)}</span>{' '}
                  <span class="small muted">{t('sponsor.roi.annualValue')}</span>
                </li>
              ))}
            </ul>
          )}
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table class="roi">
              <thead>
                <tr>
                  <th scope="col">{t('sponsor.roi.kpi')}</th>
                  <th scope="col" class="num">
                    {t('sponsor.roi.baseline')}
                  </th>
                  <th scope="col" class="num">
                    {t('sponsor.roi.current')}
                  </th>
                  <th scope="col" class="num">
                    {t('sponsor.roi.target')}
                  </th>
                  <th scope="col">{t('sponsor.roi.gapClosed')}</th>
                  <th scope="col">{t('sponsor.roi.trend')}</th>
                  <th scope="col" class="num">
                    {t('sponsor.roi.annualValue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {roi.kpis.map((row) => (
                  <RoiRow t={t} row={row} points={series} />
                ))}
              </tbody>
              {roi.totals.length > 0 && (
                <tfoot>
                  {roi.totals.map((total) => (
                    <tr>
                      <th scope="row" colspan={6}>
                        {t('sponsor.roi.total', { currency: total.currency || '–' })}
                      </th>
                      <td class="num">
                        <strong>{money(total.realisedAnnualValue, total.currency || null)}</strong>
                        <span class="muted"> / {money(total.targetAnnualValue, total.currency || null)}</span>
                      </td>
                    </tr>
                  ))}
                </tfoot>
              )}
            </table>
          </div>
        </>
      )}
      <CoverageNote t={t} coverage={roi.coverage} />
    </section>
  );
}
