import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { uuid } from '../http/schemas.ts';
import { jsonify } from '../core/json.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { answerUseCase, bindQuestion, listUseCaseAnswers, unbindQuestion } from './bound.ts';
import { QUESTION_KINDS } from './answer.ts';
import { validationHook } from '../http/validation.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { maintenanceBody, mixBody, nextShiftBody } from './schemas.ts';
import { queuedRun, runSummarySchema } from '../simulation/index.ts';
import { askMaintenancePlan, askMixScenarios, askNextShift, MIX_HOURS } from './submit.ts';

const tags = ['Daily questions'];

/** An optional JSON body: an empty request asks with everything the line has stored. */
function optionalBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: false };
}

const answerDoc =
  'Answers 202 with the queued run (its URL in `Location`); poll `GET /simulations/{id}` for status, progress and the result: figures with 95 % intervals, `predictions` (what the answer predicts about the line’s live metrics, for decisions), `assumptions` and a `sentence` a planner can act on. With an empty body the line’s live state, its calibrated (or stored) model and its stored orders are used; the body overrides any of them.';

export const questionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

function asked(c: Context<AppEnv>, ask: (w: Write) => Promise<{ id: string }>) {
  return inTransaction(c.var.deps, actorOf(c), ask).then((row) => queuedRun(c, row));
}

questionRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/forecasts/next-shift',
    tags,
    summary: 'Which station is likely to constrain output in the next shift',
    description: `From the live state through the rest of this shift to the end of the next: its expected output against plan, and per station the probability that it is the shift’s bottleneck (active-period method), the top one with why (speed, downtime, changeovers, the starvation it causes). ${answerDoc}`,
    request: { params: idParam, body: optionalBody(nextShiftBody) },
    responses: { 202: json(runSummarySchema, 'The queued forecast') },
  }),
  (c) => asked(c, (w) => askNextShift(w, c.req.valid('param').id, c.req.valid('json') ?? {})),
);

questionRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/maintenance-plans',
    tags,
    summary: 'Where maintenance prevents the most downtime this week',
    description: `For each open preventive work order (or the candidates given) and each feasible placement in the coming seven days — planned stops, breaks and periods without shifts or orders first, then production time — the expected lost output of doing it there against not doing it (negative: a gain), and the downtime it avoids; ranked, with the recommended placement. ${answerDoc}`,
    request: {
      params: idParam,
      body: optionalBody(maintenanceBody),
    },
    responses: { 202: json(runSummarySchema, 'The queued maintenance plan') },
  }),
  (c) => asked(c, (w) => askMaintenancePlan(w, c.req.valid('param').id, c.req.valid('json') ?? {})),
);

questionRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/mix-scenarios',
    tags,
    summary: `How a product mix affects throughput and energy over the next ${MIX_HOURS} hours`,
    description: `The current plan (the planned orders due in the ${MIX_HOURS} hours in due order, or \`orders\`) against each proposed mix or sequence, with the line model’s changeovers: output in total and per product, kWh, kWh per part, the 15-minute peak against the site’s limit (\`peakLimitKw\` overrides it), and a trade-off flag. ${answerDoc}`,
    request: {
      params: idParam,
      body: optionalBody(mixBody),
    },
    responses: { 202: json(runSummarySchema, 'The queued mix scenarios') },
  }),
  (c) => asked(c, (w) => askMixScenarios(w, c.req.valid('param').id, c.req.valid('json') ?? {})),
);

const binding = z
  .object({
    question: z.enum(QUESTION_KINDS),
    lineId: uuid,
    parameters: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'The question’s body (without `start` and `title`), checked as the question checks it' }),
  })
  .openapi('QuestionBinding');
const useTag = ['Use cases'];

questionRoutes.openapi(
  route('use-case:write', {
    method: 'put',
    path: '/use-cases/{id}/question',
    tags: useTag,
    summary: 'Bind the use case to one of the twin’s questions',
    description:
      'The use case is then answered by asking that question of the line (its own, or one of its area’s) with these parameters: `POST /use-cases/{id}/answers`.',
    request: { params: idParam, body: body(binding) },
    responses: { 200: json(binding, 'The binding') },
  }),
  async (c) =>
    c.json(await inTransaction(c.var.deps, actorOf(c), (w) => bindQuestion(w, c.req.valid('param').id, c.req.valid('json'))), 200),
);

questionRoutes.openapi(
  route('use-case:write', {
    method: 'delete',
    path: '/use-cases/{id}/question',
    tags: useTag,
    summary: 'Unbind the use case from its question',
    request: { params: idParam },
    responses: { 204: { description: 'Unbound; its answers stay' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => unbindQuestion(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);

questionRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/use-cases/{id}/answers',
    tags: useTag,
    summary: 'Answer the use case: ask its question with its parameters',
    description: `Queues the bound question as a run of the use case (kept with it) and records a use of the use case by the caller (\`use\`: recorded, or why not — at most one per person and period of their group’s expected frequency; none for someone in none of its groups). ${answerDoc}`,
    request: { params: idParam },
    responses: { 202: json(runSummarySchema.extend({ use: z.record(z.string(), z.unknown()) }), 'The queued answer and the use recorded') },
  }),
  async (c) => {
    const { run, use } = await inTransaction(c.var.deps, actorOf(c), (w) => answerUseCase(w, c.req.valid('param').id));
    return queuedRun(c, { ...run, use });
  },
);

questionRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/answers',
    tags: useTag,
    summary: 'The answers kept for the use case, newest first',
    request: { params: idParam, query: z.object(pageQuery) },
    responses: { 200: json(pageOf(runSummarySchema), 'Answers (runs)') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listUseCaseAnswers(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);
