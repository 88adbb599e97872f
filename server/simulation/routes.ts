import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import {
  cancelRun,
  deleteRun,
  getLineSimulationModel,
  getRun,
  listRuns,
  setLineSimulationModel,
  submitComparison,
  submitLineSimulation,
  submitSimulation,
} from './runs.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { name, rowSchema, uuid } from '../http/schemas.ts';
import { lineSimulationModels, simulationRuns } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { simulationModel } from './model.ts';
import { balancingRunModel } from './balanceModel.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const modelDoc =
  'A simulation model: machines with process-time distributions, failures (MTBF/MTTR), power per state; buffers; warm-up; horizon; replications; seed; optional products, changeovers, precision (see the README, "Simulation model").';
// The document shows the model's real schema (the one `parseSimulationModel` checks, with its
// cross-field rules on top); the route takes the object as it is and the domain validates it, so
// its errors name every field under `body.model`.
const { $schema: _dialect, ...modelJsonSchema } = z.toJSONSchema(simulationModel, { io: 'input', unrepresentable: 'any' });
const model = z.record(z.string(), z.unknown()).openapi({
  ...(modelJsonSchema as object),
  description: modelDoc,
  example: {
    machines: [
      { name: 'M1', processTime: { dist: 'exponential', mean: 1 }, failure: { mtbf: 100, mttr: 10 } },
      { name: 'M2', processTime: { dist: 'deterministic', mean: 0.9 } },
    ],
    buffers: [3],
    warmup: 1000,
    horizon: 100000,
    replications: 10,
    seed: 1,
  },
});
const row = rowSchema(simulationRuns, {
  result: (result) => result.openapi({ description: 'The simulation result or scenario comparison, once succeeded' }),
});
const { status, kind } = row.shape;
const runSummary = row
  .pick({
    id: true,
    kind: true,
    lineId: true,
    title: true,
    status: true,
    progress: true,
    createdById: true,
    createdAt: true,
    finishedAt: true,
  })
  .openapi('SimulationRunSummary');
const run = row.openapi('SimulationRun');
const settings = z
  .object({
    horizon: z.number().positive().optional(),
    warmup: z.union([z.number().nonnegative(), z.literal('auto')]).optional(),
    replications: z.number().int().min(2).max(1000).optional(),
    seed: z.number().int().min(0).optional(),
    precision: z.object({ relativeHalfWidth: z.number().positive(), maxReplications: z.number().int().optional() }).optional(),
  })
  .strict();
const scenario = z
  .object({ name, model: model.optional(), runId: uuid.optional() })
  .refine((s) => (s.model === undefined) !== (s.runId === undefined), {
    message: 'give either a model or the runId of a stored simulation',
    path: ['model'],
  });
const lineModel = rowSchema(lineSimulationModels, { model }).openapi('LineSimulationModel');
const tags = ['Throughput simulation'];

/** The answer to a submitted run: 202 with its Location, after waking the runner. */
function queued<R extends { id: string }>(c: Context<AppEnv>, row: R) {
  c.var.deps.jobs?.wakeSimulations();
  c.header('Location', `/api/v1/simulations/${row.id}`);
  return c.json(jsonify(row), 202);
}

export const simulationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

simulationRoutes.openapi(
  route('line-model:write', {
    method: 'put',
    path: '/lines/{id}/simulation-model',
    tags,
    summary: 'Store the throughput model of a line',
    description: 'Machines are named by the line’s station codes, in flow order.',
    request: { params: idParam, body: body(model) },
    responses: { 200: json(lineModel, 'The stored model') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => setLineSimulationModel(w, c.req.valid('param').id, c.req.valid('json')))),
      200,
    ),
);

simulationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/simulation-model',
    tags,
    summary: 'The throughput model of a line',
    request: { params: idParam },
    responses: { 200: json(lineModel, 'The model') },
  }),
  async (c) => c.json(jsonify(await getLineSimulationModel(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

simulationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/balancing-runs/{id}/simulation-model',
    tags,
    summary: 'A proposed balance as a model of its line',
    description:
      'The line’s stored model with the balance’s stations: each station’s load (its tasks’ times) as its machine’s mean process time, in the model’s time unit and with the shape of the machine at the same position; its parallel workplaces as the count; failures, power, changeovers and buffers of the machine at the same position (the last one’s for added stations, named `S<n>`). Post it as the `model` of `POST /simulations` (or of a scenario of `POST /simulation-comparisons`, beside the line’s own) to simulate the balance before deciding it. 404 when the line has no model, 409 for a run of no line.',
    request: { params: idParam },
    responses: {
      200: json(
        z.object({ runId: uuid, lineId: uuid, title: z.string(), baseUpdatedAt: z.string(), model: z.record(z.string(), z.unknown()) }),
        'The model of the balance',
      ),
    },
  }),
  async (c) => c.json(jsonify(await balancingRunModel(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

simulationRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/lines/{id}/simulations',
    tags,
    summary: 'Simulate a stored line',
    description: 'Queues a run of the line’s stored model with the given run settings; poll `GET /simulations/{id}`.',
    request: { params: idParam, body: body(z.object({ title: name.optional(), settings: settings.optional() })) },
    responses: { 202: json(runSummary, 'The queued run') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) =>
      submitLineSimulation(w, c.req.valid('param').id, c.req.valid('json') as { title?: string; settings?: Record<string, unknown> }),
    );
    return queued(c, row);
  },
);

simulationRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/simulations',
    tags,
    summary: 'Simulate an uploaded model',
    request: { body: body(z.object({ title: name.optional(), model })) },
    responses: { 202: json(runSummary, 'The queued run') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => submitSimulation(w, c.req.valid('json')));
    return queued(c, row);
  },
);

simulationRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/simulation-comparisons',
    tags,
    summary: 'Compare a baseline with variants on common random numbers',
    description:
      'Each scenario is a model or a stored simulation run. The result gives throughput differences with 95 % intervals, peak and per-part energy, and flags a variant that lifts throughput but raises peak demand above `peakLimitKw`.',
    request: {
      body: body(
        z.object({
          title: name.optional(),
          lineId: uuid.optional(),
          baseline: scenario,
          variants: z.array(scenario).min(1).max(10),
          peakLimitKw: z.number().positive().optional(),
          replications: z.number().int().min(2).max(1000).optional(),
        }),
      ),
    },
    responses: { 202: json(runSummary, 'The queued comparison') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => submitComparison(w, c.req.valid('json')));
    return queued(c, row);
  },
);

simulationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/simulations',
    tags,
    summary: 'Stored runs, newest first',
    request: { query: z.object({ lineId: uuid.optional(), kind: kind.optional(), status: status.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(runSummary), 'Runs') },
  }),
  async (c) => c.json(paginate(jsonify(await listRuns(c.var.deps.db, actorOf(c), c.req.valid('query'))), c.req.valid('query')), 200),
);

simulationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/simulations/{id}',
    tags,
    summary: 'A run: status, progress, input and result',
    request: { params: idParam },
    responses: { 200: json(run, 'The run') },
  }),
  async (c) => c.json(jsonify(await getRun(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

simulationRoutes.openapi(
  route('compute:run', {
    method: 'post',
    path: '/simulations/{id}/cancel',
    tags,
    summary: 'Cancel a queued or running run',
    request: { params: idParam },
    responses: { 200: json(run, 'The run; a running one stops within a second') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => cancelRun(w, c.req.valid('param').id))), 200),
);

lifecycleRoutes(simulationRoutes, {
  path: '/simulations/{id}',
  tags,
  policy: 'compute:run',
  entity: 'simulation run',
  remove: { when: 'Only a finished run (succeeded, failed or cancelled): cancel a queued or running one first.', run: deleteRun },
});

/** For the routes of other run kinds (calibrations): the same run and model schemas, the same 202 answer. */
export { lineModel as lineModelSchema, queued as queuedRun, runSummary as runSummarySchema };
