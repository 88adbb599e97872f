import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/authorize.ts';
import type { AppEnv } from '../deps.ts';
import { earlyWarnings, useCaseWarnings } from './earlyWarnings.ts';
import { warningSettingsOverrides } from './settings.ts';
import { getWarningSettings, setWarningSettings } from './settingsStore.ts';
import { inTransaction } from '../core/write.ts';
import { body, idParam, json, route } from '../http/route.ts';
import { coverageSchema, rowSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { programs, useCases } from '../../db/schema/index.ts';

const level = z.enum(['low', 'medium', 'high', 'critical']);
const useCase = rowSchema(useCases).shape;
const signal = z
  .object({
    code: z.string(),
    weight: z.number(),
    message: z.string(),
    entity: z.object({ type: z.string(), id: z.string(), name: z.string(), href: z.string() }),
    useCaseId: useCase.id.nullable(),
  })
  .openapi('WarningSignal');
const settings = z.record(z.string(), z.unknown());
const useCaseRisk = z
  .object({
    useCaseId: useCase.id,
    title: useCase.title,
    status: useCase.status,
    score: z.number(),
    riskLevel: level,
    signals: z.array(signal),
  })
  .openapi('UseCaseRisk');
const useCaseWarningsView = useCaseRisk
  .extend({ coverage: coverageSchema.openapi({ description: 'The sources this use case relies on that lie outside the caller’s scope' }) })
  .openapi('UseCaseWarnings');
const warnings = z
  .object({
    programId: rowSchema(programs).shape.id,
    asOf: z.string(),
    score: z.number(),
    riskLevel: level,
    signals: z.array(signal),
    coverage: coverageSchema,
    useCases: z.array(useCaseRisk),
    settings,
  })
  .openapi('EarlyWarnings');
const settingsView = z.object({ overrides: settings, effective: settings }).openapi('EarlyWarningSettings');
const tags = ['Early warnings'];

export const warningRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

warningRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/early-warnings',
    tags,
    summary: 'Stall risk of a program and of each use case, signal by signal',
    description:
      'Signals: use case without owner, KPI without baseline, KPI overdue, milestone missed in consecutive reviews, escalation past SLA, stale required source, group usage below expected for consecutive periods, scope creep, go-live passed without an operational use case or KPI progress, a poor track record of a use case’s decisions (with what to recalibrate). Each links to the entity to fix. Judged over what the caller sees; `coverage` says how many use cases, milestones, escalations and sources that leaves out.',
    request: { params: idParam },
    responses: { 200: json(warnings, 'Risk, score and signals') },
  }),
  async (c) => c.json(await earlyWarnings(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200),
);

warningRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/use-cases/{id}/early-warnings',
    tags,
    summary: 'Stall risk of one use case',
    request: { params: idParam },
    responses: { 200: json(useCaseWarningsView, 'Risk, score and signals') },
  }),
  async (c) => {
    return c.json(await useCaseWarnings(c.var.deps.db, actorOf(c), c.req.valid('param').id, c.var.deps.clock()), 200);
  },
);

warningRoutes.openapi(
  route('read', {
    method: 'get',
    path: '/programs/{id}/early-warning-settings',
    tags,
    summary: 'Weights and thresholds in effect',
    request: { params: idParam },
    responses: { 200: json(settingsView, 'Overrides and effective settings') },
  }),
  async (c) => c.json(await getWarningSettings(c.var.deps.db, actorOf(c), c.req.valid('param').id), 200),
);

warningRoutes.openapi(
  route('warnings:configure', {
    method: 'put',
    path: '/programs/{id}/early-warning-settings',
    tags,
    summary: 'Override weights and thresholds',
    request: { params: idParam, body: body(warningSettingsOverrides) },
    responses: { 200: json(settingsView, 'Overrides and effective settings') },
  }),
  async (c) =>
    c.json(await inTransaction(c.var.deps, actorOf(c), (w) => setWarningSettings(w, c.req.valid('param').id, c.req.valid('json'))), 200),
);
