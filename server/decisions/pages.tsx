import type { Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { allows } from '../auth/policies.ts';
import { ContradictionError, InvalidInputError, NotFoundError, RuleViolationError } from '../core/errors.ts';
import { inTransaction } from '../core/write.ts';
import { domainFieldErrors, formValues, isFragment, type PageContext } from '../web/index.ts';
import { DecisionForm } from '../../views/decisions/form.tsx';
import type { DecisionFormModel, DecisionFormState } from '../../views/decisions/model.tsx';
import type { RunRow } from './basis.ts';
import { recordDecision } from './decisions.ts';
import { decisionFormModel } from './pageData.ts';
import { onDecisionFields, readDecisionForm } from './pageForm.ts';

/**
 * The "Record this decision" form of an answer page and of a comparison's result: what the pages
 * show (the form, for the roles that record decisions, once the run succeeded) and what its post
 * does (`recordDecision` in one transaction, then to the use case's decisions; a refusal comes
 * back in place with its field errors, 422). The pages own the routes; this is their shared part.
 */

type Line = { id: string; areaId: string; timezone: string };
export type DecisionFormProps = { model: DecisionFormModel; state?: DecisionFormState };

/** Where a run's form posts: beside the page that shows the run. */
export function decisionAction(runPage: string): string {
  return `${runPage}/decision`;
}

/** The form of a succeeded run for the caller, or nothing (a role that records no decision, a run not done). */
export async function decisionFormFor(
  c: Context<AppEnv>,
  ctx: PageContext,
  input: { run: RunRow; line: Line; action: string; useCaseId?: string },
): Promise<DecisionFormProps | undefined> {
  if (input.run.status !== 'succeeded' || !allows('decision:write', ctx.actor.role)) return undefined;
  return { model: await decisionFormModel(c.var.deps.db, ctx.actor, { ...input, now: ctx.now, t: ctx.t }) };
}

/** The form alone, the htmx answer to a use case chosen (`?useCaseId=`). */
export async function decisionFormFragment(c: Context<AppEnv>, ctx: PageContext, input: { run: RunRow; line: Line; action: string }) {
  const form = await decisionFormFor(c, ctx, { ...input, useCaseId: c.req.query('useCaseId') });
  if (!form) throw new NotFoundError('this run offers no decision to record');
  return c.html(<DecisionForm {...form} ctx={{ t: ctx.t, csrfToken: ctx.actor.csrfToken ?? '', zone: input.line.timezone }} />);
}

/** A refusal the person can fix in the form: of the input, a rule, a value that contradicts the run, an id in the body that names nothing. */
function isFormRefusal(err: unknown): boolean {
  if (err instanceof InvalidInputError || err instanceof RuleViolationError || err instanceof ContradictionError) return true;
  return err instanceof NotFoundError && !!err.errors?.length;
}

/**
 * Records the decision the form describes, as the caller. Another use case chosen than the one
 * whose KPIs the form showed (a plain form, without script) comes back with that one's KPIs to tick.
 * `page` renders the whole page with the form in it (a plain post refused).
 */
export async function recordFromForm(
  c: Context<AppEnv>,
  actor: Actor,
  ctx: PageContext,
  input: { run: RunRow; line: Line; action: string; page: (form: DecisionFormProps, status: 200 | 422) => Response | Promise<Response> },
) {
  const values = await formValues(c);
  const form = await decisionFormFor(c, ctx, { ...input, useCaseId: values.useCaseId });
  if (!form) throw new RuleViolationError(`the run is ${input.run.status}: a decision is based on runs that succeeded`);
  const { model } = form;
  const reply = (state: DecisionFormState, status: 200 | 422) =>
    isFragment(c)
      ? c.html(<DecisionForm model={model} state={state} ctx={{ t: ctx.t, csrfToken: actor.csrfToken ?? '', zone: model.zone }} />, status)
      : input.page({ model, state }, status);
  if (!model.useCases.some((u) => u.id === values.useCaseId))
    return reply({ errors: { useCaseId: 'choose a use case you may record a decision for' }, values }, 422);
  if (values.shownUseCaseId !== model.useCaseId) return reply({ notice: ctx.t('dec.kpisOf'), values: { ...values, sent: '' } }, 200);
  const read = readDecisionForm(values, model, input.run);
  if (!read.ok) return reply({ errors: read.errors, values }, 422);
  try {
    await inTransaction(c.var.deps, actor, (w) => recordDecision(w, read.input));
  } catch (err) {
    if (!isFormRefusal(err)) throw err;
    return reply({ errors: onDecisionFields(domainFieldErrors(err)!, read.fields), values }, 422);
  }
  const to = `/use-cases/${read.input.useCaseId}?done=decision#decisions`;
  return isFragment(c) ? c.body(null, 204, { 'hx-redirect': to }) : c.redirect(to, 303);
}
