import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import { createMilestone, deleteMilestone, getMilestone, listMilestones, updateMilestone } from './milestones.ts';
import { createReview, getReview, listReviews } from './reviews.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, isoDate, name, quarter, rowSchema, text } from '../http/schemas.ts';
import { milestones, reviewItems, reviews } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const due = z
  .union([z.object({ quarter }).strict(), z.object({ date: isoDate }).strict()])
  .openapi({ description: 'A quarter `YYYY-Qn` or a date' });
const milestoneColumns = insertSchema(milestones, {
  title: name,
  criterion: text.min(1).openapi({
    description: 'What must be true for the milestone to be met',
    example: 'Planners use the bottleneck forecast in 4 of 5 shift handovers',
  }),
  evidence: text.optional(),
});
// The due quarter or date is given as one object instead of the two columns.
const milestoneInput = z.object({
  ...milestoneColumns.pick({ useCaseId: true, title: true, criterion: true }).shape,
  due,
  ...milestoneColumns.pick({ ownerId: true, status: true, evidence: true }).shape,
});
const reviewRow = rowSchema(reviews);
const reviewItem = rowSchema(reviewItems).pick({ milestoneId: true, status: true, note: true });
const milestone = rowSchema(milestones)
  .extend({
    dueBy: z.string(),
    history: z.array(
      z.object({
        reviewId: reviewRow.shape.id,
        heldOn: reviewRow.shape.heldOn,
        status: reviewItem.shape.status,
        note: reviewItem.shape.note,
      }),
    ),
    consecutiveMisses: z.number().int(),
    atRisk: z.boolean().openapi({ description: 'Missed in two or more consecutive reviews, up to the latest' }),
  })
  .openapi('Milestone');
const review = reviewRow.extend({ items: z.array(reviewItem) }).openapi('Review');
const reviewInput = insertSchema(reviews, { heldOn: isoDate, summary: text.optional() })
  .pick({ heldOn: true, summary: true })
  .extend({
    items: z
      .array(insertSchema(reviewItems, { note: text.optional() }).pick({ milestoneId: true, status: true, note: true }))
      .refine((items) => new Set(items.map((i) => i.milestoneId)).size === items.length, 'a milestone is recorded once per review'),
  });
const tags = ['Milestones and reviews'];

export const milestoneRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

milestoneRoutes.openapi(
  route('milestone:write', {
    method: 'post',
    path: '/programs/{id}/milestones',
    tags,
    summary: 'Add an adoption milestone',
    request: { params: idParam, body: body(milestoneInput) },
    responses: { 201: json(milestone, 'The milestone') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createMilestone(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

milestoneRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/milestones',
    tags,
    summary: 'Milestones by due date, with review history and risk',
    request: { query: z.object(pageQuery), params: idParam },
    responses: { 200: json(pageOf(milestone), 'Milestones') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listMilestones(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

milestoneRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/milestones/{id}',
    tags,
    summary: 'A milestone',
    request: { params: idParam },
    responses: { 200: json(milestone, 'The milestone') },
  }),
  async (c) => {
    const row = await getMilestone(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

milestoneRoutes.openapi(
  route('milestone:write', {
    method: 'patch',
    path: '/milestones/{id}',
    tags,
    summary: 'Change a milestone (met needs evidence)',
    request: { params: idParam, body: body(milestoneInput.partial()) },
    responses: { 200: json(milestone, 'The milestone after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, milestones, 'milestone', 'milestone', (w, id) => updateMilestone(w, id, c.req.valid('json')));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

milestoneRoutes.openapi(
  route('review:write', {
    method: 'post',
    path: '/programs/{id}/reviews',
    tags,
    summary: 'Record a review cycle',
    description: 'Records the status of every open milestone on the review date; each becomes the milestone’s status.',
    request: { params: idParam, body: body(reviewInput) },
    responses: { 201: json(review, 'The review') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createReview(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

milestoneRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/reviews',
    tags,
    summary: 'The review cycles of a program',
    request: { query: z.object(pageQuery), params: idParam },
    responses: { 200: json(pageOf(review), 'Reviews, oldest first') },
  }),
  async (c) => c.json(paginate(jsonify(await listReviews(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

milestoneRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/reviews/{id}',
    tags,
    summary: 'A review',
    request: { params: idParam },
    responses: { 200: json(review, 'The review') },
  }),
  async (c) => c.json(jsonify(await getReview(c.var.deps.db, actorOf(c), c.req.valid('param').id)), 200),
);

lifecycleRoutes(milestoneRoutes, {
  path: '/milestones/{id}',
  tags,
  policy: 'milestone:write',
  entity: 'milestone',
  remove: {
    when: 'Only for one entered by mistake, which no review has judged and no escalation is about (defer it otherwise).',
    run: deleteMilestone,
  },
});
