import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import type { Viewer } from '../access/index.ts';
import { dataMap } from '../dataSources/dataSources.ts';
import { listEscalations } from '../escalations/escalations.ts';
import { kpisOfUseCases } from '../kpis/index.ts';
import { listMilestones } from '../milestones/milestones.ts';
import { listUseCases } from '../useCases/useCases.ts';
import { earlyWarnings } from '../warnings/index.ts';
import { listPrograms } from './programs.ts';

type ProgramRow = Awaited<ReturnType<typeof listPrograms>>[number];

/** The names of some people by id, in one query (the names a sponsor's page shows beside milestones and escalations). */
export async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * One program as the sponsor's portfolio shows it, over what the viewer sees: its stall risk with
 * every reason, its use cases by lifecycle stage, its open milestones by due date, the KPIs behind
 * their straight-line plan, the breached escalations and the sources that are not fresh.
 */
export async function programSummary(db: Db, viewer: Viewer, program: ProgramRow, now: Date) {
  const [warnings, cases, milestones, breached, data] = await Promise.all([
    earlyWarnings(db, viewer, program.id, now),
    listUseCases(db, viewer, program.id),
    listMilestones(db, viewer, program.id),
    listEscalations(db, viewer, program.id, { open: true, breached: true }, now),
    dataMap(db, viewer, program.id, now),
  ]);
  const active = cases.filter((u) => u.status !== 'retired');
  const [kpiViews, names] = await Promise.all([
    kpisOfUseCases(
      db,
      active.map((u) => u.id),
      now,
    ),
    namesOf(
      db,
      breached.map((e) => e.assigneeId),
    ),
  ]);
  const risk = new Map(warnings.useCases.map((u) => [u.useCaseId, u]));
  const titleOf = new Map(cases.map((u) => [u.id, u.title]));
  return {
    program: {
      id: program.id,
      name: program.name,
      description: program.description,
      timezone: program.timezone,
      goLiveDate: program.goLiveDate,
      valueWindowEnds: program.valueWindowEnds,
      sites: program.siteIds.length,
    },
    risk: { level: warnings.riskLevel, score: warnings.score, signals: warnings.signals, coverage: warnings.coverage, asOf: warnings.asOf },
    useCases: cases.map((u) => ({
      id: u.id,
      title: u.title,
      status: u.status,
      riskLevel: risk.get(u.id)?.riskLevel ?? ('low' as const),
      reasons: risk.get(u.id)?.signals.length ?? 0,
    })),
    openMilestones: milestones
      .filter((m) => m.status !== 'met')
      .map((m) => ({
        id: m.id,
        title: m.title,
        useCaseId: m.useCaseId,
        useCase: m.useCaseId ? (titleOf.get(m.useCaseId) ?? null) : null,
        dueBy: m.dueBy,
        dueQuarter: m.dueQuarter,
        status: m.status,
        atRisk: m.atRisk,
        consecutiveMisses: m.consecutiveMisses,
      })),
    kpisBehindPlan: kpiViews
      .filter((k) => k.progress.behindPlan === true)
      .map((k) => ({
        id: k.id,
        name: k.name,
        unit: k.unit,
        useCaseId: k.useCaseId,
        useCase: titleOf.get(k.useCaseId) ?? '',
        gapClosed: k.progress.gapClosed,
        plannedShare: k.progress.plannedShare,
        current: k.progress.current?.value ?? null,
        target: k.target.value,
      })),
    breachedEscalations: breached.map((e) => ({
      id: e.id,
      title: e.title,
      severity: e.severity,
      dueAt: e.dueAt,
      assignee: names.get(e.assigneeId) ?? null,
    })),
    staleSources: data.sources
      .filter((s) => s.freshness.status !== 'fresh')
      .map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        status: s.freshness.status,
        reason: s.freshness.reason,
        dependents: s.dependents,
      })),
  };
}

export type ProgramSummary = Awaited<ReturnType<typeof programSummary>>;

/** Every program the viewer sees, most at risk first (then by name): the sponsor's Monday view. */
export async function portfolio(db: Db, viewer: Viewer, now: Date): Promise<ProgramSummary[]> {
  const programs = await listPrograms(db, viewer);
  const summaries = await Promise.all(programs.map((p) => programSummary(db, viewer, p, now)));
  return summaries.sort((a, b) => b.risk.score - a.risk.score || a.program.name.localeCompare(b.program.name));
}
