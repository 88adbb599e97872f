import { desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { decisions, lines, programs, stations, useCases } from '../../db/schema/index.ts';
import { checkSees, visibilityFor, type Viewer } from '../access/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { effectiveSettings } from '../warnings/settings.ts';
import { decisionViews, type DecisionView } from './reads.ts';
import { defaultTrackRecordRule, trackRecordOf, type CheckedPrediction, type TrackRecord, type TrackRecordRule } from './trackRecord.ts';

type UseCaseRow = typeof useCases.$inferSelect;
type PredictionView = DecisionView['predictions'][number];

/** The track-record rule of a program: the default, with the poor thresholds of its early-warning settings. */
export function ruleOfProgram(program: { earlyWarningSettings: unknown }): TrackRecordRule {
  const s = effectiveSettings(program.earlyWarningSettings);
  return {
    ...defaultTrackRecordRule,
    minChecked: s.trackRecordMinChecked,
    poorBelowInsideShare: s.trackRecordMinInsideShare,
    poorAboveRelativeBias: s.trackRecordMaxRelativeBias,
  };
}

/** The checked predictions of some decisions (those `keep` keeps), with the lines of the runs they came from. */
export function checkedOf(views: readonly DecisionView[], keep: (d: DecisionView, p: PredictionView) => boolean = () => true) {
  const checked: (CheckedPrediction & { kpi: string; runLineId: string | null })[] = [];
  for (const d of views) {
    for (const p of d.predictions) {
      if (p.outcome.status !== 'checked' || !keep(d, p)) continue;
      checked.push({
        decisionId: d.id,
        kpiId: p.kpiId,
        kpi: p.kpi,
        metric: p.live?.metric ?? null,
        effectiveFrom: d.effectiveFrom,
        inside: p.outcome.inside!,
        relativeBias: p.outcome.relativeBias,
        runLineId: d.basedOn.find((r) => r.id === p.runId)?.lineId ?? null,
      });
    }
  }
  return checked;
}

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)} %`;

/**
 * What a poor record tells its owner to recalibrate: the metric (or KPI) whose predictions were
 * furthest off, in which direction and how often, and the line models to calibrate again (the lines
 * of the runs the predictions came from, else the use case's line), also as `recalibrate`, their
 * ids, for the pages to link.
 */
export function adviceOf(checked: ReturnType<typeof checkedOf>, record: TrackRecord, fallbackLineId: string | null) {
  if (record.verdict !== 'poor') return { advice: null, recalibrate: [] };
  const groups = new Map<string, typeof checked>();
  for (const c of checked) groups.set(c.metric ?? c.kpi, [...(groups.get(c.metric ?? c.kpi) ?? []), c]);
  const meanBias = (list: typeof checked) => {
    const b = list.map((c) => c.relativeBias).filter((x): x is number => x !== null);
    return b.length ? b.reduce((s, x) => s + x, 0) / b.length : 0;
  };
  const [what, list] = [...groups.entries()].sort((a, b) => Math.abs(meanBias(b[1])) - Math.abs(meanBias(a[1])))[0];
  const bias = meanBias(list);
  const off = list.filter((c) => !c.inside).length;
  const lineIds = [...new Set(checked.map((c) => c.runLineId).filter((id): id is string => id !== null))];
  const targets = lineIds.length ? lineIds : fallbackLineId ? [fallbackLineId] : [];
  const how =
    bias === 0
      ? `were outside their interval in ${off} of ${list.length} decisions`
      : `were ${pct(bias)} ${bias < 0 ? 'high' : 'low'} on average, outside their interval in ${off} of ${list.length}`;
  // In words for the pages and the early warning; which lines, by id, is `recalibrate`.
  const recalibrate =
    targets.length === 1
      ? "recalibrate the line's model before the next decision"
      : targets.length > 1
        ? `recalibrate the models of its ${targets.length} lines before the next decision`
        : 'recalibrate the models of its lines before the next decision';
  return { advice: `Predictions of ${what} ${how}: ${recalibrate}.`, recalibrate: targets };
}

/** The track record of one use case's decisions under a rule, with its advice. */
export function useCaseRecord(useCase: UseCaseRow, views: readonly DecisionView[], rule: TrackRecordRule) {
  const checked = checkedOf(views.filter((d) => d.useCaseId === useCase.id));
  const record = trackRecordOf(checked, rule);
  return { useCaseId: useCase.id, title: useCase.title, ...record, ...adviceOf(checked, record, useCase.scopeLineId) };
}

/** The decisions of some use cases with their outcomes, newest first. */
async function decisionsOf(db: Db, useCaseIds: readonly string[], now: Date) {
  if (!useCaseIds.length) return [];
  const rows = await db
    .select()
    .from(decisions)
    .where(inArray(decisions.useCaseId, [...useCaseIds]))
    .orderBy(desc(decisions.decidedAt));
  return decisionViews(db, rows, now);
}

/** The track records of some use cases (no access check: callers pass those the viewer sees), under a program's rule. */
export async function trackRecordsOf(db: Db, cases: readonly UseCaseRow[], rule: TrackRecordRule, now: Date) {
  const views = await decisionsOf(
    db,
    cases.map((u) => u.id),
    now,
  );
  return cases.map((u) => useCaseRecord(u, views, rule));
}

/** `GET /use-cases/{id}/track-record`: the record of its decisions under its program's rule. */
export async function useCaseTrackRecord(db: Db, viewer: Viewer, useCaseId: string, now: Date) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  const useCase = await findOrNotFound(db, useCases, 'use case', useCaseId);
  const program = await findOrNotFound(db, programs, 'program', useCase.programId);
  return { asOf: now.toISOString(), ...(await trackRecordsOf(db, [useCase], ruleOfProgram(program), now))[0] };
}

/**
 * `GET /lines/{id}/track-record`: the record of the predictions about a line, from the decisions of
 * the use cases the viewer sees on it or its area: a prediction of a KPI fed by the line (or one of
 * its stations), or, for a KPI fed by nothing, of a use case of the line. Judged by the default rule
 * (a line may serve several programs).
 */
export async function lineTrackRecord(db: Db, viewer: Viewer, lineId: string, now: Date) {
  await checkSees(db, viewer, 'line', lineId);
  const line = await findOrNotFound(db, lines, 'line', lineId);
  const sees = await visibilityFor(db, viewer);
  const cases = (
    await db
      .select()
      .from(useCases)
      .where(or(eq(useCases.scopeLineId, lineId), eq(useCases.scopeAreaId, line.areaId)))
  ).filter((u) => sees.scoped(u));
  const own = new Set((await db.select({ id: stations.id }).from(stations).where(eq(stations.lineId, lineId))).map((s) => s.id));
  const scopeOf = new Map(cases.map((u) => [u.id, u.scopeLineId]));
  const views = await decisionsOf(
    db,
    cases.map((u) => u.id),
    now,
  );
  const checked = checkedOf(views, (d, p) =>
    p.live ? p.live.lineId === lineId || (p.live.stationId !== null && own.has(p.live.stationId)) : scopeOf.get(d.useCaseId) === lineId,
  );
  const record = trackRecordOf(checked, defaultTrackRecordRule);
  return { asOf: now.toISOString(), lineId, name: line.name, ...record, ...adviceOf(checked, record, lineId) };
}
