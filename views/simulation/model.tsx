/** What the simulation page's views work with: stored runs as the domain keeps them, and the figures said per hour. */
import type { simulationRuns } from '../../db/schema/index.ts';
import type { CalibrationResult } from '../../server/calibration/calibrate.ts';
import type { ScenarioComparison, VariantComparison } from '../../server/simulation/compare.ts';
import type { SimulationResult } from '../../server/simulation/aggregate.ts';
import type { Estimate } from '../../server/simulation/intervals.ts';
import { SECONDS_PER_TIME_UNIT } from '../../server/simulation/modelSchema.ts';
import { dateTime, figure, timeOfDay } from '../../server/web/format.ts';
import type { Translate } from '../../server/web/i18n.ts';

export type RunRow = typeof simulationRuns.$inferSelect;
export type RunSummary = Pick<RunRow, 'id' | 'kind' | 'title' | 'status' | 'progress' | 'createdAt' | 'finishedAt'>;
export type { CalibrationResult, ScenarioComparison, SimulationResult, Estimate };

export interface SimViewContext {
  t: Translate;
  now: Date;
  /** The site's zone: the times of runs are written in it. */
  zone: string;
  lineId: string;
  /** Station names by code: a model's machines are named by the line's station codes. */
  stationNames: Map<string, string>;
  csrfToken: string;
  /** The person's role may start runs (policy `compute:run`): else the forms are left out. */
  mayRun: boolean;
}

/** A machine's name as the line knows its station. */
export function machineName(code: string, ctx: SimViewContext): string {
  return ctx.stationNames.get(code) ?? code;
}

/** A rate per model time unit as per hour. */
export function perHour(value: number, timeUnit: string): number {
  return (value * 3600) / (SECONDS_PER_TIME_UNIT[timeUnit as keyof typeof SECONDS_PER_TIME_UNIT] ?? 60);
}

/** A duration in model time units as seconds. */
export function seconds(value: number, timeUnit: string): number {
  return value * (SECONDS_PER_TIME_UNIT[timeUnit as keyof typeof SECONDS_PER_TIME_UNIT] ?? 60);
}

/** `41.2 ± 0.6` (the 95 % interval's half-width), scaled. */
export function withInterval(e: Estimate, scale = 1, decimals = 1): string {
  const hw = Number.isFinite(e.ciHalfWidth) ? ` ± ${figure(e.ciHalfWidth * scale, decimals)}` : '';
  return `${figure(e.mean * scale, decimals)}${hw}`;
}

/** A time of a run in the site's zone. */
export function runTime(at: Date | string | null, ctx: Pick<SimViewContext, 'now' | 'zone'>): string {
  if (!at) return '–';
  const sameDay = dateTime(at, ctx.zone).slice(0, 10) === dateTime(ctx.now, ctx.zone).slice(0, 10);
  return sameDay ? timeOfDay(at, ctx.zone) : dateTime(at, ctx.zone);
}

/** One scenario of a run: the only one of a simulation, or the baseline or a variant of a comparison. */
export interface ScenarioRow {
  name: string;
  result: SimulationResult;
  baseline: boolean;
  variant?: VariantComparison;
}

/** The scenarios of a succeeded simulation or comparison, baseline first. */
export function scenarioRows(run: Pick<RunRow, 'kind' | 'title' | 'result'>): ScenarioRow[] {
  if (run.kind === 'comparison') {
    const c = run.result as ScenarioComparison;
    return [
      { name: c.baseline.name, result: c.baseline.result, baseline: true },
      ...c.variants.map((v) => ({ name: v.name, result: v.result, baseline: false, variant: v })),
    ];
  }
  if (run.kind === 'simulation') return [{ name: run.title, result: run.result as SimulationResult, baseline: true }];
  return [];
}

/** The badge class of a run status; the word is written beside it. */
export function statusClass(status: string): string {
  return { queued: 'queued', running: 'info', succeeded: 'succeeded', failed: 'failed', cancelled: 'offline' }[status] ?? 'info';
}
