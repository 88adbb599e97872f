import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotifications } from '../../../server/notifications/index.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createDemoPages, type DemoPages, type PageClient } from '../../helpers/pages.ts';

const MARTIN = 'martin.novak@northwind.example';
const valid = { channels: 'email', delivery: 'digest', digestHour: '7', timezone: 'Europe/Prague', webhookUrl: '' };

describe.each(databaseKinds)('the notification settings page (%s)', (kind) => {
  let pages: DemoPages;
  let owner: PageClient;
  beforeAll(async () => {
    pages = await createDemoPages(kind);
    owner = await pages.as(MARTIN, 'owner');
  }, 60_000);
  afterAll(() => pages?.close());

  it('shows the settings form and the latest notifications with how each went', async () => {
    // The demo's escalations queued notifications; without a mail server they are kept as undeliverable.
    await deliverNotifications({ db: pages.database.db, clock: pages.clock }, pages.clock());
    const page = await owner.get('/me/notifications');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Notifications</h1>');
    expect(page.html).toContain('Email goes to martin.novak@northwind.example.');
    expect(page.html).toContain('no mail server set up');
    expect(page.html).toMatch(/<label for="notification-webhook">Webhook URL<\/label>/);
    expect(page.html).toContain('aria-labelledby="notification-history-heading"');
    expect(page.html).toMatch(/Not deliverable: email is not set up on this server/);
  });

  it('refuses a webhook URL that is not http(s), re-rendering the form with the field error (422)', async () => {
    for (const webhookUrl of [
      'not a url',
      'javascript:alert(1)',
      'ftp://chat.example.com/hook',
      'https://user:secret@chat.example.com/hook',
    ]) {
      const page = await owner.post('/me/notifications', { ...valid, channels: 'webhook', webhookUrl });
      expect(page.status, webhookUrl).toBe(422);
      expect(page.html).toContain('<h1>Notifications</h1>');
      expect(page.html).toContain('Error: an http:// or https:// URL without user or password');
      expect(page.html).toContain('aria-invalid="true"');
    }
    const missing = await owner.post('/me/notifications', { ...valid, channels: 'both' }, { htmx: true, target: 'notification-settings' });
    expect(missing.status).toBe(422);
    expect(missing.html).not.toContain('<html');
    expect(missing.html).toContain('Error: required for webhook notifications');
    const hour = await owner.post('/me/notifications', { ...valid, digestHour: '24' });
    expect(hour.status).toBe(422);
    const zone = await owner.post('/me/notifications', { ...valid, timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(422);
    expect(zone.html).toContain('an IANA time zone');
    // Nothing was saved by the refused forms.
    const settings = await owner.get('/me/notifications');
    expect(settings.html).toMatch(/<option value="immediate" selected="">/);
  });

  it('saves the settings as a plain form (303) and through htmx (the form, saying so)', async () => {
    const plain = await owner.post('/me/notifications', valid);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/me/notifications');
    const page = await owner.get('/me/notifications');
    expect(page.html).toMatch(/<option value="digest" selected="">/);
    expect(page.html).toMatch(/<option value="7" selected="">07:00<\/option>/);
    const fragment = await owner.post(
      '/me/notifications',
      { ...valid, channels: 'both', delivery: 'immediate', webhookUrl: 'https://chat.northwind.example/hooks/abc' },
      { htmx: true, target: 'notification-settings' },
    );
    expect(fragment.status).toBe(200);
    expect(fragment.html).not.toContain('<html');
    expect(fragment.html).toContain('id="notification-settings"');
    expect(fragment.html).toContain('Settings saved.');
    expect(fragment.html).toContain('value="https://chat.northwind.example/hooks/abc"');
  });

  it('reads a blank digest hour as not given: required for a daily digest, the hour kept otherwise', async () => {
    expect((await owner.post('/me/notifications', { ...valid, digestHour: '10' })).status).toBe(303);
    const digest = await owner.post('/me/notifications', { ...valid, digestHour: '' });
    expect(digest.status).toBe(422);
    expect(digest.html).toContain('Error: choose the hour of the daily digest');
    // Not saved as midnight.
    expect((await owner.get('/me/notifications')).html).toMatch(/<option value="10" selected="">10:00<\/option>/);
    const immediate = await owner.post('/me/notifications', { ...valid, delivery: 'immediate', digestHour: '' });
    expect(immediate.status).toBe(303);
    const page = await owner.get('/me/notifications');
    expect(page.html).toMatch(/<option value="immediate" selected="">/);
    expect(page.html).toMatch(/<option value="10" selected="">10:00<\/option>/);
    expect(page.html).not.toMatch(/<option value="0" selected="">/);
  });

  it('refuses a webhook on an internal address (422, on the field)', async () => {
    for (const webhookUrl of ['http://192.168.1.10/hook', 'http://[::1]:8080/hook', 'http://169.254.169.254/']) {
      const page = await owner.post('/me/notifications', { ...valid, channels: 'webhook', webhookUrl });
      expect(page.status, webhookUrl).toBe(422);
      expect(page.html).toContain('Error: the webhook&#39;s address is not allowed');
      expect(page.html).toContain('aria-invalid="true"');
    }
  });

  it('refuses a change without the CSRF token, and sends a signed-out visitor to sign in', async () => {
    const forged = await owner.post('/me/notifications', valid, { csrf: null });
    expect(forged.status).toBe(403);
    const anonymous = await pages.app.request('/me/notifications');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fme%2Fnotifications');
  });

  it('exports the latest notifications as CSV', async () => {
    const csv = await owner.get('/me/notifications?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.html.split('\r\n')[0]).toBe(
      '\uFEFFcreated_at,kind,subject,link,channel,delivery,status,attempts,sent_at,next_attempt_at,last_error',
    );
  });
});
