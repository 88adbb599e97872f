/**
 * Sustained machine-event ingest over HTTP into the compiled server: concurrent clients each send
 * batches of cycle events (every event new, so each is validated, de-duplicated against the key and
 * committed before the answer) for a fixed time, into a fresh PostgreSQL database and into PGlite.
 * Prints one line per target. Run with `npm run bench:ingest` (it builds first).
 *
 * The clients run on the same 2-core machine as the server and the database, so the figure is
 * what one server process sustains here, with the load generator's cost included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import postgres from 'postgres';
import { startCompiledServer } from '../helpers/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const MQTT_MESSAGES = Number(process.env.BENCH_MQTT_MESSAGES ?? 2000);
const MQTT_EVENTS_PER_MESSAGE = Number(process.env.BENCH_MQTT_EVENTS ?? 100);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const TOKEN = 'tw_demo_admin';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function run(
  label: string,
  env: Record<string, string | undefined>,
  port: number,
  withMqtt = false,
  database?: postgres.Sql,
): Promise<void> {
  const topicPrefix = `bench-${process.pid}-${port}/`;
  const mqttEnv = withMqtt
    ? { MQTT_URL, MQTT_TOPIC_PREFIX: topicPrefix, MQTT_CLIENT_PREFIX: `bench-${process.pid}-`, SPARKPLUG_GROUPS: 'off' }
    : {};
  // The demo's live feed would compete with the load being measured.
  const server = await startCompiledServer({ SEED: 'demo', DEMO_FEED: 'off', ...env, ...mqttEnv }, port);
  try {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const stations = (
      (await (await fetch(`${server.url}/api/v1/stations?limit=200`, { headers: auth })).json()) as { items: { id: string }[] }
    ).items;
    let sent = 0;
    let accepted = 0;
    const latencies: number[] = [];
    const end = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const base = Date.now() - 3_600_000;
    async function client(c: number) {
      let n = 0;
      while (performance.now() < end) {
        const events = Array.from({ length: BATCH }, (_, i) => {
          const k = n * BATCH + i;
          return {
            id: `b${c}-${k}`,
            kind: 'cycle',
            station: stations[k % stations.length].id,
            // Spread over the last hour, every event at its own millisecond per client.
            ts: new Date(base + ((k * CLIENTS + c) % 3_500_000)).toISOString(),
            product: 'P1',
            cycleSeconds: 55 + (k % 10),
          };
        });
        n++;
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1/ingest`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(events),
        });
        const body = (await res.json()) as { accepted: number; rejected: unknown[] };
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || body.rejected.length) throw new Error(`${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
        sent += BATCH;
        accepted += body.accepted;
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `${label}: ${Math.round(accepted / elapsed).toLocaleString('en')} events/s, p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms per ${BATCH}-event batch (${CLIENTS} clients, ${elapsed.toFixed(0)} s, ${accepted.toLocaleString('en')} of ${sent.toLocaleString('en')} accepted)`,
    );
    if (withMqtt) await overMqtt(label, server.url, topicPrefix, database);
  } finally {
    await server.stop();
  }
}

/**
 * The MQTT path: one publisher sends QoS 1 messages of MQTT_EVENTS_PER_MESSAGE events each to one
 * station's UNS topic; the figure is from the first publish until the server has stored them all
 * (each message committed before its acknowledgement, one message at a time).
 */
async function overMqtt(label: string, url: string, topicPrefix: string, db: postgres.Sql | undefined): Promise<void> {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const enterprises = ((await (await fetch(`${url}/api/v1/enterprises`, { headers: auth })).json()) as { items: { id: string }[] }).items;
  type Node = { id: string; path?: string; sites?: Node[]; areas?: Node[]; lines?: Node[]; stations?: Node[] };
  const root = (await (await fetch(`${url}/api/v1/enterprises/${enterprises[0].id}/hierarchy`, { headers: auth })).json()) as Node;
  const station = root.sites![0].areas![0].lines![0].stations![0];
  const path = station.path!;
  const stationId = station.id;
  const client = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-pub-${process.pid}`, clean: true });
  // Two hours back: before the HTTP clients' hour, so that the count below is of these events only.
  const base = Date.now() - 7_200_000;
  const total = MQTT_MESSAGES * MQTT_EVENTS_PER_MESSAGE;
  const from = new Date(base - 1000).toISOString();
  const to = new Date(base + total * 10 + 1000).toISOString();
  // Counted in the database directly: asking the server would load every event of the window.
  const stored = async () => {
    if (!db) throw new Error('the MQTT figure needs the PostgreSQL target');
    const [row] = await db.unsafe(`select count(*)::int as n from machine_events where station_id = $1 and ts >= $2 and ts < $3`, [
      stationId,
      from,
      to,
    ]);
    return row.n as number;
  };
  const started = performance.now();
  // In waves of WAVE messages, each wave waited for: a broker queues only so many messages for a
  // subscriber (Mosquitto's max_queued_messages, 1000 by default) and drops the rest, so a
  // publisher that runs ahead of it measures the broker's limit, not twinward's.
  const WAVE = 500;
  for (let first = 0; first < MQTT_MESSAGES; first += WAVE) {
    const last = Math.min(first + WAVE, MQTT_MESSAGES);
    await Promise.all(
      Array.from({ length: last - first }, (_, w) => {
        const m = first + w;
        const events = Array.from({ length: MQTT_EVENTS_PER_MESSAGE }, (_, i) => {
          const k = m * MQTT_EVENTS_PER_MESSAGE + i;
          return { id: `mq-${k}`, ts: new Date(base + k * 10).toISOString(), cycleSeconds: 55 };
        });
        return client.publishAsync(`${topicPrefix}${path}/cycle`, JSON.stringify(events), { qos: 1 });
      }),
    );
    const want = last * MQTT_EVENTS_PER_MESSAGE;
    for (let n = await stored(); n < want; n = await stored()) {
      if (performance.now() - started > 300_000) throw new Error(`only ${n} of ${want} events arrived over MQTT`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  await client.endAsync();
  console.log(
    `${label} over MQTT: ${Math.round(total / elapsed).toLocaleString('en')} events/s, ${Math.round(MQTT_MESSAGES / elapsed).toLocaleString('en')} messages/s (${MQTT_MESSAGES} QoS 1 messages of ${MQTT_EVENTS_PER_MESSAGE} events, one at a time, ${elapsed.toFixed(1)} s)`,
  );
}

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `twinward_bench_ingest_${process.pid}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const direct = postgres(url.toString(), { max: 1, onnotice: () => {} });
try {
  await run('postgres', { DATABASE_URL: url.toString() }, 3931, true, direct);
} finally {
  await direct.end();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
const dataDir = mkdtempSync(join(tmpdir(), 'twinward-bench-ingest-'));
try {
  await run('pglite  ', { DATABASE_URL: undefined, DATA_DIR: dataDir }, 3932);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
