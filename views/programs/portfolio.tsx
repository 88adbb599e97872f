import type { Child } from 'hono/jsx';
import type { ProgramSummary } from '../../server/programs/portfolio.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { dateTime, percent } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { Age, dueText, MilestoneBadge, milestoneState } from './common.tsx';
import { CoverageNote, RiskBadge, RiskReasons } from './risk.tsx';

const stages = ['proposed', 'piloting', 'operational', 'retired'] as const;
const NEXT_MILESTONES = 4;

function Panel({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Stages({ t, s, id }: { t: Translate; s: ProgramSummary; id: string }) {
  if (!s.useCases.length) return <EmptyState message={t('sponsor.stage.none')} />;
  return (
    <ol class="stages">
      {stages.map((stage) => {
        const cases = s.useCases.filter((u) => u.status === stage);
        return (
          <li class={`stage ${stage}`}>
            <p class="stage-head" id={`${id}-${stage}`}>
              <span class="count">{cases.length}</span> {t(`sponsor.stage.${stage}`)}
            </p>
            {cases.length ? (
              <ul>
                {cases.map((u) => (
                  <li>
                    <a href={`/use-cases/${u.id}`}>{u.title}</a>
                    {u.riskLevel !== 'low' && (
                      <>
                        {' '}
                        <RiskBadge t={t} level={u.riskLevel} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted small">{t('sponsor.stage.empty')}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function NextMilestones({ t, s }: { t: Translate; s: ProgramSummary }) {
  if (!s.openMilestones.length) return <EmptyState message={t('sponsor.next.none')} />;
  const shown = s.openMilestones.slice(0, NEXT_MILESTONES);
  const more = s.openMilestones.length - shown.length;
  return (
    <>
      <ul class="plain">
        {shown.map((m) => (
          <li>
            <MilestoneBadge t={t} state={milestoneState(m)} /> <a href={`/programs/${s.program.id}#milestones`}>{m.title}</a>
            <span class="muted small">
              {' · '}
              {dueText(m)}
              {m.useCase && ` · ${m.useCase}`}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p class="small">
          <a href={`/programs/${s.program.id}#milestones`}>{t('sponsor.next.more', { count: more })}</a>
        </p>
      )}
    </>
  );
}

function BehindPlan({ t, s }: { t: Translate; s: ProgramSummary }) {
  if (!s.kpisBehindPlan.length) return <p class="muted">{t('sponsor.behind.none')}</p>;
  return (
    <ul class="plain">
      {s.kpisBehindPlan.map((k) => (
        <li>
          <a href={`/use-cases/${k.useCaseId}#kpi-${k.id}`}>{k.name}</a> <span class="muted small">· {k.useCase}</span>
          <br />
          <span class="small">{t('sponsor.behind.figures', { closed: percent(k.gapClosed, 0), planned: percent(k.plannedShare, 0) })}</span>
        </li>
      ))}
    </ul>
  );
}

function Breached({ t, s, now }: { t: Translate; s: ProgramSummary; now: Date }) {
  if (!s.breachedEscalations.length) return <p class="muted">{t('sponsor.breached.none')}</p>;
  return (
    <ul class="plain">
      {s.breachedEscalations.map((e) => (
        <li>
          <span class="badge breached">{e.severity}</span> <a href="/inbox">{e.title}</a>
          <br />
          <span class="small overdue">
            <Age instant={e.dueAt} now={now} template={t('sponsor.breached.overdue')} />
          </span>
          {e.assignee && <span class="small muted"> · {t('sponsor.breached.with', { name: e.assignee })}</span>}
        </li>
      ))}
    </ul>
  );
}

function Stale({ t, s }: { t: Translate; s: ProgramSummary }) {
  if (!s.staleSources.length) return <p class="muted">{t('sponsor.stale.none')}</p>;
  return (
    <ul class="plain">
      {s.staleSources.map((src) => {
        const dependent = src.dependents[0];
        return (
          <li>
            <span class={`badge ${src.status === 'never_received' ? 'stale' : src.status}`}>{t(`sponsor.freshness.${src.status}`)}</span>{' '}
            {dependent ? <a href={`/use-cases/${dependent.useCaseId}#uc-sources`}>{src.name}</a> : <strong>{src.name}</strong>}
            <br />
            <span class="small muted">{src.reason}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** One program on the portfolio: its risk and what to fix first, then the state of its plan. */
export function ProgramCard({ t, s, now }: { t: Translate; s: ProgramSummary; now: Date }) {
  const id = `program-${s.program.id}`;
  return (
    <article class={`card program-card risk-${s.risk.level}`} aria-labelledby={`${id}-name`}>
      <header class="program-head">
        <h2 id={`${id}-name`}>
          <a href={`/programs/${s.program.id}`}>{s.program.name}</a>
        </h2>
        <RiskBadge t={t} level={s.risk.level} score={s.risk.score} />
        <p class="small muted">
          {t('sponsor.program.facts', {
            goLive: s.program.goLiveDate,
            valueEnds: s.program.valueWindowEnds,
            sites: s.program.sites,
            zone: s.program.timezone,
          })}
          {' · '}
          {t('sponsor.program.asOf', { time: dateTime(s.risk.asOf, s.program.timezone) })}
        </p>
      </header>
      <section class="fix-first" aria-labelledby={`${id}-fix`}>
        <h3 id={`${id}-fix`}>{t('sponsor.risk.fixFirst')}</h3>
        <RiskReasons t={t} signals={s.risk.signals} programId={s.program.id} limit={5} />
        <CoverageNote t={t} coverage={s.risk.coverage} />
      </section>
      <div class="panels">
        <Panel id={`${id}-stages`} title={t('sponsor.stage.title')}>
          <Stages t={t} s={s} id={`${id}-stage`} />
        </Panel>
        <Panel id={`${id}-next`} title={t('sponsor.next.title')}>
          <NextMilestones t={t} s={s} />
        </Panel>
        <Panel id={`${id}-behind`} title={t('sponsor.behind.title')}>
          <BehindPlan t={t} s={s} />
        </Panel>
        <Panel id={`${id}-breached`} title={t('sponsor.breached.title')}>
          <Breached t={t} s={s} now={now} />
        </Panel>
        <Panel id={`${id}-stale`} title={t('sponsor.stale.title')}>
          <Stale t={t} s={s} />
        </Panel>
      </div>
    </article>
  );
}

/** The portfolio: a one-line summary, then every program in scope, the most at risk first. */
export function Portfolio({ t, now, programs, csvHref }: { t: Translate; now: Date; programs: ProgramSummary[]; csvHref: string }) {
  if (!programs.length)
    return (
      <EmptyState message={t('sponsor.portfolio.none')}>
        <p class="small">{t('sponsor.portfolio.noneHint')}</p>
      </EmptyState>
    );
  const atRisk = programs.filter((p) => p.risk.level === 'high' || p.risk.level === 'critical').length;
  const breached = programs.reduce((n, p) => n + p.breachedEscalations.length, 0);
  const stale = programs.reduce((n, p) => n + p.staleSources.length, 0);
  return (
    <>
      <p class="lead">{t('sponsor.portfolio.lead')}</p>
      <ul class="summary-strip" aria-label={t('sponsor.portfolio.summary', { programs: programs.length })}>
        <li>{t('sponsor.portfolio.summary', { programs: programs.length })}</li>
        <li class={atRisk ? 'bad' : 'ok'}>{t('sponsor.portfolio.atRisk', { count: atRisk })}</li>
        <li class={breached ? 'bad' : 'ok'}>{t('sponsor.portfolio.breached', { count: breached })}</li>
        <li class={stale ? 'warn' : 'ok'}>{t('sponsor.portfolio.stale', { count: stale })}</li>
        <li class="tools">
          <a href={csvHref} download>
            {t('sponsor.portfolio.csv')}
          </a>
        </li>
      </ul>
      {programs.map((s) => (
        <ProgramCard t={t} s={s} now={now} />
      ))}
    </>
  );
}
