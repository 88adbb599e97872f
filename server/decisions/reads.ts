import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  decisionPredictions,
  decisionRuns,
  decisions,
  kpiMeasurements,
  kpis,
  people,
  programs,
  simulationRuns,
  useCases,
} from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { outcomeOf, type LiveCheck } from './outcome.ts';

export type DecisionRow = typeof decisions.$inferSelect;

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/**
 * Decisions as the API shows them, with the runs they were based on and each prediction's outcome
 * as of `now` (outcomeOf, from the KPI's measurements and the stored live check), in a few queries
 * for all of them. No access check: callers pass decisions the viewer sees.
 */
export async function decisionViews(db: Db, rows: readonly DecisionRow[], now: Date) {
  if (!rows.length) return [];
  const ids = rows.map((d) => d.id);
  const [predictions, runs, zones, deciders] = await Promise.all([
    db.select().from(decisionPredictions).where(inArray(decisionPredictions.decisionId, ids)),
    db
      .select({
        decisionId: decisionRuns.decisionId,
        id: simulationRuns.id,
        kind: simulationRuns.kind,
        title: simulationRuns.title,
        lineId: simulationRuns.lineId,
      })
      .from(decisionRuns)
      .innerJoin(simulationRuns, eq(simulationRuns.id, decisionRuns.runId))
      .where(inArray(decisionRuns.decisionId, ids))
      .orderBy(asc(simulationRuns.createdAt)),
    db
      .select({ id: useCases.id, zone: programs.timezone })
      .from(useCases)
      .innerJoin(programs, eq(programs.id, useCases.programId))
      .where(inArray(useCases.id, [...new Set(rows.map((d) => d.useCaseId))])),
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(inArray(people.id, [...new Set(rows.map((d) => d.decidedById))])),
  ]);
  const kpiIds = [...new Set(predictions.map((p) => p.kpiId))];
  const [kpiRows, measured] = kpiIds.length
    ? await Promise.all([
        db.select().from(kpis).where(inArray(kpis.id, kpiIds)),
        db.select().from(kpiMeasurements).where(inArray(kpiMeasurements.kpiId, kpiIds)).orderBy(asc(kpiMeasurements.periodStart)),
      ])
    : [[], []];
  const kpiOf = byId(kpiRows);
  const zoneOf = new Map(zones.map((z) => [z.id, z.zone]));
  const nameOf = new Map(deciders.map((p) => [p.id, p.name]));
  return rows.map((d) => ({
    id: d.id,
    useCaseId: d.useCaseId,
    choice: d.choice as { kind: DecisionRow['choiceKind'] } & Record<string, unknown>,
    balancingRunId: d.balancingRunId,
    basedOn: runs.filter((r) => r.decisionId === d.id).map(({ decisionId: _d, ...r }) => r),
    effectiveFrom: d.effectiveFrom.toISOString(),
    note: d.note,
    decidedById: d.decidedById,
    decidedBy: nameOf.get(d.decidedById) ?? null,
    decidedAt: d.decidedAt.toISOString(),
    usageEventId: d.usageEventId,
    predictions: predictions
      .filter((p) => p.decisionId === d.id)
      .map((p) => {
        const kpi = kpiOf.get(p.kpiId)!;
        const outcome = outcomeOf({
          prediction: p,
          cadence: kpi.reviewCadence,
          effectiveFrom: d.effectiveFrom,
          zone: zoneOf.get(d.useCaseId) ?? 'UTC',
          now,
          measurements: measured.filter((m) => m.kpiId === p.kpiId),
          live: { bound: p.liveMetric !== null, check: p.liveCheck as LiveCheck | null, checkedAt: p.liveCheckedAt },
        });
        return {
          id: p.id,
          kpiId: p.kpiId,
          kpi: kpi.name,
          unit: kpi.unit,
          value: p.value,
          low: p.low,
          high: p.high,
          scenario: p.scenario,
          source: p.source,
          runId: p.runId,
          window: p.window as { start: string; end: string; kind: string } | null,
          live: p.liveMetric ? { metric: p.liveMetric, lineId: p.liveLineId, stationId: p.liveStationId } : null,
          outcome,
        };
      }),
  }));
}

export type DecisionView = Awaited<ReturnType<typeof decisionViews>>[number];

/** A decision the viewer sees (it is where its use case is), with its outcomes. */
export async function getDecision(db: Db, viewer: Viewer, id: string, now: Date): Promise<DecisionView> {
  await checkSees(db, viewer, 'decision', id);
  const row = await findOrNotFound(db, decisions, 'decision', id);
  return (await decisionViews(db, [row], now))[0];
}

/** The decisions of a use case the viewer sees, newest first, with their outcomes. */
export async function listDecisions(db: Db, viewer: Viewer, useCaseId: string, now: Date): Promise<DecisionView[]> {
  await checkSees(db, viewer, 'use_case', useCaseId);
  const rows = await db
    .select()
    .from(decisions)
    .where(eq(decisions.useCaseId, useCaseId))
    .orderBy(desc(decisions.decidedAt), desc(decisions.id));
  return decisionViews(db, rows, now);
}
