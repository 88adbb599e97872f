import { allows } from '../auth/policies.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Actor, AppEnv } from '../deps.ts';
import { useCaseStatus } from '../../db/schema/enums.ts';
import { kpiMeasurements } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { InvalidInputError, NotFoundError, PreconditionFailedError, RuleViolationError } from '../core/errors.ts';
import { expectVersion } from '../core/versions.ts';
import { inTransaction } from '../core/write.ts';
import { correctMeasurement, recordMeasurement } from '../kpis/kpis.ts';
import {
  domainFieldErrors,
  formValues,
  hxTarget,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { KpiCard } from '../../views/useCases/kpis.tsx';
import { LIFECYCLE_ID, LifecycleSection } from '../../views/useCases/lifecycle.tsx';
import { RISK_ID, RiskSection } from '../../views/useCases/risk.tsx';
import { UseCasePage } from '../../views/useCases/page.tsx';
import type {
  LifecycleRefusal,
  MeasurementFormState,
  MissingCondition,
  QuestionRefusal,
  UseCasePageModel,
  UseCaseViewContext,
} from '../../views/useCases/model.tsx';
import { decisionsOf, factsOf, kpisOf, lifecycleOf, questionOf, readUseCase, riskOf, sourcesOf, type UseCaseRow } from './pageData.ts';
import { useCaseCsv } from './pageCsv.ts';
import { transitionUseCase } from './useCases.ts';
import { answerUseCase, bindQuestion, unbindQuestion } from '../questions/bound.ts';
import { QUESTION_KINDS } from '../questions/index.ts';
import { answerUrl } from '../../views/questions/model.tsx';
import { QUESTION_ID } from '../../views/useCases/question.tsx';

/**
 * The page of one use case (`/use-cases/{id}`) and its changes: a lifecycle step, a new
 * measurement of one of its KPIs, the correction of a wrong one. The same domain functions and
 * policies as the API routes; each change answers its section again (htmx) or redirects back.
 */
export const useCasePages = new Hono<AppEnv>();

function viewContext(ctx: PageContext, zone: string): UseCaseViewContext {
  return { t: ctx.t, now: ctx.now, csrfToken: ctx.actor.csrfToken ?? '', zone, canSetUp: allows('use-case:write', ctx.actor.role) };
}

/** Everything on the page; the stall risk only when asked (`?with=risk`, for a browser without script). */
async function pageModel(c: Context<AppEnv>, actor: Actor, useCase: UseCaseRow, program: { id: string; name: string }, now: Date) {
  const { db } = c.var.deps;
  const kpis = await kpisOf(db, actor, useCase, now);
  const lifecycle = lifecycleOf(db, actor, useCase, now, kpis.filter((k) => k.baseline !== null).length);
  const [facts, risk, sources, decisions, [lifecycleModel, question]] = await Promise.all([
    factsOf(db, useCase, program),
    c.req.query('with') === 'risk' ? riskOf(db, actor, useCase, now) : undefined,
    sourcesOf(db, actor, useCase, now),
    decisionsOf(db, actor, useCase.id, now),
    // Who may bind its question is who may move its lifecycle: read once, for both.
    lifecycle.then(async (l) => [l, await questionOf(db, actor, useCase, l.mayTransition)] as const),
  ]);
  return { facts, lifecycle: lifecycleModel, risk, kpis, sources, decisions, question } satisfies UseCasePageModel;
}

const notices: Record<
  string,
  | 'owner.uc.done.transition'
  | 'owner.uc.done.recorded'
  | 'owner.uc.done.corrected'
  | 'owner.uc.done.decision'
  | 'owner.uc.done.bound'
  | 'owner.uc.done.unbound'
> = {
  decision: 'owner.uc.done.decision',
  bound: 'owner.uc.done.bound',
  unbound: 'owner.uc.done.unbound',
  transition: 'owner.uc.done.transition',
  recorded: 'owner.uc.done.recorded',
  corrected: 'owner.uc.done.corrected',
};

/** The whole page, or (a plain form refused) the page with the refusal where it was asked. */
async function fullPage(
  c: Context<AppEnv>,
  ctx: PageContext,
  id: string,
  refused?: { refusal?: LifecycleRefusal; form?: MeasurementFormState; question?: QuestionRefusal; status: 409 | 422 },
) {
  const { useCase, program } = await readUseCase(c.var.deps.db, ctx.actor, id);
  const model = await pageModel(c, ctx.actor, useCase, program, ctx.now);
  const done = notices[c.req.query('done') ?? ''];
  return renderPage(
    c,
    ctx,
    { title: useCase.title, status: refused?.status },
    <UseCasePage
      model={model}
      ctx={viewContext(ctx, program.timezone)}
      notice={done && ctx.t(done)}
      refusal={refused?.refusal}
      form={refused?.form}
      question={refused?.question}
    />,
  );
}

useCasePages.get('/use-cases/:id', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const { db } = c.var.deps;
  const { useCase, program } = await readUseCase(db, actor, c.req.param('id'));
  if (wantsCsv(c)) return useCaseCsv(c, actor, useCase, ctx.now);
  if (!isFragment(c)) return fullPage(c, ctx, useCase.id);
  // A section asked for by its id; anything else gets the page's body.
  const vctx = viewContext(ctx, program.timezone);
  const target = hxTarget(c);
  if (target === LIFECYCLE_ID) return c.html(<LifecycleSection model={await lifecycleOf(db, actor, useCase, ctx.now)} ctx={vctx} />);
  if (target === RISK_ID) return c.html(<RiskSection useCaseId={useCase.id} risk={await riskOf(db, actor, useCase, ctx.now)} ctx={vctx} />);
  const kpi = (await kpisOf(db, actor, useCase, ctx.now)).find((k) => `kpi-${k.id}` === target);
  if (kpi) return c.html(<KpiCard kpi={kpi} ctx={vctx} />);
  return c.html(<UseCasePage model={await pageModel(c, actor, useCase, program, ctx.now)} ctx={vctx} />);
});

