import { kpis, lines, stations, useCases } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { invalidInput } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';
import { LIVE_METRIC_UNITS, type LiveMetric } from '../metrics/index.ts';

type KpiRow = typeof kpis.$inferSelect;
type UseCaseRow = typeof useCases.$inferSelect;

/** A KPI's live metric as the API gives it: of one line or of one station. */
export interface LiveInput {
  metric: LiveMetric;
  lineId?: string;
  stationId?: string;
}

/**
 * How many of a KPI's units one unit of its live metric is: 1 where the KPI is kept in the metric's
 * own unit (LIVE_METRIC_UNITS), 100 for a ratio (0–1) kept in '%'; null where the two do not fit
 * (a throughput KPI in '%'), which a binding refuses.
 */
export function kpiScale(metric: LiveMetric, unit: string): number | null {
  const own = LIVE_METRIC_UNITS[metric];
  if (unit.trim() === own) return 1;
  if (own === 'ratio' && unit.trim() === '%') return 100;
  return null;
}

function checkUnit(metric: LiveMetric, unit: string, field: string): void {
  if (kpiScale(metric, unit) !== null) return;
  const own = LIVE_METRIC_UNITS[metric];
  throw invalidInput(field, `a KPI fed by ${metric} is kept in '${own}'${own === 'ratio' ? " or '%'" : ''}, not '${unit}'`);
}

/**
 * The binding columns of a KPI after a change: `live` given (null unbinds), or the stored binding
 * kept, checked against the (possibly new) unit. The line or station must be visible to the caller
 * (404) and lie in the use case's scope: its own line or that line's stations for a line-scoped use
 * case, a line of its area or such a line's station for an area-scoped one (400).
 */
export async function liveColumns(
  w: Write,
  useCase: UseCaseRow,
  live: LiveInput | null | undefined,
  unit: string,
  stored: Pick<KpiRow, 'liveMetric' | 'liveLineId' | 'liveStationId'> | null,
) {
  if (live === undefined) {
    if (stored?.liveMetric) checkUnit(stored.liveMetric, unit, 'body.unit');
    return {};
  }
  if (live === null) return { liveMetric: null, liveLineId: null, liveStationId: null };
  checkUnit(live.metric, unit, 'body.live.metric');
  const field = live.stationId ? 'body.live.stationId' : 'body.live.lineId';
  let lineId: string;
  if (live.stationId) {
    await checkSees(w.tx, w.actor, 'station', live.stationId, field);
    lineId = (await findOrNotFound(w.tx, stations, 'station', live.stationId, { field })).lineId;
  } else {
    await checkSees(w.tx, w.actor, 'line', live.lineId!, field);
    lineId = live.lineId!;
  }
  const line = await findOrNotFound(w.tx, lines, 'line', lineId, { field });
  const what = live.stationId ? 'a station of ' : '';
  if (useCase.scopeLineId && line.id !== useCase.scopeLineId) throw invalidInput(field, `must be ${what}the use case's own line`);
  if (useCase.scopeAreaId && line.areaId !== useCase.scopeAreaId) throw invalidInput(field, `must be ${what}a line of the use case's area`);
  return { liveMetric: live.metric, liveLineId: live.stationId ? null : lineId, liveStationId: live.stationId ?? null };
}

/** A KPI's live binding as the API shows it; null for a KPI measured by hand. */
export function liveView(row: Pick<KpiRow, 'liveMetric' | 'liveLineId' | 'liveStationId' | 'unit'>) {
  if (!row.liveMetric) return null;
  return {
    metric: row.liveMetric,
    lineId: row.liveLineId,
    stationId: row.liveStationId,
    metricUnit: LIVE_METRIC_UNITS[row.liveMetric],
    scale: kpiScale(row.liveMetric, row.unit),
  };
}
