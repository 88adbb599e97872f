import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { kpiMeasurements, kpis, lines, programs, stations, useCases } from '../../db/schema/index.ts';
import { dateIn } from '../core/calendar.ts';
import { audit } from '../core/write.ts';
import { liveMetricValue, type LiveBinding } from '../metrics/index.ts';
import { kpiScale } from './liveBinding.ts';
import { finishedPeriods, periodWindow, type CadencePeriod } from './periods.ts';

type KpiRow = typeof kpis.$inferSelect;

/**
 * The source text of an automatic measurement: that it came from live data, which metric of
 * which line or station, and over what (the planned busy hours and the output it saw).
 */
export function liveSource(kpi: Pick<KpiRow, 'liveMetric'>, where: string, counts: { plannedBusyHours: number; produced: number }) {
  return `live data: ${kpi.liveMetric} of ${where} (${counts.plannedBusyHours.toFixed(1)} planned busy h, ${counts.produced} parts; recorded by the twin)`;
}

/** What the sweep did for one KPI. */
export interface LiveMeasurementOutcome {
  kpiId: string;
  recorded: CadencePeriod[];
  /** Finished periods without a value: no machine event in them, or a figure that is absent (no planned time). */
  withoutData: CadencePeriod[];
  /** Why the KPI's periods could not be computed this time (they are tried again at the next sweep). */
  error?: string;
}

/**
 * Records the automatic measurements of every KPI fed by live data (neither it, its use case nor
 * its program archived or retired): for each finished period of its cadence on its program's
 * calendar that machine events still cover (it starts after the oldest day kept, `retentionDays`
 * back) and that no measurement overlaps yet, the metric's value over the period, scaled to the
 * KPI's unit. Recorded by the twin (`recordedBy: 'twin'`, no person), audited without an actor.
 * Idempotent: each period is written under the KPI's row lock, skipped when another instance holds
 * it, and the unique (kpi, period) key keeps a second row out. A period without live data gets no row;
 * a KPI whose periods fail is left for the next sweep, the others go on.
 */
export async function sweepLiveMeasurements(db: Db, now: Date, retentionDays: number): Promise<LiveMeasurementOutcome[]> {
  const bound = await db
    .select({ kpi: kpis, zone: programs.timezone })
    .from(kpis)
    .innerJoin(useCases, eq(useCases.id, kpis.useCaseId))
    .innerJoin(programs, eq(programs.id, useCases.programId))
    .where(and(isNotNull(kpis.liveMetric), isNull(kpis.archivedAt), isNull(programs.archivedAt), ne(useCases.status, 'retired')));
  // The oldest machine events kept are of the UTC day `retentionDays` back (server/events/partitions.ts).
  const keptFrom = Date.parse(`${new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`);
  const outcomes: LiveMeasurementOutcome[] = [];
  for (const { kpi, zone } of bound) {
    const today = dateIn(now, zone);
    const measured = await db
      .select({ start: kpiMeasurements.periodStart, end: kpiMeasurements.periodEnd })
      .from(kpiMeasurements)
      .where(eq(kpiMeasurements.kpiId, kpi.id));
    const open = finishedPeriods(kpi.reviewCadence, dateIn(new Date(keptFrom), zone), today).filter(
      (p) => periodWindow(p, zone).start >= keptFrom && !measured.some((m) => m.start <= p.end && m.end >= p.start),
    );
    const outcome: LiveMeasurementOutcome = { kpiId: kpi.id, recorded: [], withoutData: [] };
    try {
      for (const period of open) {
        const list = (await recordPeriod(db, kpi, period, zone, now)) ? outcome.recorded : outcome.withoutData;
        list.push(period);
      }
    } catch (err) {
      outcome.error = err instanceof Error ? err.message : String(err);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

async function placeOf(db: Db, kpi: KpiRow): Promise<string> {
  if (kpi.liveLineId) {
    const [line] = await db.select({ code: lines.code }).from(lines).where(eq(lines.id, kpi.liveLineId));
    return `line ${line?.code ?? kpi.liveLineId}`;
  }
  const [station] = await db.select({ code: stations.code }).from(stations).where(eq(stations.id, kpi.liveStationId!));
  return `station ${station?.code ?? kpi.liveStationId}`;
}

/** One period's measurement, computed before the lock is taken and written under it; false when it has no value. */
async function recordPeriod(db: Db, kpi: KpiRow, period: CadencePeriod, zone: string, now: Date): Promise<boolean> {
  const binding: LiveBinding = { metric: kpi.liveMetric!, lineId: kpi.liveLineId, stationId: kpi.liveStationId };
  const live = await liveMetricValue(db, binding, periodWindow(period, zone));
  const scale = kpiScale(kpi.liveMetric!, kpi.unit);
  if (live.value.value === null || scale === null) return false;
  const value = live.value.value * scale;
  const source = liveSource(kpi, await placeOf(db, kpi), live.counts);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [locked] = await tx.select({ id: kpis.id }).from(kpis).where(eq(kpis.id, kpi.id)).for('update', { skipLocked: true });
    if (!locked) return false;
    const clash = await tx
      .select({ id: kpiMeasurements.id, start: kpiMeasurements.periodStart, end: kpiMeasurements.periodEnd })
      .from(kpiMeasurements)
      .where(eq(kpiMeasurements.kpiId, kpi.id));
    if (clash.some((m) => m.start <= period.end && m.end >= period.start)) return false;
    const [row] = await tx
      .insert(kpiMeasurements)
      .values({
        kpiId: kpi.id,
        periodStart: period.start,
        periodEnd: period.end,
        value,
        source,
        recordedBy: 'twin',
        recordedById: null,
        recordedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return false;
    await audit(
      { tx, actor: null, now },
      { entityType: 'kpi_measurement', entityId: row.id, action: 'record-live', after: { ...row, live } },
    );
    return true;
  });
}
