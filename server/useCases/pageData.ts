import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, dataSources, kpiMeasurements, lines, people, programs, sites, userGroups } from '../../db/schema/index.ts';
import type { Actor } from '../deps.ts';
import { allows } from '../auth/policies.ts';
import { anchorOf, mayChange, visibilityFor } from '../access/index.ts';
import { addDays } from '../core/calendar.ts';
import { useCaseTrust } from '../dataSources/dataSources.ts';
import { kpisOfUseCases } from '../kpis/index.ts';
import { useCaseWarnings } from '../warnings/earlyWarnings.ts';
import type { KpiModel, LifecycleModel, QuestionModel, RiskModel, SourceModel, UseCaseFacts } from '../../views/useCases/model.tsx';
import { bindingOf } from '../questions/bound.ts';
import { useCaseAnswers } from '../questions/pageData.ts';
import { listDecisions, useCaseTrackRecord } from '../decisions/index.ts';
import type { DecisionsModel } from '../../views/decisions/model.tsx';
import { allowedTransitions, missingForOperational } from './lifecycle.ts';
import { getUseCase, listTransitions } from './useCases.ts';

/**
 * The reads of the use-case page, one per section, so that a fragment re-reads only its own
 * section. Every read goes through the domain's functions and their scope checks (a use case
 * out of scope is not found); what the person may change is decided by the domain's row check.
 */

export type UseCaseRow = Awaited<ReturnType<typeof getUseCase>>;

async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The use case the person sees (404 otherwise), with its program's name and zone. */
export async function readUseCase(db: Db, actor: Actor, id: string) {
  const useCase = await getUseCase(db, actor, id);
  const [program] = await db
    .select({ id: programs.id, name: programs.name, timezone: programs.timezone })
    .from(programs)
    .where(eq(programs.id, useCase.programId));
  return { useCase, program };
}

/** Its question, owner, place and the groups it serves. */
export async function factsOf(db: Db, useCase: UseCaseRow, program: { id: string; name: string }): Promise<UseCaseFacts> {
  const { lineId, areaId } = useCase.scope;
  const [names, groups, place] = await Promise.all([
    namesOf(db, [useCase.ownerId]),
    useCase.groupIds.length
      ? db.select().from(userGroups).where(inArray(userGroups.id, useCase.groupIds)).orderBy(asc(userGroups.name))
      : Promise.resolve([]),
    lineId
      ? db
          .select({ line: lines.name, area: areas.name, site: sites.name })
          .from(lines)
          .innerJoin(areas, eq(areas.id, lines.areaId))
          .innerJoin(sites, eq(sites.id, areas.siteId))
          .where(eq(lines.id, lineId))
      : db
          .select({ line: areas.name, area: areas.name, site: sites.name })
          .from(areas)
          .innerJoin(sites, eq(sites.id, areas.siteId))
          .where(eq(areas.id, areaId ?? '')),
  ]);
  const where = place[0];
  return {
    id: useCase.id,
    title: useCase.title,
    question: useCase.question,
    status: useCase.status,
    decisionFrequency: useCase.decisionFrequency,
    owner: useCase.ownerId ? (names.get(useCase.ownerId) ?? null) : null,
    program,
    place: where ? (lineId ? `${where.line} · ${where.area} · ${where.site}` : `${where.area} · ${where.site}`) : '–',
    groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, expectedFrequency: g.expectedFrequency, valuePath: g.valuePath })),
  };
}

/**
 * Its lifecycle: where it stands, the steps allowed from there, what operational still lacks, and
 * its history. `kpisWithBaseline` when the caller has read the KPIs already.
 */
