import { Alert } from '../components/alert.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { Translate } from '../../server/web/i18n.ts';
import { InboxItem } from './item.tsx';
import type { EscalationCard, EscalationFormAction, EscalationFormState, EscalationViewContext } from './model.tsx';

/** The polling list answers with this id; actions that change the count update its heading out of band. */
export const INBOX_LIST_ID = 'inbox-list';

/** How often the list refreshes itself (htmx polling of the list fragment, never a full reload). */
export const INBOX_REFRESH = '60s';

/** The heading with the counts: how many wait, how many breached. */
export function InboxHeading({ cards, t, oob }: { cards: EscalationCard[]; t: Translate; oob?: boolean }) {
  const breached = cards.filter((c) => c.breached).length;
  return (
    <h2 id="inbox-heading" hx-swap-oob={oob ? 'true' : undefined}>
      {t('owner.inbox.heading', { count: cards.length })}
      {breached > 0 && (
        <>
          {' '}
          <span class="badge breached">{t('owner.inbox.breachedCount', { count: breached })}</span>
        </>
      )}
    </h2>
  );
}

export interface InboxListProps {
  cards: EscalationCard[];
  ctx: EscalationViewContext;
  csvHref: string;
  /** Set when answering the poll (see InboxItem). */
  preserve?: boolean;
  /** A refused form of one escalation, shown again in its card (a plain form's answer). */
  form?: { id: string; state: EscalationFormState };
}

/**
 * My open escalations, breached first, then by due time. The section refreshes itself every
 * minute; the age beside the heading says how old what is shown is.
 */
export function InboxList({ cards, ctx, csvHref, preserve, form }: InboxListProps) {
  const { t, now } = ctx;
  return (
    <section
      id={INBOX_LIST_ID}
      class="inbox"
      aria-labelledby="inbox-heading"
      hx-get="/inbox"
      hx-trigger={`every ${INBOX_REFRESH}`}
      hx-target="this"
      hx-swap="outerHTML"
    >
      <InboxHeading cards={cards} t={t} />
      <p class="small muted">
        {t('owner.inbox.refreshed')}{' '}
        <time data-age datetime={now.toISOString()} data-template={t('time.ago')}>
          {t('time.ago', { age: '0 s' })}
        </time>{' '}
        · {t('owner.inbox.refreshEvery')}
      </p>
      {cards.length === 0 ? (
        <EmptyState message={t('owner.inbox.empty')}>
          <p>{t('owner.inbox.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <TableTools t={t} csvHref={csvHref} />
          <ol class="escalations">
            {cards.map((card) => (
              <InboxItem card={card} ctx={ctx} preserve={preserve} form={form?.id === card.id ? form.state : undefined} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** What a plain form's redirect (`?done=resolve`) says happened, for those without script. */
export function DoneNotice({ done, t }: { done?: EscalationFormAction; t: Translate }) {
  return done ? <Alert kind="notice" title={t(`owner.done.${done}`)} /> : null;
}

/** The answer to an action whose escalation left the inbox: a notice in the page's status region. */
export function FlashNotice({ message }: { message: string }) {
  return (
    <div id="flash" hx-swap-oob="innerHTML">
      <Alert kind="notice" title={message} />
    </div>
  );
}
