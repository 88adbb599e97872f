import type { SearchHits } from '../../server/search/search.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { EmptyState } from '../components/emptyState.tsx';

/** What the header's search found, by kind; each hit links to its page. */
export function SearchResults({ t, term, hits, tooLong }: { t: Translate; term: string; hits: SearchHits; tooLong?: boolean }) {
  if (tooLong) return <EmptyState message={t('search.tooLong')} />;
  if (!term) return <EmptyState message={t('search.empty')} />;
  const total = hits.useCases.length + hits.lines.length + hits.kpis.length;
  if (!total) return <EmptyState message={t('search.none', { term })} />;
  return (
    <>
      <p class="lead">{t('search.found', { count: total, term })}</p>
      {hits.useCases.length > 0 && (
        <section class="card" aria-labelledby="hits-use-cases">
          <h2 id="hits-use-cases">{t('search.useCases')}</h2>
          <ul>
            {hits.useCases.map((u) => (
              <li>
                <a href={`/use-cases/${u.id}`}>{u.title}</a> <span class={`badge ${u.status}`}>{u.status}</span>
                <div class="muted small">{u.question}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hits.lines.length > 0 && (
        <section class="card" aria-labelledby="hits-lines">
          <h2 id="hits-lines">{t('search.lines')}</h2>
          <ul>
            {hits.lines.map((l) => (
              <li>
                <a href={`/lines/${l.id}`}>{l.name}</a> <span class="muted">({l.code})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {hits.kpis.length > 0 && (
        <section class="card" aria-labelledby="hits-kpis">
          <h2 id="hits-kpis">{t('search.kpis')}</h2>
          <ul>
            {hits.kpis.map((k) => (
              <li>
                <a href={`/use-cases/${k.useCaseId}#kpi-${k.id}`}>{k.name}</a> <span class="muted">({k.unit})</span>
                <span class="muted small"> · {k.useCaseTitle}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
