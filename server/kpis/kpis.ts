import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { decisionPredictions, kpiMeasurements, kpis, people, programs, useCases } from '../../db/schema/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { dateIn, daysBetween } from '../core/calendar.ts';
import { gapClosed, nextMeasurementDue, plannedShare, targetImproves, trend, type Point } from './progress.ts';
import { findOrNotFound } from '../core/lookup.ts';
import {
  archivedWhere,
  deleteUnlessUsed,
  findActive,
  rowsOf,
  setArchived,
  type ArchivedFilter,
  type LifecycleTarget,
} from '../core/lifecycle.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';
import { refuseRetired } from '../useCases/index.ts';
import { checkMayChange, checkSees, type Viewer } from '../access/index.ts';
import { liveColumns, liveView, type LiveInput } from './liveBinding.ts';

type KpiRow = typeof kpis.$inferSelect;
type MeasurementRow = typeof kpiMeasurements.$inferSelect;

/**
 * A KPI is changed by its stewards: an admin, the program's sponsor, the KPI's owner or the use
 * case's owner (or a stand-in of either). Measured values are also recorded, corrected and
 * deleted by planners and integrations in scope.
 */
const measurers = { roles: ['planner', 'integration'] } as const;

export interface Baseline {
  value: number;
  periodStart: string;
  periodEnd: string;
  source: string;
}

export interface KpiInput {
  name: string;
  unit: string;
  direction: KpiRow['direction'];
  baseline?: Baseline | null;
  target: { value: number; date: string };
  reviewCadence: KpiRow['reviewCadence'];
  ownerId: string;
  annualValuePerUnit?: number | null;
  currency?: string | null;
  /** The live metric that feeds it (null: measured by hand); see liveBinding.ts. */
  live?: LiveInput | null;
}

function baselineColumns(b: Baseline | null) {
  return {
    baselineValue: b?.value ?? null,
    baselinePeriodStart: b?.periodStart ?? null,
    baselinePeriodEnd: b?.periodEnd ?? null,
    baselineSource: b?.source ?? null,
  };
}

function checkTarget(direction: KpiRow['direction'], baseline: number | null, target: number): void {
  if (baseline !== null && !targetImproves(direction, baseline, target)) {
    const side = direction === 'higher_is_better' ? 'above' : 'below';
    throw invalidInput('body.target.value', `must be ${side} the baseline (${baseline}) for a KPI where ${direction.replaceAll('_', ' ')}`);
  }
}

/**
 * Adds a KPI to a use case: an admin, the program's sponsor or the use case's owner (or their
 * stand-in). The target must improve on the baseline in the KPI's direction.
 */
