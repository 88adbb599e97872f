import type { ProgramPageData } from '../../server/programs/programView.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { percent } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { HeatMap, type HeatCell } from '../charts/heatmap.tsx';
import { CoverageNote } from './risk.tsx';

type Adoption = ProgramPageData['adoption'];
type Period = Adoption['groups'][number]['periods'][number];

const bands = ['on_track', 'below', 'far_below', 'not_started'] as const;
const weekLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthLabel = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A period as its column says it: the Monday of a week (`Oct 5`) or a month (`Oct 2026`). */
export function periodLabel(period: 'week' | 'month', start: string): string {
  return (period === 'week' ? weekLabel : monthLabel).format(new Date(`${start}T00:00:00Z`));
}

function cellText(p: Period): string {
  if (p.ratio === null) return '–';
  const share = `${Math.round(p.ratio * 100)} %`;
  return p.status === 'on_track' ? `✓ ${share}` : share;
}

function FiguresTable({ t, view }: { t: Translate; view: Adoption }) {
  const periods = view.groups[0]?.periods ?? [];
  return (
    <table class="small">
      <thead>
        <tr>
          <th scope="col">{t('sponsor.adoption.group')}</th>
          {periods.map((p) => (
            <th scope="col" class="num">
              {periodLabel(view.period, p.start)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.groups.map((g) => (
          <tr>
            <th scope="row">{g.name}</th>
            {g.periods.map((p) => (
              <td class="num">
                {p.observed} / {p.expected}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The uses shown, and how many of them the twin recorded itself. */
function automaticOf(view: Adoption) {
  const periods = view.groups.flatMap((g) => g.periods);
  return { observed: periods.reduce((n, p) => n + p.observed, 0), automatic: periods.reduce((n, p) => n + p.automatic, 0) };
}

function PeriodSwitch({ t, programId, period }: { t: Translate; programId: string; period: 'week' | 'month' }) {
  return (
    <nav class="period-switch" aria-label={t('sponsor.adoption.period')}>
      {(['week', 'month'] as const).map((p) => {
        const href = `/programs/${programId}?period=${p}`;
        return (
          <a
            href={`${href}#adoption`}
            hx-get={href}
            hx-target="#adoption"
            hx-swap="outerHTML"
            hx-push-url={href}
            aria-current={p === period ? 'true' : undefined}
          >
            {t(p === 'week' ? 'sponsor.adoption.week' : 'sponsor.adoption.month')}
          </a>
        );
      })}
    </nav>
  );
}

/**
 * Adoption by user group against the frequency each is expected to use the twin, as a heat map by
 * week or month: each cell the share of the expected uses, with its band in the legend.
 */
export function AdoptionSection({ t, programId, view, csvHref }: { t: Translate; programId: string; view: Adoption; csvHref: string }) {
  const periods = view.groups[0]?.periods ?? [];
  const cells: HeatCell[] = view.groups.flatMap((g) =>
    g.periods.map((p) => ({
      row: g.groupId,
      column: p.start,
      band: p.status,
      partial: p.partial,
      text: cellText(p),
      title: t('sponsor.adoption.cell', {
        group: g.name,
        period: `${p.start} – ${p.end}${p.partial ? ` (${t('sponsor.adoption.partial')})` : ''}`,
        observed: p.observed,
        automatic: p.automatic,
        expected: p.expected,
        ratio: percent(p.ratio, 0),
        status: t(`sponsor.adoption.status.${p.status}`),
      }),
    })),
  );
  const below = view.groups.filter((g) => {
    const last = g.periods.filter((p) => !p.partial).at(-1);
    return last && (last.status === 'below' || last.status === 'far_below');
  }).length;
  return (
    <section id="adoption" class="card" aria-labelledby="adoption-heading">
      <h2 id="adoption-heading">{t('sponsor.adoption.title')}</h2>
      {!view.groups.length ? (
        <EmptyState message={t('sponsor.adoption.none')} />
      ) : (
        <>
          <PeriodSwitch t={t} programId={programId} period={view.period} />
          <HeatMap
            id="adoption-heatmap"
            title={t('sponsor.adoption.chart', { period: view.period })}
            description={t('sponsor.adoption.chartDesc', {
              groups: view.groups.length,
              periods: periods.length,
              from: view.from,
              to: view.to,
              below,
            })}
            rows={view.groups.map((g) => ({
              key: g.groupId,
              label: g.name,
              note: [
                t(`sponsor.adoption.frequency.${g.expectedFrequency}`),
                g.consecutivePeriodsBelow >= 2 ? t('sponsor.adoption.streak', { count: g.consecutivePeriodsBelow }) : '',
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
            columns={periods.map((p) => ({ key: p.start, label: periodLabel(view.period, p.start) }))}
            cells={cells}
            legend={bands.map((band) => ({ band, label: t(`sponsor.adoption.status.${band}`) }))}
            partialLabel={t('sponsor.adoption.partial')}
            figures={{ label: t('chart.figures'), content: <FiguresTable t={t} view={view} /> }}
          />
          <p class="small muted">{t('sponsor.adoption.automatic', automaticOf(view))}</p>
          <TableTools t={t} csvHref={csvHref} />
        </>
      )}
      <CoverageNote t={t} coverage={view.coverage} />
    </section>
  );
}
