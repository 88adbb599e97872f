import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { runTime } from '../simulation/model.tsx';
import { RunStatusWord } from '../simulation/runs.tsx';
import { answerUrl, questionsUrl, type QuestionViewContext, type RecentAnswer } from './model.tsx';

/** The line's recent answers, newest first: the question, its status in words, when it was asked, and its sentence (or why it failed). */
export function RecentAnswers({ answers, ctx }: { answers: RecentAnswer[]; ctx: QuestionViewContext }) {
  const { t } = ctx;
  return (
    <section id="q-recent" class="card" aria-labelledby="q-recent-heading">
      <h2 id="q-recent-heading">{t('q.recent')}</h2>
      {!answers.length ? (
        <EmptyState message={t('q.recent.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={`${questionsUrl(ctx.lineId)}?format=csv`} />
          <div class="table-wrap">
            <table class="answer-table">
              <thead>
                <tr>
                  <th scope="col">{t('q.recent.question')}</th>
                  <th scope="col">{t('line.sim.runs.status')}</th>
                  <th scope="col">{t('q.recent.asked')}</th>
                  <th scope="col">{t('q.recent.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {answers.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={answerUrl(ctx.lineId, r.id)}>{t(`q.kind.${r.kind}`)}</a>
                      <span class="block small muted">{r.title}</span>
                    </th>
                    <td>
                      <RunStatusWord run={r} ctx={ctx} />
                    </td>
                    <td>{runTime(r.createdAt, ctx)}</td>
                    <td class="answer-cell">{r.sentence ?? r.error ?? '–'}</td>
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