export async function createKpi(w: Write, useCaseId: string, input: KpiInput) {
  await checkMayChange(w, 'use_case', useCaseId);
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', useCaseId, { forUpdate: true });
  refuseRetired(useCase);
  await findActive(w.tx, people, 'person', input.ownerId, { field: 'body.ownerId' });
  checkTarget(input.direction, input.baseline?.value ?? null, input.target.value);
  const live = await liveColumns(w, useCase, input.live ?? null, input.unit, null);
  const [row] = await w.tx
    .insert(kpis)
    .values({
      useCaseId,
      name: input.name,
      unit: input.unit,
      direction: input.direction,
      ...baselineColumns(input.baseline ?? null),
      targetValue: input.target.value,
      targetDate: input.target.date,
      reviewCadence: input.reviewCadence,
      ownerId: input.ownerId,
      annualValuePerUnit: input.annualValuePerUnit ?? null,
      currency: input.currency ?? null,
      ...live,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await audit(w, { entityType: 'kpi', entityId: row.id, action: 'create', after: row });
  return kpiView(row, [], w.now, await zoneOfKpi(w.tx, row.useCaseId));
}

/** Updates a KPI; setting `baseline` records (or corrects) what progress is measured against. */
export async function updateKpi(w: Write, id: string, patch: Partial<KpiInput>) {
  await checkMayChange(w, 'kpi', id);
  const before = await findActive(w.tx, kpis, 'kpi', id, { forUpdate: true });
  if (patch.ownerId) await findActive(w.tx, people, 'person', patch.ownerId, { field: 'body.ownerId' });
  const fields: Partial<typeof kpis.$inferInsert> = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.unit !== undefined && { unit: patch.unit }),
    ...(patch.direction !== undefined && { direction: patch.direction }),
    ...(patch.baseline !== undefined && baselineColumns(patch.baseline)),
    ...(patch.target !== undefined && { targetValue: patch.target.value, targetDate: patch.target.date }),
    ...(patch.reviewCadence !== undefined && { reviewCadence: patch.reviewCadence }),
    ...(patch.ownerId !== undefined && { ownerId: patch.ownerId }),
    ...(patch.annualValuePerUnit !== undefined && { annualValuePerUnit: patch.annualValuePerUnit }),
    ...(patch.currency !== undefined && { currency: patch.currency }),
  };
  const merged = { ...before, ...fields };
  checkTarget(merged.direction, merged.baselineValue ?? null, merged.targetValue);
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', before.useCaseId);
  Object.assign(fields, await liveColumns(w, useCase, patch.live, merged.unit, before));
  const [after] = await w.tx
    .update(kpis)
    .set({ ...fields, version: nextVersion(kpis), updatedAt: w.now })
    .where(eq(kpis.id, id))
    .returning();
  await audit(w, { entityType: 'kpi', entityId: id, action: 'update', before, after });
  return kpiView(after, await measurementsOf(w.tx, id), w.now, await zoneOfKpi(w.tx, after.useCaseId));
}

interface MeasurementInput {
  periodStart: string;
  periodEnd: string;
  value: number;
  source: string;
}

/**
 * A measurement's period must have ended (a period ending today has not) and must not overlap
 * another measurement of the KPI: two values for one day would make `current` arbitrary. The
 * caller holds the KPI's row lock, so concurrent writes are checked one after the other.
 */
async function checkPeriod(w: Write, kpi: KpiRow, period: { periodStart: string; periodEnd: string }, except?: string) {
  if (period.periodEnd < period.periodStart) throw invalidInput('body.periodEnd', 'must not be before periodStart');
  // Today on the program's calendar: a shift ending at 23:00 in Detroit has not ended at 23:00 UTC.
  if (period.periodEnd >= dateIn(w.now, await zoneOfKpi(w.tx, kpi.useCaseId)))
    throw invalidInput('body.periodEnd', 'the period has not ended yet (it must end before today)');
  const clash = (await measurementsOf(w.tx, kpi.id)).find(
    (m) => m.id !== except && m.periodStart <= period.periodEnd && m.periodEnd >= period.periodStart,
  );
  if (clash) {
    throw ruleViolation(
      `the period overlaps the measurement of ${clash.periodStart}..${clash.periodEnd}; correct that one with PATCH /kpi-measurements/${clash.id}`,
      { overlapsMeasurementId: clash.id },
      [{ path: 'body.periodStart', message: 'overlaps another measurement' }],
    );
  }
}

/** Records a measured value for a period that has ended. */
export async function recordMeasurement(w: Write, kpiId: string, input: MeasurementInput) {
  await checkMayChange(w, 'kpi', kpiId, measurers);
  const kpi = await findActive(w.tx, kpis, 'kpi', kpiId, { forUpdate: true });
  await checkPeriod(w, kpi, input);
  const [row] = await w.tx
    .insert(kpiMeasurements)
    .values({ ...input, kpiId, recordedBy: 'person', recordedById: w.actor.personId, recordedAt: w.now })
    .returning();
  await audit(w, { entityType: 'kpi_measurement', entityId: row.id, action: 'create', after: row });
  return row;
}

