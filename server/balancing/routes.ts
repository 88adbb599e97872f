import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import {
  balanceTargetFields,
  balanceVariantFields,
  balancingConstraintsSchema,
  balancingModelSchema,
  balancingProblemSchema,
  balancingTaskSchema,
  checkModelTimes,
  MAX_MODELS,
  MAX_REPLICAS,
  MAX_TASKS,
  timeSchema,
} from './problemSchema.ts';
import { jsonify } from '../core/json.ts';
import {
  balanceAndRecord,
  uploadPlace,
  balanceStoredLine,
  deleteBalancingRun,
  getBalancingRun,
  getLineTasks,
  listBalancingRuns,
  setLineTasks,
  uploadedProblem,
} from './lineBalancing.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, isoDateTime, name, rowSchema, uuid } from '../http/schemas.ts';
import { compareWithCurrent } from './comparison.ts';
import { balancingProblem, balancingRuns, lineTasks } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { uploadedText } from '../http/upload.ts';

const taskId = z.string().trim().min(1).max(64);
const taskColumns = insertSchema(lineTasks, {
  description: (description) => description.max(500),
  time: timeSchema,
}).pick({ description: true, time: true });
const lineTasksInput = z
  .object({
    models: z.array(balancingModelSchema).min(1).max(MAX_MODELS).optional(),
    tasks: z
      .array(
        z.object({
          id: taskId,
          description: taskColumns.shape.description,
          time: taskColumns.shape.time.optional(),
          times: balancingTaskSchema.shape.times,
          predecessors: z.array(taskId).default([]),
        }),
      )
      .max(MAX_TASKS),
    constraints: balancingConstraintsSchema.default({ fixed: [], mustShare: [], mustNotShare: [] }),
  })
  .superRefine((input, ctx) => checkModelTimes(input, (path, message) => ctx.addIssue({ code: 'custom', path, message })));
const task = rowSchema(lineTasks).shape;
const lineTasksView = z
  .object({
    lineId: task.lineId,
    totalTime: z.number(),
    tasks: z.array(
      z.object({
        id: task.code,
        description: task.description.optional(),
        time: task.time.optional(),
        times: z.record(z.string(), z.number()).optional(),
        predecessors: z.array(z.string()),
      }),
    ),
    models: z.array(z.object({ id: z.string(), share: z.number() })).optional(),
    constraints: z.object({
      fixed: z.array(z.object({ task: z.string(), station: z.number() })),
      mustShare: z.array(z.array(z.string())),
      mustNotShare: z.array(z.array(z.string())),
    }),
  })
  .openapi('LineTasks');
/** Search budget an API request may ask for (a problem as such may ask for up to MAX_TIME_LIMIT_MS). */
const API_MAX_TIME_LIMIT_MS = 120_000;
const targetFields = balanceTargetFields(API_MAX_TIME_LIMIT_MS);
// Made here, after @hono/zod-openapi has extended zod, so that they take `.openapi()`.
const variantFields = balanceVariantFields();
const target = z
  .object({
    ...targetFields,
    cycleTime: targetFields.cycleTime.openapi({ description: 'SALBP-1: the fewest stations for this cycle time' }),
    stations: targetFields.stations.openapi({ description: 'SALBP-2: the shortest cycle time for this many stations' }),
    demand: targetFields.demand.openapi({ description: 'With availableTime: balance to takt = availableTime ÷ demand' }),
    utilisation: targetFields.utilisation.openapi({ description: 'Share of takt to balance to, e.g. 0.95' }),
    timeLimitMs: targetFields.timeLimitMs.openapi({
      description: 'Search budget (default 10 000); the best balance found is returned with provenOptimal false',
    }),
    layout: variantFields.layout.openapi({ description: 'straight (default) or u: stations may take work from both legs of a U' }),
    parallel: variantFields.parallel.openapi({
      description: 'Parallel stations where a task is longer than the cycle: {maxReplicas, replicaCost}; the objective counts workplaces',
    }),
    mixedRule: variantFields.mixedRule.openapi({ description: 'A mixed-model line: strict (default) or average' }),
    overloadTolerance: variantFields.overloadTolerance,
    sequence: z.array(z.string().trim().min(1).max(64)).min(1).max(100_000).optional().openapi({
      description: 'A mixed-model line: a launch sequence of model ids whose work overload is reported',
    }),
  })
  .strict();
