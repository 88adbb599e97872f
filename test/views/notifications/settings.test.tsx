import { describe, expect, it } from 'vitest';
import type { NotificationRow } from '../../../server/notifications/history.ts';
import { translator } from '../../../server/web/i18n.ts';
import { NotificationHistory, statusOf } from '../../../views/notifications/history.tsx';
import { SettingsForm } from '../../../views/notifications/settings.tsx';
import { notificationText } from '../../../views/notifications/text.ts';

const t = translator('en');
const nt = notificationText(t);
const hostile = '<script>alert(1)</script>';

function row(overrides: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id: 'n1',
    kind: 'escalation_assigned',
    subject: 'Escalation assigned to you: Spindle',
    link: '/escalations/e1',
    channel: 'email',
    delivery: 'immediate',
    status: 'sent',
    attempts: 1,
    nextAttemptAt: new Date('2026-11-25T08:00:00Z'),
    lastError: null,
    sentAt: new Date('2026-11-25T08:00:30Z'),
    createdAt: new Date('2026-11-25T08:00:00Z'),
    ...overrides,
  };
}

describe('the notification settings form', () => {
  it('labels every field, marks the chosen values and shows a field error beside its field', async () => {
    const html = String(
      await (
        <SettingsForm
          nt={nt}
          values={{ channels: 'both', delivery: 'digest', digestHour: '7', timezone: 'Europe/Prague', webhookUrl: hostile }}
          errors={{ webhookUrl: 'an http:// or https:// URL without user or password' }}
          csrfToken="tok"
          email={`${hostile}@x`}
          smtpReady={false}
        />
      ),
    );
    for (const id of [
      'notification-channels',
      'notification-delivery',
      'notification-digest-hour',
      'notification-timezone',
      'notification-webhook',
    ])
      expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('<option value="both" selected="">Email and webhook</option>');
    expect(html).toContain('<option value="7" selected="">07:00</option>');
    expect(html).toContain('hx-post="/me/notifications"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok"/>');
    expect(html).toMatch(
      /id="notification-webhook" name="webhookUrl" aria-invalid="true" aria-describedby="notification-webhook-hint notification-webhook-error"/,
    );
    expect(html).toContain('Error: an http:// or https:// URL without user or password');
    expect(html).toContain('no mail server set up');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the latest notifications', () => {
  it('says in words how each went, with the reason of a failure', () => {
    expect(statusOf(row(), nt, 'Europe/Prague')).toEqual({ text: 'Sent 2026-11-25 09:00', tone: 'ok' });
    expect(statusOf(row({ status: 'pending', sentAt: null, lastError: 'the webhook answered HTTP 503' }), nt, 'UTC').text).toBe(
      'Retrying 2026-11-25 08:00: the webhook answered HTTP 503',
    );
    expect(statusOf(row({ status: 'failed', lastError: 'boom' }), nt, 'UTC')).toEqual({ text: 'Failed: boom', tone: 'bad' });
    expect(statusOf(row({ status: 'undeliverable', lastError: 'no SMTP' }), nt, 'UTC').text).toBe('Not deliverable: no SMTP');
  });

  it('lists them with a CSV link, escapes what they say, and shows an empty state when there are none', async () => {
    const html = String(
      await (
        <NotificationHistory
          t={t}
          nt={nt}
          rows={[row({ subject: hostile, delivery: 'digest' })]}
          zone="UTC"
          csvHref="/me/notifications?format=csv"
        />
      ),
    );
    expect(html).toContain('href="/me/notifications?format=csv"');
    expect(html).toContain('<th scope="row"><a href="/escalations/e1">&lt;script&gt;alert(1)&lt;/script&gt;</a></th>');
    expect(html).toContain('digest');
    expect(html).not.toContain('<script>');
    const empty = String(await (<NotificationHistory t={t} nt={nt} rows={[]} zone="UTC" csvHref="" />));
    expect(empty).toContain('No notifications yet.');
    expect(empty).not.toContain('<table');
  });
});
