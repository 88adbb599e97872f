import { CsrfField, Field, FormError } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { QUESTIONS } from '../questions/model.tsx';
import { AnswersTable } from '../questions/recent.tsx';
import type { QuestionModel, QuestionRefusal, UseCaseViewContext } from './model.tsx';

export const QUESTION_ID = 'uc-question';

/** The binding's parameters in one line (the API's body of the question), when it has any. */
function parametersText(parameters: Record<string, unknown>): string | null {
  return Object.keys(parameters).length ? JSON.stringify(parameters) : null;
}

function BindForm({ model, ctx, refusal }: { model: QuestionModel; ctx: UseCaseViewContext; refusal?: QuestionRefusal }) {
  const { t } = ctx;
  const values = refusal?.values ?? { question: model.bound?.question ?? '', lineId: model.bound?.lineId ?? model.lines[0]?.id ?? '' };
  return (
    <form method="post" action={`/use-cases/${model.useCaseId}/question`} class="inline-form">
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={refusal?.errors} />
      <Field id="uc-q-question" name="question" label={t('ucd.q.question')} errors={refusal?.errors}>
        {(attrs) => (
          <select {...attrs} required>
            {QUESTIONS.map((q) => (
              <option value={q} selected={values.question === q}>
                {t(`q.kind.${q}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="uc-q-line" name="lineId" label={t('ucd.q.line')} errors={refusal?.errors}>
        {(attrs) => (
          <select {...attrs} required>
            {model.lines.map((l) => (
              <option value={l.id} selected={values.lineId === l.id}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p class="small muted">{t('ucd.q.bindHint')}</p>
      <div class="actions">
        <button type="submit">{t('ucd.q.bindSubmit')}</button>
      </div>
    </form>
  );
}

/**
 * The twin's question the use case is answered by: which one, on which line, the button that asks
 * it (the answer counts as a use of the use case), the binding for those who change the use case,
 * and the answers kept.
 */
export function QuestionSection({ model, ctx, refusal }: { model: QuestionModel; ctx: UseCaseViewContext; refusal?: QuestionRefusal }) {
  const { t } = ctx;
  const { bound } = model;
  const parameters = bound && parametersText(bound.parameters);
  const bindRefusal = refusal?.kind === 'bind' ? refusal : undefined;
  return (
    <section id={QUESTION_ID} class="card" aria-labelledby="uc-question-heading">
      <h2 id="uc-question-heading">{t('ucd.q.heading')}</h2>
      {refusal?.kind === 'answer' && <FormError errors={refusal.errors} />}
      {bound ? (
        <>
          <p>{t('ucd.q.bound', { question: t(`q.kind.${bound.question}`), line: bound.line })}</p>
          <p class="small muted">{parameters ? t('ucd.q.parameters', { parameters }) : t('ucd.q.stored')}</p>
          {model.mayAnswer && (
            <form method="post" action={`/use-cases/${model.useCaseId}/answers`} class="actions">
              <CsrfField token={ctx.csrfToken} />
              <button type="submit">{t('ucd.q.answer')}</button>
              <span class="small muted">{t('ucd.q.answerHint')}</span>
            </form>
          )}
        </>
      ) : (
        <EmptyState message={t('ucd.q.none')} />
      )}
      {model.mayBind && !model.retired && model.lines.length > 0 && (
        <details open={!!bindRefusal || !bound}>
          <summary>{t(bound ? 'ucd.q.rebind' : 'ucd.q.bind')}</summary>
          <BindForm model={model} ctx={ctx} refusal={bindRefusal} />
          {bound && (
            <form method="post" action={`/use-cases/${model.useCaseId}/question/unbind`}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="secondary">
                {t('ucd.q.unbind')}
              </button>
            </form>
          )}
        </details>
      )}
      <h3>{t('ucd.q.answers')}</h3>
      {model.answers.length ? (
        <AnswersTable answers={model.answers} ctx={ctx} caption={t('ucd.q.answers')} />
      ) : (
        <EmptyState message={t('ucd.q.noAnswers')} />
      )}
    </section>
  );
}
