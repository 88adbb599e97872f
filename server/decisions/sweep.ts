import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { decisionPredictions, decisions, kpis, programs, useCases } from '../../db/schema/index.ts';
import { audit } from '../core/write.ts';
import { kpiScale } from '../kpis/index.ts';
import { liveCheckOf } from './liveCheck.ts';
import { dueAtOf, type LiveCheck } from './outcome.ts';

/**
 * Makes the live checks that have fallen due: for every prediction of a KPI fed by live data (as
 * bound when the decision was recorded) whose outcome is due and that has no check yet, the matched
 * windows before and after the effect (liveCheckOf), stored with the prediction once — machine
 * events are dropped after their retention, and a check reads up to months of them, so it is made
 * once and kept, with the data it used. Each is written under the prediction's row lock, skipped
 * when another instance holds it; one that fails is left for the next sweep, and said.
 */
export async function sweepDecisionChecks(
  db: Db,
  now: Date,
): Promise<{ checked: number; failed: { predictionId: string; error: string }[] }> {
  const open = await openPredictions(db, now);
  let checked = 0;
  const failed: { predictionId: string; error: string }[] = [];
  for (const p of open) {
    try {
      checked += await checkOne(db, p, now);
    } catch (err) {
      failed.push({ predictionId: p.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { checked, failed };
}

type OpenPrediction = Awaited<ReturnType<typeof openPredictions>>[number];

/** One prediction's live check when it is due: 1 when it was made now, 0 otherwise. */
async function checkOne(db: Db, p: OpenPrediction, now: Date): Promise<number> {
  const dueAt = dueAtOf(p.effectiveFrom, p.cadence, p.zone);
  if (now < dueAt) return 0;
  const scale = kpiScale(p.metric!, p.unit);
  const check: LiveCheck =
    scale === null
      ? {
          metric: p.metric!,
          metricUnit: '',
          scale: 1,
          plannedHours: 0,
          before: null,
          after: null,
          effect: null,
          reason: `the KPI's unit '${p.unit}' no longer fits ${p.metric}`,
        }
      : await liveCheckOf(db, { metric: p.metric!, lineId: p.lineId, stationId: p.stationId }, scale, p.effectiveFrom, dueAt);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select({ id: decisionPredictions.id, checkedAt: decisionPredictions.liveCheckedAt })
      .from(decisionPredictions)
      .where(eq(decisionPredictions.id, p.id))
      .for('update', { skipLocked: true });
    if (!row || row.checkedAt) return 0;
    await tx.update(decisionPredictions).set({ liveCheck: check, liveCheckedAt: now }).where(eq(decisionPredictions.id, p.id));
    await audit(
      { tx, actor: null, now },
      { entityType: 'decision', entityId: p.decisionId, action: 'live-check', after: { predictionId: p.id, ...check } },
    );
    return 1;
  });
}

/** The predictions of live-bound KPIs without a live check whose decision has taken effect. */
function openPredictions(db: Db, now: Date) {
  return db
    .select({
      id: decisionPredictions.id,
      decisionId: decisions.id,
      effectiveFrom: decisions.effectiveFrom,
      metric: decisionPredictions.liveMetric,
      lineId: decisionPredictions.liveLineId,
      stationId: decisionPredictions.liveStationId,
      cadence: kpis.reviewCadence,
      unit: kpis.unit,
      zone: programs.timezone,
    })
    .from(decisionPredictions)
    .innerJoin(decisions, eq(decisions.id, decisionPredictions.decisionId))
    .innerJoin(kpis, eq(kpis.id, decisionPredictions.kpiId))
    .innerJoin(useCases, eq(useCases.id, decisions.useCaseId))
    .innerJoin(programs, eq(programs.id, useCases.programId))
    .where(and(isNotNull(decisionPredictions.liveMetric), isNull(decisionPredictions.liveCheckedAt), lte(decisions.effectiveFrom, now)));
}
