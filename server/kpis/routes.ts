import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import {
  archiveKpi,
  correctMeasurement,
  createKpi,
  deleteKpi,
  deleteMeasurement,
  getKpi,
  listKpis,
  listMeasurements,
  recordMeasurement,
  updateKpi,
} from './kpis.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { insertSchema, isoDate, name, rowSchema, uuid } from '../http/schemas.ts';
import { LIVE_METRICS } from '../metrics/index.ts';
import { kpiMeasurements, kpis } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';

/** What a plant's KPI can mean: magnitudes up to 10¹² (parts, seconds, euros, ppm alike). */
const MAX_KPI_MAGNITUDE = 1e12;
const finite = z
  .number()
  .refine(Number.isFinite, 'must be a finite number')
  .refine((v) => Math.abs(v) <= MAX_KPI_MAGNITUDE, `must lie between -10^12 and 10^12`);
const source = z.string().trim().min(1).max(500);
// The baseline and the target are given as objects instead of their kpis columns.
const baselineInput = z
  .object({
    value: finite,
    periodStart: isoDate,
    periodEnd: isoDate,
    source: source.openapi({ description: 'Where the baseline comes from (system, report, study)' }),
  })
  .refine((b) => b.periodStart <= b.periodEnd, { message: 'periodEnd must not be before periodStart', path: ['periodEnd'] });
const kpiColumns = insertSchema(kpis, {
  name,
  unit: z.string().trim().min(1).max(40),
  annualValuePerUnit: z
    .number()
    .positive()
    .max(1e9, 'at most 10^9 per unit and year')
    .nullable()
    .optional()
    .openapi({ description: 'Money per year for one unit of improvement, for the ROI view' }),
  currency: (code) => code.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
});
const liveMetric = z.enum(LIVE_METRICS).openapi({ description: 'A live metric (README, "KPIs fed by live data")' });
const liveInput = z
  .object({
    metric: liveMetric,
    lineId: uuid.optional().openapi({ description: "A line of the use case's scope" }),
    stationId: uuid.optional().openapi({ description: 'A station of such a line (instead of `lineId`)' }),
  })
  .refine((l) => (l.lineId === undefined) !== (l.stationId === undefined), {
    message: 'give the lineId or the stationId, one of them',
    path: ['lineId'],
  })
  .openapi('KpiLiveInput', {
    description:
      "The live metric that feeds the KPI: the twin then records a measurement per finished period of its cadence. The KPI's unit must be the metric's (`ratio` metrics may also be kept in '%'). null unbinds.",
  });
const kpiInput = z.object({
  ...kpiColumns.pick({ name: true, unit: true, direction: true }).shape,
  baseline: baselineInput.nullable().optional(),
  target: z.object({ value: finite, date: isoDate }),
  ...kpiColumns.pick({ reviewCadence: true, ownerId: true, annualValuePerUnit: true, currency: true }).shape,
  live: liveInput.nullable().optional(),
});
const trend = z.object({
  slopePer30Days: z.number().nullable(),
  label: z.enum(['improving', 'worsening', 'flat', 'insufficient_data']),
  window: z.number().int(),
});
const kpiRow = rowSchema(kpis);
const measurement = rowSchema(kpiMeasurements).openapi('KpiMeasurement');
const { baselineValue, baselinePeriodStart, baselinePeriodEnd, baselineSource, targetValue, targetDate } = kpiRow.shape;
const kpi = z
  .object({
    ...kpiRow.pick({ id: true, useCaseId: true, name: true, unit: true, direction: true }).shape,
    baseline: z
      .object({ value: baselineValue.unwrap(), periodStart: baselinePeriodStart, periodEnd: baselinePeriodEnd, source: baselineSource })
      .nullable(),
    target: z.object({ value: targetValue, date: targetDate }),
    ...kpiRow.pick({
      reviewCadence: true,
      ownerId: true,
      annualValuePerUnit: true,
      currency: true,
    }).shape,
    live: z
      .object({
        metric: liveMetric,
        lineId: kpiRow.shape.liveLineId,
        stationId: kpiRow.shape.liveStationId,
        metricUnit: z.string(),
        scale: z.number().nullable().openapi({ description: 'KPI units per metric unit (100 for a ratio kept in %)' }),
      })
      .nullable()
      .openapi({ description: 'The live metric that feeds it; null: measured by hand' }),
    ...kpiRow.pick({
      createdAt: true,
      updatedAt: true,
      archivedAt: true,
      version: true,
    }).shape,
    progress: z.object({
      current: measurement.pick({ value: true, periodStart: true, periodEnd: true, source: true }).nullable(),
      gapClosed: z.number().nullable().openapi({ description: 'Share of the baseline → target gap closed: 0 at baseline, 1 at target' }),
      plannedShare: z.number().nullable().openapi({
        description:
          'Share a straight-line plan from the end of the baseline period to the target date has closed by the latest measured period',
      }),
      behindPlan: z.boolean().nullable().openapi({ description: 'gapClosed below plannedShare; null when either is unknown' }),
      trend,
      measurements: z.number().int(),
      nextMeasurementDue: z.string(),
      overdue: z.boolean(),
      daysOverdue: z.number().int(),
    }),
  })
  .openapi('Kpi');
