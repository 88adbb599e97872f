import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { escalationFigures } from './figures.ts';
import {
  changeEscalationStatus,
  commentOnEscalation,
  reassignEscalation,
  getEscalation,
  inbox,
  listEscalations,
  raiseEscalation,
  view,
  type EscalationFilter,
} from './escalations.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { ruleViolation } from '../core/errors.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { coverageSchema, insertSchema, name, rowSchema, text, uuid } from '../http/schemas.ts';
import { escalationEvents, escalations, people, userGroups } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const row = rowSchema(escalations);
const { status } = row.shape;
const escalation = row.extend({ breached: z.boolean(), hoursToDue: z.number() }).openapi('Escalation');
const escalationDetail = escalation.extend({ events: z.array(rowSchema(escalationEvents)) }).openapi('EscalationDetail');
const figure = z.object({
  total: z.number().int(),
  open: z.number().int(),
  breached: z.number().int(),
  resolved: z.number().int(),
  medianHoursToResolution: z.number().nullable(),
  resolvedWithinSlaShare: z.number().nullable(),
});
const person = rowSchema(people).shape;
const group = rowSchema(userGroups).shape;
const figures = z
  .object({
    programId: row.shape.programId,
    asOf: z.string(),
    coverage: coverageSchema,
    program: figure,
    byOwner: z.array(figure.extend({ personId: person.id, name: person.name })),
    byGroup: z.array(figure.extend({ groupId: group.id, name: group.name })),
  })
  .openapi('EscalationFigures');
const raiseInput = insertSchema(escalations, {
  title: name,
  description: text.optional(),
  assigneeId: uuid.optional().openapi({ description: 'Default: the owner of the use case, KPI, milestone or source' }),
  routeGroupId: uuid.optional().openapi({ description: 'Group whose escalation route applies; default: derived from the subject' }),
}).pick({ subjectType: true, subjectId: true, title: true, description: true, severity: true, assigneeId: true, routeGroupId: true });
const note = z.string().trim().max(10_000);
const flag = z.enum(['true', 'false']).optional();
const listQuery = z.object({
  status: status.optional(),
  severity: row.shape.severity.optional(),
  assigneeId: uuid.optional(),
  open: flag.openapi({ description: 'true: not resolved' }),
  breached: flag.openapi({ description: 'true: unresolved past its due time; false: the others' }),
});
const filterOf = (q: z.infer<typeof listQuery>): EscalationFilter => ({
  status: q.status,
  severity: q.severity,
  assigneeId: q.assigneeId,
  open: q.open === 'true',
  breached: q.breached === undefined ? undefined : q.breached === 'true',
});
const tags = ['Escalations'];

export const escalationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

escalationRoutes.openapi(
  route('escalation:raise', {
    method: 'post',
    path: '/escalations',
    tags,
    summary: 'Raise an escalation',
    description:
      'Against a use case, KPI, milestone or data source. The due time is now plus the program’s SLA for the severity (defaults 24/48/72/120 h).',
    request: { body: body(raiseInput) },
    responses: { 201: json(escalation, 'The escalation') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), async (w) => {
      const raised = await raiseEscalation(w, c.req.valid('json'));
      if (!raised) throw ruleViolation('an escalation for this subject is already open');
      return raised;
    });
    return c.json(jsonify(view(row, c.var.deps.clock())), 201);
  },
);

escalationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/escalations/{id}',
    tags,
    summary: 'An escalation with its timeline',
    request: { params: idParam },
    responses: { 200: json(escalationDetail, 'The escalation') },
  }),
  async (c) => c.json(jsonify(await getEscalation(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock())), 200),
);

for (const [action, summary, noteRequired] of [
  ['acknowledge', 'Acknowledge: the assignee has it', false],
  ['resolve', 'Resolve, with the resolution note', true],
  ['reopen', 'Reopen a resolved escalation: new SLA, route applies again', true],
] as const) {
  escalationRoutes.openapi(
    route('escalation:handle', {
      method: 'post',
      path: `/escalations/{id}/${action}`,
      tags,
      summary,
      request: { params: idParam, body: body(z.object({ note: noteRequired ? note.min(1, 'a note is required') : note.optional() })) },
      responses: { 200: json(escalationDetail, 'The escalation after the change') },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const row = await inTransaction(c.var.deps, actorOf(c), (w) =>
        changeEscalationStatus(w, c.req.valid('param').id, action, input.note ?? ''),
      );
      return c.json(jsonify(row), 200);
    },
  );
}

escalationRoutes.openapi(
  route('escalation:handle', {
    method: 'post',
    path: '/escalations/{id}/reassign',
    tags,
    summary: 'Hand the escalation to someone else (its due time stays)',
    description:
      'By its assignee, the owner of what it is about (or their stand-in), the program’s sponsor or an admin; audited and on the timeline.',
    request: { params: idParam, body: body(z.object({ assigneeId: uuid, note: note.optional() })) },
    responses: { 200: json(escalationDetail, 'The escalation after the change') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => reassignEscalation(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 200);
  },
);

escalationRoutes.openapi(
  route('escalation:raise', {
    method: 'post',
    path: '/escalations/{id}/comments',
    tags,
    summary: 'Comment on an escalation',
    request: { params: idParam, body: body(z.object({ text: note.min(1) })) },
    responses: { 201: json(escalationDetail, 'The escalation with the comment') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) =>
      commentOnEscalation(w, c.req.valid('param').id, c.req.valid('json').text),
    );
    return c.json(jsonify(row), 201);
  },
);

escalationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/me/escalations',
    tags,
    summary: 'My inbox: my unresolved escalations, breached first, then by due time',
    request: { query: z.object(pageQuery) },
    responses: { 200: json(pageOf(escalation), 'Escalations') },
  }),
  async (c) => c.json(paginate(jsonify(await inbox(c.var.deps.db, actorOf(c), c.var.deps.clock())), c.req.valid('query')), 200),
);

escalationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/escalations',
    tags,
    summary: 'Escalations of a program, breached first, then by due time',
    request: { params: idParam, query: listQuery.extend(pageQuery) },
    responses: { 200: json(pageOf(escalation), 'Escalations') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await listEscalations(c.var.deps.db, actorOf(c), c.req.valid('param').id, filterOf(q), c.var.deps.clock());
    return c.json(paginate(jsonify(rows), q), 200);
  },
);

escalationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/escalations',
    tags,
    summary: 'Escalations of every program, breached first, then by due time',
    request: { query: listQuery.extend({ programId: uuid.optional(), ...pageQuery }) },
    responses: { 200: json(pageOf(escalation), 'Escalations') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await listEscalations(c.var.deps.db, actorOf(c), q.programId ?? null, filterOf(q), c.var.deps.clock());
    return c.json(paginate(jsonify(rows), q), 200);
  },
);

escalationRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/escalation-figures',
    tags,
    summary: 'Open, breached, median time to resolution and share within SLA, per program, owner and group',
    request: { params: idParam },
    responses: { 200: json(figures, 'Figures') },
  }),
  async (c) => c.json(await escalationFigures(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);
