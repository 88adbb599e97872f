import { duration } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { SourceModel, UseCaseViewContext } from './model.tsx';

/** How old the newest value is, kept current by app.js from the same template. */
function Age({ at, ctx }: { at: Date | null; ctx: UseCaseViewContext }) {
  const { t, now } = ctx;
  if (!at) return <>{t('time.never')}</>;
  return (
    <time data-age datetime={at.toISOString()} data-template={t('time.ago')}>
      {t('time.ago', { age: duration((now.getTime() - at.getTime()) / 1000) })}
    </time>
  );
}

/**
 * The data the use case's answers rest on: each source with its freshness in words and the age of
 * its newest value, and the trust that makes (degraded while a required source is stale).
 */
export function SourcesSection({ sources, ctx, useCaseId }: { sources: SourceModel; ctx: UseCaseViewContext; useCaseId: string }) {
  const { t } = ctx;
  return (
    <section id="uc-sources" class="card" aria-labelledby="uc-sources-heading">
      <h2 id="uc-sources-heading">{t('owner.uc.sources')}</h2>
      <p>
        {t('owner.uc.trust')} <span class={`badge ${sources.trust === 'ok' ? 'ok' : 'bad'}`}>{t(`owner.trust.${sources.trust}`)}</span>
      </p>
      {sources.reasons.length > 0 && (
        <ul class="reasons">
          {sources.reasons.map((r) => (
            <li>
              <a href={`#source-${r.dataSourceId}`}>{r.message}</a>
            </li>
          ))}
        </ul>
      )}
      {sources.sources.length === 0 ? (
        <EmptyState message={t('owner.uc.noSources')} />
      ) : (
        <>
          <TableTools t={t} csvHref={`/use-cases/${useCaseId}?format=csv&table=sources`} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('owner.source.name')}</th>
                  <th scope="col">{t('owner.source.required')}</th>
                  <th scope="col">{t('owner.source.freshness')}</th>
                  <th scope="col">{t('owner.source.newest')}</th>
                  <th scope="col">{t('owner.source.expected')}</th>
                  <th scope="col">{t('owner.source.owner')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.sources.map((s) => (
                  <tr id={`source-${s.id}`}>
                    <th scope="row">
                      {s.name} <span class="small muted">({t(`owner.sourceKind.${s.kind}` as never)})</span>
                    </th>
                    <td>{t(s.required ? 'owner.source.yes' : 'owner.source.no')}</td>
                    <td>
                      <span class={`badge ${s.status}`}>{t(`owner.freshness.${s.status}`)}</span>
                      <br />
                      <span class="small">{s.reason}</span>
                    </td>
                    <td>
                      <Age at={s.newestAt} ctx={ctx} />
                    </td>
                    <td>{t('owner.source.every', { interval: duration(s.expectedRefreshSeconds) })}</td>
                    <td>{s.owner ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {sources.leftOut > 0 && <p class="small muted">{t('owner.uc.sourcesLeftOut', { count: sources.leftOut })}</p>}
    </section>
  );
}
