import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { AppDeps } from '../deps.ts';
import { defaultIngestSettings, ingestEvents, MAX_BATCH_EVENTS } from '../events/index.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { parseSparkplugTopic, SparkplugHost, type SparkplugStats } from './sparkplug.ts';
import { parseUnsTopic, payloadEvents, unsSubscriptions } from './unsTopics.ts';

export interface MqttSettings {
  url: string;
  /** Stable across restarts (prefix + instance id), so that the broker keeps the session. */
  clientId: string;
  /** Topics below this prefix (`''` or ending in `/`). */
  topicPrefix: string;
  /** How long the broker keeps the session (and the messages for it) while twinward is away (MQTT 5; a 3.1.1 broker keeps it by its own setting). */
  sessionExpirySeconds: number;
  /** 5 (MQTT 5, the default) or 4 (MQTT 3.1.1, for older brokers). */
  protocolVersion?: 4 | 5;
  username?: string;
  password?: string;
  /** Sparkplug B groups to follow (all with null); Sparkplug is off with false. */
  sparkplugGroups?: string[] | null | false;
}

export interface MqttStats {
  connected: boolean;
  messages: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Payloads that are not JSON, or carry too many events: acknowledged and dropped. */
  malformed: number;
  /** True while the database is away and acknowledgements are held back. */
  waitingForDatabase: boolean;
  lastError: string | null;
  sparkplug: SparkplugStats | null;
}

export interface UnsSubscriber {
  stats(): MqttStats;
  /** Resolves once connected and subscribed. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * Follows the Unified Namespace on an MQTT broker: QoS 1, a persistent session (clean start off,
 * a stable client id), and each message acknowledged only once its events are committed. The
 * client takes the broker's messages one at a time, so holding the acknowledgement holds the
 * stream: while the database is unavailable it retries the same message (the event key makes a
 * retry harmless) and takes nothing new; on a restart the broker delivers what was not
 * acknowledged. A malformed payload is counted, acknowledged and dropped, never retried.
 */
export function startUnsSubscriber(deps: AppDeps, settings: MqttSettings, log: (line: string) => void = console.log): UnsSubscriber {
  const stats: MqttStats = {
    connected: false,
    messages: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    malformed: 0,
    waitingForDatabase: false,
    lastError: null,
    sparkplug: null,
  };
  let stopped = false;
  const client: MqttClient = mqtt.connect(settings.url, {
    clientId: settings.clientId,
    clean: false,
    ...(settings.protocolVersion === 4
      ? { protocolVersion: 4 as const }
      : { protocolVersion: 5 as const, properties: { sessionExpiryInterval: settings.sessionExpirySeconds } }),
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
    username: settings.username,
    password: settings.password,
  });
  const ingestSettings = deps.ingest ?? defaultIngestSettings;
  const sparkplug = settings.sparkplugGroups === false ? null : new SparkplugHost(deps.db, deps.clock, ingestSettings);

  async function handle(packet: IPublishPacket): Promise<void> {
    stats.messages++;
    const node = sparkplug && parseSparkplugTopic(packet.topic);
    if (node) return withRetry(() => sparkplug.handle(node, packet.payload as Buffer));
    const target = parseUnsTopic(packet.topic, settings.topicPrefix);
    if (!target) return;
    const events = payloadEvents(packet.payload as Buffer);
    if (!events || events.length > MAX_BATCH_EVENTS) {
      stats.malformed++;
      return;
    }
    await withRetry(async () => {
      const result = await ingestEvents(deps.db, { siteIds: null }, events, deps.clock(), ingestSettings, target);
      stats.accepted += result.accepted;
      stats.duplicates += result.duplicates;
      stats.rejected += result.rejected.length;
      if (result.rejected.length) stats.lastError = `${packet.topic}: ${result.rejected[0].reason} (${result.rejected[0].message})`;
    });
  }

  /** Runs a message's work, again and again while the database is away (the event key makes a retry harmless). */
  async function withRetry(work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await work();
        stats.waitingForDatabase = false;
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        if (!stats.waitingForDatabase) log('mqtt: the database is unavailable; holding acknowledgements until it is back');
        stats.waitingForDatabase = true;
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
    // Stopping while the database is away: not acknowledged, so the broker delivers it again.
    throw new Error('stopped before the message was stored');
  }

  client.handleMessage = (packet, callback) => {
    handle(packet).then(
      () => callback(),
      (err: Error) => {
        if (stopped) return; // no acknowledgement: the session keeps the message
        stats.lastError = err.message;
        log(`mqtt: a message on ${packet.topic} could not be stored: ${err.message}`);
        callback();
      },
    );
  };

  const ready = new Promise<void>((resolve, reject) => {
    client.on('connect', (connack) => {
      stats.connected = true;
      // A resumed session keeps its subscriptions; subscribing again is harmless and covers a new one.
      if (connack.sessionPresent) log(`mqtt: resumed the session of ${settings.clientId}`);
      const sparkplugTopics = !sparkplug
        ? []
        : settings.sparkplugGroups
          ? settings.sparkplugGroups.map((g) => `spBv1.0/${g}/#`)
          : ['spBv1.0/#'];
      client.subscribe([...unsSubscriptions(settings.topicPrefix), ...sparkplugTopics], { qos: 1 }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  });
  client.on('close', () => {
    stats.connected = false;
  });
  client.on('error', (err) => {
    stats.lastError = err.message;
  });

  // What came in, every five minutes while anything does.
  let reported = 0;
  const summary = setInterval(() => {
    if (stats.messages === reported) return;
    reported = stats.messages;
    const sp = sparkplug?.stats;
    log(
      `mqtt: ${stats.messages} message(s): ${stats.accepted} event(s) stored, ${stats.duplicates} duplicate(s), ${stats.rejected} rejected, ${stats.malformed} malformed` +
        (sp
          ? `; Sparkplug: ${sp.births} birth(s), ${sp.deaths} death(s), ${sp.seqGaps} seq gap(s), ${sp.malformed} malformed, ${sp.unmapped} unmapped`
          : ''),
    );
  }, 300_000);
  summary.unref();

  return {
    stats: () => ({ ...stats, sparkplug: sparkplug ? { ...sparkplug.stats } : null }),
    ready,
    async stop() {
      stopped = true;
      clearInterval(summary);
      await client.endAsync(true);
    },
  };
}