export async function lifecycleOf(
  db: Db,
  actor: Actor,
  useCase: UseCaseRow,
  now: Date,
  kpisWithBaseline?: number,
): Promise<LifecycleModel> {
  const [steps, withBaseline, may] = await Promise.all([
    listTransitions(db, actor, useCase.id),
    kpisWithBaseline ?? kpisOfUseCases(db, [useCase.id], now).then((ks) => ks.filter((k) => k.baseline !== null).length),
    allows('use-case:write', actor.role) ? anchorOf(db, 'use_case', useCase.id).then((a) => mayChange(db, actor, a, now)) : false,
  ]);
  const names = await namesOf(
    db,
    steps.map((s) => s.actorId),
  );
  return {
    useCaseId: useCase.id,
    status: useCase.status,
    allowed: allowedTransitions[useCase.status],
    missingForOperational: missingForOperational({ hasOwner: useCase.ownerId !== null, kpisWithBaseline: withBaseline }),
    mayTransition: may,
    steps: steps.map((s) => ({
      id: s.id,
      from: s.fromStatus,
      to: s.toStatus,
      at: s.at,
      actor: names.get(s.actorId) ?? null,
      note: s.note,
    })),
  };
}

// Signals link to the API; on the pages each links to the page where it is fixed.
function pageHref(entity: { type: string; id: string }, useCaseId: string, programId: string): string {
  switch (entity.type) {
    case 'use_case':
      return `/use-cases/${entity.id}`;
    case 'kpi':
      return `/use-cases/${useCaseId}#kpi-${entity.id}`;
    case 'data_source':
      return `/use-cases/${useCaseId}#source-${entity.id}`;
    case 'escalation':
      return `/escalations/${entity.id}`;
    default:
      return `/programs/${programId}`;
  }
}

/** Its stall risk: the early warnings of its program that concern it, each linked to what to fix. */
export async function riskOf(db: Db, actor: Actor, useCase: UseCaseRow, now: Date): Promise<RiskModel> {
  const risk = await useCaseWarnings(db, actor, useCase.id, now);
  return {
    riskLevel: risk.riskLevel,
    score: risk.score,
    signals: risk.signals.map((s) => ({
      code: s.code,
      message: s.message,
      name: s.entity.name,
      href: pageHref(s.entity, useCase.id, useCase.programId),
    })),
    sourcesLeftOut: risk.coverage.leftOut.sources ?? 0,
  };
}

/**
 * Whether the person may record measured values of each KPI, by the domain's row check (its
 * stewards, and planners and integrations in scope). The KPIs of one use case with the same owner
 * have the same anchor, so it is asked once per owner.
 */
async function mayMeasure(db: Db, actor: Actor, kpis: { id: string; ownerId: string }[], now: Date): Promise<Map<string, boolean>> {
  const may = new Map<string, boolean>();
  if (!allows('measurement:write', actor.role)) return may;
  for (const k of kpis) {
    if (may.has(k.ownerId)) continue;
    may.set(k.ownerId, await mayChange(db, actor, await anchorOf(db, 'kpi', k.id), now, { roles: ['planner', 'integration'] }));
  }
  return may;
}

/**
 * Its KPIs with their progress and measurements (two queries for all of them), and whether the
 * person may record and correct measured values (the domain's stewards plus planners in scope).
 */
export async function kpisOf(db: Db, actor: Actor, useCase: UseCaseRow, now: Date): Promise<KpiModel[]> {
  const views = await kpisOfUseCases(db, [useCase.id], now);
  const ids = views.map((k) => k.id);
  const [rows, may] = await Promise.all([
    ids.length
      ? db.select().from(kpiMeasurements).where(inArray(kpiMeasurements.kpiId, ids)).orderBy(asc(kpiMeasurements.periodEnd))
      : Promise.resolve([]),
    mayMeasure(db, actor, views, now),
  ]);
  const names = await namesOf(db, [...views.map((k) => k.ownerId), ...rows.map((m) => m.recordedById)]);
  return views.map((k) => {
    const measurements = rows.filter((m) => m.kpiId === k.id);
    const latest = measurements.at(-1);
    return {
      id: k.id,
      useCaseId: k.useCaseId,
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      owner: names.get(k.ownerId) ?? null,
      baseline: k.baseline,
      target: k.target,
      reviewCadence: k.reviewCadence,
      progress: {
        current: k.progress.current && { value: k.progress.current.value, periodEnd: k.progress.current.periodEnd },
        gapClosed: k.progress.gapClosed,
        plannedShare: k.progress.plannedShare,
        behindPlan: k.progress.behindPlan,
        trend: k.progress.trend.label,
        nextMeasurementDue: k.progress.nextMeasurementDue,
        overdue: k.progress.overdue,
        daysOverdue: k.progress.daysOverdue,
      },
      measurements: measurements.map((m) => ({
        id: m.id,
        periodStart: m.periodStart,
        periodEnd: m.periodEnd,
        value: m.value,
        source: m.source,
        // A measurement the twin recorded from live data was entered by no person.
        recordedBy: m.recordedById ? (names.get(m.recordedById) ?? null) : 'the twin (live data)',
        recordedAt: m.recordedAt,
        version: m.version,
      })),
      mayMeasure: may.get(k.ownerId) ?? false,
      nextPeriodStart: latest ? addDays(latest.periodEnd, 1) : k.baseline?.periodEnd ? addDays(k.baseline.periodEnd, 1) : null,
    };
  });
}

