import { z } from 'zod';
import { stripUndefined } from '../core/objects.ts';

/**
 * Early-warning weights and thresholds. Each signal adds its weight to the risk score of its
 * use case and of the program; the score maps to a level. A program overrides any of these
 * (PUT /programs/{id}/early-warning-settings); what it leaves out keeps the default.
 */
export const defaultWarningSettings = {
  weights: {
    use_case_without_owner: 3,
    kpi_without_baseline: 2,
    kpi_overdue: 1,
    milestone_at_risk: 3,
    escalation_breached: 2,
    stale_required_source: 3,
    usage_below_expected: 2,
    scope_creep: 2,
    go_live_stalled: 4,
    poor_track_record: 3,
  },
  /** Lowest score of each level; below `medium` the risk is low. */
  levels: { medium: 3, high: 6, critical: 10 },
  /** Consecutive complete periods below expected usage that raise the usage signal. */
  usageBelowPeriods: 2,
  /** A pilot use case with more KPIs than this is scope creep. */
  maxKpisPerPilot: 5,
  /** More active use cases than this before any is operational is scope creep. */
  maxUseCasesBeforeOperational: 3,
  /** Days after go-live by which a use case must be operational and a KPI must have moved. */
  goLiveGraceDays: 90,
  /**
   * A use case's track record is poor (server/decisions/trackRecord.ts) with at least this many
   * checked predictions, of which under `trackRecordMinInsideShare` fell inside their interval or
   * whose mean bias relative to the predicted value is beyond ±`trackRecordMaxRelativeBias`.
   */
  trackRecordMinChecked: 4,
  trackRecordMinInsideShare: 0.5,
  trackRecordMaxRelativeBias: 0.1,
};

export type WarningSettings = typeof defaultWarningSettings;
export type SignalCode = keyof WarningSettings['weights'];

const weight = z.number().min(0).max(100);
const weightsShape = Object.fromEntries(Object.keys(defaultWarningSettings.weights).map((k) => [k, weight.optional()])) as Record<
  SignalCode,
  z.ZodOptional<typeof weight>
>;

/** What a program may override; validated at the edge like every input. */
export const warningSettingsOverrides = z
  .object({
    weights: z.object(weightsShape).strict().optional(),
    levels: z
      .object({ medium: weight, high: weight, critical: weight })
      .refine((l) => l.medium <= l.high && l.high <= l.critical, 'levels must not decrease: medium ≤ high ≤ critical')
      .optional(),
    usageBelowPeriods: z.number().int().min(1).max(12).optional(),
    maxKpisPerPilot: z.number().int().min(1).max(50).optional(),
    maxUseCasesBeforeOperational: z.number().int().min(1).max(50).optional(),
    goLiveGraceDays: z.number().int().min(1).max(730).optional(),
    trackRecordMinChecked: z.number().int().min(1).max(100).optional(),
    trackRecordMinInsideShare: z.number().min(0).max(1).optional(),
    trackRecordMaxRelativeBias: z.number().positive().max(10).optional(),
  })
  .strict();

export type WarningSettingsOverrides = z.infer<typeof warningSettingsOverrides>;

/** Defaults with a program's overrides applied. */
export function effectiveSettings(overrides: unknown): WarningSettings {
  const parsed = warningSettingsOverrides.safeParse(overrides ?? {});
  const o = parsed.success ? parsed.data : {};
  return {
    ...defaultWarningSettings,
    ...o,
    weights: { ...defaultWarningSettings.weights, ...stripUndefined(o.weights ?? {}) },
    levels: o.levels ?? defaultWarningSettings.levels,
  };
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export function riskLevel(score: number, levels: WarningSettings['levels']): RiskLevel {
  if (score >= levels.critical) return 'critical';
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
}
