import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import {
  addMember,
  addRouteStep,
  archiveUserGroup,
  createUserGroup,
  deleteUserGroup,
  getUserGroup,
  listUserGroups,
  MAX_ROUTE,
  removeMember,
  removeRouteStep,
  updateUserGroup,
} from './userGroups.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { inTransaction, type Write } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, name, rowSchema, text, uuid } from '../http/schemas.ts';
import { userGroupMembers, userGroups } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const distinct = (ids: string[]) => new Set(ids).size === ids.length;
const personId = rowSchema(userGroupMembers).shape.personId;
const group = rowSchema(userGroups)
  .extend({ memberIds: z.array(personId), escalationRoute: z.array(personId).openapi({ description: 'Person ids, asked in this order' }) })
  .openapi('UserGroup');
// Members and the escalation route are rows of their own tables, given as lists of person ids.
const groupInput = insertSchema(userGroups, { name, valuePath: text.min(1).openapi({ description: 'What this group gets from the twin' }) })
  .pick({ kind: true, name: true, valuePath: true, expectedFrequency: true })
  .extend({
    // No defaults here: the same schema, made partial, validates PATCH, where absent means unchanged.
    memberIds: z.array(uuid).refine(distinct, 'members must not repeat').optional(),
    escalationRoute: z.array(uuid).max(MAX_ROUTE).refine(distinct, 'a person appears once on the route').optional(),
  });
const tags = ['User groups'];

export const userGroupRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

userGroupRoutes.openapi(
  route('group:write', {
    method: 'post',
    path: '/programs/{id}/user-groups',
    tags,
    summary: 'Add a stakeholder group to a program',
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
    method: 'get',
    path: '/programs/{id}/user-groups',
    tags,
    summary: 'The groups of a program',
    request: { query: z.object({ ...archivedQuery, ...pageQuery }), params: idParam },
    responses: { 200: json(pageOf(group), 'Groups by name') },
  }),
  async (c) =>
    c.json(
      paginate(
        jsonify(await listUserGroups(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.req.valid('query'))),
        c.req.valid('query'),
      ),
      200,
    ),
);

userGroupRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/user-groups/{id}',
    tags,
    summary: 'A group',
    request: { params: idParam },
    responses: { 200: json(group, 'The group') },
  }),
  async (c) => {
    const row = await getUserGroup(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

userGroupRoutes.openapi(
  route('group:write', {
    method: 'patch',
    path: '/user-groups/{id}',
    tags,
    summary: 'Change a group; lists given replace the old ones',
    request: { params: idParam, body: body(groupInput.partial()) },
    responses: { 200: json(group, 'The group after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, userGroups, 'user group', 'user_group', (w, id) => updateUserGroup(w, id, c.req.valid('json')));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

lifecycleRoutes(userGroupRoutes, {
  path: '/user-groups/{id}',
  tags,
  policy: 'group:write',
  entity: 'user group',
  schema: group,
  archive: {
    does: 'For a group the program no longer serves: its usage history stays, it takes no new members, use cases or uses, routes no new escalations, and adoption leaves it out.',
    run: archiveUserGroup,
  },
  remove: {
    when: 'Only while it serves no use case, has no recorded uses and routes no data source or escalation; members and route go with it.',
    run: deleteUserGroup,
  },
});

// One person at a time, so that concurrent changes by different people never lose one.
const personParam = z.object({
  ...idParam.shape,
  personId: z.string().openapi({ param: { name: 'personId', in: 'path' }, format: 'uuid' }),
});
const groupAnswer = { 200: json(group, 'The group after the change') };
const groupChange = async (c: Context<AppEnv>, change: (w: Write) => Promise<{ version: number }>) => {
  const row = await inTransaction(c.var.deps, actorOf(c), change);
  return c.json(jsonify(row) as object, 200, etagOf(row));
};

userGroupRoutes.openapi(
  route('group:write', {
    method: 'post',
    path: '/user-groups/{id}/members',
    tags,
    summary: 'Add a member',
    description: 'Adding one who is already a member changes nothing.',
    request: { params: idParam, body: body(z.object({ personId: uuid })) },
    responses: groupAnswer,
  }),
  (c) => groupChange(c, (w) => addMember(w, c.req.valid('param').id, c.req.valid('json').personId)),
);

userGroupRoutes.openapi(
  route('group:write', {
    method: 'delete',
    path: '/user-groups/{id}/members/{personId}',
    tags,
    summary: 'Remove a member',
    request: { params: personParam },
    responses: groupAnswer,
  }),
  (c) => groupChange(c, (w) => removeMember(w, c.req.valid('param').id, c.req.valid('param').personId)),
);

userGroupRoutes.openapi(
  route('group:write', {
    method: 'post',
    path: '/user-groups/{id}/escalation-route',
    tags,
    summary: 'Put a person on the escalation route',
    description: 'At `step` (1 is asked first; the ones from there move down), or last without it.',
    request: {
      params: idParam,
      body: body(z.object({ personId: uuid, step: z.number().int().min(1).max(MAX_ROUTE).optional() })),
    },
    responses: groupAnswer,
  }),
  (c) => groupChange(c, (w) => addRouteStep(w, c.req.valid('param').id, c.req.valid('json'))),
);

userGroupRoutes.openapi(
  route('group:write', {
    method: 'delete',
    path: '/user-groups/{id}/escalation-route/{personId}',
    tags,
    summary: 'Take a person off the escalation route',
    description: 'The ones after them move up a step.',
    request: { params: personParam },
    responses: groupAnswer,
  }),
  (c) => groupChange(c, (w) => removeRouteStep(w, c.req.valid('param').id, c.req.valid('param').personId)),
);
