import type { Translate } from '../../server/web/i18n.ts';
import type { RiskLevel } from '../../server/warnings/settings.ts';
import type { Signal } from '../../server/warnings/signals.ts';
import type { Coverage } from '../../server/access/index.ts';

/** The risk level as a badge with its word (and the score when given). */
export function RiskBadge({ t, level, score }: { t: Translate; level: RiskLevel; score?: number }) {
  return (
    <span class={`badge risk ${level}`}>
      {t(`sponsor.risk.level.${level}`)}
      {score !== undefined && <span class="score"> · {t('sponsor.risk.score', { score })}</span>}
    </span>
  );
}

/**
 * Where a signal is fixed in the application: the use case's page (its KPIs and sources live
 * there), the program's milestones or adoption, or the inbox for an escalation.
 */
export function fixHref(signal: Pick<Signal, 'entity' | 'useCaseId'>, programId: string): string {
  const { entity, useCaseId } = signal;
  const program = `/programs/${programId}`;
  switch (entity.type) {
    case 'use_case':
      return `/use-cases/${entity.id}`;
    case 'kpi':
      return useCaseId ? `/use-cases/${useCaseId}#kpi-${entity.id}` : `${program}#roi`;
    case 'data_source':
      return useCaseId ? `/use-cases/${useCaseId}#uc-sources` : program;
    case 'milestone':
      return `${program}#milestones`;
    case 'escalation':
      return '/inbox';
    case 'user_group':
      return `${program}#adoption`;
    default:
      return program;
  }
}

function Reason({ t, signal, programId }: { t: Translate; signal: Signal; programId: string }) {
  return (
    <li class={`reason w${Math.min(4, signal.weight)}`}>
      <span class="weight" title={t('sponsor.risk.weightLabel', { weight: signal.weight })}>
        {t('sponsor.risk.weight', { weight: signal.weight })}
        <span class="visually-hidden"> ({t('sponsor.risk.weightLabel', { weight: signal.weight })})</span>
      </span>
      <span class="message">{signal.message}</span>
      <a class="fix" href={fixHref(signal, programId)}>
        {t(`sponsor.fix.${signal.code}`)}: {signal.entity.name}
      </a>
    </li>
  );
}

/** The reasons of a risk, heaviest first, each linked to the thing to fix; beyond `limit` they fold away. */
export function RiskReasons({ t, signals, programId, limit = 6 }: { t: Translate; signals: Signal[]; programId: string; limit?: number }) {
  if (!signals.length) return <p class="risk-none">{t('sponsor.risk.none')}</p>;
  const shown = signals.slice(0, limit);
  const rest = signals.slice(limit);
  return (
    <>
      <ol class="reasons">
        {shown.map((s) => (
          <Reason t={t} signal={s} programId={programId} />
        ))}
      </ol>
      {rest.length > 0 && (
        <details class="more-reasons">
          <summary>{t('sponsor.risk.more', { count: rest.length })}</summary>
          <ol class="reasons" start={limit + 1}>
            {rest.map((s) => (
              <Reason t={t} signal={s} programId={programId} />
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/** The texts of what a scope can leave out, each with its count in the right form. */
const coverageItems = {
  useCases: 'sponsor.coverage.useCases',
  milestones: 'sponsor.coverage.milestones',
  escalations: 'sponsor.coverage.escalations',
  sources: 'sponsor.coverage.sources',
  kpis: 'sponsor.coverage.kpis',
  uses: 'sponsor.coverage.uses',
} as const;

/** Says what the person's scope leaves out of a figure, when it leaves anything out. */
export function CoverageNote({ t, coverage }: { t: Translate; coverage: Coverage }) {
  if (coverage.complete) return null;
  const items = Object.entries(coverage.leftOut)
    .map(([kind, n]) => (kind in coverageItems ? t(coverageItems[kind as keyof typeof coverageItems], { count: n }) : `${n} ${kind}`))
    .join(', ');
  return <p class="coverage small muted">{t('sponsor.coverage', { items })}</p>;
}
