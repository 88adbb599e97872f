import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { inTransaction } from '../core/write.ts';
import { actorOf } from '../http/authorize.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { body, idParam, json, problemResponses, route } from '../http/route.ts';
import { validationHook } from '../http/validation.ts';
import { recordDecision } from './decisions.ts';
import { getDecision, listDecisions } from './reads.ts';
import { decisionInput, decisionView, recordedDecision, trackRecord } from './schemas.ts';
import { lineTrackRecord, useCaseTrackRecord } from './trackRecords.ts';

const tags = ['Decisions'];

export const decisionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

decisionRoutes.openapi(
  route('decision:write', {
    method: 'post',
    path: '/decisions',
    tags,
    summary: 'Record a decision taken with a use case',
    description:
      "Who decided is the caller, when is now. Predictions of a KPI fed by a live metric are taken from the runs it was based on (the run's prediction of that metric, line and station for the scenario named); a value typed that differs is refused with 422. Where no run predicts the KPI, value, low and high are given. The decision is also recorded as a use of the use case (`usage`).",
    request: { body: body(decisionInput) },
    responses: {
      201: json(recordedDecision, 'The decision with its predictions'),
      422: { ...problemResponses([422])[422], description: 'A value typed by hand contradicts the run it is taken from' },
    },
  }),
  async (c) => {
    const view = await inTransaction(c.var.deps, actorOf(c), (w) => recordDecision(w, c.req.valid('json')));
    return c.json(view, 201);
  },
);

decisionRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/decisions/{id}',
    tags,
    summary: 'A decision with the outcome of each prediction',
    description:
      'Each prediction is `pending` until one cadence of its KPI after `effectiveFrom`, then `checked` against the mean of the KPI’s measurements of the periods beginning in that cadence (else the live data after the effect), or `no_data`.',
    request: { params: idParam },
    responses: { 200: json(decisionView, 'The decision') },
  }),
  async (c) => c.json(await getDecision(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);

decisionRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/decisions',
    tags,
    summary: 'The decisions of a use case, newest first',
    request: { params: idParam, query: z.object(pageQuery) },
    responses: { 200: json(pageOf(decisionView), 'Decisions with their outcomes') },
  }),
  async (c) => {
    const rows = await listDecisions(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock());
    return c.json(paginate(rows, c.req.valid('query')), 200);
  },
);

const recordDescription =
  'Checked predictions, the share inside their interval, the mean bias relative to the predicted value, the trend (the latest 5 against those before) and the verdict: poor with at least 4 checked and under 50 % inside or a mean relative bias beyond ±10 % (a program may change these in its early-warning settings), good with at least 4 checked, 80 % inside and a bias within ±5 %.';

decisionRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/track-record',
    tags,
    summary: 'How well the predictions of a use case’s decisions came true',
    description: recordDescription,
    request: { params: idParam },
    responses: { 200: json(trackRecord.extend({ useCaseId: z.string(), title: z.string() }), 'The track record') },
  }),
  async (c) => c.json(await useCaseTrackRecord(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);

decisionRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/track-record',
    tags,
    summary: 'How well the predictions about a line came true',
    description: `${recordDescription} The predictions are those of KPIs fed by the line or its stations, and, for KPIs fed by nothing, those of the line's use cases; the default thresholds apply.`,
    request: { params: idParam },
    responses: { 200: json(trackRecord.extend({ lineId: z.string(), name: z.string() }), 'The track record') },
  }),
  async (c) => c.json(await lineTrackRecord(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);
