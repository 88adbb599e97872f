import { dateTime, duration } from '../../server/web/format.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { EscalationCard, EscalationViewContext, HistoryEvent } from './model.tsx';

/**
 * The time left until `at`, or how long it is overdue, in words; app.js keeps the same text
 * current every second from the data attributes (templates with `{age}`).
 */
export function Countdown({ at, now, t }: { at: Date; now: Date; t: Translate }) {
  const left = (at.getTime() - now.getTime()) / 1000;
  const future = t('time.in');
  const past = t('owner.countdown.overdue');
  const text = (left >= 0 ? future : past).replace('{age}', duration(Math.abs(left)));
  return (
    <time data-countdown datetime={at.toISOString()} data-future={future} data-past={past} class={left < 0 ? 'overdue' : undefined}>
      {text}
    </time>
  );
}

/** The state of an escalation in words: breached first (the owner must see it), then severity and status. */
export function EscalationBadges({ card, t }: { card: EscalationCard; t: Translate }) {
  return (
    <span class="badges">
      {card.breached && <span class="badge breached">{t('owner.esc.breached')}</span>}
      <span class={`badge severity-${card.severity}`}>{t(`owner.severity.${card.severity}`)}</span>
      <span class={`badge ${card.status}`}>{t(`owner.status.${card.status}`)}</span>
    </span>
  );
}

/** When it is due, with the live countdown; or when it was resolved. */
export function DueLine({ card, ctx }: { card: EscalationCard; ctx: EscalationViewContext }) {
  const { t, now } = ctx;
  if (card.status === 'resolved') return <p class="due">{t('owner.esc.resolvedAt', { at: dateTime(card.resolvedAt, card.zone) })}</p>;
  return (
    <p class={card.breached ? 'due overdue-line' : 'due'}>
      {t('owner.esc.due')} <time datetime={card.dueAt.toISOString()}>{dateTime(card.dueAt, card.zone)}</time> ·{' '}
      <Countdown at={card.dueAt} now={now} t={t} />
    </p>
  );
}

/** What it is about, linked to the page where it is fixed, and who raised it when. */
export function AboutLine({ card, t }: { card: EscalationCard; t: Translate }) {
  return (
    <p class="about small">
      {t(`owner.subject.${card.subject.type}`)}: <a href={card.subject.href}>{card.subject.name}</a> · {card.program.name} ·{' '}
      {t('owner.esc.raised', { who: card.raisedBy ?? t('owner.history.system'), at: dateTime(card.createdAt, card.zone) })}
      {card.escalationCount > 0 && <> · {t('owner.esc.escalatedTimes', { count: card.escalationCount })}</>}
    </p>
  );
}

function EventLine({ event, zone, t }: { event: HistoryEvent; zone: string; t: Translate }) {
  const who = event.actor ?? t('owner.history.system');
  const handover = event.kind === 'reassigned' || event.kind === 'escalated' || (event.kind === 'raised' && event.to);
  return (
    <li class={`event event-${event.kind}`}>
      <time datetime={event.at.toISOString()}>{dateTime(event.at, zone)}</time> <strong>{t(`owner.event.${event.kind}`)}</strong>{' '}
      {t('owner.history.by', { who })}
      {handover && event.to && (
        <> · {event.from ? t('owner.history.fromTo', { from: event.from, to: event.to }) : t('owner.history.to', { to: event.to })}</>
      )}
      {event.note && <p class="note">{event.note}</p>}
    </li>
  );
}

/** The escalation's timeline, oldest first. */
export function Timeline({ card, t }: { card: EscalationCard; t: Translate }) {
  return (
    <ol class="timeline">
      {card.events.map((e) => (
        <EventLine event={e} zone={card.zone} t={t} />
      ))}
    </ol>
  );
}
