import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import { deleteUsage, listUsage, recordUsage } from './usage.ts';
import {
  addServedGroup,
  createUseCase,
  deleteUseCase,
  getUseCase,
  removeServedGroup,
  listTransitions,
  listUseCases,
  transitionUseCase,
  updateUseCase,
} from './useCases.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, isoDateTime, name, rowSchema, text, uuid } from '../http/schemas.ts';
import { useCaseGroups, useCases, useCaseTransitions, usageEvents } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const row = rowSchema(useCases);
const { status } = row.shape;
const scope = z
  .union([z.object({ areaId: uuid }).strict(), z.object({ lineId: uuid }).strict()])
  .openapi({ description: 'Exactly one: an area or a line' });
// Out as in: the scope is one object, not the two scope columns.
const useCase = row
  .omit({ scopeAreaId: true, scopeLineId: true })
  .extend({ scope, groupIds: z.array(rowSchema(useCaseGroups).shape.groupId) })
  .openapi('UseCase');
const useCaseColumns = insertSchema(useCases, {
  title: name,
  question: text.min(1).openapi({
    description: 'The business question the twin answers repeatedly',
    example: 'Which machine will constrain output next shift?',
  }),
  ownerId: uuid.nullable().optional().openapi({ description: 'The one accountable business owner' }),
});
// The scope is given as one object instead of the two scope columns; the groups are rows of use_case_groups.
const useCaseInput = z.object({
  ...useCaseColumns.pick({ title: true, question: true }).shape,
  scope,
  ...useCaseColumns.pick({ decisionFrequency: true, ownerId: true }).shape,
  // No defaults here: the same schema, made partial, validates PATCH, where absent means unchanged.
  groupIds: z
    .array(uuid)
    .refine((ids) => new Set(ids).size === ids.length, 'groups must not repeat')
    .optional(),
});
const transition = rowSchema(useCaseTransitions).openapi('UseCaseTransition');
const usageEvent = rowSchema(usageEvents).openapi('UsageEvent');
// The person is the caller unless an admin or integration records for someone; the group can be
// derived from the person's memberships.
const usageInput = insertSchema(usageEvents, {
  personId: uuid.optional().openapi({ description: 'Default: the caller. Only an admin or an integration token records for others' }),
  groupId: uuid.optional(),
  occurredAt: isoDateTime.optional(),
  note: text.optional(),
}).pick({ personId: true, groupId: true, occurredAt: true, note: true });
const tags = ['Use cases'];

export const useCaseRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

useCaseRoutes.openapi(
  route('use-case:write', {
    method: 'post',
    path: '/programs/{id}/use-cases',
    tags,
    summary: 'Propose a decision use case',
    request: { params: idParam, body: body(useCaseInput) },
    responses: { 201: json(useCase, 'The use case, status proposed') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createUseCase(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

useCaseRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/use-cases',
    tags,
    summary: 'The use cases of a program',
    request: { params: idParam, query: z.object({ status: status.optional(), ownerId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(useCase), 'Use cases, oldest first') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(paginate(jsonify(await listUseCases(c.var.deps.db, actorOf(c), c.req.valid('param').id, q)), q), 200);
  },
);

useCaseRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/usage',
    tags,
    summary: 'The recorded uses of a use case, newest first',
    request: { params: idParam, query: z.object(pageQuery) },
    responses: { 200: json(pageOf(usageEvent), 'Usage events, newest first') },
  }),
  async (c) => c.json(paginate(jsonify(await listUsage(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

useCaseRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}',
    tags,
    summary: 'A use case',
    request: { params: idParam },
    responses: { 200: json(useCase, 'The use case') },
  }),
  async (c) => {
    const row = await getUseCase(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

useCaseRoutes.openapi(
  route('use-case:write', {
    method: 'patch',
    path: '/use-cases/{id}',
    tags,
    summary: 'Change a use case (not its status)',
    request: { params: idParam, body: body(useCaseInput.partial()) },
    responses: { 200: json(useCase, 'The use case after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, useCases, 'use case', 'use_case', (w, id) => updateUseCase(w, id, c.req.valid('json')));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

useCaseRoutes.openapi(
  route('use-case:write', {
    method: 'post',
    path: '/use-cases/{id}/transitions',
    tags,
    summary: 'Move a use case along its lifecycle',
    description:
      'proposed → piloting → operational → retired. Becoming operational needs an owner and a KPI with a baseline; otherwise 409 lists `missing`.',
    request: { params: idParam, body: body(z.object({ to: status, note: text.optional() })) },
    responses: { 201: json(z.object({ useCase, transition }), 'The use case and the recorded step') },
  }),
  async (c) => {
    const result = await inTransaction(c.var.deps, actorOf(c), (w) => transitionUseCase(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(result), 201);
  },
);

useCaseRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/transitions',
    tags,
    summary: 'The lifecycle history of a use case',
    request: { query: z.object(pageQuery), params: idParam },
    responses: { 200: json(pageOf(transition), 'Steps, oldest first') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listTransitions(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

useCaseRoutes.openapi(
  route('usage:write', {
    method: 'post',
    path: '/use-cases/{id}/usage',
    tags,
    summary: 'Record that the use case was used',
    description: 'The group is derived from the person when they belong to exactly one group the use case serves.',
    request: { params: idParam, body: body(usageInput) },
    responses: { 201: json(usageEvent, 'The usage event') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => recordUsage(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

useCaseRoutes.openapi(
  // Removing a use changes adoption figures: owners and sponsors, not every user who may record one.
  route('use-case:write', {
    method: 'delete',
    path: '/usage-events/{id}',
    tags,
    summary: 'Delete a use recorded by mistake',
    description: 'Adoption figures count it no more; the audit log keeps what it was.',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => deleteUsage(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);

// One group at a time, so that two owners adding different groups at once both keep theirs.
const groupParam = z.object({
  ...idParam.shape,
  groupId: z.string().openapi({ param: { name: 'groupId', in: 'path' }, format: 'uuid' }),
});

useCaseRoutes.openapi(
  route('use-case:write', {
    method: 'post',
    path: '/use-cases/{id}/groups',
    tags,
    summary: 'Serve one more user group',
    description: 'Adding a group it already serves changes nothing.',
    request: { params: idParam, body: body(z.object({ groupId: uuid })) },
    responses: { 200: json(useCase, 'The use case after the change') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => addServedGroup(w, c.req.valid('param').id, c.req.valid('json').groupId));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

useCaseRoutes.openapi(
  route('use-case:write', {
    method: 'delete',
    path: '/use-cases/{id}/groups/{groupId}',
    tags,
    summary: 'Stop serving a user group',
    request: { params: groupParam },
    responses: { 200: json(useCase, 'The use case after the change') },
  }),
  async (c) => {
    const { id, groupId } = c.req.valid('param');
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => removeServedGroup(w, id, groupId));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

lifecycleRoutes(useCaseRoutes, {
  path: '/use-cases/{id}',
  tags,
  policy: 'use-case:write',
  entity: 'use case',
  remove: {
    when: 'Only for one entered by mistake: without KPIs, recorded uses, milestones or escalations (retire it otherwise). Its groups, data-source links and lifecycle steps go with it.',
    run: deleteUseCase,
  },
});
