import { z } from '@hono/zod-openapi';
import { decisions, decisionPredictions } from '../../db/schema/index.ts';
import { isoDateTime, rowSchema, text, uuid } from '../http/schemas.ts';
import { LIVE_METRICS } from '../metrics/index.ts';
import { decisionChoice } from './choice.ts';

const finite = z
  .number()
  .refine(Number.isFinite, 'must be a finite number')
  .refine((v) => Math.abs(v) <= 1e12, 'must lie between -10^12 and 10^12');
const ordered = (p: { value?: number; low?: number; high?: number }) =>
  (p.low === undefined || p.high === undefined || p.low <= p.high) &&
  (p.value === undefined || p.low === undefined || p.low <= p.value) &&
  (p.value === undefined || p.high === undefined || p.value <= p.high);

const predictionInput = z
  .object({
    kpiId: uuid.openapi({ description: 'A KPI of the use case' }),
    value: finite
      .optional()
      .openapi({ description: "In the KPI's unit; leave it out where a run predicts the KPI (it is taken from the run)" }),
    low: finite.optional(),
    high: finite.optional(),
    scenario: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The run's scenario to take it from (default: the choice's)" }),
  })
  .refine(ordered, { message: 'low ≤ value ≤ high', path: ['value'] });

const unique = (ids: readonly string[]) => new Set(ids).size === ids.length;

export const decisionInput = z
  .object({
    useCaseId: uuid,
    choice: decisionChoice,
    basedOn: z
      .array(uuid)
      .max(20)
      .default([])
      .refine(unique, 'runs must not repeat')
      .openapi({ description: "Succeeded runs of the use case's line (or its area's lines) the decision was based on" }),
    predictions: z
      .array(predictionInput)
      .min(1)
      .max(20)
      .refine((list) => unique(list.map((p) => p.kpiId)), 'one prediction per KPI'),
    effectiveFrom: isoDateTime.openapi({ description: 'When it takes effect: at most 24 h back, at most a year ahead' }),
    note: text.optional(),
  })
  .openapi('DecisionInput');

const row = rowSchema(decisions).shape;
const prediction = rowSchema(decisionPredictions).shape;
const liveWindow = z.object({
  from: z.string(),
  to: z.string(),
  plannedHours: z.number(),
  value: z.number().nullable(),
  reason: z.string().nullable(),
  counts: z.object({
    events: z.number().int(),
    produced: z.number(),
    good: z.number(),
    scrap: z.number(),
    plannedBusyHours: z.number(),
    energyKwh: z.number().nullable(),
  }),
});
const outcome = z
  .object({
    status: z.enum(['pending', 'checked', 'no_data']),
    dueAt: z.string().openapi({ description: 'effectiveFrom + one cadence of the KPI' }),
    realised: z.number().nullable(),
    realisedFrom: z.enum(['measurements', 'live_data']).nullable(),
    inside: z.boolean().nullable(),
    bias: z.number().nullable().openapi({ description: 'realised − predicted value' }),
    relativeBias: z.number().nullable().openapi({ description: 'bias ÷ |predicted value|' }),
    measurements: z.object({
      from: z.string(),
      until: z.string(),
      count: z.number().int(),
      mean: z.number().nullable(),
      periods: z.array(
        z
          .object({ id: z.string(), periodStart: z.string(), periodEnd: z.string(), value: z.number(), recordedBy: z.string() })
          .passthrough(),
      ),
    }),
    liveData: z
      .object({
        checkedAt: z.string().nullable(),
        metric: z.string().optional(),
        metricUnit: z.string().optional(),
        scale: z.number().optional(),
        plannedHours: z.number().optional(),
        before: liveWindow.nullable().optional(),
        after: liveWindow.nullable().optional(),
        effect: z.number().nullable().optional(),
        reason: z.string().nullable().optional(),
      })
      .nullable()
      .openapi({ description: 'For a KPI fed by live data: the matched windows before and after the effect, once checked' }),
  })
  .openapi('DecisionOutcome');

export const decisionView = z
  .object({
    id: row.id,
    useCaseId: row.useCaseId,
    choice: z.record(z.string(), z.unknown()).openapi({ description: 'The choice as recorded (DecisionChoice)' }),
    balancingRunId: row.balancingRunId,
    basedOn: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), lineId: z.string().nullable() })),
    effectiveFrom: z.string(),
    note: row.note,
    decidedById: row.decidedById,
    decidedBy: z.string().nullable(),
    decidedAt: z.string(),
    usageEventId: row.usageEventId,
    predictions: z.array(
      z.object({
        id: prediction.id,
        kpiId: prediction.kpiId,
        kpi: z.string(),
        unit: z.string(),
        value: prediction.value,
        low: prediction.low,
        high: prediction.high,
        scenario: prediction.scenario,
        source: prediction.source,
        runId: prediction.runId,
        window: z.object({ start: z.string(), end: z.string(), kind: z.string() }).nullable(),
        live: z.object({ metric: z.enum(LIVE_METRICS), lineId: z.string().nullable(), stationId: z.string().nullable() }).nullable(),
        outcome,
      }),
    ),
  })
  .openapi('Decision');

export const recordedDecision = decisionView
  .extend({
    usage: z
      .object({
        recorded: z.boolean(),
        reason: z.enum(['not_in_group', 'already_recorded']).optional(),
        message: z.string().optional(),
        groupId: z.string().nullable(),
        usageEventId: z.string().nullable(),
        period: z.object({ start: z.string(), end: z.string() }).nullable(),
      })
      .openapi({ description: 'The use of the use case this decision was recorded as, or why none was' }),
  })
  .openapi('RecordedDecision');

const stats = z.object({
  checked: z.number().int(),
  inside: z.number().int(),
  insideShare: z.number().nullable(),
  meanRelativeBias: z.number().nullable(),
});
export const trackRecord = z
  .object({
    asOf: z.string(),
    decisionsChecked: z.number().int(),
    predictionsChecked: z.number().int(),
    inside: z.number().int(),
    insideShare: z
      .number()
      .nullable()
      .openapi({ description: 'Share of checked predictions whose realised value fell inside the interval' }),
    meanRelativeBias: z.number().nullable().openapi({ description: 'Mean of (realised − predicted) ÷ |predicted|' }),
    trend: z.object({ recent: stats, earlier: stats, label: z.enum(['improving', 'worsening', 'steady', 'too_few']) }),
    verdict: z.enum(['poor', 'good', 'fair', 'too_few']),
    rule: z.record(z.string(), z.number()),
    advice: z.string().nullable().openapi({ description: 'For a poor record: what to recalibrate' }),
    recalibrate: z.array(z.string()).openapi({
      description: 'For a poor record: the ids of the lines whose models to calibrate again (`POST /lines/{id}/calibrations`)',
    }),
  })
  .openapi('TrackRecord');
