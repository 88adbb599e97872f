import { sql } from 'drizzle-orm';
import { executeRows, sqlInstant, sqlUuids, type Db } from '../../db/client.ts';
import type { Interval } from '../core/intervals.ts';

/** The longest a power reading stands for when no next reading follows. */
export const MAX_POWER_HOLD_MS = 5 * 60_000;

/**
 * The energy each station used in a window, summed in the database (energy readings are the most
 * numerous events, so reading them one by one cost a line's page most of its time):
 * - from a kWh meter (two readings or more), the sum of its increases, a meter that was reset
 *   starting again from its new reading;
 * - otherwise its power readings integrated, each standing until the next one, for at most
 *   MAX_POWER_HOLD_MS and never past the window's end.
 * A station without a reading in the window is absent (its energy is unknown, not zero).
 */
export async function energyByStation(db: Db, stationIds: readonly string[], window: Interval): Promise<Map<string, number>> {
  if (!stationIds.length) return new Map();
  const from = new Date(window.start);
  const to = new Date(window.end);
  const rows = await executeRows<{ station_id: string; kwh: number | string }>(
    db,
    sql`with readings as (
          select station_id, ts, event_id, kw, kwh from machine_events
          where station_id in (${sqlUuids(stationIds)}) and kind = 'energy' and ts >= ${sqlInstant(from)} and ts < ${sqlInstant(to)}
        ),
        meter as (
          select station_id, count(*) as readings,
            sum(case when previous is null then 0 when kwh >= previous then kwh - previous else kwh end) as kwh
          from (
            select station_id, kwh, lag(kwh) over (partition by station_id order by ts, event_id) as previous
            from readings where kwh is not null
          ) m
          group by station_id
        ),
        power as (
          select station_id,
            sum(kw * greatest(0, extract(epoch from
              least(coalesce(next_ts, 'infinity'::timestamptz), ts + ${`${MAX_POWER_HOLD_MS} milliseconds`}::interval, ${sqlInstant(to)}) - ts
            ))::float8 / 3600) as kwh
          from (
            select station_id, ts, kw, lead(ts) over (partition by station_id order by ts, event_id) as next_ts
            from readings where kw is not null
          ) p
          group by station_id
        )
        select coalesce(meter.station_id, power.station_id) as station_id,
          (case when meter.readings >= 2 then meter.kwh else power.kwh end)::float8 as kwh
        from meter full join power on power.station_id = meter.station_id`,
  );
  const energy = new Map<string, number>();
  for (const r of rows) if (r.kwh !== null) energy.set(r.station_id, Number(r.kwh));
  return energy;
}
