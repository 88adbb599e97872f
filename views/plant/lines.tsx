import type { Translate } from '../../server/web/i18n.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';

export interface LineListRow {
  id: string;
  code: string;
  name: string;
  site: string;
  area: string;
  stations: number;
}

/** The lines a planner works on, each with its live page, its balance and its simulation. */
export function LineList({ t, rows, csvHref }: { t: Translate; rows: LineListRow[]; csvHref: string }) {
  if (!rows.length) return <EmptyState message={t('lines.none')} />;
  return (
    <section class="card" aria-labelledby="lines-heading">
      <h2 id="lines-heading" class="visually-hidden">
        {t('lines.title')}
      </h2>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Site</th>
              <th scope="col">Area</th>
              <th scope="col" class="num">
                {t('line.stations')}
              </th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr>
                <th scope="row">
                  <a href={`/lines/${l.id}`}>
                    {l.name} <span class="muted">({l.code})</span>
                  </a>
                </th>
                <td>{l.site}</td>
                <td>{l.area}</td>
                <td class="num">{l.stations}</td>
                <td>
                  <span class="actions">
                    <a href={`/lines/${l.id}/balance`}>{t('line.balance')}</a>
                    <a href={`/lines/${l.id}/simulate`}>{t('line.simulate')}</a>
                    <a href={`/lines/${l.id}/questions`}>{t('line.questions')}</a>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