/** Corrects a measurement (value, source or period), audited with before and after. */
export async function correctMeasurement(w: Write, id: string, patch: Partial<MeasurementInput>) {
  await checkMayChange(w, 'kpi_measurement', id, measurers);
  const found = await findOrNotFound(w.tx, kpiMeasurements, 'kpi measurement', id);
  const kpi = await findActive(w.tx, kpis, 'kpi', found.kpiId, { forUpdate: true });
  const before = await findOrNotFound(w.tx, kpiMeasurements, 'kpi measurement', id, { forUpdate: true });
  const merged = { ...before, ...patch };
  if (patch.periodStart !== undefined || patch.periodEnd !== undefined) await checkPeriod(w, kpi, merged, id);
  // A value the twin recorded and a person corrected is that person's: the audit keeps the twin's.
  const recorder = before.recordedBy === 'twin' ? { recordedBy: 'person' as const, recordedById: w.actor.personId } : {};
  const [after] = await w.tx
    .update(kpiMeasurements)
    .set({ ...patch, ...recorder, version: nextVersion(kpiMeasurements) })
    .where(eq(kpiMeasurements.id, id))
    .returning();
  await audit(w, { entityType: 'kpi_measurement', entityId: id, action: 'correct', before, after });
  return after;
}

/** Removes a measurement entered by mistake (the audit log keeps what it was). */
export async function deleteMeasurement(w: Write, id: string) {
  await checkMayChange(w, 'kpi_measurement', id, measurers);
  const found = await findOrNotFound(w.tx, kpiMeasurements, 'kpi measurement', id);
  await findActive(w.tx, kpis, 'kpi', found.kpiId, { forUpdate: true });
  const [before] = await w.tx.delete(kpiMeasurements).where(eq(kpiMeasurements.id, id)).returning();
  await audit(w, { entityType: 'kpi_measurement', entityId: id, action: 'delete', before });
}

export function measurementsOf(db: Db, kpiId: string): Promise<MeasurementRow[]> {
  return db.select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, kpiId)).orderBy(asc(kpiMeasurements.periodEnd));
}

/** The measurements of a KPI the viewer sees, oldest period first. */
export async function listMeasurements(db: Db, viewer: Viewer, kpiId: string) {
  await checkSees(db, viewer, 'kpi', kpiId);
  return measurementsOf(db, kpiId);
}

/** A KPI the viewer sees, with its progress. */
export async function getKpi(db: Db, viewer: Viewer, id: string, now: Date) {
  await checkSees(db, viewer, 'kpi', id);
  const row = await findOrNotFound(db, kpis, 'kpi', id);
  return kpiView(row, await measurementsOf(db, id), now, await zoneOfKpi(db, row.useCaseId));
}

/**
 * The KPIs of some use cases with their progress, in two queries. Archived KPIs are left out
 * unless asked for: ROI, readiness and the early warnings judge only the KPIs in use. No access
 * check: callers pass the use cases the viewer sees.
 */
export async function kpisOfUseCases(db: Db, useCaseIds: string[], now: Date, options: { archived?: ArchivedFilter } = {}) {
  if (!useCaseIds.length) return [];
  const rows = await db
    .select()
    .from(kpis)
    .where(and(inArray(kpis.useCaseId, useCaseIds), archivedWhere(kpis.archivedAt, options.archived)))
    .orderBy(asc(kpis.createdAt), asc(kpis.name));
  const values = rows.length
    ? await db
        .select()
        .from(kpiMeasurements)
        .where(
          inArray(
            kpiMeasurements.kpiId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(kpiMeasurements.periodEnd))
    : [];
  const zones = await zonesOfUseCases(db, useCaseIds);
  return rows.map((r) =>
    kpiView(
      r,
      values.filter((m) => m.kpiId === r.id),
      now,
      zones.get(r.useCaseId) ?? 'UTC',
    ),
  );
}

/** The KPIs of a use case the viewer sees, with their progress; only those behind their plan when asked. */
export async function listKpis(
  db: Db,
  viewer: Viewer,
  useCaseId: string,
  now: Date,
  filter: { behindPlan?: boolean; archived?: ArchivedFilter } = {},
) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  const views = await kpisOfUseCases(db, [useCaseId], now, { archived: filter.archived });
  return filter.behindPlan === undefined ? views : views.filter((k) => k.progress.behindPlan === filter.behindPlan);
}

