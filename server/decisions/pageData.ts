/**
 * The reads of the "Record this decision" form: the use cases of the run's line (or its area) the
 * caller may record for (the domain's row check: owner, planner in scope, admin), the choice the
 * run offers, and the KPIs of the chosen use case with what the run predicts of each (the domain's
 * own mapping, predictionMapping.ts). The domain takes the values itself when the decision is recorded.
 */
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { kpis, stations, useCases } from '../../db/schema/index.ts';
import type { Actor } from '../deps.ts';
import { anchorOf, mayChange, visibilityFor } from '../access/index.ts';
import { allows } from '../auth/policies.ts';
import { dateTime } from '../web/format.ts';
import { kpiScale } from '../kpis/index.ts';
import type { MaintenanceAnswer, MixAnswer } from '../questions/index.ts';
import type { Translate } from '../web/i18n.ts';
import type { ChoiceOption, ChoiceOptions, DecisionFormModel, KpiToPredict } from '../../views/decisions/model.tsx';
import type { RunRow } from './basis.ts';
import { matchPrediction, runPredictions } from './predictionMapping.ts';
import { targetOf } from './predictions.ts';

type Line = { id: string; areaId: string; timezone: string };

/** The use cases of a line's scope (its own, its area's) the caller may record a decision for, not retired. */
export async function useCasesToDecide(db: Db, actor: Actor, line: Line, now: Date) {
  if (!allows('decision:write', actor.role)) return [];
  const rows = await db
    .select({
      id: useCases.id,
      title: useCases.title,
      programId: useCases.programId,
      scopeLineId: useCases.scopeLineId,
      scopeAreaId: useCases.scopeAreaId,
    })
    .from(useCases)
    .where(and(or(eq(useCases.scopeLineId, line.id), eq(useCases.scopeAreaId, line.areaId)), ne(useCases.status, 'retired')))
    .orderBy(asc(useCases.title));
  const sees = await visibilityFor(db, actor);
  const out = [];
  for (const u of rows.filter((r) => sees.scoped(r))) {
    if (await mayChange(db, actor, await anchorOf(db, 'use_case', u.id), now, { roles: ['planner'] }))
      out.push({ id: u.id, title: u.title });
  }
  return out;
}

const lost = (e: { mean: number; ciLow: number; ciHigh: number }) =>
  `${Math.round(e.mean)} (${Math.round(e.ciLow)} – ${Math.round(e.ciHigh)})`;

/** A comparison's scenarios: its variants first (the change weighed), then its baseline (keeping the line as it is). */
function comparisonNames(run: RunRow): string[] {
  const r = run.result as { baseline?: { name?: string }; variants?: { name?: string }[] } | null;
  const names = [...(r?.variants ?? []).map((v) => v.name), r?.baseline?.name];
  return names.filter((n): n is string => typeof n === 'string');
}

/** What the run lets one choose: a placement (the recommended one first checked), a mix, a compared variant, or the answer in words. */
export function choiceOf(run: RunRow, zone: string, t: Translate): ChoiceOptions {
  switch (run.kind) {
    case 'maintenance_plan': {
      const a = run.result as MaintenanceAnswer;
      const options: ChoiceOption[] = a.workOrders.flatMap((wo) =>
        wo.placements.map((p) => ({
          value: `${wo.externalId}|${p.start}`,
          label: `${wo.externalId} · ${dateTime(p.start, zone)}`,
          note: t('dec.option.lost', { lost: lost(p.lostOutput) }),
          recommended: a.recommended?.externalId === wo.externalId && a.recommended.start === p.start,
        })),
      );
      return { kind: 'maintenance_placement', options };
    }
    case 'mix_scenario': {
      const a = run.result as MixAnswer;
      const options = a.scenarios.map((s, i) => ({
        value: s.name,
        label: s.name,
        note: t('dec.option.output', { output: lost(s.output) }),
        recommended: i === 0,
      }));
      return { kind: 'mix', options };
    }
    case 'comparison':
      return { kind: 'variant', options: comparisonNames(run).map((n, i) => ({ value: n, label: n, recommended: i === 0 })) };
    default:
      return { kind: 'free_text', text: String((run.result as { sentence?: string } | null)?.sentence ?? '') };
  }
}

/** The scenario the form's default option names (a placement's name as the maintenance plan gives it). */
export function defaultScenario(choice: ChoiceOptions): string | null {
  if (choice.kind === 'free_text') return null;
  const o = choice.options.find((x) => x.recommended) ?? choice.options[0];
  if (!o) return null;
  if (choice.kind !== 'maintenance_placement') return o.value;
  const [id, start] = o.value.split('|');
  return `${id} at ${new Date(start).toISOString()}`;
}

/** The KPIs of a use case (not archived), each with what the run predicts of it for a scenario, in the KPI's unit. */
export async function kpisToPredict(db: Db, useCaseId: string, run: RunRow, scenario: string | null): Promise<KpiToPredict[]> {
  const rows = await db
    .select()
    .from(kpis)
    .where(and(eq(kpis.useCaseId, useCaseId), isNull(kpis.archivedAt)))
    .orderBy(asc(kpis.createdAt), asc(kpis.name));
  const stationIds = rows.map((k) => k.liveStationId).filter((id): id is string => id !== null);
  const stationRows = stationIds.length ? await db.select().from(stations).where(inArray(stations.id, stationIds)) : [];
  const stationOf = new Map(stationRows.map((s) => [s.id, s]));
  const predictions = runPredictions(run);
  return rows.map((k) => {
    const target = targetOf(k, k.liveStationId ? stationOf.get(k.liveStationId) : undefined);
    const scale = target ? kpiScale(target.metric, k.unit) : null;
    const match = target && scale !== null ? matchPrediction(predictions, target, scenario) : { kind: 'none' as const };
    const p = match.kind === 'match' ? match.prediction : null;
    return {
      id: k.id,
      name: k.name,
      unit: k.unit,
      metric: k.liveMetric,
      predicted: p && scale !== null ? { value: p.value * scale, low: p.low * scale, high: p.high * scale, scenario: p.scenario } : null,
    };
  });
}

/** The form of a run: the use case asked for (else the run's own, else the first), its KPIs and the run's choice. */
export async function decisionFormModel(
  db: Db,
  actor: Actor,
  input: { run: RunRow; line: Line; action: string; now: Date; t: Translate; useCaseId?: string },
): Promise<DecisionFormModel> {
  const { run, line } = input;
  const cases = await useCasesToDecide(db, actor, line, input.now);
  const pick = [input.useCaseId, run.useCaseId].find((id) => id && cases.some((u) => u.id === id)) ?? cases[0]?.id ?? null;
  const choice = choiceOf(run, line.timezone, input.t);
  return {
    action: input.action,
    runId: run.id,
    useCases: cases,
    useCaseId: pick,
    kpis: pick ? await kpisToPredict(db, pick, run, defaultScenario(choice)) : [],
    choice,
    now: dateTime(input.now, line.timezone).replace(' ', 'T'),
    zone: line.timezone,
  };
}
