import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/db.ts';

const PATH = '/api/v1/me/notification-settings';

describe.each(databaseKinds)('GET/PUT /me/notification-settings (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers the defaults until the person saves their own, and keeps each person’s apart', async () => {
    const before = await t.call('GET', PATH, { as: 'planner' });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      channels: 'email',
      delivery: 'immediate',
      digestHour: 8,
      timezone: 'UTC',
      webhookUrl: null,
      email: 'planner@test.example',
    });
    const body = {
      channels: 'both',
      delivery: 'digest',
      digestHour: 6,
      timezone: 'Europe/Vienna',
      webhookUrl: 'https://chat.example.com/hooks/x',
    };
    const saved = await t.call('PUT', PATH, { as: 'planner', body });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ ...body, email: 'planner@test.example' });
    expect((await t.call('GET', PATH, { as: 'planner' })).body).toMatchObject(body);
    expect((await t.call('GET', PATH, { as: 'owner' })).body.channels).toBe('email');
  });

  it('refuses a webhook URL that is not http(s) or is missing for the webhook channel, naming the field', async () => {
    for (const webhookUrl of ['file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@chat.example.com/', 'nonsense']) {
      const res = await t.call('PUT', PATH, {
        as: 'owner',
        body: { channels: 'webhook', delivery: 'immediate', digestHour: 8, timezone: 'UTC', webhookUrl },
      });
      expect(res.status, webhookUrl).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.webhookUrl');
    }
    const missing = await t.call('PUT', PATH, {
      as: 'owner',
      body: { channels: 'webhook', delivery: 'immediate', digestHour: 8, timezone: 'UTC' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'body.webhookUrl', message: 'required for webhook notifications' }]);
    const hour = await t.call('PUT', PATH, {
      as: 'owner',
      body: { channels: 'none', delivery: 'digest', digestHour: 25, timezone: 'UTC' },
    });
    expect(hour.status).toBe(400);
  });

  it('refuses a webhook URL whose host is a loopback, private, link-local or otherwise internal address, naming the field', async () => {
    for (const webhookUrl of [
      'http://127.0.0.1:8080/hook',
      'http://2130706433/hook', // 127.0.0.1, as a URL parser reads it
      'http://10.20.30.40/hook',
      'http://172.16.0.1/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://0.0.0.0:5432/',
      'http://224.0.0.1/',
      'http://[::1]/hook',
      'http://[::]/hook',
      'http://[fe80::1]/hook',
      'http://[fd12:3456::1]/hook',
      'http://[ff02::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      const res = await t.call('PUT', PATH, {
        as: 'owner',
        body: { channels: 'webhook', delivery: 'immediate', digestHour: 8, timezone: 'UTC', webhookUrl },
      });
      expect(res.status, webhookUrl).toBe(400);
      expect(res.body.errors, webhookUrl).toEqual([{ path: 'body.webhookUrl', message: "the webhook's address is not allowed" }]);
    }
    expect((await t.call('GET', PATH, { as: 'owner' })).body.webhookUrl).toBeNull();
    // A public address is fine.
    const pub = await t.call('PUT', PATH, {
      as: 'owner',
      body: { channels: 'webhook', delivery: 'immediate', digestHour: 8, timezone: 'UTC', webhookUrl: 'https://203.0.113.7/hook' },
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    await t.call('PUT', PATH, { as: 'owner', body: { channels: 'email', delivery: 'immediate', digestHour: 8, timezone: 'UTC' } });
  });

  it('keeps the webhook URL, which holds the chat tool’s secret, out of the audit trail', async () => {
    const webhookUrl = 'https://chat.example.com/hooks/T000/B000/s3cr3t';
    const saved = await t.call('PUT', PATH, {
      as: 'viewer',
      body: { channels: 'webhook', delivery: 'digest', digestHour: 7, timezone: 'UTC', webhookUrl },
    });
    expect(saved.status).toBe(200);
    await t.call('PUT', PATH, { as: 'viewer', body: { channels: 'both', delivery: 'digest', digestHour: 9, timezone: 'UTC', webhookUrl } });
    for (const as of ['viewer', 'admin'] as const) {
      const trail = await t.call('GET', `/api/v1/audit/person/${t.people.viewer}`, { as });
      expect(trail.status).toBe(200);
      const entries = trail.body.items.filter((e: any) => e.action === 'notification-settings');
      expect(entries).toHaveLength(2);
      expect(entries[1].after).toMatchObject({ channels: 'both', digestHour: 9 });
      expect(entries[1].before).toMatchObject({ channels: 'webhook', digestHour: 7 });
      expect(JSON.stringify(trail.body)).not.toContain('s3cr3t');
      for (const e of entries) {
        expect(e.after).not.toHaveProperty('webhookUrl');
        if (e.before) expect(e.before).not.toHaveProperty('webhookUrl');
      }
    }
  });
});
