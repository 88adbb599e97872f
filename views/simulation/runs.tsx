import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { runTime, statusClass, type RunSummary, type SimViewContext } from './model.tsx';
import { runPageUrl } from './status.tsx';
import { answerUrl, QUESTIONS } from '../questions/model.tsx';

/** A run's page: a question's answer page, else the simulation page showing it. */
function pageOf(lineId: string, r: RunSummary): string {
  return (QUESTIONS as readonly string[]).includes(r.kind) ? answerUrl(lineId, r.id) : runPageUrl(lineId, r.id);
}

export const RUNS_ID = 'sim-runs';

/** A run's status in words (its share done while it runs). */
export function RunStatusWord({ run, ctx }: { run: Pick<RunSummary, 'status' | 'progress'>; ctx: Pick<SimViewContext, 't'> }) {
  return (
    <>
      <span class={`badge ${statusClass(run.status)}`}>{ctx.t(`line.sim.status.${run.status}`)}</span>
      {run.status === 'running' && <span class="small"> {`${Math.round(run.progress * 100)} %`}</span>}
    </>
  );
}

/** The line's recent runs, newest first, each with its status in words and a link to its result. */
export function RunsList({ runs, ctx, oob }: { runs: RunSummary[]; ctx: SimViewContext; oob?: boolean }) {
  const { t } = ctx;
  return (
    <section id={RUNS_ID} class="card" aria-labelledby="sim-runs-heading" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="sim-runs-heading">{t('line.sim.runs')}</h2>
      {!runs.length ? (
        <EmptyState message={t('line.sim.runs.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={`/lines/${ctx.lineId}/simulate?format=csv&table=runs`} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('line.sim.runs.title')}</th>
                  <th scope="col">{t('line.sim.runs.kind')}</th>
                  <th scope="col">{t('line.sim.runs.status')}</th>
                  <th scope="col">{t('line.sim.runs.created')}</th>
                  <th scope="col">{t('line.sim.runs.finished')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={pageOf(ctx.lineId, r)}>{r.title}</a>
                    </th>
                    <td>{t(`line.sim.kind.${r.kind}`)}</td>
                    <td>
                      <RunStatusWord run={r} ctx={ctx} />
                    </td>
                    <td>{runTime(r.createdAt, ctx)}</td>
                    <td>{runTime(r.finishedAt, ctx)}</td>
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
