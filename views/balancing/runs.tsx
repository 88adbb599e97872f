/** The recent balancing runs of a line, newest first: each can be shown as the proposal beside the current balance. */
import type { Translate } from '../../server/web/i18n.ts';
import { dateTime } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { num, secs } from './format.ts';

export interface RunRow {
  id: string;
  title: string;
  problem: string;
  stations: number;
  cycleTime: number;
  provenOptimal: boolean;
  lowerBound: number;
  elapsedMs: number;
  createdAt: Date;
}

/** How many runs the page lists (the CSV has them all). */
export const RECENT_RUNS = 20;

export interface RunsListProps {
  t: Translate;
  lineId: string;
  runs: RunRow[];
  zone: string;
  currentId?: string;
  proposedId?: string;
  csvHref: string;
  oob?: boolean;
}

export function RunsList({ t, lineId, runs, zone, currentId, proposedId, csvHref, oob }: RunsListProps) {
  const shown = runs.slice(0, RECENT_RUNS);
  return (
    <section id="balance-runs" class="card" aria-labelledby="balance-runs-heading" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="balance-runs-heading">{t('balance.runs.heading')}</h2>
      {!shown.length ? (
        <EmptyState message={t('balance.runs.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={csvHref} />
          {runs.length > shown.length && <p class="small muted">{t('balance.runs.more', { shown: shown.length, count: runs.length })}</p>}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('balance.runs.when')}</th>
                  <th scope="col">{t('balance.runs.title')}</th>
                  <th scope="col">{t('balance.runs.problem')}</th>
                  <th scope="col" class="num">
                    {t('balance.fig.stations')}
                  </th>
                  <th scope="col" class="num">
                    {t('balance.fig.cycle')}
                  </th>
                  <th scope="col">{t('balance.fig.proof')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('balance.runs.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr>
                    <td>
                      <time datetime={r.createdAt.toISOString()}>{dateTime(r.createdAt, zone)}</time>
                    </td>
                    <th scope="row">
                      {r.title}
                      {r.id === currentId && <span class="badge info"> {t('balance.runs.isCurrent')}</span>}
                      {r.id === proposedId && <span class="badge ok"> {t('balance.runs.isProposed')}</span>}
                    </th>
                    <td>{r.problem}</td>
                    <td class="num">{r.stations}</td>
                    <td class="num">{secs(r.cycleTime)}</td>
                    <td>
                      {r.provenOptimal ? (
                        <span class="badge ok">{t('balance.proof.proven')}</span>
                      ) : (
                        <span class="badge warn">{t('balance.runs.bound', { bound: num(r.lowerBound, 3) })}</span>
                      )}
                    </td>
                    <td class="actions">
                      {r.id !== proposedId && (
                        <a href={`/lines/${lineId}/balance?run=${r.id}`}>
                          {t('balance.runs.show')}
                          <span class="visually-hidden">: {r.title}</span>
                        </a>
                      )}
                      {r.id !== currentId && proposedId && r.id !== proposedId && (
                        <a href={`/lines/${lineId}/balance?run=${proposedId}&current=${r.id}`}>
                          {t('balance.runs.compare')}
                          <span class="visually-hidden">: {r.title}</span>
                        </a>
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
