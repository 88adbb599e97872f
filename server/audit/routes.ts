import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { auditTrail } from './auditLog.ts';
import { jsonify } from '../core/json.ts';
import { json, route } from '../http/route.ts';
import { validationHook } from '../http/validation.ts';

const entry = z
  .object({
    id: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), actorRole: z.string().nullable(),
    entityType: z.string(), entityId: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(),
  })
  .openapi('AuditEntry');

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

auditRoutes.openapi(
  route('audit:read', {
    method: 'get', path: '/audit/{entityType}/{entityId}', tags: ['Audit'], summary: 'The audit trail of one entity',
    description: 'Entity types: enterprise, site, area, line, station, person, api_token, program, user_group, use_case, kpi, kpi_measurement, milestone, review, usage_event.',
    request: {
      params: z.object({
        entityType: z.string().regex(/^[a-z_]{2,40}$/, 'an entity type such as use_case').openapi({ param: { name: 'entityType', in: 'path' } }),
        entityId: z.string().max(100).openapi({ param: { name: 'entityId', in: 'path' } }),
      }),
    },
    responses: { 200: json(z.array(entry), 'Entries, oldest first') },
  }),
  async (c) => {
    const { entityType, entityId } = c.req.valid('param');
    return c.json(jsonify(await auditTrail(c.var.deps.db, entityType, entityId)), 200);
  },
);
