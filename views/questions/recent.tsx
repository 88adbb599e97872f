import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { runTime } from '../simulation/model.tsx';
import { RunStatusWord } from '../simulation/runs.tsx';
import { answerUrl, questionsUrl, type QuestionViewContext, type RecentAnswer } from './model.tsx';

/** What a table of answers needs of a page: texts, its instant and the zone its times are written in. */
export type AnswersContext = Pick<QuestionViewContext, 't' | 'now' | 'zone'>;

/** Answers newest first: the question (linked to its answer page), its status in words, when it was asked, and its sentence (or why it failed). */
export function AnswersTable({ answers, ctx, caption }: { answers: RecentAnswer[]; ctx: AnswersContext; caption?: string }) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="answer-table">
        {caption && <caption class="visually-hidden">{caption}</caption>}
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
                <a href={answerUrl(r.lineId, r.id)}>{t(`q.kind.${r.kind}`)}</a>
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
  );
}

/** The line's recent answers, with their CSV. */
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
          <AnswersTable answers={answers} ctx={ctx} />
        </>
      )}
    </section>
  );
}
