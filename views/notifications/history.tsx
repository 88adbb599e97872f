import type { NotificationRow } from '../../server/notifications/history.ts';
import { dateTime } from '../../server/web/format.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { NotificationText } from './text.ts';

/** How a notification went, in words (with a status class that never carries the meaning alone). */
export function statusOf(row: NotificationRow, nt: NotificationText, zone: string): { text: string; tone: string } {
  if (row.status === 'sent') return { text: nt('notifications.status.sent', { at: dateTime(row.sentAt, zone) }), tone: 'ok' };
  if (row.status === 'failed') return { text: nt('notifications.status.failed', { reason: row.lastError ?? '' }), tone: 'bad' };
  if (row.status === 'undeliverable')
    return { text: nt('notifications.status.undeliverable', { reason: row.lastError ?? '' }), tone: 'warn' };
  if (row.lastError)
    return { text: nt('notifications.status.retrying', { at: dateTime(row.nextAttemptAt, zone), reason: row.lastError }), tone: 'warn' };
  return { text: nt('notifications.status.pending', { at: dateTime(row.nextAttemptAt, zone) }), tone: 'info' };
}

/** The person's latest notifications, newest first, each with its channel and how it went. */
export function NotificationHistory({
  t,
  nt,
  rows,
  zone,
  csvHref,
}: {
  t: Translate;
  nt: NotificationText;
  rows: NotificationRow[];
  zone: string;
  csvHref: string;
}) {
  return (
    <section class="card" aria-labelledby="notification-history-heading">
      <h2 id="notification-history-heading">{nt('notifications.recent')}</h2>
      {rows.length === 0 ? (
        <EmptyState message={nt('notifications.none')}>
          <p class="muted">{nt('notifications.noneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{nt('notifications.col.when')}</th>
                  <th scope="col">{nt('notifications.col.what')}</th>
                  <th scope="col">{nt('notifications.col.channel')}</th>
                  <th scope="col">{nt('notifications.col.status')}</th>
                  <th scope="col" class="num">
                    {nt('notifications.col.attempts')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const status = statusOf(r, nt, zone);
                  return (
                    <tr>
                      <td>
                        <time datetime={r.createdAt.toISOString()}>{dateTime(r.createdAt, zone)}</time>
                      </td>
                      <th scope="row">
                        <a href={r.link}>{r.subject}</a>
                      </th>
                      <td>
                        {nt(`notifications.channels.${r.channel}`)}
                        {r.delivery === 'digest' && <span class="badge info"> {nt('notifications.digestBadge')}</span>}
                      </td>
                      <td>
                        <span class={`badge ${status.tone}`}>{status.text}</span>
                      </td>
                      <td class="num">{r.attempts}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
