import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dataSources, escalations, kpis, milestones, people, programs, useCaseDataSources, useCases } from '../../db/schema/index.ts';
import { dateIn, daysBetween } from '../core/calendar.ts';
import { trustOf } from '../dataSources/index.ts';
import { isBreached, visibleSubjects } from '../escalations/index.ts';
import { kpisOfUseCases } from '../kpis/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkSees, coverage, visibilityFor, type Viewer, type Visibility } from '../access/index.ts';
import { milestoneViews } from '../milestones/index.ts';
import { adoptionViews } from '../programs/index.ts';
import { effectiveSettings, riskLevel } from './settings.ts';
import { ruleOfProgram, trackRecordsOf } from '../decisions/index.ts';
import { collectSignals, type ProgramFacts } from './signals.ts';

/**
 * Gathers what the signals need about a program, as of `now`, over what the viewer sees: their
 * use cases (with their KPIs and the sources in scope), milestones, escalations and group usage.
 * `leftOut` counts what that leaves out of the program.
 */
async function gatherFacts(db: Db, viewer: Viewer, programId: string, now: Date): Promise<{ facts: ProgramFacts; leftOut: LeftOut }> {
  const program = await findOrNotFound(db, programs, 'program', programId);
  const today = dateIn(now, program.timezone);
  const sees = await visibilityFor(db, viewer);
  const allCases = await db.select().from(useCases).where(eq(useCases.programId, programId));
  const cases = allCases.filter((u) => sees.scoped(u));
  const seenCases = new Set(cases.map((u) => u.id));
  const kpiViews = await kpisOfUseCases(
    db,
    cases.map((u) => u.id),
    now,
  );
  const trust = await trustOf(
    db,
    cases.map((u) => u.id),
    now,
    sees,
  );
  const allMilestones = await db.select().from(milestones).where(eq(milestones.programId, programId));
  // A use case's milestone is where its use case is; a program-wide one where the program is.
  const milestoneRows = allMilestones.filter((m) => !m.useCaseId || seenCases.has(m.useCaseId));
  const msViews = await milestoneViews(db, programId, milestoneRows);

  const breached = (await db.select().from(escalations).where(eq(escalations.programId, programId))).filter((e) => isBreached(e, now));
  const open = await visibleSubjects(db, viewer, breached);
  const kpiUseCase = new Map(
    (open.some((e) => e.subjectType === 'kpi')
      ? await db
          .select({ id: kpis.id, useCaseId: kpis.useCaseId })
          .from(kpis)
          .where(
            inArray(
              kpis.id,
              open.map((e) => e.subjectId),
            ),
          )
      : []
    ).map((k) => [k.id, k.useCaseId]),
  );
  const assignees = open.length
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(
          inArray(
            people.id,
            open.map((e) => e.assigneeId),
          ),
        )
    : [];
  const useCaseOf = (e: (typeof open)[number]) =>
    e.subjectType === 'use_case'
      ? e.subjectId
      : e.subjectType === 'kpi'
        ? (kpiUseCase.get(e.subjectId) ?? null)
        : e.subjectType === 'milestone'
          ? (milestoneRows.find((m) => m.id === e.subjectId)?.useCaseId ?? null)
          : null;

  // Usage as the adoption view judges it (complete periods since go-live): monthly groups by
  // month, others by week, with the same count of periods below in a row.
  const usage: ProgramFacts['usage'] = [];
  const views = await adoptionViews(db, viewer, programId, [{ period: 'week' }, { period: 'month' }], now);
  for (const view of views) {
    for (const g of view.groups) {
      if ((g.expectedFrequency === 'monthly') !== (view.period === 'month')) continue;
      usage.push({
        groupId: g.groupId,
        name: g.name,
        period: view.period,
        periodsBelow: g.consecutivePeriodsBelow,
        lastRatio: g.periods.filter((p) => !p.partial).at(-1)?.ratio ?? null,
      });
    }
  }

  const facts: ProgramFacts = {
    program: { id: program.id, name: program.name, goLiveDate: program.goLiveDate },
    daysSinceGoLive: daysBetween(program.goLiveDate, today),
    useCases: cases.map((u) => ({
      id: u.id,
      title: u.title,
      status: u.status,
      hasOwner: u.ownerId !== null,
      kpis: kpiViews
        .filter((k) => k.useCaseId === u.id)
        .map((k) => ({
          id: k.id,
          name: k.name,
          hasBaseline: k.baseline !== null,
          overdue: k.progress.overdue,
          daysOverdue: k.progress.daysOverdue,
          gapClosed: k.progress.gapClosed,
        })),
      staleSources: (trust.get(u.id)?.reasons ?? []).map((r) => ({ dataSourceId: r.dataSourceId, name: r.name, message: r.message })),
    })),
    milestones: msViews.map((m) => ({
      id: m.id,
      title: m.title,
      useCaseId: m.useCaseId,
      consecutiveMisses: m.consecutiveMisses,
      atRisk: m.atRisk,
    })),
    breachedEscalations: open.map((e) => ({
      id: e.id,
      title: e.title,
      useCaseId: useCaseOf(e),
      hoursOverdue: (now.getTime() - e.dueAt.getTime()) / 3_600_000,
      assigneeName: assignees.find((a) => a.id === e.assigneeId)?.name ?? 'unknown',
    })),
    usage,
    trackRecords: (
      await trackRecordsOf(
        db,
        cases.filter((u) => u.status !== 'retired'),
        ruleOfProgram(program),
        now,
      )
    ).map((r) => ({
      useCaseId: r.useCaseId,
      title: r.title,
      verdict: r.verdict,
      predictionsChecked: r.predictionsChecked,
      inside: r.inside,
      meanRelativeBias: r.meanRelativeBias,
      advice: r.advice,
    })),
  };
  return {
    facts,
    leftOut: {
      useCases: allCases.length - cases.length,
      milestones: allMilestones.length - milestoneRows.length,
      escalations: breached.length - open.length,
      sources: sees.limited ? await sourcesLeftOut(db, [...seenCases], sees) : 0,
    },
  };
}