const measurementFields = insertSchema(kpiMeasurements, { periodStart: isoDate, periodEnd: isoDate, value: finite, source }).pick({
  periodStart: true,
  periodEnd: true,
  value: true,
  source: true,
});
const measurementInput = measurementFields.refine((m) => m.periodStart <= m.periodEnd, {
  message: 'periodEnd must not be before periodStart',
  path: ['periodEnd'],
});
const measurementPatch = measurementFields
  .partial()
  .refine((m) => m.periodStart === undefined || m.periodEnd === undefined || m.periodStart <= m.periodEnd, {
    message: 'periodEnd must not be before periodStart',
    path: ['periodEnd'],
  });
const tags = ['KPIs'];

export const kpiRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

kpiRoutes.openapi(
  route('kpi:write', {
    method: 'post',
    path: '/use-cases/{id}/kpis',
    tags,
    summary: 'Add a KPI to a use case',
    request: { params: idParam, body: body(kpiInput) },
    responses: { 201: json(kpi, 'The KPI with its progress') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => createKpi(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(row, 201);
  },
);

kpiRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/kpis',
    tags,
    summary: 'The KPIs of a use case with progress',
    request: {
      query: z.object({
        behindPlan: z.enum(['true', 'false']).optional().openapi({ description: 'true: only the KPIs behind their straight-line plan' }),
        ...archivedQuery,
        ...pageQuery,
      }),
      params: idParam,
    },
    responses: { 200: json(pageOf(kpi), 'KPIs') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const filter = { behindPlan: q.behindPlan === undefined ? undefined : q.behindPlan === 'true', archived: q.archived };
    return c.json(paginate(await listKpis(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock(), filter), q), 200);
  },
);

kpiRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/kpis/{id}',
    tags,
    summary: 'A KPI with progress',
    request: { params: idParam },
    responses: { 200: json(kpi, 'The KPI') },
  }),
  async (c) => {
    const row = await getKpi(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock());
    return c.json(row, 200, etagOf(row));
  },
);

kpiRoutes.openapi(
  route('kpi:write', {
    method: 'patch',
    path: '/kpis/{id}',
    tags,
    summary: 'Change a KPI, e.g. record its baseline',
    request: { params: idParam, body: body(kpiInput.partial()) },
    responses: { 200: json(kpi, 'The KPI after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, kpis, 'kpi', 'kpi', (w, id) => updateKpi(w, id, c.req.valid('json')));
    return c.json(row, 200, etagOf(row));
  },
);

kpiRoutes.openapi(
  route('measurement:write', {
    method: 'post',
    path: '/kpis/{id}/measurements',
    tags,
    summary: 'Record a measured value for a period',
    request: { params: idParam, body: body(measurementInput) },
    responses: { 201: json(measurement, 'The measurement') },
  }),
  async (c) => {
    const row = await inTransaction(c.var.deps, actorOf(c), (w) => recordMeasurement(w, c.req.valid('param').id, c.req.valid('json')));
    return c.json(jsonify(row), 201);
  },
);

kpiRoutes.openapi(
  route('measurement:write', {
    method: 'patch',
    path: '/kpi-measurements/{id}',
    tags,
    summary: 'Correct a measurement',
    description:
      'A wrongly entered value or period is corrected here, audited with its before and after; periods of one KPI never overlap.',
    request: { params: idParam, body: body(measurementPatch) },
    responses: { 200: json(measurement, 'The corrected measurement') },
  }),
  async (c) => {
    const row = await changeVersioned(c, kpiMeasurements, 'kpi measurement', 'kpi_measurement', (w, id) =>
      correctMeasurement(w, id, c.req.valid('json')),
    );
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

kpiRoutes.openapi(
  route('measurement:write', {
    method: 'delete',
    path: '/kpi-measurements/{id}',
    tags,
    summary: 'Delete a measurement entered by mistake',
    description: 'Nothing depends on a measurement; the audit log keeps what it was.',
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    await inTransaction(c.var.deps, actorOf(c), (w) => deleteMeasurement(w, c.req.valid('param').id));
    return c.body(null, 204);
  },
);

kpiRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/kpis/{id}/measurements',
    tags,
    summary: 'The measurements of a KPI',
    request: { query: z.object(pageQuery), params: idParam },
    responses: { 200: json(pageOf(measurement), 'Oldest period first') },
  }),
  async (c) =>
    c.json(paginate(jsonify(await listMeasurements(c.var.deps.db, actorOf(c), c.req.valid('param').id)), c.req.valid('query')), 200),
);

lifecycleRoutes(kpiRoutes, {
  path: '/kpis/{id}',
  tags,
  policy: 'kpi:write',
  entity: 'KPI',
  schema: kpi,
  archive: {
    does: 'For a KPI no longer tracked: its measurements stay, it takes no new ones, and ROI, readiness and the early warnings leave it out.',
    run: archiveKpi,
  },
  remove: { when: 'Only while it has no measurements (a KPI entered by mistake).', run: deleteKpi },
});
