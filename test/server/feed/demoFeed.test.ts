import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows, type Database } from '../../../db/client.ts';
import { dataSources, lines, stations } from '../../../db/schema/index.ts';
import { createApp } from '../../../server/app.ts';
import { seedDemoPlant } from '../../../server/demo/demo.ts';
import { startDemoFeed } from '../../../server/feed/index.ts';
import { lineMetrics } from '../../../server/metrics/index.ts';
import { systemViewer } from '../../../server/access/index.ts';
import { createTestDatabase, databaseKinds } from '../../helpers/db.ts';

describe.each(databaseKinds)('the demo plant’s live feed on %s', (kind) => {
  let database: Database;
  // A clock that runs with real time from a fixed morning: 10:00 UTC is 11:00 in Brno.
  const base = Date.parse('2026-11-25T10:00:00Z');
  const started = Date.now();
  const clock = () => new Date(base + (Date.now() - started));
  let settings: Parameters<typeof startDemoFeed>[1];
  let crankshaft: string;
  let stationIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoPlant(database.db, new Date(base - 60_000));
    // Events reach the service's own POST /api/v1/ingest, with the demo gateway's token.
    const app = createApp({ db: database.db, dbKind: database.kind, clock, ingest: { retentionDays: 7 } });
    settings = { speedup: 100_000, backfillHours: 3, app, tickMs: 20 };
    [{ id: crankshaft }] = await database.db.select({ id: lines.id }).from(lines).where(eq(lines.code, 'crankshaft-1'));
    stationIds = (await database.db.select({ id: stations.id }).from(stations).where(eq(stations.lineId, crankshaft))).map((s) => s.id);
  }, 120_000);
  afterAll(async () => database?.close());

  const events = (where = sql`true`) =>
    executeRows<{ station_id: string; event_id: string; ts: string; kind: string; state: string; reason: string; good: number }>(
      database.db,
      sql`select station_id, event_id, ts, kind, state, reason, good from machine_events
          where station_id in (${sql.join(
            stationIds.map((s) => sql`${s}::uuid`),
            sql`, `,
          )}) and ${where} order by ts, event_id`,
    );

  it('backfills three hours up to now, never ahead of the clock, through ingest', async () => {
    const logs: string[] = [];
    const feed = await startDemoFeed({ db: database.db, clock }, settings, (l) => logs.push(l));
    expect(feed).not.toBeNull();
    await feed!.caughtUp;
    await feed!.stop();
    expect(feed!.counts().rejected).toBe(0);
    expect(logs[0]).toMatch(/crankshaft-1, gearbox-assembly, pump-2 from 2026-11-25T07:00/);
    const stored = await events();
    expect(stored.length).toBeGreaterThan(500);
    expect(new Date(stored[0].ts).getTime()).toBeGreaterThanOrEqual(base - 3 * 3_600_000);
    expect(new Date(stored[stored.length - 1].ts).getTime()).toBeLessThanOrEqual(clock().getTime());
    // Every station reports states, the exit station cycles; the 10:00–10:30 break (Brno time) is a planned stop.
    expect(new Set(stored.filter((e) => e.kind === 'state').map((e) => e.station_id)).size).toBe(7);
    const breakStarts = stored.filter((e) => e.state === 'planned_stop' && e.reason === 'P-BREAK');
    expect(breakStarts.map((e) => new Date(e.ts).toISOString())).toEqual(new Array(7).fill('2026-11-25T09:00:00.000Z'));
  });

  it('keeps the fed sources fresh and leaves the CMMS export stale', async () => {
    const sources = await database.db
      .select()
      .from(dataSources)
      .where(inArray(dataSources.code, ['crank-plc', 'mes-counts', 'energy-historian', 'cmms-export']));
    const age = (code: string) => clock().getTime() - sources.find((s) => s.code === code)!.lastSourceTimestamp!.getTime();
    expect(age('crank-plc')).toBeLessThan(5 * 60_000);
    expect(age('energy-historian')).toBeLessThan(5 * 60_000);
    expect(age('mes-counts')).toBeLessThan(20 * 60_000);
    expect(age('cmms-export')).toBeGreaterThan(90 * 3_600_000);
  });

  it('gives the line metrics what the events say: output is the exit station’s good cycles', async () => {
    const from = new Date(base - 3 * 3_600_000);
    const to = clock();
    const m = await lineMetrics(database.db, systemViewer, crankshaft, { from: from.toISOString(), to: to.toISOString() }, to);
    const [exit] = await database.db
      .select({ id: stations.id })
      .from(stations)
      .where(and(eq(stations.lineId, crankshaft), eq(stations.position, 7)));
    const cycles = (await events(sql`kind = 'cycle'`)).filter((e) => e.station_id === exit.id);
    expect(m.elements.PQ).toBe(cycles.length);
    expect(m.elements.GQ).toBe(cycles.filter((c) => c.good === 1).length);
    // The break, summed over the line's seven stations.
    expect(m.elements.plannedDown).toBe(7 * 30 * 60);
    expect(m.figures.oee.value).toBeGreaterThan(0.3);
  });

  it('resumes after a restart where the stored data ends, writing no second history', async () => {
    const before = await events();
    const latest = before[before.length - 1].ts;
    const feed = await startDemoFeed({ db: database.db, clock }, settings, () => {});
    await feed!.caughtUp;
    await feed!.stop();
    const after = await events();
    const added = after.length - before.length;
    expect(added).toBeGreaterThanOrEqual(0);
    expect(after.filter((e) => e.ts <= latest)).toHaveLength(before.length);
  });
});
