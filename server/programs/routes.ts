import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { jsonify } from '../core/json.ts';
import { archiveProgram, createProgram, deleteProgram, getProgram, listPrograms, updateProgram } from './programs.ts';
import { archivedQuery, lifecycleRoutes } from '../http/lifecycleRoutes.ts';

import { programRoi } from '../kpis/index.ts';
import { adoption } from './adoptionReport.ts';
import { programTrust } from './evidence.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { coverageSchema, insertSchema, isoDate, name, rowSchema, text, timeZone, uuid } from '../http/schemas.ts';
import { kpis, programSites, programs, useCases, userGroups } from '../../db/schema/index.ts';
import { validationHook } from '../http/validation.ts';
import { changeVersioned, etagOf } from '../http/versions.ts';
import { pageOf, pageQuery, paginate } from '../http/pagination.ts';

const programRow = rowSchema(programs);
const siteId = rowSchema(programSites).shape.siteId;
// The early-warning settings have routes of their own.
const program = programRow
  .omit({ earlyWarningSettings: true })
  .extend({ siteIds: z.array(siteId), valueWindowEnds: z.string() })
  .openapi('Program');
const slaHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 90);
const programColumns = insertSchema(programs, {
  name,
  description: text.optional(),
  goLiveDate: isoDate,
  valueWindowMonths: z.number().int().min(1).max(36).openapi({ description: 'Months after go-live to show measured value (6–12 typical)' }),
  shiftsPerDay: z.number().int().min(1).max(4).optional(),
  workingDaysPerWeek: z.number().int().min(1).max(7).optional(),
  slaCriticalHours: slaHours.optional().openapi({ description: 'Resolution SLA of critical escalations (default 24)' }),
  slaHighHours: slaHours.optional().openapi({ description: 'Default 48' }),
  slaNormalHours: slaHours.optional().openapi({ description: 'Default 72' }),
  slaLowHours: slaHours.optional().openapi({ description: 'Default 120' }),
});
// The covered sites are rows of program_sites, given as a list of ids.
const programInput = z.object({
  ...programColumns.pick({ enterpriseId: true, name: true, description: true, sponsorId: true }).shape,
  siteIds: z
    .array(uuid)
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'sites must not repeat'),
  ...programColumns.pick({
    goLiveDate: true,
    valueWindowMonths: true,
    shiftsPerDay: true,
    workingDaysPerWeek: true,
    slaCriticalHours: true,
    slaHighHours: true,
    slaNormalHours: true,
    slaLowHours: true,
  }).shape,
  timezone: timeZone.optional().openapi({ description: 'The zone of its calendar; by default the zone most of its sites use' }),
});
const kpi = rowSchema(kpis).shape;
const trackRecordSummary = z.object({
  useCaseId: z.string(),
  title: z.string(),
  verdict: z.enum(['poor', 'good', 'fair', 'too_few']),
  decisionsChecked: z.number().int(),
  predictionsChecked: z.number().int(),
  inside: z.number().int().openapi({ description: 'Checked predictions whose realised value fell inside the interval' }),
  insideShare: z.number().nullable(),
  meanRelativeBias: z.number().nullable(),
  trend: z.enum(['improving', 'worsening', 'steady', 'too_few']),
});
const useCase = rowSchema(useCases).shape;
const roi = z
  .object({
    programId: programRow.shape.id,
    programName: programRow.shape.name,
    asOf: z.string(),
    kpis: z.array(
      z.object({
        kpiId: kpi.id,
        kpi: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        useCaseId: useCase.id,
        useCase: useCase.title,
        useCaseStatus: useCase.status,
        baseline: kpi.baselineValue,
        current: z.number().nullable(),
        currentPeriodEnd: z.string().nullable(),
        target: kpi.targetValue,
        targetDate: kpi.targetDate,
        gapClosed: z.number().nullable().openapi({ description: '0 at baseline, 1 at target' }),
        trend: z.string(),
        overdue: z.boolean(),
        realisedAnnualValue: z.number().nullable(),
        targetAnnualValue: z.number().nullable(),
        currency: kpi.currency,
      }),
    ),
    totals: z.array(z.object({ currency: z.string(), realisedAnnualValue: z.number(), targetAnnualValue: z.number() })),
    coverage: coverageSchema,
    trust: z
      .object({
        evidence: z.array(trackRecordSummary),
        trackRecords: z.array(trackRecordSummary),
        rule: z.record(z.string(), z.number()).openapi({ description: "The program's track-record rule the verdicts follow" }),
      })
      .openapi({
        description:
          "The track record of each use case's decisions with checked predictions; `evidence`: those with a good record, by `rule`",
      }),
  })
  .openapi('ProgramRoi');
