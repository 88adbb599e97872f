import { MISSED_REFRESHES_BEFORE_STALE } from '../../server/dataSources/freshness.ts';
import { duration } from '../../server/web/format.ts';
import type { MessageKey } from '../../server/web/messages/en.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { Age, type LineSources, type LineViewContext } from './model.tsx';

type Source = LineSources['sources'][number];

const freshnessClass: Record<string, string> = { fresh: 'fresh', late: 'late', stale: 'stale', never_received: 'stale' };

/** A source's freshness in words, with the age of its newest value. */
function Freshness({ s, ctx }: { s: Source; ctx: LineViewContext }) {
  const { t } = ctx;
  return (
    <>
      <span class={`badge ${freshnessClass[s.freshness.status]}`}>{t(`line.fresh.${s.freshness.status}` as MessageKey)}</span>{' '}
      {s.newestAt ? <Age at={s.newestAt} ctx={ctx} template="line.newest" /> : <span class="small">{t('time.never')}</span>}
    </>
  );
}

/** Why a source is not fresh: when it turns late or stale, or its value's quality (with the host's note, as it came). */
function Why({ s, ctx }: { s: Source; ctx: LineViewContext }) {
  const { t } = ctx;
  const { status, reason } = s.freshness;
  if (status === 'fresh' || status === 'never_received') return null;
  const badQuality = s.quality === 'bad' || s.quality === 'uncertain';
  const limit =
    status === 'late'
      ? s.expectedRefreshSeconds + s.maxLatencySeconds
      : MISSED_REFRESHES_BEFORE_STALE * s.expectedRefreshSeconds + s.maxLatencySeconds;
  return (
    <span class="small muted block">
      {badQuality ? reason : t(status === 'late' ? 'line.fresh.lateAfter' : 'line.fresh.staleAfter', { limit: duration(limit) })}
    </span>
  );
}

/**
 * The data sources feeding the line (its own, its area's and its site's), with their freshness:
 * a stale source means the figures above are older than they look.
 */
export function SourcesSection({ sources, ctx, csvHref }: { sources: Source[]; ctx: LineViewContext; csvHref: string }) {
  const { t } = ctx;
  const unwell = sources.filter((s) => s.freshness.status === 'stale' || s.freshness.status === 'never_received');
  return (
    <section class="card" aria-labelledby="line-sources-heading">
      <h2 id="line-sources-heading">{t('line.sources')}</h2>
      {!sources.length ? (
        <EmptyState message={t('line.sources.none')} />
      ) : (
        <>
          <p>
            {unwell.length ? (
              <span class="line-warn">
                {t('line.sources.stale', { count: unwell.length, names: unwell.map((s) => s.name).join(', ') })}
              </span>
            ) : (
              t('line.sources.allFresh', { count: sources.length })
            )}
          </p>
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('line.sources.name')}</th>
                  <th scope="col">{t('line.sources.feeds')}</th>
                  <th scope="col">{t('line.sources.freshness')}</th>
                  <th scope="col">{t('line.sources.expected')}</th>
                  <th scope="col">{t('line.sources.useCases')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr>
                    <th scope="row">
                      {s.name} <span class="small muted">({t(`line.kind.${s.kind}` as MessageKey)})</span>
                    </th>
                    <td>{t(`line.sources.scope.${s.scope}` as MessageKey)}</td>
                    <td>
                      <Freshness s={s} ctx={ctx} />
                      <Why s={s} ctx={ctx} />
                    </td>
                    <td>{t('line.sources.every', { interval: duration(s.expectedRefreshSeconds) })}</td>
                    <td>
                      {s.useCases.length ? (
                        <ul class="plain compact">
                          {s.useCases.map((u) => (
                            <li>
                              <a href={`/use-cases/${u.id}`}>{u.title}</a>{' '}
                              <span class="small muted">{t(u.required ? 'line.sources.required' : 'line.sources.optional')}</span>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        '–'
                      )}
                    </td>
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
