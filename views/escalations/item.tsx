import { EscalationActions } from './actions.tsx';
import { cardId, type EscalationCard, type EscalationFormState, type EscalationViewContext } from './model.tsx';
import { AboutLine, DueLine, EscalationBadges, Timeline } from './parts.tsx';

export interface InboxItemProps {
  card: EscalationCard;
  ctx: EscalationViewContext;
  /** A refused form to show again with its errors. */
  form?: EscalationFormState;
  /** Set in the answer to a poll: half-typed forms and an open history survive the refresh. */
  preserve?: boolean;
  /** Set in the answer to an action: focus comes back to the escalation that changed. */
  focus?: boolean;
}

/**
 * One escalation of the inbox: its state in words, the countdown to its due time, what it is
 * about, the actions, and its history folded away. The same component is the htmx answer after
 * an action on it.
 */
export function InboxItem({ card, ctx, form, preserve, focus }: InboxItemProps) {
  const { t } = ctx;
  const id = cardId('inbox', card.id);
  return (
    <li id={id} class={card.breached ? 'escalation card is-breached' : 'escalation card'} aria-labelledby={`${id}-title`}>
      <div class="escalation-head">
        <h3 id={`${id}-title`} tabindex={focus ? -1 : undefined} autofocus={focus}>
          <a href={`/escalations/${card.id}`}>{card.title}</a>
        </h3>
        <EscalationBadges card={card} t={t} />
      </div>
      <DueLine card={card} ctx={ctx} />
      <AboutLine card={card} t={t} />
      {card.description && <p class="description">{card.description}</p>}
      <EscalationActions card={card} ctx={ctx} place="inbox" form={form} preserve={preserve} />
      {/* The id counts the events: a poll keeps the history open until something new happened. */}
      <details class="history" id={`history-${card.id}-${card.events.length}`} hx-preserve={preserve ? 'true' : undefined}>
        <summary>{t('owner.history.summary', { count: card.events.length })}</summary>
        <Timeline card={card} t={t} />
      </details>
    </li>
  );
}