/** The zone of each use case's program calendar. */
async function zonesOfUseCases(db: Db, useCaseIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: useCases.id, zone: programs.timezone })
    .from(useCases)
    .innerJoin(programs, eq(programs.id, useCases.programId))
    .where(inArray(useCases.id, useCaseIds));
  return new Map(rows.map((r) => [r.id, r.zone]));
}

async function zoneOfKpi(db: Db, useCaseId: string): Promise<string> {
  return (await zonesOfUseCases(db, [useCaseId])).get(useCaseId) ?? 'UTC';
}

/**
 * The API form of a KPI: baseline and target as objects, plus its progress right now. Today,
 * and the day it was created, are days of its program's calendar (`zone`).
 */
export function kpiView(row: KpiRow, measurements: MeasurementRow[], now: Date, zone: string) {
  const latest = measurements.at(-1) ?? null;
  const baseline =
    row.baselineValue === null
      ? null
      : { value: row.baselineValue, periodStart: row.baselinePeriodStart, periodEnd: row.baselinePeriodEnd, source: row.baselineSource };
  const gap = row.baselineValue === null ? null : row.targetValue - row.baselineValue;
  const points: Point[] = measurements.map((m) => ({ date: m.periodEnd, value: m.value }));
  const lastEnd = latest?.periodEnd ?? row.baselinePeriodEnd ?? dateIn(row.createdAt, zone);
  const due = nextMeasurementDue(row.reviewCadence, lastEnd);
  const today = dateIn(now, zone);
  // Judged at the latest measured period: where a straight-line plan should be by then.
  const closed = gapClosed(row.baselineValue, row.targetValue, latest?.value ?? null);
  const planned = latest ? plannedShare(row.baselinePeriodEnd, row.targetDate, latest.periodEnd) : null;
  return {
    id: row.id,
    useCaseId: row.useCaseId,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baseline,
    target: { value: row.targetValue, date: row.targetDate },
    reviewCadence: row.reviewCadence,
    ownerId: row.ownerId,
    annualValuePerUnit: row.annualValuePerUnit,
    currency: row.currency,
    live: liveView(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    progress: {
      current: latest ? { value: latest.value, periodStart: latest.periodStart, periodEnd: latest.periodEnd, source: latest.source } : null,
      gapClosed: closed,
      plannedShare: planned,
      behindPlan: closed !== null && planned !== null ? closed < planned : null,
      trend: trend(points, row.direction, gap),
      measurements: measurements.length,
      nextMeasurementDue: due,
      overdue: daysBetween(due, today) > 0,
      daysOverdue: Math.max(0, daysBetween(due, today)),
    },
  };
}

const kpiTarget: LifecycleTarget<typeof kpis> = { table: kpis, entityType: 'kpi', entity: 'KPI' };

/** Archives a KPI that is no longer tracked: its measurements stay, it takes no new ones. */
export async function archiveKpi(w: Write, id: string, archived: boolean) {
  await checkMayChange(w, 'kpi', id);
  const row = await setArchived(w, kpiTarget, id, archived);
  return kpiView(row, await measurementsOf(w.tx, id), w.now, await zoneOfKpi(w.tx, row.useCaseId));
}

/** Deletes a KPI created by mistake; one with measurements is archived instead. */
export async function deleteKpi(w: Write, id: string) {
  await checkMayChange(w, 'kpi', id);
  await deleteUnlessUsed(
    w,
    kpiTarget,
    id,
    [
      rowsOf('measurements', kpiMeasurements, eq(kpiMeasurements.kpiId, id)),
      rowsOf('decisions predicting it', decisionPredictions, eq(decisionPredictions.kpiId, id)),
    ],
    'archive it instead',
  );
}