/** The target fields as query parameters: the same number schemas, converting the query string first. */
const targetQuery = Object.fromEntries(
  Object.entries(targetFields).map(([key, field]) => [
    key,
    field
      .unwrap()
      .clone({ ...field.unwrap().def, coerce: true })
      .optional(),
  ]),
) as typeof targetFields;
const result = z
  .object({
    problem: rowSchema(balancingProblem),
    cycleTime: z.number(),
    stations: z.number().int(),
    provenOptimal: z.boolean(),
    lowerBound: z.number(),
    taskIds: z.array(z.string()),
    assignment: z.array(z.number().int()).openapi({ description: 'Station (from 1) of each task, in input order' }),
    taktTime: z.number().optional(),
    elapsedMs: z.number(),
  })
  .passthrough()
  .openapi('BalancingResult');
const run = rowSchema(balancingRuns, { result }).openapi('BalancingRun');
const runSummary = run.omit({ input: true, result: true });
const tags = ['Line balancing'];

export const balancingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

balancingRoutes.openapi(
  route('line-model:write', {
    method: 'put',
    path: '/lines/{id}/tasks',
    tags,
    summary: 'Store a line’s tasks, precedence and zoning',
    description:
      'Replaces the whole task list. Unknown predecessors, duplicate ids, a precedence cycle (named task by task) and contradictory zoning are refused with the field.',
    request: { params: idParam, body: body(lineTasksInput) },
    responses: { 200: json(lineTasksView, 'The stored tasks') },
  }),
  async (c) =>
    c.json(
      jsonify(
        await inTransaction(c.var.deps, actorOf(c), (w) =>
          setLineTasks(w, c.req.valid('param').id, c.req.valid('json') as Parameters<typeof setLineTasks>[2]),
        ),
      ),
      200,
    ),
);

balancingRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/tasks',
    tags,
    summary: 'A line’s tasks',
    request: { params: idParam },
    responses: { 200: json(lineTasksView, 'The tasks') },
  }),
  async (c) => c.json(jsonify(await getLineTasks(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

balancingRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/balance-comparison',
    tags,
    summary: 'The line as it runs against a proposed balance',
    description:
      'Each station’s observed cycle-time distribution from its cycles (the last 7 days unless `from`/`to` or `window`), beside the station loads of a balancing run of the line (the latest unless `runId`); both with stations, cycle time (the largest load), work content, line efficiency and smoothness index, and what changes. Times in seconds, as the line’s tasks.',
    request: {
      params: idParam,
      query: z.object({
        runId: uuid.optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
        window: z.enum(['current-shift', 'today', '7d']).optional(),
      }),
    },
    responses: { 200: json(z.object({}).passthrough().openapi('BalanceComparison'), 'Current against proposed') },
  }),
  async (c) =>
    c.json(
      jsonify(await compareWithCurrent(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.req.valid('query'), c.var.deps.clock())),
      200,
    ),
);

balancingRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/balance',
    tags,
    summary: 'Balance a stored line (exact SALBP-1 or SALBP-2, U-line, parallel stations)',
    description:
      'Give exactly one target: `cycleTime`, `stations`, or `demand` with `availableTime`; optionally `layout: "u"` and `parallel`. The run is stored with its input.',
    request: { params: idParam, body: body(target.extend({ title: name.optional() })) },
    responses: {
      201: json(run, 'The stored run with its result'),
      422: json(z.object({}).passthrough(), 'No balance exists (or none was found in the time limit)'),
    },
  }),
  async (c) => {
    const { title, ...t } = c.req.valid('json');
    const row = await balanceStoredLine(c.var.deps, actorOf(c), c.req.valid('param').id, t, title);
    return c.json(jsonify(row), 201);
  },
);

balancingRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/balancing-runs',
    tags,
    summary: 'Balance an uploaded problem (JSON)',
    request: {
      body: body(
        z.object({
          title: name.optional(),
          // Checked at the edge too, so an unknown key is refused with its path before it reaches a worker.
          problem: balancingProblemSchema.describe(
            'tasks [{id, time, predecessors}] (mixed models: models [{id, share}] and tasks [{id, times: {A: 12, B: 0}, predecessors}], mixedRule, overloadTolerance, sequence), exactly one target, optional layout, parallel {maxReplicas, replicaCost} and constraints {fixed, mustShare, mustNotShare}',
          ),
        }),
      ),
    },
    responses: { 201: json(run, 'The stored run with its result') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    // The problem as sent (ids as given) is what the worker solves and the run stores.
    const { problem } = (await c.req.json()) as { problem: Record<string, unknown> };
    const row = await balanceAndRecord(c.var.deps, actorOf(c), { title: input.title ?? 'Uploaded problem', problem });
    return c.json(jsonify(row), 201);
  },
);

const uploadQuery = z.object({
  format: z.enum(['alb', 'csv']),
  title: name.optional(),
  ...targetQuery,
  models: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: 'Demand shares of a mixed-model CSV (time:<model> columns): A=0.6,B=0.4' }),
  mixedRule: variantFields.mixedRule,
  overloadTolerance: z.coerce.number().finite().min(0).max(1).optional(),
  layout: variantFields.layout,
  maxReplicas: z.coerce
    .number()
    .int()
    .min(2)
    .max(MAX_REPLICAS)
    .optional()
    .openapi({ description: 'Parallel stations: most workplaces per station' }),
  replicaCost: z.coerce
    .number()
    .finite()
    .min(0)
    .max(100)
    .optional()
    .openapi({ description: 'Parallel stations: cost of each extra workplace (default 1)' }),
});

balancingRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/balancing-runs/upload',
    tags,
    summary: 'Balance an uploaded .alb or CSV file',
    description:
      'The file comes as the body (`curl --data-binary @line.alb`, text/plain or application/octet-stream) or as the form field `file` (`curl -F file=@line.alb`, multipart/form-data); the target and options come in the query. An `.alb` without a target uses its own cycle time. CSV columns: task,time,predecessors; a mixed-model CSV has time:<model> per model instead of time, with the demand shares in `models`.',
    request: {
      query: uploadQuery,
      body: {
        content: {
          'text/plain': { schema: z.string() },
          // A plain OpenAPI schema, not zod: the route reads the body itself (uploadedText), so no
          // form validator may consume it first.
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
          },
        },
        required: true,
      },
    },
    responses: { 201: json(run, 'The stored run with its result') },
  }),
  async (c) => {
    const { format, title, models, mixedRule, overloadTolerance, layout, maxReplicas, replicaCost, ...t } = c.req.valid('query');
    const text = await uploadedText(c.req);
    const problem = uploadedProblem(format, text, t, { models, mixedRule, overloadTolerance, layout, maxReplicas, replicaCost });
    const row = await balanceAndRecord(c.var.deps, actorOf(c), { title: title ?? `Uploaded ${format} file`, problem }, uploadPlace);
    return c.json(jsonify(row), 201);
  },
);

balancingRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/balancing-runs',
    tags,
    summary: 'Stored balancing runs, newest first',
    request: { query: z.object({ lineId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(runSummary), 'Runs') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listBalancingRuns(c.var.deps.db, actorOf(c), c.req.valid('query').lineId)), c.req.valid('query')), 200),
);

balancingRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/balancing-runs/{id}',
    tags,
    summary: 'A balancing run with its input and result',
    request: { params: idParam },
    responses: { 200: json(run, 'The run') },
  }),
  async (c) => c.json(jsonify(await getBalancingRun(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

lifecycleRoutes(balancingRoutes, {
  path: '/balancing-runs/{id}',
  tags,
  policy: 'compute:run',
  entity: 'balancing run',
  remove: { when: 'A run is a record of one computation; delete the ones that were scratch work.', run: deleteBalancingRun },
});
