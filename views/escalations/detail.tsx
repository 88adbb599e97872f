import { dateTime } from '../../server/web/format.ts';
import { TableTools } from '../components/tableTools.tsx';
import { EscalationActions } from './actions.tsx';
import { cardId, type EscalationCard, type EscalationFormState, type EscalationViewContext } from './model.tsx';
import { AboutLine, DueLine, EscalationBadges, Timeline } from './parts.tsx';

export interface EscalationDetailProps {
  card: EscalationCard;
  ctx: EscalationViewContext;
  form?: EscalationFormState;
  /** The CSV of its history. */
  csvHref: string;
}

/**
 * One escalation on its own page (what a notification links to): its state, what it is about,
 * the facts of its SLA, the actions, and its whole history. The same component is the htmx
 * answer after an action on this page.
 */
export function EscalationDetail({ card, ctx, form, csvHref }: EscalationDetailProps) {
  const { t } = ctx;
  const id = cardId('detail', card.id);
  const facts: [string, string][] = [
    [t('owner.esc.assignee'), card.assignee],
    [t('owner.esc.sla'), t('owner.esc.slaHours', { hours: card.slaHours })],
    [t('owner.esc.origin'), t(`owner.origin.${card.origin}`)],
    [t('owner.esc.acknowledged'), card.acknowledgedAt ? dateTime(card.acknowledgedAt, card.zone) : t('owner.esc.notYet')],
  ];
  return (
    <article id={id} class="escalation-detail" aria-labelledby={`${id}-state`}>
      <section class="card" aria-labelledby={`${id}-state`}>
        <h2 id={`${id}-state`}>
          {t('owner.esc.state')} <EscalationBadges card={card} t={t} />
        </h2>
        <DueLine card={card} ctx={ctx} />
        <AboutLine card={card} t={t} />
        {card.description && <p class="description">{card.description}</p>}
        <dl class="facts">
          {facts.map(([term, value]) => (
            <>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
        {card.status === 'resolved' && card.resolutionNote && (
          <p class="resolution">
            <strong>{t('owner.esc.resolution')}</strong> {card.resolutionNote}
          </p>
        )}
        <EscalationActions card={card} ctx={ctx} place="detail" form={form} />
      </section>
      <section class="card" aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>{t('owner.history.title')}</h2>
        <TableTools t={t} csvHref={csvHref} />
        <Timeline card={card} t={t} />
      </section>
    </article>
  );
}
