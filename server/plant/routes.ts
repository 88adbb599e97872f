import type { AnchoredKind } from '../access/anchors.ts';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { cycleSeconds, microstopSeconds, peakLimitKw } from './rules.ts';
import { insertSchema, name, rowSchema, timeZone, unsCode, uuid } from '../http/schemas.ts';
import { areas, enterprises, lines, sites, stations } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

import { jsonify } from '../core/json.ts';
import { lifecycleRoutes } from '../http/lifecycleRoutes.ts';
import {
  deleteArea,
  deleteEnterprise,
  deleteLine,
  deleteSite,
  deleteStation,
  updateArea,
  updateEnterprise,
  updateLine,
  updateSite,
  updateStation,
} from './lifecycle.ts';
import type { Write } from '../core/write.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import {
  checkSeesEnterprise,
  createArea,
  createEnterprise,
  createLine,
  createSite,
  createStation,
  getHierarchy,
  getLine,
  listAreas,
  listEnterprises,
  listLines,
  listSites,
  listStations,
} from './plant.ts';
import { inTransaction } from '../core/write.ts';

/** The site's contracted peak demand, which mix scenarios check their 15-minute peak against (null: none known). */
const siteLimit = peakLimitKw.nullable().optional().openapi({
  description: 'The site’s contracted peak demand in kW (15-minute mean); mix scenarios are checked against it. Null: none known',
  example: 400,
});

const enterprise = rowSchema(enterprises).openapi('Enterprise');
const site = rowSchema(sites).openapi('Site');
const area = rowSchema(areas).openapi('Area');
const line = rowSchema(lines).openapi('Line');
const station = rowSchema(stations).openapi('Station');
const withPath = { path: z.string().openapi({ description: 'Unified Namespace path enterprise/site/area/line[/station]' }) };
const lineDetail = line.extend({ ...withPath, stations: z.array(station.extend(withPath)) }).openapi('LineDetail');
const hierarchy = enterprise
  .extend({
    ...withPath,
    sites: z.array(site.extend({ ...withPath, areas: z.array(area.extend({ ...withPath, lines: z.array(lineDetail) })) })),
  })
  .openapi('Hierarchy');

/** Every level of the hierarchy has a code (a Unified Namespace segment) and a name. */
const nodeInput = { code: unsCode, name };
const node = { code: true, name: true } as const;
const tags = ['Plant (ISA-95)'];

export const plantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

plantRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/enterprises',
    tags,
    summary: 'Create an enterprise',
    request: { body: body(insertSchema(enterprises, nodeInput).pick(node)) },
    responses: { 201: json(enterprise, 'The enterprise') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createEnterprise(w, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

plantRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/enterprises',
    tags,
    summary: 'List enterprises',
    request: { query: z.object(pageQuery) },
    responses: { 200: json(pageOf(enterprise), 'Enterprises by name') },
  }),
  async (c) => c.json(paginate(jsonify(await listEnterprises(c.var.deps.db, actorOf(c))), c.req.valid('query')), 200),
);

plantRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/enterprises/{id}/hierarchy',
    tags,
    summary: 'The ISA-95 tree of an enterprise',
    request: { params: idParam },
    responses: { 200: json(hierarchy, 'Sites, areas, lines and stations with their UNS paths') },
  }),
  async (c) => c.json(jsonify(await getHierarchy(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

plantRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/sites',
    tags,
    summary: 'Create a site',
    request: {
      body: body(
        insertSchema(sites, {
          ...nodeInput,
          timezone: timeZone.optional(),
          peakLimitKw: () => siteLimit,
        }).pick({ ...node, enterpriseId: true, timezone: true, peakLimitKw: true }),
      ),
    },
    responses: { 201: json(site, 'The site') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createSite(w, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

plantRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/areas',
    tags,
    summary: 'Create an area of a site',
    request: { body: body(insertSchema(areas, nodeInput).pick({ ...node, siteId: true })) },
    responses: { 201: json(area, 'The area') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createArea(w, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

plantRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/lines',
    tags,
    summary: 'Create a production line in an area',
    request: { body: body(insertSchema(lines, nodeInput).pick({ ...node, areaId: true })) },
    responses: { 201: json(line, 'The line') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createLine(w, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

plantRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}',
    tags,
    summary: 'A line with its stations',
    request: { params: idParam },
    responses: { 200: json(lineDetail, 'The line, its UNS path and its stations in order') },
  }),
  async (c) => {
    const row = await getLine(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

plantRoutes.openapi(
  route('plant:write', {
    method: 'post',
    path: '/stations',
    tags,
    summary: 'Create a station (work cell) on a line',
    request: {
      body: body(
        insertSchema(stations, { ...nodeInput, position: z.number().int().min(1).max(10_000) }).pick({
          ...node,
          lineId: true,
          position: true,
        }),
      ),
    },
    responses: { 201: json(station, 'The station') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createStation(w, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

const listOf = (summary: string) => ({ method: 'get' as const, tags, summary });

plantRoutes.openapi(
  route('read', {
    ...listOf('Sites, of one enterprise when given'),
    path: '/sites',
    request: { query: z.object({ enterpriseId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(site), 'Sites by code') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listSites(c.var.deps.db, actorOf(c), c.req.valid('query').enterpriseId)), c.req.valid('query')), 200),
);

plantRoutes.openapi(
  route('read', {
    ...listOf('Areas, of one site when given'),
    path: '/areas',
    request: { query: z.object({ siteId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(area), 'Areas by code') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listAreas(c.var.deps.db, actorOf(c), c.req.valid('query').siteId)), c.req.valid('query')), 200),
);

plantRoutes.openapi(
  route('read', {
    ...listOf('Lines, of one area when given'),
    path: '/lines',
    request: { query: z.object({ areaId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(line), 'Lines by code') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listLines(c.var.deps.db, actorOf(c), c.req.valid('query').areaId)), c.req.valid('query')), 200),
);

plantRoutes.openapi(
  route('read', {
    ...listOf('Stations, of one line when given'),
    path: '/stations',
    request: { query: z.object({ lineId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(station), 'Stations in flow order') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listStations(c.var.deps.db, actorOf(c), c.req.valid('query').lineId)), c.req.valid('query')), 200),
);

// Renaming and removal, the same at every level. The code is the node's Unified Namespace
// segment, the key of its live data topics: it is not changed, so it is not in the patch.
const renamed = z.object({ name: name.optional() });
const plantNodes: {
  path: `/${string}/{id}`;
  entity: string;
  table: typeof enterprises | typeof sites | typeof areas | typeof lines | typeof stations;
  schema: z.ZodType;
  patch: z.ZodType;
  update: (w: Write, id: string, patch: never) => Promise<unknown>;
  remove: (w: Write, id: string) => Promise<void>;
  when: string;
}[] = [
  {
    path: '/enterprises/{id}',
    entity: 'enterprise',
    table: enterprises,
    schema: enterprise,
    patch: renamed,
    update: updateEnterprise,
    remove: deleteEnterprise,
    when: 'Only while it has no sites and no programs.',
  },
  {
    path: '/sites/{id}',
    entity: 'site',
    table: sites,
    schema: site,
    patch: renamed.extend({ timezone: timeZone.optional(), peakLimitKw: siteLimit }),
    update: updateSite,
    remove: deleteSite,
    when: 'Only while it has no areas, no program covers it and no data source is scoped to it.',
  },
  {
    path: '/areas/{id}',
    entity: 'area',
    table: areas,
    schema: area,
    patch: renamed,
    update: updateArea,
    remove: deleteArea,
    when: 'Only while it has no lines and no use case or data source is scoped to it.',
  },
  {
    path: '/lines/{id}',
    entity: 'line',
    table: lines,
    schema: line,
    patch: renamed.extend({
      microstopSeconds: microstopSeconds
        .optional()
        .openapi({ description: 'Stops shorter than this count as speed loss, not availability loss (default 120 s)' }),
    }),
    update: updateLine,
    remove: deleteLine,
    when: 'Only while it has no stations, tasks, simulation model or runs, and no use case or data source is scoped to it.',
  },
  {
    path: '/stations/{id}',
    entity: 'station',
    table: stations,
    schema: station,
    patch: renamed.extend({
      idealCycleSeconds: cycleSeconds
        .nullable()
        .optional()
        .openapi({ description: 'Ideal cycle time (ISO 22400 PRI) in seconds; null: the line model’s mean processing time' }),
      idealCycleByProduct: z
        .record(z.string().min(1).max(100), cycleSeconds)
        .refine((r) => Object.keys(r).length <= 500, 'at most 500 products')
        .optional()
        .openapi({ description: 'Ideal cycle times of particular products, where they differ from the station’s' }),
    }),
    update: updateStation,
    remove: deleteStation,
    when: "Only while the line's simulation model does not name it as a machine.",
  },
];

for (const n of plantNodes) {
  plantRoutes.openapi(
    route('plant:write', {
      method: 'patch',
      path: n.path,
      tags,
      summary: `Rename the ${n.entity}${n.entity === 'site' ? ' or correct its time zone' : ''}`,
      description: 'The code is the Unified Namespace segment that live data is keyed by; it does not change.',
      request: { params: idParam, body: body(n.patch) },
      responses: { 200: json(n.schema, `The ${n.entity} after the change`) },
    }),
    async (c) => {
      // An enterprise is no anchored kind: checked here, so that its version never discloses one out of scope.
      if (n.entity === 'enterprise') await checkSeesEnterprise(c.var.deps.db, actorOf(c), c.req.valid('param').id);
      const row = await changeVersioned(c, n.table, n.entity, n.entity === 'enterprise' ? null : (n.entity as AnchoredKind), (w, id) =>
        n.update(w, id, c.req.valid('json') as never),
      );
      return c.json(jsonify(row) as object, 200, etagOf(row as { version: number }));
    },
  );
  lifecycleRoutes(plantRoutes, { path: n.path, tags, policy: 'plant:write', entity: n.entity, remove: { when: n.when, run: n.remove } });
}
