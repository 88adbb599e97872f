import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { idParam, json, route } from '../http/route.ts';
import { isoDateTime } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { lineLive, lineMetrics, MAX_WINDOW_DAYS, stationMetrics } from './metrics.ts';

const tags = ['Live metrics (ISO 22400)'];
const figure = z
  .union([z.object({ value: z.number() }), z.object({ value: z.null(), reason: z.string() })])
  .openapi('Figure', { description: 'A value, or none with the reason (`no_planned_time`, `no_output`, …): never a bare null' });
const windowQuery = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  window: z.enum(['current-shift', 'today', '7d']).optional().openapi({ description: 'Instead of from/to; the current shift by default' }),
});
const stopGroup = z.object({
  reason: z.string().nullable(),
  name: z.string(),
  category: z.string(),
  classified: z.boolean(),
  state: z.string(),
  seconds: z.number(),
  count: z.number().int(),
  microstops: z.number().int(),
});
const detail = {
  elements: z
    .object({
      POT: z.number(),
      PBT: z.number(),
      APT: z.number(),
      ADET: z.number(),
      ADOT: z.number(),
      ASUT: z.number(),
      offline: z.number(),
      plannedDown: z.number(),
      PQ: z.number(),
      GQ: z.number(),
      SQ: z.number(),
    })
    .openapi({ description: 'ISO 22400-2 elements: times in seconds, quantities in units' }),
  figures: z.object({ availability: figure, effectiveness: figure, quality: figure, oee: figure, technicalEfficiency: figure }),
  idealCycleTimeSources: z.array(z.enum(['product', 'station', 'line_model'])),
  stateSeconds: z.record(z.string(), z.number()),
  reliability: z.object({ failures: z.number().int(), mtbf: figure, mttr: figure }),
  stopReasons: z.object({ byTime: z.array(stopGroup), byCount: z.array(stopGroup), unclassifiedSeconds: z.number() }),
  cycleTime: z.object({ count: z.number().int(), mean: figure, cv: figure, p50: figure, p90: figure, p99: figure }),
  throughput: z.object({ goodPerHour: figure }),
  energy: z.object({ kwh: figure, perGoodPart: figure }),
};
const window = z.object({ from: z.string(), to: z.string(), name: z.string(), timezone: z.string() });
const stationMetricsSchema = z
  .object({ stationId: z.string(), lineId: z.string(), code: z.string(), name: z.string(), window, ...detail })
  .openapi('StationMetrics');
const lineMetricsSchema = z
  .object({
    lineId: z.string(),
    window,
    exitStationId: z.string().nullable(),
    ...detail,
    stations: z.array(z.object({ stationId: z.string(), code: z.string(), name: z.string(), ...detail })),
  })
  .openapi('LineMetrics');
const live = z
  .object({
    lineId: z.string(),
    asOf: z.string(),
    timezone: z.string(),
    stations: z.array(
      z.object({
        stationId: z.string(),
        code: z.string(),
        name: z.string(),
        state: z.string(),
        reason: z.string().nullable(),
        reasonName: z.string().nullable(),
        since: z.string().nullable(),
        lastEventAt: z.string().nullable(),
        known: z.boolean().openapi({ description: 'False: no state has been received yet (shown as offline)' }),
        buffer: z
          .union([
            z.object({ level: z.number().int(), basis: z.literal('measured'), at: z.string() }),
            z.object({ level: z.number().int(), basis: z.literal('derived'), emptyAt: z.string(), since: z.string() }),
            z.object({ level: z.null(), reason: z.enum(['first_station', 'no_cycles']) }),
          ])
          .openapi({
            description:
              'Parts waiting before the station: measured where the plant sends buffer events, else derived from the counts of this station and the one before since the buffer was last empty this shift',
          }),
      }),
    ),
    shift: z.object({ name: z.string(), start: z.string(), end: z.string() }),
    output: z.object({
      produced: z.number().int(),
      good: z.number().int(),
      scrap: z.number().int(),
      planSoFar: figure,
      planShift: figure,
      planBasis: z.string(),
    }),
  })
  .openapi('LineLive');

const about = `Times are seconds; the window is cut by the site's shifts, breaks and planned stops. A window covers at most ${MAX_WINDOW_DAYS} days and ends at the latest now.`;

export const metricsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

metricsRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/live',
    tags,
    summary: "Each station's state now, and the line's output this shift against plan",
    request: { params: idParam },
    responses: { 200: json(live, 'The live state') },
  }),
  async (c) => c.json(await lineLive(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);

metricsRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/lines/{id}/metrics',
    tags,
    summary: "A line's OEE and its ISO 22400 elements over a window, with each station's",
    description: `${about} The line's time elements are its stations' summed, its quantities its exit station's; its OEE comes from those sums, never from averaging.`,
    request: { params: idParam, query: windowQuery },
    responses: { 200: json(lineMetricsSchema, 'The figures') },
  }),
  async (c) => c.json(await lineMetrics(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.req.valid('query'), c.var.deps.clock()), 200),
);

metricsRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/stations/{id}/metrics',
    tags,
    summary: "A station's OEE and its ISO 22400 elements over a window",
    description: about,
    request: { params: idParam, query: windowQuery },
    responses: { 200: json(stationMetricsSchema, 'The figures') },
  }),
  async (c) =>
    c.json(await stationMetrics(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.req.valid('query'), c.var.deps.clock()), 200),
);
