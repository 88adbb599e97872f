import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';

/** What the escalation views are given: texts, the instant of the page and the session's CSRF token. */
export interface EscalationViewContext {
  t: Translate;
  now: Date;
  csrfToken: string;
}

export type Severity = 'critical' | 'high' | 'normal' | 'low';
export type EscalationStatus = 'open' | 'acknowledged' | 'resolved' | 'reopened';
export type EventKind =
  'raised' | 'acknowledged' | 'resolved' | 'reopened' | 'escalated' | 'comment' | 'data_flowing' | 'data_stale_again' | 'reassigned';

/** One step of an escalation's timeline, with the people named. */
export interface HistoryEvent {
  id: number;
  at: Date;
  kind: EventKind;
  /** Null: the system (a sweep) acted. */
  actor: string | null;
  from: string | null;
  to: string | null;
  note: string;
}

/** An escalation as the inbox and its own page show it. */
export interface EscalationCard {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  status: EscalationStatus;
  origin: 'manual' | 'freshness';
  breached: boolean;
  dueAt: Date;
  slaHours: number;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  escalationCount: number;
  subject: { type: 'use_case' | 'kpi' | 'milestone' | 'data_source'; name: string; href: string };
  program: { id: string; name: string };
  /** The program's calendar zone: every time of the escalation is shown in it. */
  zone: string;
  assignee: string;
  raisedBy: string | null;
  events: HistoryEvent[];
  /** Who it may be handed to. */
  assignable: { id: string; name: string; roles: string[] }[];
  /** What the signed-in person may do with it (the same policies and row checks as the API). */
  may: { handle: boolean; comment: boolean };
}

/** The actions a page offers on an escalation; each is `POST /escalations/{id}/{action}`. */
export const escalationActions = ['acknowledge', 'comment', 'reassign', 'resolve', 'reopen'] as const;
export type EscalationFormAction = (typeof escalationActions)[number];

/** A form of an escalation that came back refused: which one, why, and what was typed. */
export interface EscalationFormState {
  action: EscalationFormAction;
  errors: FieldErrors;
  values: Record<string, string>;
}

/** Where a card is shown: a row of the inbox, or the escalation's own page. */
export type CardPlace = 'inbox' | 'detail';

/** The id of the element an action re-renders, by place: `esc-…` in the inbox, `escalation-…` on its page. */
export function cardId(place: CardPlace, id: string): string {
  return place === 'inbox' ? `esc-${id}` : `escalation-${id}`;
}
