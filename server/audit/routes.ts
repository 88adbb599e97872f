import { actorOf } from '../http/authorize.ts';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { auditTrail } from './auditLog.ts';
import { jsonify } from '../core/json.ts';
import { auditEntityTypes } from '../core/write.ts';
import { json, route } from '../http/route.ts';
import { rowSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { auditLog, people } from '../../db/schema/index.ts';

const entry = rowSchema(auditLog)
  .extend({ actorName: rowSchema(people).shape.name.nullable() })
  .openapi('AuditEntry');
const entityParams = rowSchema(auditLog, {
  entityType: z.enum(auditEntityTypes).openapi({ param: { name: 'entityType', in: 'path' } }),
  entityId: (id) => id.max(100).openapi({ param: { name: 'entityId', in: 'path' } }),
}).pick({ entityType: true, entityId: true });

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

auditRoutes.openapi(
  route('audit:read', {
    method: 'get',
    path: '/audit/{entityType}/{entityId}',
    tags: ['Audit'],
    summary: 'The audit trail of one entity',
    description: `Entity types: ${auditEntityTypes.join(', ')}; another type is refused (400).`,
    request: { query: z.object(pageQuery), params: entityParams },
    responses: { 200: json(pageOf(entry), 'Entries, oldest first') },
  }),
  async (c) => {
    const { entityType, entityId } = c.req.valid('param');
    return c.json(paginate(jsonify(await auditTrail(c.var.deps.db, actorOf(c), entityType, entityId)), c.req.valid('query')), 200);
  },
);
