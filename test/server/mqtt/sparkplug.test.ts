import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { executeRows } from '../../../db/client.ts';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberOf, parseSparkplugTopic, startUnsSubscriber, type UnsSubscriber } from '../../../server/mqtt/index.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { startTestBroker, type TestBroker } from '../../helpers/broker.ts';
import { until } from '../../helpers/until.ts';
import { databaseKinds } from '../../helpers/db.ts';
import { createProgramFixture, type ProgramFixture } from '../../helpers/fixtures.ts';

const sparkplug = (
  createRequire(import.meta.url)('sparkplug-payload') as { get(ns: string): { encodePayload(p: object): Uint8Array } }
).get('spBv1.0');

describe('Sparkplug B topics and values', () => {
  it('name the group, message type, edge node and device', () => {
    expect(parseSparkplugTopic('spBv1.0/plant/DDATA/edge1/lathe')).toEqual({
      group: 'plant',
      type: 'DDATA',
      edgeNode: 'edge1',
      device: 'lathe',
    });
    expect(parseSparkplugTopic('spBv1.0/plant/NBIRTH/edge1')).toEqual({ group: 'plant', type: 'NBIRTH', edgeNode: 'edge1', device: '' });
    for (const t of [
      'spBv1.0/plant/NCMD/edge1',
      'spBv1.0/plant/DDATA/edge1',
      'spBv1.0/plant/NDATA/edge1/dev',
      'spAv1.0/plant/NDATA/edge1',
    ]) {
      expect(parseSparkplugTopic(t), t).toBeUndefined();
    }
  });
  it('reads 64-bit integers that come back as Long objects', () => {
    expect(numberOf({ toNumber: () => 42 })).toBe(42);
    expect(numberOf(7)).toBe(7);
    expect(numberOf('7')).toBeUndefined();
  });
});

