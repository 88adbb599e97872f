import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.ts';
import { createApp, type App } from '../../../server/app.ts';
import { startUnsSubscriber, type UnsSubscriber } from '../../../server/mqtt/index.ts';
import { createPersonWithToken } from '../../../server/people/index.ts';
import { startTestBroker, type TestBroker } from '../../helpers/broker.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../../helpers/privatePostgres.ts';
import { until } from '../../helpers/until.ts';

/**
 * The database goes away while machines keep publishing: the subscriber stops acknowledging,
 * holds the stream, and once the database is back stores every message, each event once.
 */
describe.skipIf(!privatePostgresAvailable)('MQTT ingest through a PostgreSQL outage', () => {
  let pg: PrivatePostgres;
  let database: Database;
  let app: App;
  let token: string;
  let broker: TestBroker;
  let publisher: MqttClient;
  let subscriber: UnsSubscriber;
  const run = `twout-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const topic = `${run}/ent/site/area/line/op10/cycle`;

  async function ok(method: string, path: string, body: unknown) {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json();
  }
  async function stored(): Promise<{ total: number; distinct: number }> {
    const rows = await database.db.execute(
      'select count(*)::int as total, count(distinct event_id)::int as "distinct" from machine_events' as never,
    );
    return (rows as unknown as { total: number; distinct: number }[])[0];
  }

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    database = await openDatabase({ url: pg.url });
    token = (await createPersonWithToken(database.db, { name: 'Admin', email: 'admin@mqtt-outage.example', roles: ['admin'] }, 'admin'))
      .token;
    app = createApp({ db: database.db, dbKind: database.kind, clock: () => new Date() });
    const ent = await ok('POST', '/api/v1/enterprises', { code: 'ent', name: 'E' });
    const site = await ok('POST', '/api/v1/sites', { enterpriseId: ent.id, code: 'site', name: 'S' });
    const area = await ok('POST', '/api/v1/areas', { siteId: site.id, code: 'area', name: 'A' });
    const line = await ok('POST', '/api/v1/lines', { areaId: area.id, code: 'line', name: 'L' });
    await ok('POST', '/api/v1/stations', { lineId: line.id, code: 'op10', name: 'OP10', position: 1 });
    broker = await startTestBroker();
    subscriber = startUnsSubscriber(
      { db: database.db, dbKind: database.kind, clock: () => new Date() },
      {
        url: broker.url,
        clientId: `${run}-sub`,
        topicPrefix: `${run}/`,
        sessionExpirySeconds: 600,
        protocolVersion: broker.protocolVersion,
      },
      () => {},
    );
    await subscriber.ready;
    publisher = await mqtt.connectAsync(broker.url, { clientId: `${run}-pub`, clean: true });
  }, 90_000);
  afterAll(async () => {
    await subscriber?.stop();
    await publisher?.endAsync();
    const cleanup =
      broker && (await mqtt.connectAsync(broker.url, { clientId: `${run}-sub`, clean: true, protocolVersion: broker.protocolVersion }));
    await cleanup?.endAsync();
    await broker?.close();
    await database?.close();
    pg?.destroy();
  });

  it('holds acknowledgements while the database is down and stores every message once it is back', async () => {
    const publish = (i: number) =>
      publisher.publishAsync(topic, JSON.stringify({ id: `e${i}`, ts: new Date(Date.now() - 1000).toISOString(), cycleSeconds: 60 }), {
        qos: 1,
      });
    for (let i = 0; i < 5; i++) await publish(i);
    await until(async () => (await stored()).total === 5, 'the first five');
    pg.stop();
    for (let i = 5; i < 15; i++) await publish(i);
    await until(() => subscriber.stats().waitingForDatabase, 'the subscriber to notice', 30_000);
    pg.start();
    await until(async () => (await stored().catch(() => ({ total: 0 }))).total === 15, 'all fifteen after the outage', 60_000);
    expect(await stored()).toEqual({ total: 15, distinct: 15 });
    expect(subscriber.stats()).toMatchObject({ waitingForDatabase: false, accepted: 15 });
  }, 120_000);
});