const adoptionRow = z.object({
  start: z.string(),
  end: z.string(),
  partial: z
    .boolean()
    .openapi({ description: 'The period is not over yet: shown, but not judged (not in total nor in consecutivePeriodsBelow)' }),
  observed: z.number(),
  automatic: z.number().int().openapi({
    description:
      'Of the observed uses, those the twin recorded itself (an answer of a bound question, a decision, a page; not a manual record)',
  }),
  expected: z.number(),
  ratio: z.number().nullable(),
  status: z.string(),
});
const group = rowSchema(userGroups).shape;
const adoptionView = z
  .object({
    programId: programRow.shape.id,
    period: z.enum(['week', 'month']),
    from: z.string(),
    to: z.string(),
    coverage: coverageSchema,
    groups: z.array(
      z.object({
        groupId: group.id,
        name: group.name,
        kind: group.kind,
        expectedFrequency: group.expectedFrequency,
        total: adoptionRow.omit({ start: true, end: true, partial: true }),
        consecutivePeriodsBelow: z.number().int().openapi({
          description: 'Complete periods in a row below expectation up to the latest, counted back to go-live (24 months at most)',
        }),
        periods: z.array(adoptionRow),
      }),
    ),
  })
  .openapi('Adoption');
const adoptionQuery = z.object({
  period: z.enum(['week', 'month']).default('week'),
  from: isoDate.optional().openapi({ description: 'Default: the start of the 8th week (or 6th month) back from `to`' }),
  to: isoDate.optional().openapi({ description: 'Default: today; a later day counts as today (usage is not measured ahead)' }),
});
const tags = ['Programs'];

export const programRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

programRoutes.openapi(
  route('program:write', {
    method: 'post',
    path: '/programs',
    tags,
    summary: 'Start a digital-twin program',
    request: { body: body(programInput) },
    responses: { 201: json(program, 'The program') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => createProgram(w, c.req.valid('json')))), 201),
);

programRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs',
    tags,
    summary: 'List programs',
    request: { query: z.object({ ...archivedQuery, ...pageQuery }) },
    responses: { 200: json(pageOf(program), 'Programs by name') },
  }),
  async (c) => c.json(paginate(jsonify(await listPrograms(c.var.deps.db, actorOf(c), c.req.valid('query'))), c.req.valid('query')), 200),
);

programRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}',
    tags,
    summary: 'A program',
    request: { params: idParam },
    responses: { 200: json(program, 'The program') },
  }),
  async (c) => {
    const row = await getProgram(c.var.deps.db, actorOf(c), c.req.valid('param').id);
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

programRoutes.openapi(
  route('program:write', {
    method: 'patch',
    path: '/programs/{id}',
    tags,
    summary: 'Change a program',
    request: { params: idParam, body: body(programInput.omit({ enterpriseId: true }).partial()) },
    responses: { 200: json(program, 'The program after the change') },
  }),
  async (c) => {
    const row = await changeVersioned(c, programs, 'program', 'program', (w, id) => updateProgram(w, id, c.req.valid('json')));
    return c.json(jsonify(row), 200, etagOf(row));
  },
);

programRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/roi',
    tags,
    summary: 'Every KPI with baseline, current, target and progress',
    request: { params: idParam },
    responses: { 200: json(roi, 'The ROI view') },
  }),
  async (c) => {
    const [db, viewer, id, now] = [c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()];
    return c.json({ ...(await programRoi(db, viewer, id, now)), trust: await programTrust(db, viewer, id, now) }, 200);
  },
);

programRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/adoption',
    tags,
    summary: 'Usage per user group against its expected frequency, per period',
    request: { params: idParam, query: adoptionQuery },
    responses: { 200: json(adoptionView, 'Adoption per group and period') },
  }),
  async (c) => {
    return c.json(await adoption(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.req.valid('query'), c.var.deps.clock()), 200);
  },
);

lifecycleRoutes(programRoutes, {
  path: '/programs/{id}',
  tags,
  policy: 'program:write',
  entity: 'program',
  schema: program,
  archive: {
    does: 'For a program that has ended: it keeps its history and figures, takes no changes and no new use cases, milestones, reviews, data sources or groups, and its sources are no longer swept for freshness.',
    run: archiveProgram,
  },
  remove: { when: 'Only while it holds no use cases, milestones, reviews, data sources, groups or escalations.', run: deleteProgram },
});
