import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { InvalidInputError, RuleViolationError } from '../core/errors.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { lineIdOf } from '../metrics/pages.tsx';
import { lineView } from '../simulation/pages.tsx';
import {
  csvResponse,
  domainFieldErrors,
  formValues,
  isFragment,
  pageContext,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { AnswerStatus } from '../../views/questions/answer.tsx';
import { AskForm } from '../../views/questions/forms.tsx';
import { answerUrl, type QuestionKind } from '../../views/questions/model.tsx';
import { AnswerPage, QuestionsPage } from '../../views/questions/page.tsx';
import { decisionAction, decisionFormFor, decisionFormFragment, recordFromForm } from '../decisions/pages.tsx';
import { DecisionForm } from '../../views/decisions/form.tsx';
import { answerCsv, recentCsv } from './pageCsv.ts';
import { readUseCase } from '../useCases/pageData.ts';
import { answerOfLine, askOptions, recentAnswers } from './pageData.ts';
import { maintenanceBody, mixBody, onFields } from './pageForm.ts';
import { askMaintenancePlan, askMixScenarios, askNextShift } from './submit.ts';

/**
 * A line's daily questions, `/lines/{id}/questions`: the three questions with their Ask buttons
 * (asking takes the API's policy, `compute:run`) and the line's recent answers; each answer's
 * page, `/lines/{id}/questions/runs/{runId}`, whose progress bar polls the same URL until the
 * answer replaces it. The pages ask through the same domain functions as the API.
 */
export const questionPages = new Hono<AppEnv>();

/** The line and everything the questions page shows of it, read with the person's scope. */
async function loadPage(c: Context<AppEnv>, actor: Actor, ctx: PageContext, id: string) {
  const { db } = c.var.deps;
  const { line, view } = await lineView(c, actor, ctx, id);
  const [options, answers] = await Promise.all([askOptions(db, actor, line, ctx.now), recentAnswers(db, actor, id)]);
  return { line, view, options, answers };
}

type Loaded = Awaited<ReturnType<typeof loadPage>>;
type Refusal = { kind: QuestionKind; errors: FieldErrors; values: Record<string, string> };

function page(c: Context<AppEnv>, ctx: PageContext, l: Loaded, refused?: Refusal) {
  return renderPage(
    c,
    ctx,
    { title: ctx.t('q.title', { name: l.line.name }), current: '/lines', status: refused ? 422 : undefined },
    <QuestionsPage line={l.line} ctx={l.view} options={l.options} refused={refused} answers={l.answers} />,
  );
}

questionPages.get('/lines/:id/questions', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const l = await loadPage(c, actor, ctx, lineIdOf(c));
  if (wantsCsv(c)) return csvResponse(c, recentCsv(l.line.code, l.answers, ctx.now));
  return page(c, ctx, l);
});

/** What a question's form asks, read from its fields; the next shift has none. */
const bodies: Record<QuestionKind, (values: Record<string, string>) => ReturnType<typeof mixBody> | ReturnType<typeof maintenanceBody>> = {
  next_shift: () => ({ ok: true, body: {} }),
  maintenance_plan: maintenanceBody,
  mix_scenario: mixBody,
};

const asks: Record<QuestionKind, (w: Write, lineId: string, body: object) => Promise<{ id: string }>> = {
  next_shift: (w, id, body) => askNextShift(w, id, body),
  maintenance_plan: (w, id, body) => askMaintenancePlan(w, id, body),
  mix_scenario: (w, id, body) => askMixScenarios(w, id, body),
};

/**
 * Asks a question from its form: the run is queued and the person led to its answer's page (htmx
 * follows the redirect header); a refused form comes back with its field errors (422), in place.
 */
async function ask(c: Context<AppEnv>, kind: QuestionKind) {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const l = await loadPage(c, actor, ctx, id);
  const values = await formValues(c);
  const refuse = (errors: FieldErrors) =>
    isFragment(c)
      ? c.html(<AskForm kind={kind} ctx={l.view} options={l.options} errors={errors} values={values} />, 422)
      : page(c, ctx, l, { kind, errors, values });
  const read = bodies[kind](values);
  if (!read.ok) return refuse(read.errors);
  try {
    const run = await inTransaction(c.var.deps, actor, (w) => asks[kind](w, id, read.body));
    c.var.deps.jobs?.wakeSimulations();
    const to = answerUrl(id, run.id);
    return isFragment(c) ? c.body(null, 204, { 'hx-redirect': to }) : c.redirect(to, 303);
  } catch (err) {
    // A refusal of the input (a rule or a value) is the form's to show; anything else is not.
    if (!(err instanceof InvalidInputError || err instanceof RuleViolationError)) throw err;
    return refuse(onFields(domainFieldErrors(err)!, 'fields' in read ? read.fields : undefined));
  }
}

