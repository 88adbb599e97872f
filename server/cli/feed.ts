/**
 * `twinward feed`: feeds a line's simulated plant into a twinward over HTTP or MQTT, from the
 * line's simulation model in the database (PostgreSQL: the embedded database belongs to the
 * server that runs on it), backfilling from `--from` at `--speedup` and then in real time.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { lines } from '../../db/schema/index.ts';
import { isUuid } from '../core/lookup.ts';
import { readEnv } from '../env.ts';
import { feedLines, httpSink, mqttSink, startFeed } from '../feed/index.ts';

const usage =
  'usage: twinward feed --line CODE|ID --to http://HOST:PORT|mqtt://HOST:1883 [--speedup N] [--from ISO|-6h] [--token T] [--topic-prefix P]\n' +
  '  (reads the line from DATABASE_URL; over HTTP the token, or TWINWARD_TOKEN, needs the ingest or integration role)';

/** `-6h`, `-30m`, `-2d` before now, or an ISO 8601 instant. */
export function parseFrom(text: string | undefined, now: number): number | null {
  if (!text) return now;
  const relative = /^-(\d+(?:\.\d+)?)([mhd])$/.exec(text);
  if (relative) return now - Number(relative[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
  const at = Date.parse(text);
  return Number.isNaN(at) || at > now ? null : at;
}

/** `--from -6h` reads as an option and its value (parseArgs alone takes `-6h` for an option). */
export function joinSpans(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--from' && /^-\d/.test(args[i + 1] ?? '')) out.push(`--from=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinSpans(args),
      options: {
        line: { type: 'string' },
        to: { type: 'string' },
        speedup: { type: 'string' },
        from: { type: 'string' },
        token: { type: 'string' },
        'topic-prefix': { type: 'string' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  const fail = (message: string) => {
    process.stderr.write(`${message}\n${usage}\n`);
    return 2;
  };
  if (!values.line) return fail('--line is needed');
  let target: URL;
  try {
    target = new URL(values.to ?? '');
  } catch {
    return fail('--to needs an http://, https://, mqtt:// or mqtts:// URL');
  }
  if (!/^(https?|mqtts?):$/.test(target.protocol)) return fail('--to needs an http://, https://, mqtt:// or mqtts:// URL');
  const speedup = Number(values.speedup ?? '1');
  if (!(speedup >= 1 && speedup <= 100_000)) return fail('--speedup is a number from 1 to 100000');
  const fromMs = parseFrom(values.from, Date.now());
  if (fromMs === null) return fail('--from is an instant in the past (ISO 8601) or a span back like -6h, -30m, -2d');
  const token = values.token ?? process.env.TWINWARD_TOKEN;
  if (target.protocol.startsWith('http') && !token) return fail('over HTTP the feed needs --token or TWINWARD_TOKEN');
  const env = readEnv();
  if (!env.DATABASE_URL) {
    return fail(
      'twinward feed reads the line from PostgreSQL (DATABASE_URL); the embedded database belongs to the server (its demo feeds itself)',
    );
  }
  const database = await openDatabase({ url: env.DATABASE_URL });
  const found = await database.db
    .select({ id: lines.id })
    .from(lines)
    .where(isUuid(values.line) ? eq(lines.id, values.line) : eq(lines.code, values.line));
  // A code is unique in its area only.
  if (found.length !== 1) {
    await database.close();
    return fail(found.length ? `${found.length} lines have the code ${values.line}: give the line's id` : `no line ${values.line}`);
  }
  const [line] = found;
  const { lines: fed, skipped } = await feedLines(database.db, [line.id]);
  if (!fed.length) {
    await database.close();
    process.stderr.write(`${skipped.join('; ')}\n`);
    return 1;
  }
  const sink = target.protocol.startsWith('http')
    ? httpSink(target.href, token!)
    : await mqttSink(target.href, {
        topicPrefix: values['topic-prefix'] ?? env.MQTT_TOPIC_PREFIX,
        username: env.MQTT_USERNAME,
        password: env.MQTT_PASSWORD,
      });
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const feed = startFeed(fed, sink, { speedup, fromMs, clock: Date.now, log });
  log(`feeding ${fed[0].key} from ${new Date(fromMs).toISOString()} at ${speedup}× to ${target.protocol}//${target.host}; Ctrl-C stops`);
  const report = setInterval(() => {
    const c = feed.counts();
    log(`  ${c.accepted} events sent, ${c.rejected} rejected, fed up to ${new Date(c.fedUntil).toISOString()}`);
  }, 10_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(report);
  await feed.stop();
  await database.close();
  return 0;
}