interface LeftOut {
  useCases: number;
  milestones: number;
  escalations: number;
  sources: number;
}

/** How many sources the viewer's use cases rely on lie outside the viewer's scope. */
async function sourcesLeftOut(db: Db, useCaseIds: string[], sees: Visibility): Promise<number> {
  if (!useCaseIds.length) return 0;
  const linked = await db
    .selectDistinct({ source: dataSources })
    .from(useCaseDataSources)
    .innerJoin(dataSources, eq(dataSources.id, useCaseDataSources.dataSourceId))
    .where(inArray(useCaseDataSources.useCaseId, useCaseIds));
  return linked.filter((l) => !sees.scoped(l.source)).length;
}

/**
 * The stall-risk view of a program: its level and score, every contributing signal in words
 * with a link to the entity to fix, and the same per use case. What the sponsor's dashboard shows.
 * Judged over what the viewer sees (program-wide signals too); `coverage` says what that leaves out.
 */
export async function earlyWarnings(db: Db, viewer: Viewer, programId: string, now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const program = await findOrNotFound(db, programs, 'program', programId);
  const settings = effectiveSettings(program.earlyWarningSettings);
  const { facts, leftOut } = await gatherFacts(db, viewer, programId, now);
  const signals = collectSignals(facts, settings).sort((a, b) => b.weight - a.weight);
  const score = (list: typeof signals) => list.reduce((s, x) => s + x.weight, 0);
  return {
    programId,
    asOf: now.toISOString(),
    score: score(signals),
    riskLevel: riskLevel(score(signals), settings.levels),
    signals,
    coverage: coverage({ ...leftOut }),
    useCases: facts.useCases
      .filter((u) => u.status !== 'retired')
      .map((u) => {
        const own = signals.filter((s) => s.useCaseId === u.id);
        return {
          useCaseId: u.id,
          title: u.title,
          status: u.status,
          score: score(own),
          riskLevel: riskLevel(score(own), settings.levels),
          signals: own,
        };
      })
      .sort((a, b) => b.score - a.score),
    settings,
  };
}

/**
 * The stall risk of one use case the viewer sees: its part of its program's early warnings, as
 * the viewer sees them. `coverage` says how many of the sources it relies on lie out of scope.
 */
export async function useCaseWarnings(db: Db, viewer: Viewer, useCaseId: string, now: Date) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  const uc = await findOrNotFound(db, useCases, 'use case', useCaseId);
  const view = await earlyWarnings(db, viewer, uc.programId, now);
  const sources = (await trustOf(db, [uc.id], now, await visibilityFor(db, viewer))).get(uc.id)?.coverage ?? coverage({});
  const own = view.useCases.find((u) => u.useCaseId === uc.id) ?? {
    useCaseId: uc.id,
    title: uc.title,
    status: uc.status,
    score: 0,
    riskLevel: 'low' as const,
    signals: [],
  };
  return { ...own, coverage: sources };
}
