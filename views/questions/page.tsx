import { Alert } from '../components/alert.tsx';
import type { Child } from 'hono/jsx';
import type { LineHeading } from '../../server/metrics/lineSources.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import { LineLinks } from '../components/lineLinks.tsx';
import { AnswerStatus } from './answer.tsx';
import { AskForm } from './forms.tsx';
import {
  questionsUrl,
  QUESTIONS,
  type AskOptions,
  type QuestionKind,
  type QuestionViewContext,
  type RecentAnswer,
  type RunRow,
} from './model.tsx';
import { RecentAnswers } from './recent.tsx';

export interface QuestionsPageProps {
  line: LineHeading;
  ctx: QuestionViewContext;
  options: AskOptions;
  /** The form that was refused, with its errors and what was sent. */
  refused?: { kind: QuestionKind; errors: FieldErrors; values: Record<string, string> };
  answers: RecentAnswer[];
}

/**
 * A line's daily questions: each as a card saying what it answers, with its Ask button (and
 * optional fields) for those who may run the twin, then the line's recent answers.
 */
export function QuestionsPage({ line, ctx, options, refused, answers }: QuestionsPageProps) {
  const { t } = ctx;
  return (
    <>
      <LineLinks line={line} t={t} pages={['line', 'balance', 'simulate']} />
      <p>{t('q.intro')}</p>
      {!ctx.mayRun && <p class="empty">{t('q.readOnly')}</p>}
      <div class="question-cards">
        {QUESTIONS.map((kind) => (
          <section class="card question-card" aria-labelledby={`q-${kind}-heading`}>
            <h2 id={`q-${kind}-heading`}>{t(`q.${kind}.heading`)}</h2>
            <p>{t(`q.${kind}.explain`)}</p>
            {ctx.mayRun && (
              <AskForm
                kind={kind}
                ctx={ctx}
                options={options}
                errors={refused?.kind === kind ? refused.errors : undefined}
                values={refused?.kind === kind ? refused.values : undefined}
              />
            )}
          </section>
        ))}
      </div>
      <RecentAnswers answers={answers} ctx={ctx} />
    </>
  );
}

/** One answer's page: the way back, and the answer as it stands (its progress while it is worked out). */
export function AnswerPage({
  line,
  run,
  ctx,
  decision,
  notice,
}: {
  line: LineHeading;
  run: RunRow;
  ctx: QuestionViewContext;
  decision?: Child;
  /** Said after a use case was answered: whether it counted as the person's use. */
  notice?: string;
}) {
  return (
    <>
      {notice && <Alert kind="notice" title={notice} />}
      <LineLinks
        line={line}
        t={ctx.t}
        pages={['line', 'balance', 'simulate']}
        back={{ href: questionsUrl(line.id), label: ctx.t('q.back') }}
      />
      <AnswerStatus run={run} ctx={ctx} decision={decision} />
    </>
  );
}
