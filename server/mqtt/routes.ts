import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { rowSchema, uuid } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { sparkplugMappings, sparkplugNodes } from '../../db/schema/index.ts';
import { addMapping, defaultMetricNames, listMappings, listNodes, removeMapping } from './mappings.ts';

const tags = ['Machine data'];
// Sparkplug topic levels: no / + # and not empty.
const level = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^/+#]+$/, 'a Sparkplug topic level: no /, + or #');
const metricName = z.string().min(1).max(200);
const metrics = z
  .object({
    state: metricName.optional(),
    good: metricName.optional(),
    scrap: metricName.optional(),
    cycleSeconds: metricName.optional(),
    kw: metricName.optional(),
    kwh: metricName.optional(),
    buffer: metricName.optional(),
  })
  .openapi({ description: `Metric names by meaning; each defaults to ${JSON.stringify(defaultMetricNames)}` });
const mapping = rowSchema(sparkplugMappings).openapi('SparkplugMapping');
const node = rowSchema(sparkplugNodes).openapi('SparkplugNode');

export const sparkplugRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

sparkplugRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/sparkplug/mappings',
    tags,
    summary: 'Which Sparkplug B edge node or device is which station',
    responses: { 200: json(z.object({ items: z.array(mapping) }), 'The mappings of stations you see') },
  }),
  async (c) => c.json({ items: jsonify(await listMappings(c.var.deps.db, actorOf(c))) }, 200),
);

sparkplugRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/sparkplug/mappings',
    tags,
    summary: 'Map an edge node (or one of its devices) to a station',
    description:
      'Its data messages become events of the station: the state metric (a UMH code or a state class), the good and scrap counters (their increases become cycles), the cycle time, power, energy meter and buffer level. Its death marks the station offline and its data source stale.',
    request: {
      body: body(z.object({ groupId: level, edgeNode: level, device: level.optional(), stationId: uuid, metrics: metrics.optional() })),
    },
    responses: { 201: json(mapping, 'The mapping') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => addMapping(w, c.req.valid('json')))), 201),
);

sparkplugRoutes.openapi(
  route('plant:write', {
    method: 'delete',
    path: '/sparkplug/mappings/{id}',
    tags,
    summary: 'Remove a mapping',
    request: { params: idParam },
    responses: { 204: { description: 'Removed' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => removeMapping(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);

sparkplugRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/sparkplug/nodes',
    tags,
    summary: 'The edge nodes heard of: online or not, bdSeq, seq gaps, offline devices',
    responses: { 200: json(z.object({ items: z.array(node) }), 'The edge nodes') },
  }),
  async (c) => c.json({ items: jsonify(await listNodes(c.var.deps.db, actorOf(c))) }, 200),
);
