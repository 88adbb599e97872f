import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { kpiMeasurements } from '../../db/schema/index.ts';
import type { Point } from './progress.ts';

/**
 * The measured values of some KPIs as points (the end of each measured period, oldest first), in
 * one query: what a trend line per KPI draws. No access check: callers pass the KPIs the viewer
 * sees (those of `programRoi` or `kpisOfUseCases`). A KPI without measurements has no points.
 */
export async function measurementSeries(db: Db, kpiIds: string[]): Promise<Map<string, Point[]>> {
  const series = new Map<string, Point[]>(kpiIds.map((id) => [id, []]));
  if (!kpiIds.length) return series;
  const rows = await db
    .select({ kpiId: kpiMeasurements.kpiId, date: kpiMeasurements.periodEnd, value: kpiMeasurements.value })
    .from(kpiMeasurements)
    .where(inArray(kpiMeasurements.kpiId, kpiIds))
    .orderBy(asc(kpiMeasurements.periodEnd));
  for (const r of rows) series.get(r.kpiId)?.push({ date: r.date, value: r.value });
  return series;
}
