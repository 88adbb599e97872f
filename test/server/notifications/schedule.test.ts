import { describe, expect, it } from 'vitest';
import { notificationSettings, readEnv } from '../../../server/env.ts';
import { isWebhookUrl, nextDigestAt, retryAt } from '../../../server/notifications/index.ts';

describe('when notifications go out', () => {
  it('sends a digest at the next digest hour on the zone’s wall clock, across daylight-saving changes', () => {
    // 06:00 in Prague (CET): today at 09:00 local.
    expect(nextDigestAt(new Date('2026-11-25T05:00:00Z'), 9, 'Europe/Prague').toISOString()).toBe('2026-11-25T08:00:00.000Z');
    // Exactly at the hour: now; a minute after: tomorrow.
    expect(nextDigestAt(new Date('2026-11-25T08:00:00Z'), 9, 'Europe/Prague').toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-25T08:01:00Z'), 9, 'Europe/Prague').toISOString()).toBe('2026-11-26T08:00:00.000Z');
    // The night summer time ends (25 October 2026): 08:00 CET is 07:00 UTC, one hour later in UTC terms than the day before.
    expect(nextDigestAt(new Date('2026-10-24T07:00:00Z'), 8, 'Europe/Prague').toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('waits longer after each failure', () => {
    const t0 = new Date('2026-11-25T08:00:00Z');
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => (retryAt(t0, n).getTime() - t0.getTime()) / 60_000);
    expect(waits).toEqual([1, 5, 15, 60, 120, 360, 600]);
    expect(retryAt(t0, 20).getTime() - t0.getTime()).toBe(600 * 60_000);
  });

  it('posts only to http(s) URLs without credentials', () => {
    expect(isWebhookUrl('https://hooks.slack.com/services/T/B/x')).toBe(true);
    expect(isWebhookUrl('http://127.0.0.1:8065/hooks/abc')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://host/x', 'file:///etc/passwd', 'https://u:p@host/x', '/relative', ''])
      expect(isWebhookUrl(bad), bad).toBe(false);
  });
});

describe('the mail settings of the environment', () => {
  it('takes SMTP_URL and MAIL_FROM together, and PUBLIC_URL alone for the links', () => {
    expect(notificationSettings(readEnv({}))).toEqual({ smtp: undefined, publicUrl: 'http://localhost:3000', webhookAllowedHosts: [] });
    const env = readEnv({
      SMTP_URL: 'smtp://user:pass@mail.plant.example:587',
      MAIL_FROM: 'twinward <twin@plant.example>',
      PUBLIC_URL: 'https://twin.plant.example/',
    });
    expect(notificationSettings(env)).toEqual({
      smtp: { url: 'smtp://user:pass@mail.plant.example:587', from: 'twinward <twin@plant.example>' },
      publicUrl: 'https://twin.plant.example',
      webhookAllowedHosts: [],
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => readEnv({ SMTP_URL: 'smtp://mail.plant.example' })).toThrow(/MAIL_FROM: needed with SMTP_URL/);
    expect(() => readEnv({ MAIL_FROM: 'twin@plant.example' })).toThrow(/SMTP_URL: needed with MAIL_FROM/);
    expect(() => readEnv({ SMTP_URL: 'http://mail.plant.example', MAIL_FROM: 'twin@plant.example' })).toThrow(/SMTP_URL: must be smtp:/);
    expect(() => readEnv({ SMTP_URL: 'smtps://mail.plant.example:465', MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM: an address/);
    expect(() => readEnv({ PUBLIC_URL: 'https://twin.plant.example/?x=1' })).toThrow(/PUBLIC_URL: must have no query/);
  });
});
