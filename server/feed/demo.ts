/**
 * The demo plant's live feed: every demo line with a simulation model is fed to the service's own
 * `POST /api/v1/ingest` (in process, with the demo edge gateway's machine token) from where its
 * data stopped (at most the backfill window ago), at the speed-up until it reaches now, then in
 * real time. Its PLC, MES and energy sources stay fresh while the
 * service runs and go stale when it stops; the CMMS export is never fed (the stale example).
 */
import { eq, max, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, enterprises, lines, machineEvents, sites, stations } from '../../db/schema/index.ts';
import { DEMO_ENTERPRISE_CODE, DEMO_GATEWAY_TOKEN } from '../demo/index.ts';
import { startFeed, type RunningFeed } from './feed.ts';
import { feedLines } from './lines.ts';
import { httpSink } from './sinks.ts';

/** The lines of the demo enterprise; empty when this installation is not the demo. */
export async function demoLineIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: lines.id })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .innerJoin(enterprises, eq(enterprises.id, sites.enterpriseId))
    .where(eq(enterprises.code, DEMO_ENTERPRISE_CODE));
  return rows.map((r) => r.id);
}

export interface DemoFeedSettings {
  speedup: number;
  backfillHours: number;
  /** The service's own app: events go to its `POST /api/v1/ingest`, without a socket. */
  app: { request(input: Request): Response | Promise<Response> };
  /** How often the feed moves on (1 s by default). */
  tickMs?: number;
}

/** Starts the demo feed, or answers null when there is nothing to feed. */
export async function startDemoFeed(
  deps: { db: Db; clock: () => Date },
  settings: DemoFeedSettings,
  log: (line: string) => void,
): Promise<RunningFeed | null> {
  const ids = await demoLineIds(deps.db);
  const { lines: fed, skipped } = await feedLines(deps.db, ids);
  for (const s of skipped) log(`demo feed: ${s}, not fed`);
  if (!fed.length) return null;
  const now = deps.clock().getTime();
  // Resume where the stored data ends, so that a restart never writes a second history over the first.
  const [latest] = await deps.db
    .select({ ts: max(machineEvents.ts) })
    .from(machineEvents)
    .innerJoin(stations, eq(stations.id, machineEvents.stationId))
    .where(inArray(stations.lineId, ids));
  const oldest = now - settings.backfillHours * 3_600_000;
  const fromMs = Math.min(now, Math.max(oldest, latest?.ts ? new Date(latest.ts).getTime() + 1 : oldest));
  const sink = httpSink('http://twinward.local', DEMO_GATEWAY_TOKEN, (url, init) =>
    Promise.resolve(settings.app.request(new Request(url, init))),
  );
  const feed = startFeed(fed, sink, {
    speedup: settings.speedup,
    fromMs,
    clock: () => deps.clock().getTime(),
    tickMs: settings.tickMs,
    log,
  });
  const hours = (now - fromMs) / 3_600_000;
  log(
    `demo feed: ${fed.map((l) => l.key).join(', ')} from ${new Date(fromMs).toISOString()}` +
      (hours > 0.01 ? `, backfilling ${hours.toFixed(1)} h at ${settings.speedup}× real time` : ', in real time'),
  );
  const started = Date.now();
  void feed.caughtUp.then(() => {
    const c = feed.counts();
    log(`demo feed: caught up with now in ${((Date.now() - started) / 1000).toFixed(0)} s (${c.accepted} events); now in real time`);
  });
  return feed;
}
