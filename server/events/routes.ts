import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { listStopReasons, setStopReasons } from './stopReasons.ts';
import { validationHook } from '../http/validation.ts';
import { batchItems } from './batch.ts';
import { defaultIngestSettings, ingestEvents, MAX_BATCH_EVENTS } from './ingest.ts';

const tags = ['Machine data'];
const result = z
  .object({
    accepted: z.number().int().openapi({ description: 'Events stored by this batch' }),
    duplicates: z.number().int().openapi({ description: 'Events already stored (same station, ts and id): not stored again' }),
    rejected: z.array(
      z.object({
        index: z.number().int().openapi({ description: 'Position of the event in the batch, from 0' }),
        reason: z.enum(['invalid', 'unknown_state', 'unknown_station', 'unknown_source', 'ts_out_of_range']),
        path: z.string().openapi({ description: 'The field at fault, from the event' }),
        message: z.string(),
      }),
    ),
    refreshed: z.array(z.string()).openapi({ description: 'Data sources whose freshness the batch refreshed' }),
  })
  .openapi('IngestResult');

export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

eventRoutes.openapi(
  route('events:ingest', {
    method: 'post',
    path: '/ingest',
    tags,
    summary: 'Send a batch of machine events (states, cycles, energy, buffers, counts)',
    description: `A JSON array, or NDJSON (\`application/x-ndjson\`, one event per line), of at most ${MAX_BATCH_EVENTS} events and 16 MiB. Each event is checked alone: bad ones are listed in \`rejected\` with their reason and field, the others are stored, and the answer comes after they are committed. A replayed event is counted in \`duplicates\`. While the database is unavailable: 503 with \`Retry-After\`; send the batch again. The event format is in the README.`,
    request: {
      body: {
        content: {
          'application/json': { schema: { type: 'array', items: { type: 'object' } } },
          'application/x-ndjson': { schema: { type: 'string' } },
        },
        required: true,
      },
    },
    responses: { 200: json(result, 'What was stored, what was there already, what was refused and why') },
  }),
  async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const items = batchItems(await c.req.text(), type === 'application/x-ndjson');
    const { db, clock } = c.var.deps;
    const settings = c.var.deps.ingest ?? defaultIngestSettings;
    return c.json(await ingestEvents(db, actorOf(c), items, clock(), settings), 200);
  },
);

const reasonClass = z.enum(['unplanned_stop', 'setup', 'planned_stop']);
const stopReason = z
  .object({
    code: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    stateClass: reasonClass,
    category: z.string().min(1).max(40).openapi({
      description:
        'unplanned_stop: technical, material, operator, quality, other; setup: changeover, cleaning; planned_stop: break, no_order, no_shift, planned_maintenance',
    }),
  })
  .openapi('StopReason');
const reasonTree = z
  .object({
    siteId: z.string(),
    items: z.array(stopReason.extend({ id: z.string(), siteId: z.string() }).passthrough()),
    builtIn: z
      .array(z.object({ code: z.number().int(), state: z.string(), category: z.string().nullable(), name: z.string() }))
      .openapi({ description: 'The UMH numeric codes, understood without being in the tree' }),
  })
  .openapi('StopReasonTree');

eventRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/sites/{id}/stop-reasons',
    tags,
    summary: "A site's stop reasons: the codes its machines send, their names and classes",
    request: { params: idParam },
    responses: { 200: json(reasonTree, 'The reason tree') },
  }),
  async (c) => c.json(jsonify(await listStopReasons(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

eventRoutes.openapi(
  route('plant:write', {
    method: 'put',
    path: '/sites/{id}/stop-reasons',
    tags,
    summary: "Replace a site's stop reasons",
    description: 'Events keep the codes they came with; a code not in the tree (nor a UMH code) counts as an unclassified stop.',
    request: { params: idParam, body: body(z.object({ items: z.array(stopReason).max(2000) })) },
    responses: { 200: json(reasonTree, 'The reason tree') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => setStopReasons(w, c.req.valid('param').id, c.req.valid('json').items))),
      200,
    ),
);
