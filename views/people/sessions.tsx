import { CsrfField } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { When } from '../audit/trail.tsx';
import { roleWords, sessionRowId, type AdminViewContext } from './model.ts';

/** A browser session as its person and admins see it: never its secret or CSRF token. */
export interface SessionModel {
  id: string;
  role: string;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string;
  address: string;
}

export const SESSIONS_ID = 'sessions';
const ZONE = 'UTC';

/** The browser a user agent names, shortly: enough to tell "the laptop" from "the tablet". */
export function browserOf(userAgent: string): string {
  if (!userAgent) return '–';
  const known = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent)?.[0];
  const system = /\(([^;)]+)/.exec(userAgent)?.[1];
  if (known) return system ? `${known.replace('Edg', 'Edge')} · ${system}` : known;
  return userAgent.length > 60 ? `${userAgent.slice(0, 59)}…` : userAgent;
}

export interface SessionRowProps {
  ctx: AdminViewContext;
  session: SessionModel;
  /** The session of this very request: ended with "Sign out", not from the list. */
  current: boolean;
  /** The page a plain form returns to: `/me` or the person's administration page. */
  from: string;
}

/** One session; also the htmx answer after ending it. */
export function SessionRow({ ctx, session, current, from }: SessionRowProps) {
  const { t } = ctx;
  const url = `/sessions/${session.id}/revoke`;
  const ended = session.revokedAt !== null || session.expiresAt <= ctx.now;
  return (
    <tr id={sessionRowId(session.id)}>
      <th scope="row">
        <When t={t} at={session.createdAt} now={ctx.now} zone={ZONE} />
      </th>
      <td>
        {roleWords(t, session.role)}
        <span class="muted small"> · {t(session.method === 'oidc' ? 'admin.sessions.oidc' : 'admin.sessions.password')}</span>
      </td>
      <td>
        <When t={t} at={session.lastSeenAt} now={ctx.now} zone={ZONE} />
      </td>
      <td title={session.userAgent}>
        {browserOf(session.userAgent)}
        <br />
        <span class="muted small">{session.address || '–'}</span>
      </td>
      <td>
        {session.revokedAt ? (
          <span class="badge bad">{t('admin.sessions.ended')}</span>
        ) : ended ? (
          <span class="badge warn">{t('admin.sessions.expired')}</span>
        ) : current ? (
          <span class="badge info">{t('admin.sessions.current')}</span>
        ) : (
          <span class="badge ok">{t('admin.sessions.live')}</span>
        )}
      </td>
      <td>
        {!ended && !current && (
          <form
            method="post"
            action={url}
            hx-post={url}
            hx-target={`#${sessionRowId(session.id)}`}
            hx-swap="outerHTML"
            hx-disabled-elt="find button"
          >
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="from" value={from} />
            <button type="submit" class="secondary">
              {t('admin.sessions.revoke')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

export interface SessionsSectionProps {
  ctx: AdminViewContext;
  sessions: SessionModel[];
  currentSessionId?: string;
  from: string;
  csvHref: string;
  /** For someone's own page: "your sessions". */
  own?: boolean;
}

/** The live browser sessions of a person, newest first, each with a way to end it. */
export function SessionsSection({ ctx, sessions, currentSessionId, from, csvHref, own }: SessionsSectionProps) {
  const { t } = ctx;
  return (
    <section id={SESSIONS_ID} class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t(own ? 'admin.sessions.ownTitle' : 'admin.sessions.title')}</h2>
      {sessions.length === 0 ? (
        <EmptyState message={t('admin.sessions.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.sessions.opened')}</th>
                  <th scope="col">{t('admin.sessions.role')}</th>
                  <th scope="col">{t('admin.sessions.lastSeen')}</th>
                  <th scope="col">{t('admin.sessions.device')}</th>
                  <th scope="col">{t('admin.people.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <SessionRow ctx={ctx} session={s} current={s.id === currentSessionId} from={from} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
