import { EmptyState } from '../components/emptyState.tsx';
import type { RiskModel, UseCaseViewContext } from './model.tsx';

export const RISK_ID = 'uc-risk';

export interface RiskSectionProps {
  useCaseId: string;
  /** Absent while it is still to be judged: the section then loads itself (htmx) or offers a link (no script). */
  risk?: RiskModel;
  ctx: UseCaseViewContext;
  /** Sent out of band after a change that can move it (a step, a measurement). */
  oob?: boolean;
}

/**
 * The use case's stall risk: its level in words, and each early-warning signal with a link to
 * what to fix. Judging it reads the whole program's early warnings, so the page asks for it
 * separately once shown, and stays fast.
 */
export function RiskSection({ useCaseId, risk, ctx, oob }: RiskSectionProps) {
  const { t } = ctx;
  const heading = <h2 id="uc-risk-heading">{t('owner.uc.risk')}</h2>;
  const swapOob = oob ? 'true' : undefined;
  if (!risk)
    return (
      <section
        id={RISK_ID}
        class="card"
        aria-labelledby="uc-risk-heading"
        aria-busy="true"
        hx-get={`/use-cases/${useCaseId}`}
        hx-trigger="load"
        hx-target="this"
        hx-swap="outerHTML"
        hx-swap-oob={swapOob}
      >
        {heading}
        <p class="muted">
          {t('owner.uc.riskPending')} <a href={`/use-cases/${useCaseId}?with=risk#${RISK_ID}`}>{t('owner.uc.riskShow')}</a>
        </p>
      </section>
    );
  return (
    <section id={RISK_ID} class="card" aria-labelledby="uc-risk-heading" hx-swap-oob={swapOob}>
      {heading}
      <p>
        <span class={`badge ${risk.riskLevel}`}>{t(`owner.risk.${risk.riskLevel}`)}</span>{' '}
        <span class="small muted">{t('owner.uc.riskScore', { score: risk.score })}</span>
      </p>
      {risk.signals.length === 0 ? (
        <EmptyState message={t('owner.uc.noSignals')} />
      ) : (
        <ul class="signals">
          {risk.signals.map((s) => (
            <li>
              {s.message} — <a href={s.href}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
      {risk.sourcesLeftOut > 0 && <p class="small muted">{t('owner.uc.sourcesLeftOut', { count: risk.sourcesLeftOut })}</p>}
    </section>
  );
}
