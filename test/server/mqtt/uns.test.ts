import { sql } from 'drizzle-orm';
import { executeRows } from '../../../db/client.ts';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnsTopic, startUnsSubscriber, type UnsSubscriber } from '../../../server/mqtt/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { startTestBroker, type TestBroker } from '../../helpers/broker.ts';
import { until } from '../../helpers/until.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

describe('Unified Namespace topics', () => {
  it('name a station and a kind below the prefix, and nothing else', () => {
    expect(parseUnsTopic('acme/e/s/a/l/op10/cycle', 'acme/')).toEqual({ station: 'e/s/a/l/op10', kind: 'cycle' });
    expect(parseUnsTopic('e/s/a/l/op10/state', '')).toEqual({ station: 'e/s/a/l/op10', kind: 'state' });
    for (const topic of [
      'acme/e/s/a/l/op10/temperature',
      'acme/e/s/a/l/cycle',
      'acme/e/s/a/l/x/y/cycle',
      'other/e/s/a/l/op10/cycle',
      'acme/e//a/l/op10/cycle',
    ]) {
      expect(parseUnsTopic(topic, 'acme/'), topic).toBeUndefined();
    }
  });
});

describe.each(databaseKinds)('MQTT ingest from the Unified Namespace on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let broker: TestBroker;
  let publisher: MqttClient;
  let subscriber: UnsSubscriber;
  let topic: (station: string, kind: string) => string;
  // Isolated on a shared broker: this file's own topic root and client ids.
  const run = `twtest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const prefix = `${run}/`;
  const clientId = `${run}-sub`;

  const start = () =>
    startUnsSubscriber(
      { db: t.database.db, dbKind: t.database.kind, clock: t.clock },
      { url: broker.url, clientId, topicPrefix: prefix, sessionExpirySeconds: 600, protocolVersion: broker.protocolVersion },
      () => {},
    );
  const publish = (to: string, payload: unknown) =>
    publisher.publishAsync(to, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  async function count(eventIdPrefix: string): Promise<number> {
    const rows = await executeRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from machine_events where event_id like ${eventIdPrefix + '%'}`,
    );
    return rows[0].n;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    t = await createTestApp(kind, new Date(Date.now()).toISOString());
    f = await createProgramFixture(t);
    await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code: 'op10', name: 'OP10', position: 1 } });
    const enterprise = (await t.call('GET', '/api/v1/enterprises')).body.items.find((e: { id: string }) => e.id === f.enterpriseId);
    topic = (station, k) => `${prefix}${enterprise.code}/brno/machining/cs1/${station}/${k}`;
    publisher = await mqtt.connectAsync(broker.url, { clientId: `${run}-pub`, clean: true });
    subscriber = start();
    await subscriber.ready;
  }, 60_000);
  afterAll(async () => {
    await subscriber?.stop();
    await publisher?.endAsync();
    // Remove the persistent session this file made on the broker.
    const cleanup = await mqtt.connectAsync(broker.url, { clientId, clean: true, protocolVersion: broker.protocolVersion });
    await cleanup.endAsync();
    await broker?.close();
    await t?.close();
  });

  it('stores the events of a station’s topic, one per message or a batch per message, and counts a replay once', async () => {
    const now = t.clock().getTime();
    const ts = (s: number) => new Date(now - 60_000 + s * 1000).toISOString();
    await publish(topic('op10', 'cycle'), { id: 'm1', ts: ts(0), cycleSeconds: 58 });
    await publish(topic('op10', 'state'), { id: 'm2', timestamp_ms: now - 30_000, state: 10000 });
    await publish(topic('op10', 'cycle'), [
      { id: 'm3', ts: ts(2), cycleSeconds: 59 },
      { id: 'm4', ts: ts(3), cycleSeconds: 61, scrap: 1 },
    ]);
    await publish(topic('op10', 'cycle'), { id: 'm1', ts: ts(0), cycleSeconds: 58 });
    await until(() => subscriber.stats().duplicates >= 1, 'the replay');
    expect(await count('m')).toBe(4);
    expect(subscriber.stats()).toMatchObject({ connected: true, accepted: 4, duplicates: 1, malformed: 0 });
  });

  it('counts a malformed payload and a rejected event, and goes on with the next message', async () => {
    const before = subscriber.stats();
    await publish(topic('op10', 'cycle'), 'not json {');
    await publish(topic('op10', 'cycle'), { id: 'bad', ts: '2000-01-01T00:00:00Z', cycleSeconds: 1 });
    await publish(topic('nowhere', 'cycle'), { id: 'lost', ts: t.clock().toISOString() });
    await publish(topic('op10', 'cycle'), { id: 'after', ts: t.clock().toISOString(), cycleSeconds: 60 });
    await until(async () => (await count('after')) === 1, 'the message after the bad ones');
    const now = subscriber.stats();
    expect(now.malformed - before.malformed).toBe(1);
    expect(now.rejected - before.rejected).toBe(2);
    expect(now.lastError).toContain('unknown_station');
  });

  it('keeps its session: what is published while it is away arrives when it is back', async () => {
    await subscriber.stop();
    for (let i = 0; i < 20; i++)
      await publish(topic('op10', 'cycle'), {
        id: `away${i}`,
        ts: new Date(t.clock().getTime() - i * 1000).toISOString(),
        cycleSeconds: 60,
      });
    expect(await count('away')).toBe(0);
    subscriber = start();
    await subscriber.ready;
    await until(async () => (await count('away')) === 20, 'the messages sent while away');
  });
});
