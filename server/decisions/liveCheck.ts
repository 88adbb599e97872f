import type { Db } from '../../db/client.ts';
import { totalMs } from '../core/intervals.ts';
import { LIVE_METRIC_UNITS, lineOfBinding, liveMetricValue, plannedStopsOf, type LiveBinding, type LiveValue } from '../metrics/index.ts';
import { plannedTime } from '../schedules/index.ts';
import { matchedWindows } from './liveWindows.ts';
import type { LiveCheck, LiveWindowValue } from './outcome.ts';

const DAY_MS = 86_400_000;

function windowValue(live: LiveValue, scale: number, plannedMs: number): LiveWindowValue {
  return {
    from: live.window.from,
    to: live.window.to,
    plannedHours: plannedMs / 3_600_000,
    value: live.value.value === null ? null : live.value.value * scale,
    reason: live.value.value === null ? live.value.reason : null,
    counts: live.counts,
  };
}

/**
 * The live check of a prediction: its KPI's metric over the window after the effect and the matched
 * window before (matchedWindows, cut by the site's shifts and the planned stops of the station whose
 * output counts: the line's exit station, or the bound station), each value scaled to the KPI's
 * unit, with the data it came from. Looked back at most three times the after window (a week at least).
 */
export async function liveCheckOf(db: Db, binding: LiveBinding, scale: number, effectiveFrom: Date, dueAt: Date): Promise<LiveCheck> {
  const loaded = await lineOfBinding(db, binding);
  const counted = binding.stationId ?? loaded.stations.at(-1)?.id ?? null;
  const eff = effectiveFrom.getTime();
  const maxBackMs = Math.max(7 * DAY_MS, 3 * (dueAt.getTime() - eff));
  const stopsOf = await plannedStopsOf(db, loaded.line.siteId, loaded.line.id, { start: eff - maxBackMs, end: dueAt.getTime() });
  const stops = counted ? stopsOf(counted) : [];
  const busyIn = (w: { start: number; end: number }) => totalMs(plannedTime(loaded.shifts, stops, w, loaded.line.timezone).busy);
  const windows = matchedWindows(busyIn, eff, dueAt.getTime(), maxBackMs);
  const base = {
    metric: binding.metric,
    metricUnit: LIVE_METRIC_UNITS[binding.metric],
    scale,
    plannedHours: windows.plannedMs / 3_600_000,
  };
  if (windows.plannedMs <= 0)
    return { ...base, before: null, after: null, effect: null, reason: 'no planned production time after the effect' };
  const after = windowValue(await liveMetricValue(db, binding, windows.after), scale, windows.plannedMs);
  const before = windows.before ? windowValue(await liveMetricValue(db, binding, windows.before), scale, windows.plannedMs) : null;
  const effect = before?.value != null && after.value !== null ? after.value - before.value : null;
  return {
    ...base,
    before,
    after,
    effect,
    reason: before ? null : 'no window before the effect holds as much planned production time',
  };
}