const note = z.string().trim().max(10_000);
const transitionForm = z.object({ to: z.enum(useCaseStatus.enumValues, 'choose the stage to move to'), note: note.optional() });

const missingConditions: MissingCondition[] = ['owner', 'kpi_with_baseline'];

/** The conditions a refusal names as missing (`details.missing`), those this page can say in words. */
function missingOf(err: RuleViolationError): MissingCondition[] {
  const named = err.details.missing;
  return Array.isArray(named) ? missingConditions.filter((m) => named.includes(m)) : [];
}

useCasePages.post('/use-cases/:id/transitions', async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const ctx = pageContext(c, actor);
  const { db } = c.var.deps;
  const { useCase, program } = await readUseCase(db, actor, c.req.param('id'));
  const parsed = await parseForm(c, transitionForm);
  let refusal: LifecycleRefusal | undefined;
  let status: 409 | 422 = 422;
  if (!parsed.ok) {
    refusal = { message: Object.values(parsed.errors)[0], missing: [], values: parsed.values, errors: parsed.errors };
  } else {
    try {
      await inTransaction(c.var.deps, actor, (w) => transitionUseCase(w, useCase.id, parsed.data));
    } catch (err) {
      if (!(err instanceof RuleViolationError)) throw err;
      refusal = { message: err.message, missing: missingOf(err), values: { note: parsed.data.note ?? '' } };
      status = 409;
    }
  }
  if (!isFragment(c)) {
    if (refusal) return fullPage(c, ctx, useCase.id, { refusal, status });
    return c.redirect(`/use-cases/${useCase.id}?done=transition#${LIFECYCLE_ID}`, 303);
  }
  const now = ctx.now;
  const fresh = await readUseCase(db, actor, useCase.id);
  const vctx = viewContext(ctx, program.timezone);
  const lifecycle = await lifecycleOf(db, actor, fresh.useCase, now);
  // A step can change the stall risk: the section reloads itself.
  return c.html(
    <>
      <LifecycleSection model={lifecycle} ctx={vctx} refusal={refusal} />
      {!refusal && <RiskSection useCaseId={useCase.id} ctx={vctx} oob />}
    </>,
    refusal ? status : 200,
  );
});

// A calendar date as `<input type="date">` sends it; the same rules as the API's measurement body.
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-10-31')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), 'not a day of the calendar');
// People type decimals with a comma in much of Europe; both are read.
const decimal = z
  .string()
  .trim()
  .min(1, 'enter the measured value')
  .transform((s) => Number(s.replace(/\s/g, '').replace(',', '.')))
  .refine(Number.isFinite, 'must be a number such as 64.5')
  .refine((v) => Math.abs(v) <= 1e12, 'must lie between -10^12 and 10^12');
