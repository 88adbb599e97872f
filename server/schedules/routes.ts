import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { isoDateTime, rowSchema, uuid } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { plannedStops } from '../../db/schema/index.ts';
import { addPlannedStop, getSchedule, listPlannedStops, removePlannedStop, setSchedule } from './schedules.ts';

const tags = ['Work schedules'];
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a wall-clock time HH:MM, 00:00–23:59');
const shift = z
  .object({
    name: z.string().trim().min(1).max(40),
    start: clock,
    end: clock.openapi({ description: 'At or before start: the shift ends the next day' }),
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each weekday once')
      .openapi({ description: 'ISO weekdays the shift starts on: 1 = Monday … 7 = Sunday' }),
    breaks: z
      .array(z.object({ start: clock, end: clock, name: z.string().trim().min(1).max(40).optional() }))
      .max(10)
      .default([]),
  })
  .openapi('Shift');
const schedule = z
  .object({
    siteId: z.string(),
    timezone: z.string(),
    defined: z.boolean().openapi({ description: 'False: no schedule, every hour is planned time' }),
    shifts: z.array(shift),
    version: z.number().int(),
  })
  .openapi('WorkSchedule');
const stop = rowSchema(plannedStops).openapi('PlannedStop');
const category = z.enum(['break', 'no_order', 'no_shift', 'planned_maintenance']);

export const scheduleRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

scheduleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/sites/{id}/schedule',
    tags,
    summary: "A site's shifts and breaks, in its time zone",
    request: { params: idParam },
    responses: { 200: json(schedule, 'The schedule') },
  }),
  async (c) => c.json(await getSchedule(c.var.deps.db, actorOf(c), c.req.valid('param').id), 200),
);

scheduleRoutes.openapi(
  route('plant:write', {
    method: 'put',
    path: '/sites/{id}/schedule',
    tags,
    summary: "Set a site's shifts and breaks (an empty list: every hour is planned time)",
    description: 'Times are wall-clock times of the site’s time zone; a shift may run past midnight, and its breaks must lie inside it.',
    request: { params: idParam, body: body(z.object({ shifts: z.array(shift).max(10) })) },
    responses: { 200: json(schedule, 'The schedule') },
  }),
  async (c) =>
    c.json(await inTransaction(c.var.deps, actorOf(c), (w) => setSchedule(w, c.req.valid('param').id, c.req.valid('json').shifts)), 200),
);

scheduleRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/sites/{id}/planned-stops',
    tags,
    summary: "A site's planned stops overlapping a window (the next 7 days by default)",
    request: { params: idParam, query: z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() }) },
    responses: { 200: json(z.object({ items: z.array(stop) }), 'Planned stops, earliest first') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const now = c.var.deps.clock();
    const from = q.from ? new Date(q.from) : now;
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 86_400_000);
    const rows = await listPlannedStops(c.var.deps.db, actorOf(c), c.req.valid('param').id, { from, to });
    return c.json({ items: jsonify(rows) }, 200);
  },
);

scheduleRoutes.openapi(
  route('line-model:write', {
    method: 'post',
    path: '/sites/{id}/planned-stops',
    tags,
    summary: 'Plan a stop of the site, a line or a station (maintenance, no order, a holiday)',
    description: 'Its time is taken out of the planned busy time, as breaks are.',
    request: {
      params: idParam,
      body: body(
        z.object({
          lineId: uuid.optional(),
          stationId: uuid.optional(),
          from: isoDateTime,
          to: isoDateTime,
          category,
          note: z.string().max(500).optional(),
        }),
      ),
    },
    responses: { 201: json(stop, 'The planned stop') },
  }),
  async (c) =>
    c.json(
      jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => addPlannedStop(w, c.req.valid('param').id, c.req.valid('json')))),
      201,
    ),
);

scheduleRoutes.openapi(
  route('line-model:write', {
    method: 'delete',
    path: '/planned-stops/{id}',
    tags,
    summary: 'Remove a planned stop',
    request: { params: idParam },
    responses: { 204: { description: 'Removed' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => removePlannedStop(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);
