import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { plannedOrders, workOrders } from '../../db/schema/index.ts';
import { InvalidInputError } from '../core/errors.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { actorOf } from '../http/authorize.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { idParam, json, problemSchema, route } from '../http/route.ts';
import { isoDateTime, rowSchema } from '../http/schemas.ts';
import { mediaType, uploadedText } from '../http/upload.ts';
import { validationHook } from '../http/validation.ts';
import type { ImportResult } from './imports.ts';
import { csvItems, jsonItems, MAX_IMPORT_ROWS, type CsvColumns, type ImportItem } from './items.ts';
import { importPlannedOrders, listPlannedOrders, plannedOrderColumns, plannedOrderItem } from './orders.ts';
import { importWorkOrders, listWorkOrders, workOrderColumns, workOrderItem, workOrderStatuses } from './workOrders.ts';

const tags = ['Plant plans'];

const importResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int().openapi({ description: 'Stored items of the same externalId whose fields changed: replaced' }),
    unchanged: z.number().int().openapi({ description: 'Stored items of the same externalId, equal in every field: left as they are' }),
    ignoredFields: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Fields (columns) not known, with how many items had each' }),
    refreshed: z.array(z.object({ id: z.string(), name: z.string() })).openapi({
      description: 'The data sources whose freshness the import refreshed',
    }),
  })
  .openapi('PlanImportResult');

const order = rowSchema(plannedOrders).omit({ dueAt: true }).extend({ due: z.string() }).openapi('PlannedOrder');
const workOrder = rowSchema(workOrders)
  .extend({ station: z.string().openapi({ description: 'The station’s code' }) })
  .openapi('WorkOrder');

/** The OpenAPI body of an import: `{ items }` as JSON, or the CSV file raw or as the form field `file`. */
function importBody(item: string): NonNullable<RouteConfig['request']>['body'] {
  const items = { type: 'object', properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } } } };
  const file = { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] };
  // Plain OpenAPI schemas, not zod: the route reads the body itself, in whichever form it came.
  return {
    content: {
      'application/json': { schema: { ...items, required: ['items'] } },
      'text/csv': { schema: { type: 'string' } },
      'multipart/form-data': { schema: file },
    },
    required: true,
  } as NonNullable<RouteConfig['request']>['body'];
}

const wrongType = {
  description: 'A body neither JSON, CSV nor a multipart form',
  content: { 'application/problem+json': { schema: problemSchema } },
};

/** The items of an import request: JSON `{ items }`, or a CSV file as the body or the form field `file`. */
async function importItems(c: Context<AppEnv>, columns: CsvColumns, file: string): Promise<ImportItem[]> {
  if (mediaType(c.req) === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new InvalidInputError('invalid body: not JSON (send { "items": [...] }, or a CSV file as text/csv)', [
        { path: 'body', message: 'not JSON' },
      ]);
    }
    return jsonItems(body);
  }
  return csvItems(await uploadedText(c.req, { file, others: ['application/json'] }), columns);
}

const formats = (columns: CsvColumns, file: string) =>
  `JSON \`{ "items": [...] }\`, or a CSV file (\`curl --data-binary @${file} -H 'content-type: text/csv'\`, or \`curl -F file=@${file}\`): UTF-8 with or without a byte-order mark, a header row with the columns named as the JSON fields (${columns.fields.join(', ')}; required ${columns.required.join(', ')}; in any case), comma- or semicolon-separated, instants with their offset. At most ${MAX_IMPORT_ROWS} items. Fields not known are ignored and counted. Every item is checked first: one bad item refuses the whole import with 400, naming each bad row and field (JSON items from 0, CSV rows by their line, the header being row 1). \`externalId\` is the key: an item with the externalId of a stored one replaces it; stored ones the import does not name stay as they are.`;

export const orderRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
orderRoutes.openAPIRegistry.register('PlannedOrderItem', plannedOrderItem);
orderRoutes.openAPIRegistry.register('WorkOrderItem', workOrderItem);

/** An import route, `POST /lines/{id}/<plans>`: JSON or CSV in, what the import did out. */
function importRoute(plans: {
  path: 'orders' | 'work-orders';
  item: string;
  columns: CsvColumns;
  summary: string;
  sources: string;
  run: (w: Write, lineId: string, items: ImportItem[]) => Promise<ImportResult>;
}) {
  const file = `${plans.path}.csv`;
  orderRoutes.openapi(
    route('plan:import', {
      method: 'post',
      path: `/lines/{id}/${plans.path}`,
      tags,
      summary: plans.summary,
      description: `${formats(plans.columns, file)} ${plans.sources}`,
      request: { params: idParam, body: importBody(plans.item) },
      responses: { 200: json(importResult, 'What the import created, replaced and left'), 415: wrongType },
    }),
    async (c) => {
      const items = await importItems(c, plans.columns, file);
      const id = c.req.valid('param').id;
      return c.json(await inTransaction(c.var.deps, actorOf(c), (w) => plans.run(w, id, items)), 200);
    },
  );
}

importRoute({
  path: 'orders',
  item: 'PlannedOrderItem',
  columns: plannedOrderColumns,
  summary: 'Import the line’s planned orders from the ERP (JSON or CSV)',
  sources: 'The line’s ERP data sources (kind `erp`, of the line, its area or its site) get a heartbeat.',
  run: importPlannedOrders,
});

importRoute({
  path: 'work-orders',
  item: 'WorkOrderItem',
  columns: workOrderColumns,
  summary: 'Import the line’s maintenance work orders from the CMMS (JSON or CSV)',
  sources: 'The line’s maintenance data sources (kind `maintenance`, of the line, its area or its site) get a heartbeat.',
  run: importWorkOrders,
});

orderRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/orders',
    tags,
    summary: 'The line’s planned orders, by due time',
    request: {
      params: idParam,
      query: z.object({
        from: isoDateTime.optional().openapi({ description: 'Orders due at or after this instant' }),
        to: isoDateTime.optional().openapi({ description: 'Orders due before this instant' }),
        ...pageQuery,
      }),
    },
    responses: { 200: json(pageOf(order), 'Planned orders') },
  }),
  async (c) => {
    const { from, to, ...page } = c.req.valid('query');
    const rows = await listPlannedOrders(c.var.deps.db, actorOf(c), c.req.valid('param').id, { from, to });
    return c.json(paginate(jsonify(rows), page), 200);
  },
);

orderRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/work-orders',
    tags,
    summary: 'The line’s maintenance work orders, by earliest start',
    request: { params: idParam, query: z.object({ status: z.enum(workOrderStatuses).optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(workOrder), 'Work orders') },
  }),
  async (c) => {
    const { status, ...page } = c.req.valid('query');
    const rows = await listWorkOrders(c.var.deps.db, actorOf(c), c.req.valid('param').id, { status });
    return c.json(paginate(jsonify(rows), page), 200);
  },
);
