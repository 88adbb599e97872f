import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import {
  archivePerson,
  createPerson,
  deletePerson,
  getPerson,
  issueToken,
  listPeople,
  listTokens,
  revokeToken,
  updatePerson,
  whoAmI,
} from './people.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, isoDate, name, rowSchema, text, uuid } from '../http/schemas.ts';
import { createStandIn, deleteStandIn, listStandIns } from './standIns.ts';
import { apiTokens, people, standIns } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const personRow = rowSchema(people);
const tokenRow = rowSchema(apiTokens);
const scope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('sites'), siteIds: z.array(uuid).min(1).max(500) }),
    z.object({ kind: z.literal('enterprise'), enterpriseId: uuid }),
    z.object({ kind: z.literal('installation') }),
  ])
  .openapi('Scope', {
    description: 'What a person may see: a set of sites, one enterprise, or every enterprise of the installation',
  });
const person = personRow
  .omit({ scopeEnterpriseId: true, passwordHash: true })
  .extend({
    hasPassword: z.boolean().openapi({ description: 'Whether the person can sign in with a password' }),
    email: personRow.shape.email.nullable().openapi({ description: 'Shown only to admins and to the person' }),
    scope,
  })
  .openapi('Person');
const personInput = insertSchema(people, { name, email: z.email().max(320), roles: (roles) => roles.min(1).max(7) })
  .pick({ name: true, email: true, roles: true })
  .extend({ scope: scope.optional().openapi({ description: 'Default: the whole installation' }) });
const token = tokenRow
  .pick({ id: true, personId: true, role: true, label: true, siteIds: true, expiresAt: true, createdAt: true })
  .extend({ token: z.string().openapi({ description: 'The secret: shown only in this response' }) })
  .openapi('IssuedToken');
const tokenInfo = tokenRow.omit({ tokenHash: true });
const me = z
  .object({
    personId: personRow.shape.id,
    name: personRow.shape.name,
    email: personRow.shape.email,
    role: tokenRow.shape.role,
    roles: personRow.shape.roles,
    scope,
    siteIds: z.array(uuid).nullable().openapi({ description: 'The sites this credential reaches; null: every site' }),
    tokenId: tokenRow.shape.id.nullable(),
    tokenExpiresAt: z.string().nullable(),
    sessionId: z.string().nullable(),
    sessionExpiresAt: z.string().nullable(),
    csrfToken: z.string().nullable().openapi({ description: 'For a browser session: send it as X-CSRF-Token with every change' }),
  })
  .openapi('Me');
const tokenInput = insertSchema(apiTokens, { label: name })
  .pick({ role: true, label: true })
  .extend({
    siteIds: z.array(uuid).min(1).max(500).nullish().openapi({ description: "Limit the token to these sites of its person's scope" }),
    expiresAt: z.iso.datetime({ offset: true }).nullish().openapi({ description: 'When the token stops working' }),
  });
const tags = ['People and access'];

export const peopleRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

peopleRoutes.openapi(
  route('self', {
    method: 'get',
    path: '/me',
    tags,
    summary: 'Who the token belongs to: the role it acts in, all the roles and the scope',
    responses: { 200: json(me, 'The acting person, role and scope') },
  }),
  async (c) => c.json(jsonify(await whoAmI(c.var.deps.db, actorOf(c))), 200),
);

peopleRoutes.openapi(
  route('people:write', {
    method: 'post',
    path: '/people',
    tags,
    summary: 'Add a person',
    request: { body: body(personInput) },
    responses: { 201: json(person, 'The person') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => createPerson(w, c.req.valid('json')))), 201),
);

peopleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/people',
    tags,
    summary: 'List people',
    request: { query: z.object({ ...archivedQuery, ...pageQuery }) },
    responses: { 200: json(pageOf(person), 'People by name') },
  }),
  async (c) => c.json(paginate(jsonify(await listPeople(c.var.deps.db, actorOf(c), c.req.valid('query'))), c.req.valid('query')), 200),
);

peopleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/people/{id}',
    tags,
    summary: 'A person',
    request: { params: idParam },
    responses: { 200: json(person, 'The person') },
  }),
  async (c) => {
    const row = await getPerson(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

peopleRoutes.openapi(
  route('people:write', {
    method: 'patch',
    path: '/people/{id}',
    tags,
    summary: 'Change a person',
    request: { params: idParam, body: body(personInput.partial()) },
    responses: { 200: json(person, 'The person after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, people, 'person', null, (w, id) => updatePerson(w, id, c.req.valid('json')));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

peopleRoutes.openapi(
  route('tokens:write', {
    method: 'post',
    path: '/people/{id}/tokens',
    tags,
    summary: 'Issue an API token for a person in one of their roles',
    request: { params: idParam, body: body(tokenInput) },
    responses: { 201: json(token, 'The token, with its secret shown once') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => issueToken(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

peopleRoutes.openapi(
  route('tokens:write', {
    method: 'get',
    path: '/people/{id}/tokens',
    tags,
    summary: 'A person’s tokens (never their secrets), with when each was last used',
    request: { query: z.object(pageQuery), params: idParam },
    responses: { 200: json(pageOf(tokenInfo), 'Tokens, oldest first') },
  }),
  async (c) => c.json(paginate(jsonify(await listTokens(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

peopleRoutes.openapi(
  route('tokens:write', {
    method: 'get',
    path: '/tokens',
    tags,
    summary: 'Every token (never a secret), for the administrators: who holds which, and which are dead',
    request: {
      query: z.object({
        personId: uuid.optional(),
        active: z.enum(['true', 'false']).optional().openapi({ description: 'true: not revoked; false: revoked' }),
        ...pageQuery,
      }),
    },
    responses: { 200: json(pageOf(tokenInfo), 'Tokens, oldest first') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await listTokens(c.var.deps.db, actorOf(c), q.personId, {
      active: q.active === undefined ? undefined : q.active === 'true',
    });
    return c.json(paginate(jsonify(rows), q), 200);
  },
);

peopleRoutes.openapi(
  route('tokens:write', {
    method: 'post',
    path: '/tokens/{id}/revoke',
    tags,
    summary: 'Revoke an API token',
    request: { params: idParam },
    responses: { 200: json(tokenInfo, 'The revoked token') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => revokeToken(w, c.req.valid('param').id))), 200),
);

lifecycleRoutes(peopleRoutes, {
  path: '/people/{id}',
  tags,
  policy: 'people:write',
  entity: 'person',
  schema: person,
  archive: {
    does: 'For someone who left: their tokens stop working and nobody can make them an owner, sponsor, member or assignee, while what they did stays attributed. Refused (409) while they still sponsor, own or are assigned something in use, or stand on an escalation route: hand those over first.',
    run: archivePerson,
  },
  remove: { when: 'Only for a person entered by mistake: no tokens, no role in anything, no recorded action.', run: deletePerson },
});

const standIn = rowSchema(standIns).openapi('StandIn');
const standInInput = z.object({
  standInId: uuid.openapi({ description: 'Who acts for the person' }),
  fromDate: isoDate,
  toDate: isoDate.openapi({ description: 'Last day included' }),
  note: text.max(500).optional(),
});

peopleRoutes.openapi(
  route('stand-in:write', {
    method: 'post',
    path: '/people/{id}/stand-ins',
    tags,
    summary: 'Arrange a stand-in for a person (for an absence)',
    description:
      'From `fromDate` to `toDate` (both included, in the calendar of each program concerned) the stand-in may change what the person owns and handle their escalations. A person arranges their own; an admin arranges anyone’s.',
    request: { params: idParam, body: body(standInInput) },
    responses: { 201: json(standIn, 'The arrangement') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => createStandIn(w, c.req.valid('param').id, c.req.valid('json')))),
      201,
    ),
);

peopleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/people/{id}/stand-ins',
    tags,
    summary: 'Who stands in for a person, and for whom they stand in',
    request: {
      params: idParam,
      query: z.object({ ended: z.enum(['true', 'false']).optional().openapi({ description: 'true: include ended ones' }), ...pageQuery }),
    },
    responses: { 200: json(pageOf(standIn), 'Arrangements by start date') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await listStandIns(c.var.deps.db, c.req.valid('param').id, c.var.deps.clock(), { ended: q.ended === 'true' });
    return c.json(paginate(jsonify(rows), q), 200);
  },
);

peopleRoutes.openapi(
  route('stand-in:write', {
    method: 'delete',
    path: '/stand-ins/{id}',
    tags,
    summary: 'End a stand-in arrangement',
    request: { params: idParam },
    responses: { 204: { description: 'Removed (the audit log keeps it)' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => deleteStandIn(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);
