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
} from './people.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, name, rowSchema, uuid } from '../http/schemas.ts';
import { apiTokens, people } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const personRow = rowSchema(people);
const tokenRow = rowSchema(apiTokens);
const person = personRow.openapi('Person');
const personInput = insertSchema(people, { name, email: z.email().max(320), roles: (roles) => roles.min(1) }).pick({
  name: true,
  email: true,
  roles: true,
});
const token = tokenRow
  .pick({ id: true, personId: true, role: true, label: true, createdAt: true })
  .extend({ token: z.string().openapi({ description: 'The secret: shown only in this response' }) })
  .openapi('IssuedToken');
const tokenInfo = tokenRow.omit({ tokenHash: true });
const me = z
  .object({ personId: personRow.shape.id, name: personRow.shape.name, role: tokenRow.shape.role, tokenId: tokenRow.shape.id })
  .openapi('Me');
const tokenInput = insertSchema(apiTokens, { label: name }).pick({ role: true, label: true });
const tags = ['People and access'];

export const peopleRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

peopleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/me',
    tags,
    summary: 'Who the token belongs to',
    responses: { 200: json(me, 'The acting person and role') },
  }),
  (c) => c.json(actorOf(c), 200),
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
  async (c) => c.json(paginate(jsonify(await listPeople(c.var.deps.db, c.req.valid('query'))), c.req.valid('query')), 200),
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
    const row = await getPerson(c.var.deps.db, c.req.valid('param').id);
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
    const row = await changeVersioned(c, people, 'person', (w, id) => updatePerson(w, id, c.req.valid('json')));
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
  async (c) => c.json(paginate(jsonify(await listTokens(c.var.deps.db, c.req.valid('param').id)), c.req.valid('query')), 200),
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
    const rows = await listTokens(c.var.deps.db, q.personId, { active: q.active === undefined ? undefined : q.active === 'true' });
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
