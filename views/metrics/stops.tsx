import { duration, figure, percent } from '../../server/web/format.ts';
import type { MessageKey } from '../../server/web/messages/en.ts';
import { cumulativeShares, Pareto } from '../charts/pareto.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { LineMetrics, LineViewContext } from './model.tsx';

type StopGroup = LineMetrics['stopReasons']['byTime'][number];

/** A stop reason's name, saying when it is a changeover rather than a stop, or that the plant sent no known code. */
export function reasonLabel(g: StopGroup, ctx: LineViewContext): string {
  const name = g.classified ? g.name : ctx.t('line.stops.unclassified', { code: g.reason ?? '–' });
  return g.state === 'setup' ? `${name} (${ctx.t('line.state.setup')})` : name;
}

const categories = new Set(['technical', 'material', 'operator', 'quality', 'other', 'changeover', 'cleaning']);

/** A reason category of the site's tree in words. */
export function categoryWord(category: string, ctx: LineViewContext): string {
  return categories.has(category) ? ctx.t(`line.category.${category}` as MessageKey) : category;
}

const minutes = (seconds: number) => seconds / 60;

/** The stop reasons of the shift by lost time, largest first, as a Pareto chart and a table. */
export function StopsSection({ metrics, ctx, csvHref }: { metrics: LineMetrics; ctx: LineViewContext; csvHref: string }) {
  const { t } = ctx;
  const groups = metrics.stopReasons.byTime;
  const total = groups.reduce((s, g) => s + g.seconds, 0);
  const cumulative = cumulativeShares(groups.map((g) => ({ label: g.name, value: g.seconds })));
  const vital = cumulative.findIndex((c) => c >= 0.8) + 1;
  return (
    <section class="card" aria-labelledby="line-stops-heading">
      <h2 id="line-stops-heading">{t('line.pareto')}</h2>
      {!groups.length ? (
        <EmptyState message={t('line.noStops')} />
      ) : (
        <>
          <Pareto
            id="line-pareto"
            title={t('line.pareto')}
            description={t('line.stops.desc', {
              count: groups.length,
              total: duration(total),
              top: reasonLabel(groups[0], ctx),
              topTime: duration(groups[0].seconds),
              topShare: percent(groups[0].seconds / total, 0),
              vital,
            })}
            items={groups.map((g) => ({ label: reasonLabel(g, ctx), value: minutes(g.seconds) }))}
            format={(v) => figure(v, v < 10 ? 1 : 0)}
            unit="min"
          />
          {metrics.stopReasons.unclassifiedSeconds > 0 && (
            <p class="small line-warn">{t('line.stops.unclassifiedTime', { time: duration(metrics.stopReasons.unclassifiedSeconds) })}</p>
          )}
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('line.reason')}</th>
                  <th scope="col">{t('line.stops.category')}</th>
                  <th scope="col" class="num">
                    {t('line.stops.time')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.stops.count')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.stops.microstops')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.stops.share')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.stops.cumulative')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g, i) => (
                  <tr>
                    <th scope="row">
                      {reasonLabel(g, ctx)} {g.reason && <span class="small muted">({g.reason})</span>}
                    </th>
                    <td>{categoryWord(g.category, ctx)}</td>
                    <td class="num">{duration(g.seconds)}</td>
                    <td class="num">{g.count}</td>
                    <td class="num">{g.microstops}</td>
                    <td class="num">{percent(g.seconds / total)}</td>
                    <td class="num">{percent(cumulative[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