describe.each(databaseKinds)('a Sparkplug B edge node on %s', (kind) => {
  let t: TestApp;
  let f: ProgramFixture;
  let broker: TestBroker;
  let edge: MqttClient;
  let host: UnsSubscriber;
  let station: string;
  let source: string;
  const run = `twsp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const group = run;
  const now = () => Date.now();
  const publish = (type: string, payload: object, device?: string) =>
    edge.publishAsync(`spBv1.0/${group}/${type}/edge1${device ? `/${device}` : ''}`, Buffer.from(sparkplug.encodePayload(payload)), {
      qos: 1,
    });
  async function events(kindOf: string) {
    t.clock.set(new Date());
    return executeRows<{ state: string; reason: string; good: number; cycle_seconds: number }>(
      t.database.db,
      sql`select state, reason, good, cycle_seconds from machine_events where station_id = ${station} and kind = ${kindOf} order by ts, event_id`,
    );
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    t = await createTestApp(kind, new Date().toISOString());
    f = await createProgramFixture(t);
    station = (await t.call('POST', '/api/v1/stations', { body: { lineId: f.lineId, code: 'op10', name: 'OP10', position: 1 } })).body.id;
    source = (
      await t.call('POST', `/api/v1/programs/${f.programId}/data-sources`, {
        body: {
          name: 'Line PLC',
          kind: 'plc_sensor',
          scope: { lineId: f.lineId },
          ownerId: t.people.owner,
          expectedRefreshSeconds: 60,
          maxLatencySeconds: 30,
        },
      })
    ).body.id;
    const mapped = await t.call('POST', '/api/v1/sparkplug/mappings', {
      body: { groupId: group, edgeNode: 'edge1', device: 'lathe', stationId: station },
    });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(201);
    host = startUnsSubscriber(
      // The host stamps a death with its own receive time: the real clock, as the edge node's.
      { db: t.database.db, dbKind: t.database.kind, clock: () => new Date() },
      {
        url: broker.url,
        clientId: `${run}-host`,
        topicPrefix: `${run}/`,
        sessionExpirySeconds: 600,
        protocolVersion: broker.protocolVersion,
        sparkplugGroups: [group],
      },
      () => {},
    );
    await host.ready;
    edge = await mqtt.connectAsync(broker.url, { clientId: `${run}-edge`, clean: true });
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    await edge?.endAsync();
    const cleanup = await mqtt.connectAsync(broker.url, { clientId: `${run}-host`, clean: true, protocolVersion: broker.protocolVersion });
    await cleanup.endAsync();
    await broker?.close();
    await t?.close();
  });

  it('learns aliases from the births, turns counter increases into cycles, and counts a seq gap', async () => {
    await publish('NBIRTH', { timestamp: now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 1 }] });
    await publish(
      'DBIRTH',
      {
        timestamp: now(),
        seq: 1,
        metrics: [
          { name: 'State', alias: 1, type: 'Int32', value: 10000 },
          { name: 'Counts/Good', alias: 2, type: 'Int64', value: 100 },
          { name: 'CycleTime', alias: 3, type: 'Double', value: 58 },
        ],
      },
      'lathe',
    );
    await publish(
      'DDATA',
      {
        timestamp: now(),
        seq: 2,
        metrics: [
          { alias: 2, type: 'Int64', value: 103 },
          { alias: 3, type: 'Double', value: 59.5 },
        ],
      },
      'lathe',
    );
    // seq 3 is lost on the way: 4 follows 2.
    await publish('DDATA', { timestamp: now() + 1, seq: 4, metrics: [{ alias: 1, type: 'Int32', value: 180001 }] }, 'lathe');
    await until(async () => (await events('state')).length === 2, 'the two states');
    expect((await events('state')).map((e) => [e.state, e.reason])).toEqual([
      ['running', null],
      ['unplanned_stop', '180001'],
    ]);
    expect((await events('cycle')).map((e) => [e.good, e.cycle_seconds])).toEqual([[3, 59.5]]);
    expect(host.stats().sparkplug).toMatchObject({ births: 2, seqGaps: 1, malformed: 0 });
    const nodes = await t.call('GET', '/api/v1/sparkplug/nodes');
    expect(nodes.body.items).toEqual([
      expect.objectContaining({ groupId: group, edgeNode: 'edge1', online: true, bdSeq: 1, seqGaps: 1, lastSeq: 4 }),
    ]);
    expect((await t.call('GET', `/api/v1/data-sources/${source}`)).body.freshness.status).toBe('fresh');
  });

  it('ignores the death of an older session, and on its own death marks the station offline and its source stale at once', async () => {
    await publish('NDEATH', { timestamp: now(), metrics: [{ name: 'bdSeq', type: 'Int64', value: 0 }] });
    await until(() => host.stats().sparkplug!.staleDeathsIgnored === 1, 'the stale death');
    expect((await t.call('GET', `/api/v1/data-sources/${source}`)).body.freshness.status).toBe('fresh');

    await publish('NDEATH', { timestamp: now(), metrics: [{ name: 'bdSeq', type: 'Int64', value: 1 }] });
    await until(() => host.stats().sparkplug!.deaths === 1, 'the death');
    const states = await events('state');
    expect(states[states.length - 1].state, JSON.stringify(states)).toBe('offline');
    const after = (await t.call('GET', `/api/v1/data-sources/${source}`)).body;
    expect(after.freshness.status).toBe('stale');
    expect(after.freshness.reason).toContain(`NDEATH of edge node ${group}/edge1 (bdSeq 1)`);
    const live = await t.call('GET', `/api/v1/lines/${f.lineId}/live`);
    expect(live.body.stations[0].state).toBe('offline');
    expect((await t.call('GET', '/api/v1/sparkplug/nodes')).body.items[0].online).toBe(false);
    // The stale source has opened an escalation to its owner.
    const escalations = await t.call('GET', `/api/v1/programs/${f.programId}/escalations`);
    expect(escalations.body.items.some((e: { subjectId: string }) => e.subjectId === source)).toBe(true);
  });

  it('counts a payload that is not Sparkplug, and goes on', async () => {
    // A varint cut off after its first byte: not a protobuf message.
    await edge.publishAsync(`spBv1.0/${group}/NDATA/edge1`, Buffer.from([0x08, 0xff]), { qos: 1 });
    await publish('NBIRTH', { timestamp: now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 2 }] });
    await until(() => host.stats().sparkplug!.births === 3, 'the rebirth');
    expect(host.stats().sparkplug!.malformed).toBe(1);
  });
});