/** The sources it relies on, with their freshness, and the trust in its answers they make. */
export async function sourcesOf(db: Db, actor: Actor, useCase: UseCaseRow, now: Date): Promise<SourceModel> {
  const trust = await useCaseTrust(db, actor, useCase.id, now);
  const ids = trust.sources.map((s) => s.dataSourceId);
  const rows = ids.length ? await db.select().from(dataSources).where(inArray(dataSources.id, ids)) : [];
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const names = await namesOf(
    db,
    rows.map((r) => r.ownerId),
  );
  return {
    trust: trust.trust,
    reasons: trust.reasons.map((r) => ({ dataSourceId: r.dataSourceId, message: r.message })),
    sources: trust.sources.map((s) => {
      const row = rowOf.get(s.dataSourceId);
      return {
        id: s.dataSourceId,
        name: s.name,
        kind: s.kind,
        required: s.required,
        status: s.freshness.status,
        reason: s.freshness.reason,
        newestAt: s.freshness.ageSeconds === null ? null : new Date(now.getTime() - s.freshness.ageSeconds * 1000),
        owner: row ? (names.get(row.ownerId) ?? null) : null,
        expectedRefreshSeconds: row?.expectedRefreshSeconds ?? 0,
      };
    }),
    leftOut: trust.coverage.leftOut.sources ?? 0,
  };
}

/** Its decisions, newest first, with their outcomes, and its track record under its program's rule. */
export async function decisionsOf(db: Db, actor: Actor, useCaseId: string, now: Date): Promise<DecisionsModel> {
  const [decisions, record] = await Promise.all([listDecisions(db, actor, useCaseId, now), useCaseTrackRecord(db, actor, useCaseId, now)]);
  return { useCaseId, decisions, record };
}

/**
 * The question it is bound to, the lines it may be bound to (its own, or its area's, those the
 * person sees), its newest answers, and whether the person may ask it (`compute:run`, the bound
 * line in sight) and bind it (`mayChange`: as its lifecycle, the use case's stewards).
 */
export async function questionOf(db: Db, actor: Actor, useCase: UseCaseRow, mayChange: boolean): Promise<QuestionModel> {
  const { lineId, areaId } = useCase.scope;
  const [candidates, sees, answers] = await Promise.all([
    db
      .select({ id: lines.id, name: lines.name })
      .from(lines)
      .where(lineId ? eq(lines.id, lineId) : eq(lines.areaId, areaId ?? ''))
      .orderBy(asc(lines.code)),
    visibilityFor(db, actor),
    useCaseAnswers(db, actor, useCase.id),
  ]);
  const inScope = candidates.filter((l) => sees.line(l.id));
  const binding = bindingOf(useCase);
  const line = binding && inScope.find((l) => l.id === binding.lineId);
  return {
    useCaseId: useCase.id,
    bound: binding && { ...binding, line: line?.name ?? '–' },
    retired: useCase.status === 'retired',
    mayAnswer: !!line && useCase.status !== 'retired' && allows('compute:run', actor.role),
    mayBind: mayChange,
    lines: inScope,
    answers,
  };
}
