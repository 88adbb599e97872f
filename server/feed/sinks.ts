/**
 * Where the feed's events go. `httpSink` posts NDJSON batches to `POST /api/v1/ingest` with a
 * machine token: to a twinward over the network, or, for the demo inside the service, to its own
 * app without a socket (`fetch` is then the app's); `mqttSink` publishes each event to its Unified
 * Namespace topic with QoS 1. Either way the events take the path a plant's take.
 */
import type { FeedEvent } from './translate.ts';
import type { FeedSink } from './feed.ts';

export function httpSink(baseUrl: string, token: string, fetcher: (url: URL, init: RequestInit) => Promise<Response> = fetch): FeedSink {
  const url = new URL('/api/v1/ingest', baseUrl);
  return {
    async send(events) {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: events.map((e) => JSON.stringify(e)).join('\n'),
      });
      if (!response.ok) throw new Error(`${url.href} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      const body = (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      return { accepted: body.accepted + body.duplicates, rejected: body.rejected.length };
    },
  };
}

/** The topic of an event: its station's UNS path, then its kind (the payload carries the rest). */
export function topicOf(prefix: string, event: FeedEvent): string {
  return `${prefix}${event.station}/${event.kind}`;
}

export async function mqttSink(
  url: string,
  options: { topicPrefix?: string; clientId?: string; username?: string; password?: string } = {},
): Promise<FeedSink> {
  // Loaded only when used: the MQTT client weighs about 18 MiB.
  const mqtt = (await import('mqtt')).default;
  const client = await mqtt.connectAsync(url, {
    clientId: options.clientId ?? `twinward-feed-${process.pid}`,
    clean: true,
    username: options.username,
    password: options.password,
  });
  const prefix = options.topicPrefix ?? '';
  return {
    async send(events) {
      await Promise.all(
        events.map((e) => {
          const { station: _station, kind: _kind, ...payload } = e;
          return client.publishAsync(topicOf(prefix, e), JSON.stringify(payload), { qos: 1 });
        }),
      );
      // The broker acknowledged each message; whether the service took it is the service's log to tell.
      return { accepted: events.length, rejected: 0 };
    },
    async close() {
      await client.endAsync();
    },
  };
}
