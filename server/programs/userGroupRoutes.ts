import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import { createUserGroup, getUserGroup, listUserGroups, updateUserGroup } from './userGroups.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { name, stamps, text, uuid } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';

export const frequency = z.enum(['per_shift', 'daily', 'weekly', 'monthly']);
const kind = z.enum(['operators', 'planners', 'reliability_engineers', 'plant_managers', 'finance', 'custom']);
const distinct = (ids: string[]) => new Set(ids).size === ids.length;
const group = z
  .object({
    id: z.string(), programId: z.string(), kind, name: z.string(), valuePath: z.string(), expectedFrequency: frequency,
    memberIds: z.array(z.string()), escalationRoute: z.array(z.string()).openapi({ description: 'Person ids, asked in this order' }), ...stamps,
  })
  .openapi('UserGroup');
const groupInput = z.object({
  kind,
  name,
  valuePath: text.min(1).openapi({ description: 'What this group gets from the twin' }),
  expectedFrequency: frequency,
  // No defaults here: the same schema, made partial, validates PATCH, where absent means unchanged.
  memberIds: z.array(uuid).refine(distinct, 'members must not repeat').optional(),
  escalationRoute: z.array(uuid).max(10).refine(distinct, 'a person appears once on the route').optional(),
});
const tags = ['User groups'];

export const userGroupRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

userGroupRoutes.openapi(
  route('group:write', {
    method: 'post', path: '/programs/{id}/user-groups', tags, summary: 'Add a stakeholder group to a program',
    request: { params: idParam, body: body(groupInput) },
    responses: { 201: json(group, 'The group') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createUserGroup(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

userGroupRoutes.openapi(
  route('read', {
    method: 'get', path: '/programs/{id}/user-groups', tags, summary: 'The groups of a program',
    request: { params: idParam }, responses: { 200: json(z.array(group), 'Groups by name') },
  }),
  async (c) => c.json(jsonify(await listUserGroups(c.var.deps.db, c.req.valid('param').id)), 200),
);

userGroupRoutes.openapi(
  route('read', { method: 'get', path: '/user-groups/{id}', tags, summary: 'A group', request: { params: idParam }, responses: { 200: json(group, 'The group') } }),
  async (c) => c.json(jsonify(await getUserGroup(c.var.deps.db, c.req.valid('param').id)), 200),
);

userGroupRoutes.openapi(
  route('group:write', {
    method: 'patch', path: '/user-groups/{id}', tags, summary: 'Change a group; lists given replace the old ones',
    request: { params: idParam, body: body(groupInput.partial()) },
    responses: { 200: json(group, 'The group after the change') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => updateUserGroup(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 200);
  },
);
