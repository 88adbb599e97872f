import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import {
  createDataSource,
  dataMap,
  getDataSource,
  linkDataSource,
  archiveDataSource,
  deleteDataSource,
  listDataSources,
  recordHeartbeat,
  unlinkDataSource,
  updateDataSource,
  useCaseTrust,
} from './dataSources.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { coverageSchema, insertSchema, isoDateTime, name, rowSchema, unsCode, uuid } from '../http/schemas.ts';
import { dataQuality, dataSources, useCaseDataSources, useCases } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';

const row = rowSchema(dataSources);
const { kind } = row.shape;
const quality = rowSchema(dataQuality);
const freshness = z.object({
  status: z.enum(['fresh', 'late', 'stale', 'never_received']),
  ageSeconds: z.number().nullable(),
  reason: z.string(),
});
const scope = z
  .union([z.object({ siteId: uuid }).strict(), z.object({ areaId: uuid }).strict(), z.object({ lineId: uuid }).strict()])
  .openapi({ description: 'Exactly one: a site, an area or a line' });
// Out as in: the scope is one object, not the three scope columns.
const source = row.omit({ scopeSiteId: true, scopeAreaId: true, scopeLineId: true }).extend({ scope, freshness }).openapi('DataSource');
const sourceColumns = insertSchema(dataSources, {
  name,
  code: unsCode.nullish().openapi({ description: 'What machine events name as their `source` (unique in the program)' }),
  ownerId: (id) => id.openapi({ description: 'Owner of the source’s exceptions' }),
  expectedRefreshSeconds: z
    .number()
    .int()
    .min(1)
    .max(31 * 86_400)
    .openapi({ description: 'New data expected every … seconds (1 for a PLC tag, 86400 for a daily batch)' }),
  maxLatencySeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .openapi({ description: 'Acceptable delay of each refresh, in seconds' }),
});
// The scope is given as one object instead of the three scope columns.
const sourceInput = z.object({
  ...sourceColumns.pick({ name: true, code: true, kind: true }).shape,
  scope,
  ...sourceColumns.pick({ ownerId: true, escalationGroupId: true, expectedRefreshSeconds: true, maxLatencySeconds: true }).shape,
});
const dependency = rowSchema(useCaseDataSources).shape;
const trustReason = z.object({ dataSourceId: dependency.dataSourceId, name: row.shape.name, status: z.string(), message: z.string() });
const trust = z
  .object({
    useCaseId: dependency.useCaseId,
    trust: z.enum(['ok', 'degraded']),
    reasons: z.array(trustReason),
    sources: z.array(
      z.object({ dataSourceId: dependency.dataSourceId, name: row.shape.name, kind, required: dependency.required, freshness }),
    ),
    // Sources it relies on outside the caller's scope are left out of the judgement, and counted.
    coverage: coverageSchema,
  })
  .openapi('UseCaseTrust');
const useCase = rowSchema(useCases).pick({ id: true, title: true, status: true });
const map = z
  .object({
    programId: row.shape.programId,
    coverage: coverageSchema,
    sources: z.array(
      source.extend({
        dependents: z.array(z.object({ useCaseId: dependency.useCaseId, title: useCase.shape.title, required: dependency.required })),
      }),
    ),
    useCases: z.array(useCase.extend({ trust: z.enum(['ok', 'degraded']), reasons: z.array(trustReason) })),
  })
  .openapi('DataDependencyMap');
const tags = ['Data sources'];

export const dataSourceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

dataSourceRoutes.openapi(
  route('data-source:write', {
    method: 'post',
    path: '/programs/{id}/data-sources',
    tags,
    summary: 'Register a data source with its freshness thresholds',
    request: { params: idParam, body: body(sourceInput) },
    responses: { 201: json(source, 'The source') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => createDataSource(w, c.req.valid('param').id, c.req.valid('json')))),
      201,
    ),
);

dataSourceRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/data-sources',
    tags,
    summary: 'The sources of a program with their freshness',
    request: { query: z.object({ ...archivedQuery, ...pageQuery }), params: idParam },
    responses: { 200: json(pageOf(source), 'Sources') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      paginate(jsonify(await listDataSources(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock(), q)), q),
      200,
    );
  },
);

dataSourceRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/data-sources/{id}',
    tags,
    summary: 'A data source and its freshness',
    request: { params: idParam },
    responses: { 200: json(source, 'The source') },
  }),
  async (c) => {
    const row = await getDataSource(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock());
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

dataSourceRoutes.openapi(
  route('data-source:write', {
    method: 'patch',
    path: '/data-sources/{id}',
    tags,
    summary: 'Change a data source',
    request: { params: idParam, body: body(sourceInput.partial()) },
    responses: { 200: json(source, 'The source') },
  }),
  async (c) => {
    const row = await changeVersioned(c, dataSources, 'data source', 'data_source', (w, id) =>
      updateDataSource(w, id, c.req.valid('json')),
    );
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

dataSourceRoutes.openapi(
  route('data:ingest', {
    method: 'post',
    path: '/data-sources/{id}/heartbeat',
    tags,
    summary: 'Report that the source delivered data',
    description:
      'Freshness is measured from `sourceTimestamp` (default: now); quality Bad or Uncertain counts as stale. A stale-source escalation gets a note when data flows again.',
    request: { params: idParam, body: body(z.object({ sourceTimestamp: isoDateTime.optional(), quality: quality.optional() })) },
    responses: {
      200: json(
        source.extend({
          escalation: z.object({
            dataSourceId: z.string(),
            status: z.string(),
            raised: z.string().nullable(),
            noted: z.string().nullable(),
          }),
        }),
        'The source after the heartbeat',
      ),
    },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => recordHeartbeat(w, c.req.valid('param').id, c.req.valid('json')))),
      200,
    ),
);

dataSourceRoutes.openapi(
  route('use-case:write', {
    method: 'post',
    path: '/use-cases/{id}/data-sources',
    tags,
    summary: 'Declare that a use case depends on a source',
    request: {
      params: idParam,
      body: body(insertSchema(useCaseDataSources, { required: z.boolean().default(true) }).pick({ dataSourceId: true, required: true })),
    },
    responses: { 200: json(trust, 'The use case’s trust after the change') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => linkDataSource(w, c.req.valid('param').id, c.req.valid('json')))),
      200,
    ),
);

dataSourceRoutes.openapi(
  route('use-case:write', {
    method: 'delete',
    path: '/use-cases/{id}/data-sources/{dataSourceId}',
    tags,
    summary: 'Remove a dependency',
    request: { params: idParam.extend({ dataSourceId: z.string().openapi({ param: { name: 'dataSourceId', in: 'path' } }) }) },
    responses: { 200: json(trust, 'The use case’s trust after the change') },
  }),
  async (c) => {
    const { id, dataSourceId } = c.req.valid('param');
    return c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => unlinkDataSource(w, id, dataSourceId))), 200);
  },
);

dataSourceRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/trust',
    tags,
    summary: 'Whether the use case’s answers can be trusted, and why not',
    request: { params: idParam },
    responses: { 200: json(trust, 'Trust') },
  }),
  async (c) => c.json(jsonify(await useCaseTrust(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock())), 200),
);

dataSourceRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/data-map',
    tags,
    summary: 'Data dependency map: sources, their freshness, the use cases on them',
    request: { params: idParam },
    responses: { 200: json(map, 'The map') },
  }),
  async (c) => c.json(jsonify(await dataMap(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock())), 200),
);

lifecycleRoutes(dataSourceRoutes, {
  path: '/data-sources/{id}',
  tags,
  policy: 'data-source:write',
  entity: 'data source',
  schema: source,
  archive: {
    does: 'For a source the plant no longer runs: it is no longer swept for freshness and takes no heartbeats or new links. Refused (409) while a use case that is not retired relies on it.',
    run: archiveDataSource,
  },
  remove: { when: 'Only while no use case relies on it and no escalation is about it.', run: deleteDataSource },
});
