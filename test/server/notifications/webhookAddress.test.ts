import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationSettings, readEnv } from '../../../server/env.ts';
import { postWebhook } from '../../../server/notifications/webhook.ts';
import {
  isPublicAddress,
  isRefusedLiteral,
  NOT_ALLOWED,
  WebhookRefused,
  type ResolveHost,
} from '../../../server/notifications/webhookAddress.ts';
import { startWebhookReceiver, type WebhookReceiver } from './sinks.ts';

const body = { text: 'hello', digest: false, events: [] };

describe('which addresses a webhook may be posted to', () => {
  it('refuses loopback, private, link-local, unique-local, unspecified, multicast and CGNAT addresses, in either family', () => {
    for (const ip of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '224.0.0.251',
      '239.255.255.250',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fe80::1%eth0',
      'febf:ffff::1',
      'fc00::1',
      'fd12:3456:789a::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.1.2.3',
      '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
      '2002:c0a8:0101::1', // 6to4 of 192.168.1.1
      '[::1]',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('lets public addresses through, those next to the refused ranges included', () => {
    for (const ip of [
      '8.8.8.8',
      '203.0.113.7',
      '172.15.255.255',
      '172.32.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '169.255.0.1',
      '11.0.0.1',
      '2001:4860:4860::8888',
      '2a00:1450:4001:82b::200e',
      '::ffff:8.8.8.8',
      '2002:0808:0808::1',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
    expect(isPublicAddress('chat.example.com')).toBe(false);
  });

  it('judges the IP of a URL as saved, unless the host is allowed; host names wait for delivery', () => {
    expect(isRefusedLiteral('http://127.0.0.1:9000/hook', [])).toBe(true);
    expect(isRefusedLiteral('http://127.0.0.1:9000/hook', ['127.0.0.1'])).toBe(false);
    expect(isRefusedLiteral('http://[0:0::1]/hook', ['::1'])).toBe(false);
    expect(isRefusedLiteral('http://0x7f.1/hook', [])).toBe(true);
    expect(isRefusedLiteral('https://203.0.113.7/hook', [])).toBe(false);
    expect(isRefusedLiteral('http://localhost/hook', [])).toBe(false);
  });

  it('reads WEBHOOK_ALLOWED_HOSTS as a list of host names and IPs, and refuses anything else', () => {
    expect(readEnv({}).WEBHOOK_ALLOWED_HOSTS).toEqual([]);
    const env = readEnv({ WEBHOOK_ALLOWED_HOSTS: ' Mattermost.Plant.Local, 10.0.0.5 ,[fd00::5],' });
    expect(env.WEBHOOK_ALLOWED_HOSTS).toEqual(['mattermost.plant.local', '10.0.0.5', '[fd00::5]']);
    expect(notificationSettings(env).webhookAllowedHosts).toEqual(['mattermost.plant.local', '10.0.0.5', '[fd00::5]']);
    for (const bad of ['http://chat.local', 'chat.local:8065', 'chat.local/hooks', '*.plant.local', 'a b']) {
      expect(() => readEnv({ WEBHOOK_ALLOWED_HOSTS: bad }), bad).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    }
  });
});

describe('posting a webhook', () => {
  let hooks: WebhookReceiver;
  let port: string;
  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    port = new URL(hooks.url).port;
  });
  afterAll(() => hooks?.close());
  beforeEach(() => {
    hooks.hooks.length = 0;
  });

  /** A name server answering from a list, one answer per question, counting the questions. */
  function nameServer(...answers: string[][]): ResolveHost & { asked: number } {
    const resolve: ResolveHost = async () => {
      const answer = answers[Math.min(counted.asked, answers.length - 1)];
      counted.asked++;
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    const counted = Object.assign(resolve, { asked: 0 });
    return counted;
  }

  it('refuses a name that resolves to an internal address, before connecting, whatever else it resolves to', async () => {
    for (const answer of [['127.0.0.1'], ['203.0.113.7', '10.0.0.1'], ['::1']]) {
      const resolve = nameServer(answer);
      const post = postWebhook(`http://hooks.example.test:${port}/x`, body, { deliveryId: 'd1', timeoutMs: 2_000, resolve });
      await expect(post, answer.join()).rejects.toBeInstanceOf(WebhookRefused);
      await expect(post).rejects.toThrow(NOT_ALLOWED);
    }
    await expect(postWebhook(hooks.url, body, { deliveryId: 'd2', timeoutMs: 2_000 })).rejects.toThrow(NOT_ALLOWED);
    expect(hooks.hooks).toEqual([]);
  });

  it('connects to the address it checked, so a name server answering differently the second time changes nothing', async () => {
    // Allowed by name: it resolves once, to the receiver's address, and that is where the post goes
    // (the name itself does not exist: had the request looked it up again, it would have failed).
    const resolve = nameServer(['127.0.0.1'], ['203.0.113.7']);
    await postWebhook(`http://hooks.example.test:${port}/pinned`, body, {
      deliveryId: 'd3',
      timeoutMs: 2_000,
      allowedHosts: ['hooks.example.test'],
      resolve,
    });
    expect(resolve.asked).toBe(1);
    expect(hooks.hooks.map((h) => [h.path, h.headers.host, h.headers['x-twinward-delivery']])).toEqual([
      ['/pinned', `hooks.example.test:${port}`, 'd3'],
    ]);
    // Not allowed: checked public, then "rebound" to loopback. The post goes to the checked address
    // (unroutable here), never to the receiver on loopback.
    const rebinding = nameServer(['203.0.113.7'], ['127.0.0.1']);
    const post = postWebhook(`http://rebind.example.test:${port}/rebound`, body, { deliveryId: 'd4', timeoutMs: 500, resolve: rebinding });
    await expect(post).rejects.toThrow(/the webhook (did not answer in time|cannot be reached)/);
    expect(rebinding.asked).toBe(1);
    expect(hooks.hooks.map((h) => h.path)).toEqual(['/pinned']);
  });

  it('posts to an allowed receiver and says how it answered', async () => {
    await postWebhook(hooks.url, body, { deliveryId: 'd5', timeoutMs: 2_000, allowedHosts: ['127.0.0.1'] });
    expect(hooks.hooks).toHaveLength(1);
    expect(hooks.hooks[0].body).toEqual(body);
    expect(hooks.hooks[0].headers['content-type']).toBe('application/json');
    hooks.answerNext(1, 302);
    await expect(postWebhook(hooks.url, body, { deliveryId: 'd6', timeoutMs: 2_000, allowedHosts: ['127.0.0.1'] })).rejects.toThrow(
      'the webhook answered HTTP 302',
    );
    await hooks.close();
    const closed = postWebhook(hooks.url, body, { deliveryId: 'd7', timeoutMs: 2_000, allowedHosts: ['127.0.0.1'] });
    await expect(closed).rejects.toThrow('the webhook cannot be reached (ECONNREFUSED)');
    hooks = await startWebhookReceiver();
  });
});
