/** Small rules the three answers share: planned hours, proportions with intervals, numbers in sentences. */
import { normalize, subtract, totalMs, type Interval } from '../core/intervals.ts';
import type { LineStop } from '../schedules/index.ts';
import type { SimulationModelInput } from '../simulation/model.ts';
import type { PrecisionSettings } from './replicate.ts';
import type { LiveStart } from './liveStart.ts';

/** What every question's stored input holds besides its own fields (the run can be traced to all of it). */
export interface QuestionBase {
  lineId: string;
  lineName: string;
  timezone: string;
  model: SimulationModelInput;
  /** Where the model came from: the body, the newest succeeded calibration (its run id) or the stored model. */
  modelSource: { kind: 'body' | 'calibration' | 'stored'; runId?: string };
  start: LiveStart;
  /** Station ids in the model's order. */
  stationIds: string[];
  stops: LineStop[];
  precision: PrecisionSettings;
}

/** Hours a station is planned to work in a window: the window less the line's and the station's planned stops. */
export function plannedHours(stops: readonly LineStop[], stationId: string, window: Interval): number {
  const stopped = normalize(stops.filter((s) => s.stationId === null || s.stationId === stationId));
  return totalMs(subtract([window], stopped)) / 3_600_000;
}

/** A share of n trials with its Wilson 95 % interval (right at 0 and 1, unlike the normal one). */
export function proportion(hits: number, n: number): { value: number; low: number; high: number } {
  if (n === 0) return { value: 0, low: 0, high: 1 };
  const z = 1.959964;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A whole number with thin-space thousands for a sentence (1 234). */
export function count(x: number): string {
  return Math.round(x)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** A share as a percentage for a sentence: whole percent, one decimal below 10 % (so a small change is not "0 %"). */
export function percent(x: number): string {
  const p = 100 * x;
  return `${Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : Math.round(p)} %`;
}

/** Wall-clock time of an instant in a zone (for sentences): `Tue 06:00`. */
export function wallClock(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
