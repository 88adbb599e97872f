import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { workSchedules } from '../../db/schema/index.ts';
import { intersect, normalize, subtract, type Interval } from '../core/intervals.ts';
import { shiftsIn } from './planned.ts';
import { plannedStopsOfLine } from './schedules.ts';

/** A planned stop of a line (or of one station) in a window, in epoch ms, with its category. */
export interface LineStop extends Interval {
  category: 'break' | 'no_shift' | 'no_order' | 'planned_maintenance';
  /** Null: every station of the line. */
  stationId: string | null;
}

/**
 * Every planned stop of a line in a window, as a simulation calendar needs them: the time outside
 * the site's shifts (`no_shift`), the shifts' breaks, and the planned stops of the site, the line
 * and its stations. Without a schedule only the planned stops.
 */
export async function lineStopsIn(db: Db, site: { id: string; timezone: string }, lineId: string, window: Interval): Promise<LineStop[]> {
  const stops: LineStop[] = [];
  const [schedule] = await db.select().from(workSchedules).where(eq(workSchedules.siteId, site.id));
  const shifts = schedule?.shifts ?? [];
  if (shifts.length) {
    const occurrences = shiftsIn(shifts, window, site.timezone);
    const operation = intersect(normalize(occurrences.map((o) => ({ start: o.start, end: o.end }))), [window]);
    for (const gap of subtract([window], operation)) stops.push({ ...gap, category: 'no_shift', stationId: null });
    for (const b of intersect(normalize(occurrences.flatMap((o) => o.breaks)), [window])) {
      stops.push({ ...b, category: 'break', stationId: null });
    }
  }
  for (const c of await plannedStopsOfLine(db, site.id, lineId, window)) {
    stops.push({
      start: c.startsAt.getTime(),
      end: c.endsAt.getTime(),
      category: c.category as LineStop['category'],
      stationId: c.stationId,
    });
  }
  return stops;
}
