import type { SignalCode, WarningSettings } from './settings.ts';

// Early-warning signals as plain functions of gathered facts: each says in words what is wrong
// and links to the entity to fix. Gathering the facts is earlyWarnings.ts's job.

export type EntityType = 'program' | 'use_case' | 'kpi' | 'milestone' | 'escalation' | 'data_source' | 'user_group';

export interface Signal {
  code: SignalCode;
  weight: number;
  message: string;
  entity: { type: EntityType; id: string; name: string; href: string };
  /** The use case the signal counts against; null for program-wide signals. */
  useCaseId: string | null;
}

export interface ProgramFacts {
  program: { id: string; name: string; goLiveDate: string };
  /** Days since go-live (negative before it). */
  daysSinceGoLive: number;
  useCases: {
    id: string;
    title: string;
    status: 'proposed' | 'piloting' | 'operational' | 'retired';
    hasOwner: boolean;
    kpis: { id: string; name: string; hasBaseline: boolean; overdue: boolean; daysOverdue: number; gapClosed: number | null }[];
    staleSources: { dataSourceId: string; name: string; message: string }[];
  }[];
  milestones: { id: string; title: string; useCaseId: string | null; consecutiveMisses: number; atRisk: boolean }[];
  breachedEscalations: { id: string; title: string; useCaseId: string | null; hoursOverdue: number; assigneeName: string }[];
  usage: { groupId: string; name: string; periodsBelow: number; period: 'week' | 'month'; lastRatio: number | null }[];
  /** Each use case's decision track record (server/decisions/trackRecord.ts), judged by the program's rule. */
  trackRecords: {
    useCaseId: string;
    title: string;
    verdict: 'poor' | 'good' | 'fair' | 'too_few';
    predictionsChecked: number;
    inside: number;
    meanRelativeBias: number | null;
    advice: string | null;
  }[];
}

const hrefs: Record<EntityType, string> = {
  program: 'programs',
  use_case: 'use-cases',
  kpi: 'kpis',
  milestone: 'milestones',
  escalation: 'escalations',
  data_source: 'data-sources',
  user_group: 'user-groups',
};

function entity(type: EntityType, id: string, name: string) {
  return { type, id, name, href: `/api/v1/${hrefs[type]}/${id}` };
}

const pct = (x: number | null) => (x === null ? 'no' : `${Math.round(x * 100)} %`);

/** Every signal the facts raise, under the program's settings. */
export function collectSignals(f: ProgramFacts, s: WarningSettings): Signal[] {
  const out: Signal[] = [];
  const add = (code: SignalCode, message: string, e: Signal['entity'], useCaseId: string | null) =>
    out.push({ code, weight: s.weights[code], message, entity: e, useCaseId });
  const active = f.useCases.filter((u) => u.status !== 'retired');

  for (const u of active) {
    if (!u.hasOwner)
      add(
        'use_case_without_owner',
        `Use case '${u.title}' has no accountable business owner: nobody decides with it.`,
        entity('use_case', u.id, u.title),
        u.id,
      );
    for (const k of u.kpis) {
      if (!k.hasBaseline)
        add(
          'kpi_without_baseline',
          `KPI '${k.name}' of '${u.title}' has no baseline: its value can never be shown.`,
          entity('kpi', k.id, k.name),
          u.id,
        );
      if (k.overdue)
        add(
          'kpi_overdue',
          `KPI '${k.name}' of '${u.title}' is ${k.daysOverdue} day(s) overdue for a measurement by its review cadence.`,
          entity('kpi', k.id, k.name),
          u.id,
        );
    }
    for (const src of u.staleSources)
      add(
        'stale_required_source',
        `'${u.title}' cannot be trusted: ${src.message}.`,
        entity('data_source', src.dataSourceId, src.name),
        u.id,
      );
    if (u.status === 'piloting' && u.kpis.length > s.maxKpisPerPilot) {
      add(
        'scope_creep',
        `Pilot '${u.title}' tracks ${u.kpis.length} KPIs (more than ${s.maxKpisPerPilot}): narrow it to the few economic targets that decide its value.`,
        entity('use_case', u.id, u.title),
        u.id,
      );
    }
  }

  for (const m of f.milestones.filter((x) => x.atRisk)) {
    add(
      'milestone_at_risk',
      `Milestone '${m.title}' was missed in ${m.consecutiveMisses} consecutive reviews.`,
      entity('milestone', m.id, m.title),
      m.useCaseId,
    );
  }
  for (const e of f.breachedEscalations) {
    add(
      'escalation_breached',
      `Escalation '${e.title}' is ${Math.round(e.hoursOverdue)} h past its SLA, with ${e.assigneeName}.`,
      entity('escalation', e.id, e.title),
      e.useCaseId,
    );
  }
  for (const g of f.usage.filter((x) => x.periodsBelow >= s.usageBelowPeriods)) {
    add(
      'usage_below_expected',
      `${g.name} used the twin below their expected frequency for ${g.periodsBelow} ${g.period}s in a row (last ${g.period}: ${pct(g.lastRatio)} of expected).`,
      entity('user_group', g.groupId, g.name),
      null,
    );
  }

  for (const r of f.trackRecords.filter((x) => x.verdict === 'poor')) {
    const bias =
      r.meanRelativeBias === null ? '' : `, mean bias ${r.meanRelativeBias >= 0 ? '+' : '−'}${pct(Math.abs(r.meanRelativeBias))}`;
    add(
      'poor_track_record',
      `Decisions of '${r.title}' came out outside their predictions too often (${r.inside} of ${r.predictionsChecked} inside the interval${bias}). ${r.advice ?? ''}`.trim(),
      entity('use_case', r.useCaseId, r.title),
      r.useCaseId,
    );
  }

  const operational = active.filter((u) => u.status === 'operational');
  if (!operational.length && active.length > s.maxUseCasesBeforeOperational) {
    add(
      'scope_creep',
      `${active.length} use cases are open but none is operational (more than ${s.maxUseCasesBeforeOperational}): prove one before adding more.`,
      entity('program', f.program.id, f.program.name),
      null,
    );
  }
  if (f.daysSinceGoLive >= s.goLiveGraceDays) {
    const moved = active.some((u) => u.kpis.some((k) => (k.gapClosed ?? 0) > 0));
    const reasons = [
      !operational.length && 'no use case is operational',
      !moved && 'no KPI has moved from its baseline toward its target',
    ].filter(Boolean);
    if (reasons.length) {
      add(
        'go_live_stalled',
        `Go-live was ${f.daysSinceGoLive} days ago and ${reasons.join(' and ')}.`,
        entity('program', f.program.id, f.program.name),
        null,
      );
    }
  }
  return out;
}
