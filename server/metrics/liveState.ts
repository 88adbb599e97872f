import { sql } from 'drizzle-orm';
import { executeRows, sqlInstant, sqlUuids, type Db } from '../../db/client.ts';
import type { StateClass } from '../events/index.ts';
import type { BufferLevel } from './buffers.ts';
import type { StateChange } from './elements.ts';
import { CLOCK_SKEW_MS } from '../core/calendar.ts';

/**
 * The live reads of a line's stations, each one query for all of them: a lateral join gives every
 * station its own index scan that stops at the first row it needs, where a query per station made
 * a page of a 14-station line wait for 40 round trips, and DISTINCT ON would read every row.
 */

const time = (value: Date | string): number => new Date(value).getTime();

/** Each station's last state change before `before`, the state it entered a window in. */
export async function statesBefore(db: Db, stationIds: readonly string[], before: Date): Promise<Map<string, StateChange>> {
  if (!stationIds.length) return new Map();
  const rows = await executeRows<{ station_id: string; ts: Date | string; state: string; reason: string | null }>(
    db,
    sql`select s.id as station_id, e.ts, e.state, e.reason
        from unnest(array[${sqlUuids(stationIds)}]) as s(id)
        cross join lateral (
          select ts, state, reason from machine_events
          where station_id = s.id and kind = 'state' and ts < ${sqlInstant(before)}
          order by ts desc limit 1
        ) e`,
  );
  return new Map(rows.map((r) => [r.station_id, { ts: time(r.ts), state: r.state as StateClass, reason: r.reason }]));
}

export interface CurrentState {
  state: StateClass;
  reason: string | null;
  /** When the run of equal states that ends with the newest one began. */
  since: number;
  latest: number;
}

/**
 * Each station's newest state and since when it has been in it: the first state change after the
 * newest one that differs from it (in state or reason), or its first ever. Stations that never
 * reported a state are absent.
 */
export async function currentStates(db: Db, stationIds: readonly string[], now: Date): Promise<Map<string, CurrentState>> {
  if (!stationIds.length) return new Map();
  const notAfter = new Date(now.getTime() + CLOCK_SKEW_MS);
  const rows = await executeRows<{
    station_id: string;
    latest: Date | string;
    state: string;
    reason: string | null;
    since: Date | string | null;
  }>(
    db,
    sql`select s.id as station_id, l.ts as latest, l.state, l.reason, f.ts as since
        from unnest(array[${sqlUuids(stationIds)}]) as s(id)
        cross join lateral (
          select ts, state, reason from machine_events
          where station_id = s.id and kind = 'state' and ts < ${sqlInstant(notAfter)}
          order by ts desc, event_id desc limit 1
        ) l
        left join lateral (
          select ts from machine_events
          where station_id = s.id and kind = 'state' and ts < l.ts
            and (state <> l.state or reason is distinct from l.reason)
          order by ts desc limit 1
        ) d on true
        left join lateral (
          select ts from machine_events
          where station_id = s.id and kind = 'state' and ts < ${sqlInstant(notAfter)} and (d.ts is null or ts > d.ts)
          order by ts asc limit 1
        ) f on true`,
  );
  return new Map(
    rows.map((r) => [
      r.station_id,
      { state: r.state as StateClass, reason: r.reason, since: time(r.since ?? r.latest), latest: time(r.latest) },
    ]),
  );
}

/** The newest measured buffer level before each station whose plant measures it. */
export async function latestBuffers(db: Db, stationIds: readonly string[], now: Date): Promise<Map<string, BufferLevel>> {
  if (!stationIds.length) return new Map();
  const rows = await executeRows<{ station_id: string; ts: Date | string; level: number | null }>(
    db,
    sql`select s.id as station_id, b.ts, b.buffer_level as level
        from unnest(array[${sqlUuids(stationIds)}]) as s(id)
        cross join lateral (
          select ts, buffer_level from machine_events
          where station_id = s.id and kind = 'buffer' and ts < ${sqlInstant(new Date(now.getTime() + CLOCK_SKEW_MS))}
          order by ts desc limit 1
        ) b`,
  );
  const levels = new Map<string, BufferLevel>();
  for (const r of rows)
    if (r.level !== null) levels.set(r.station_id, { level: r.level, basis: 'measured', at: new Date(r.ts).toISOString() });
  return levels;
}

/** The product of each station's newest cycle (the part it works on, or last worked on); stations without one are absent. */
export async function latestProducts(db: Db, stationIds: readonly string[], now: Date): Promise<Map<string, string>> {
  if (!stationIds.length) return new Map();
  const rows = await executeRows<{ station_id: string; product: string }>(
    db,
    sql`select s.id as station_id, c.product
        from unnest(array[${sqlUuids(stationIds)}]) as s(id)
        cross join lateral (
          select product from machine_events
          where station_id = s.id and kind = 'cycle' and product is not null
            and ts < ${sqlInstant(new Date(now.getTime() + CLOCK_SKEW_MS))}
          order by ts desc limit 1
        ) c`,
  );
  return new Map(rows.map((r) => [r.station_id, r.product]));
}