const measurementForm = z.object({
  periodStart: isoDate,
  periodEnd: isoDate,
  value: decimal,
  source: z.string().trim().min(1, 'say where the value comes from').max(500),
});
// The version the form was read at: blank is no version (refused), never 0.
const versionField = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.coerce.number('the form lost its version; reload the page').int().min(0),
);
const correctionForm = measurementForm.extend({ version: versionField });

/** A measurement form refused: its state, and 422 (the input) or 409 (changed by someone else since it was read). */
interface MeasurementRefusal {
  form: MeasurementFormState;
  status: 409 | 422;
}

/** A refusal of a measurement the person can fix in the form: the fields it names, 409 for a stale version, else 422. */
function measurementRefusal(err: unknown): { errors: FieldErrors; status: 409 | 422 } | undefined {
  if (err instanceof PreconditionFailedError) return { errors: domainFieldErrors(err) ?? {}, status: 409 };
  if (err instanceof RuleViolationError || err instanceof InvalidInputError) return { errors: domainFieldErrors(err) ?? {}, status: 422 };
  return undefined;
}

/** After a measurement: its KPI's card again (with the form's errors when refused), and the stall risk it may move. */
async function measurementAnswer(c: Context<AppEnv>, ctx: PageContext, id: string, kpiId: string, refused?: MeasurementRefusal) {
  const form = refused?.form;
  if (!isFragment(c)) {
    if (refused) return fullPage(c, ctx, id, refused);
    return c.redirect(`/use-cases/${id}?done=recorded#kpi-${kpiId}`, 303);
  }
  const { db } = c.var.deps;
  const { useCase, program } = await readUseCase(db, ctx.actor, id);
  const kpi = (await kpisOf(db, ctx.actor, useCase, ctx.now)).find((k) => k.id === kpiId);
  if (!kpi) throw new NotFoundError(`no KPI with id '${kpiId}' in this use case`);
  const vctx = viewContext(ctx, program.timezone);
  return c.html(
    <>
      <KpiCard kpi={kpi} ctx={vctx} form={form} />
      {/* A new value can end an overdue warning: the stall risk reloads itself. */}
      {!form && <RiskSection useCaseId={id} ctx={vctx} oob />}
    </>,
    refused ? refused.status : 200,
  );
}

/** The KPIs of the use case the person sees (404 when out of scope). */
async function kpisOfPage(c: Context<AppEnv>, actor: Actor, id: string, now: Date) {
  const { useCase } = await readUseCase(c.var.deps.db, actor, id);
  return kpisOf(c.var.deps.db, actor, useCase, now);
}

useCasePages.post('/use-cases/:id/kpis/:kpiId/measurements', async (c) => {
  const actor = signedInFor(c, 'measurement:write');
  const ctx = pageContext(c, actor);
  const id = c.req.param('id');
  const kpiId = c.req.param('kpiId');
  if (!(await kpisOfPage(c, actor, id, ctx.now)).some((k) => k.id === kpiId))
    throw new NotFoundError(`no KPI with id '${kpiId}' in this use case`);
  const parsed = await parseForm(c, measurementForm);
  if (!parsed.ok)
    return measurementAnswer(c, ctx, id, kpiId, { form: { kpiId, errors: parsed.errors, values: parsed.values }, status: 422 });
  try {
    await inTransaction(c.var.deps, actor, (w) => recordMeasurement(w, kpiId, parsed.data));
  } catch (err) {
    const refusal = measurementRefusal(err);
    if (!refusal) throw err;
    return measurementAnswer(c, ctx, id, kpiId, {
      form: { kpiId, errors: refusal.errors, values: await formValues(c) },
      status: refusal.status,
    });
  }
  return measurementAnswer(c, ctx, id, kpiId);
});