questionPages.post('/lines/:id/questions/next-shift', (c) => ask(c, 'next_shift'));
questionPages.post('/lines/:id/questions/maintenance', (c) => ask(c, 'maintenance_plan'));
questionPages.post('/lines/:id/questions/mix', (c) => ask(c, 'mix_scenario'));

/** An answer of the line with what its page shows: the line, and the decision form for those who record decisions. */
async function loadAnswer(c: Context<AppEnv>, actor: Actor, ctx: PageContext, useCaseId?: string) {
  const id = lineIdOf(c);
  const run = await answerOfLine(c.var.deps.db, actor, id, c.req.param('runId'));
  const { line, view } = await lineView(c, actor, ctx, id);
  const action = decisionAction(answerUrl(id, run.id));
  const decision = await decisionFormFor(c, ctx, { run, line, action, useCaseId });
  return { run, line, view, action, decision };
}

type LoadedAnswer = Awaited<ReturnType<typeof loadAnswer>>;

const useWords = {
  recorded: 'ucd.q.use.recorded',
  already_recorded: 'ucd.q.use.already_recorded',
  not_in_group: 'ucd.q.use.not_in_group',
} as const;

/** After a use case was answered (`?use=…&useCaseId=…`): whether the answer counted as the person's use of it. */
async function useNotice(c: Context<AppEnv>, ctx: PageContext, run: { useCaseId: string | null }): Promise<string | undefined> {
  const use = c.req.query('use');
  if (!use || !(use in useWords) || !run.useCaseId || c.req.query('useCaseId') !== run.useCaseId) return undefined;
  const { useCase } = await readUseCase(c.var.deps.db, ctx.actor, run.useCaseId);
  return ctx.t(useWords[use as keyof typeof useWords], { useCase: useCase.title });
}

async function answerPage(c: Context<AppEnv>, ctx: PageContext, a: LoadedAnswer, decision = a.decision, status?: 200 | 422) {
  const { run, line, view } = a;
  const notice = status ? undefined : await useNotice(c, ctx, run);
  const form = decision && <DecisionForm {...decision} ctx={{ t: ctx.t, csrfToken: view.csrfToken, zone: view.zone }} />;
  return renderPage(
    c,
    ctx,
    {
      title: ctx.t('q.answer.title', { question: ctx.t(`q.kind.${run.kind as QuestionKind}`), name: line.name }),
      current: '/lines',
      status: status === 422 ? 422 : undefined,
    },
    <AnswerPage line={line} run={run} ctx={view} decision={form} notice={notice} />,
  );
}

questionPages.get('/lines/:id/questions/runs/:runId', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  if (wantsCsv(c)) return csvResponse(c, answerCsv(await answerOfLine(c.var.deps.db, actor, lineIdOf(c), c.req.param('runId'))));
  const a = await loadAnswer(c, actor, ctx, c.req.query('useCaseId'));
  if (isFragment(c)) {
    const form = a.decision && <DecisionForm {...a.decision} ctx={{ t: ctx.t, csrfToken: a.view.csrfToken, zone: a.view.zone }} />;
    return c.html(<AnswerStatus run={a.run} ctx={a.view} decision={form} />);
  }
  return answerPage(c, ctx, a);
});

/** The decision form for another use case (htmx, as the select changes); without script, the answer page with it. */
questionPages.get('/lines/:id/questions/runs/:runId/decision', async (c) => {
  const actor = signedInFor(c, 'decision:write');
  const ctx = pageContext(c, actor);
  const a = await loadAnswer(c, actor, ctx);
  if (!isFragment(c))
    return c.redirect(`${answerUrl(a.line.id, a.run.id)}?useCaseId=${encodeURIComponent(c.req.query('useCaseId') ?? '')}`, 303);
  return decisionFormFragment(c, ctx, a);
});

questionPages.post('/lines/:id/questions/runs/:runId/decision', async (c) => {
  const actor = signedInFor(c, 'decision:write');
  const ctx = pageContext(c, actor);
  const a = await loadAnswer(c, actor, ctx);
  return recordFromForm(c, actor, ctx, { ...a, page: (form, status) => answerPage(c, ctx, a, form, status) });
});