useCasePages.post('/use-cases/:id/measurements/:measurementId', async (c) => {
  const actor = signedInFor(c, 'measurement:write');
  const ctx = pageContext(c, actor);
  const id = c.req.param('id');
  const measurementId = c.req.param('measurementId');
  const kpi = (await kpisOfPage(c, actor, id, ctx.now)).find((k) => k.measurements.some((m) => m.id === measurementId));
  if (!kpi) throw new NotFoundError(`no measurement with id '${measurementId}' in this use case`);
  const parsed = await parseForm(c, correctionForm);
  const state = (errors: FieldErrors, values: Record<string, string>, status: 409 | 422): MeasurementRefusal => ({
    form: { kpiId: kpi.id, measurementId, errors, values },
    status,
  });
  if (!parsed.ok) {
    // The version is a hidden field: its refusal is the form's to say.
    const errors = parsed.errors.version ? { _form: parsed.errors.version, ...parsed.errors } : parsed.errors;
    return measurementAnswer(c, ctx, id, kpi.id, state(errors, parsed.values, 422));
  }
  const { version, ...patch } = parsed.data;
  try {
    await inTransaction(c.var.deps, actor, async (w) => {
      // As the API's If-Match: a correction made from an old version would undo someone else's.
      await checkSees(w.tx, w.actor, 'kpi_measurement', measurementId);
      await expectVersion(w, kpiMeasurements, 'kpi measurement', measurementId, [version]);
      return correctMeasurement(w, measurementId, patch);
    });
  } catch (err) {
    const refusal = measurementRefusal(err);
    if (!refusal) throw err;
    return measurementAnswer(c, ctx, id, kpi.id, state(refusal.errors, await formValues(c), refusal.status));
  }
  if (!isFragment(c)) return c.redirect(`/use-cases/${id}?done=corrected#kpi-${kpi.id}`, 303);
  return measurementAnswer(c, ctx, id, kpi.id);
});

const bindingForm = z.object({
  question: z.enum(QUESTION_KINDS, 'choose one of the twin’s questions'),
  lineId: z.string().trim().uuid('choose a line of the use case'),
});

/** A refused binding or answer: the use case's page with it in the question's section. */
function questionRefused(
  c: Context<AppEnv>,
  ctx: PageContext,
  id: string,
  err: unknown,
  kind: QuestionRefusal['kind'],
  values: Record<string, string>,
) {
  if (!(err instanceof RuleViolationError || err instanceof InvalidInputError || err instanceof NotFoundError)) throw err;
  // The domain names the API's body fields, which the form's fields are named as.
  const errors = domainFieldErrors(err)!;
  return fullPage(c, ctx, id, { question: { kind, errors, values }, status: err instanceof RuleViolationError ? 409 : 422 });
}

useCasePages.post('/use-cases/:id/question', async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const ctx = pageContext(c, actor);
  const { useCase } = await readUseCase(c.var.deps.db, actor, c.req.param('id'));
  const parsed = await parseForm(c, bindingForm);
  if (!parsed.ok)
    return fullPage(c, ctx, useCase.id, { question: { kind: 'bind', errors: parsed.errors, values: parsed.values }, status: 422 });
  try {
    await inTransaction(c.var.deps, actor, (w) => bindQuestion(w, useCase.id, parsed.data));
  } catch (err) {
    return questionRefused(c, ctx, useCase.id, err, 'bind', parsed.data);
  }
  return c.redirect(`/use-cases/${useCase.id}?done=bound#${QUESTION_ID}`, 303);
});

useCasePages.post('/use-cases/:id/question/unbind', async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const ctx = pageContext(c, actor);
  const { useCase } = await readUseCase(c.var.deps.db, actor, c.req.param('id'));
  try {
    await inTransaction(c.var.deps, actor, (w) => unbindQuestion(w, useCase.id));
  } catch (err) {
    return questionRefused(c, ctx, useCase.id, err, 'bind', {});
  }
  return c.redirect(`/use-cases/${useCase.id}?done=unbound#${QUESTION_ID}`, 303);
});

/**
 * Answers the use case: its question is asked as the API's `POST /use-cases/{id}/answers` does,
 * and the person led to the answer's page, which says whether it counted as their use and offers
 * the decision form for this use case.
 */
useCasePages.post('/use-cases/:id/answers', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const { useCase } = await readUseCase(c.var.deps.db, actor, c.req.param('id'));
  let answered;
  try {
    answered = await inTransaction(c.var.deps, actor, (w) => answerUseCase(w, useCase.id));
  } catch (err) {
    return questionRefused(c, ctx, useCase.id, err, 'answer', {});
  }
  c.var.deps.jobs?.wakeSimulations();
  const { run, use } = answered;
  const query = new URLSearchParams({ useCaseId: useCase.id, use: use.recorded ? 'recorded' : use.reason });
  // A question is always asked of a line.
  return c.redirect(`${answerUrl(run.lineId!, run.id)}?${query}`, 303);
});
