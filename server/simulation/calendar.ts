import { calendarBoundaries, type PlannedStop } from '../../wasm-core/sim.ts';
import type { LineStop } from '../schedules/index.ts';

/** Maintenance placed in the line's calendar, in epoch milliseconds: its station stops while it lasts. */
export interface PlacedMaintenance {
  stationId: string;
  start: number;
  end: number;
  /** Preventive work: the station's failure rate is multiplied by it afterwards (0 < f ≤ 1); null: no effect. */
  failureRateFactor: number | null;
}

export interface CalendarMaintenance {
  work: readonly PlacedMaintenance[];
  /** Each model station's MTBF in model time units (null: it does not fail). */
  mtbf: readonly (number | null)[];
  /** The reason code its stops carry. */
  reason: number;
}

/**
 * A line's planned stops as the simulation core's calendar: in model time from `originMs`
 * (`unitMs` per model time unit), a line-wide stop on every station, a station's stop on that
 * station (a station the model does not hold is left out), each with the reason code `reasonOf`
 * gives its category. Maintenance work stops its station too; preventive work ends with the
 * station's MTBF divided by its failure-rate factor, successive work on a station compounding
 * (two jobs of 0.5 leave a quarter of the failures).
 */
export function coreCalendar(
  stops: readonly LineStop[],
  stationIds: readonly string[],
  originMs: number,
  unitMs: number,
  reasonOf: (category: LineStop['category']) => number,
  maintenance?: CalendarMaintenance,
): Float64Array {
  const index = new Map(stationIds.map((id, i) => [id, i]));
  const model = (ms: number) => (ms - originMs) / unitMs;
  const planned: PlannedStop[] = stops.flatMap((s) =>
    (s.stationId === null ? stationIds.map((_, i) => i) : index.has(s.stationId) ? [index.get(s.stationId)!] : []).map((station) => ({
      station,
      start: model(s.start),
      end: model(s.end),
      reason: reasonOf(s.category),
    })),
  );
  if (maintenance) planned.push(...maintenanceStops(maintenance, index, model));
  return calendarBoundaries(planned);
}

function maintenanceStops(m: CalendarMaintenance, index: Map<string, number>, model: (ms: number) => number): PlannedStop[] {
  const mtbf = [...m.mtbf];
  return [...m.work]
    .filter((w) => index.has(w.stationId) && w.end > w.start)
    .sort((a, b) => a.end - b.end)
    .map((w) => {
      const station = index.get(w.stationId)!;
      const before = mtbf[station];
      const lowers = w.failureRateFactor !== null && w.failureRateFactor > 0 && w.failureRateFactor < 1 && before !== null && before > 0;
      if (lowers) mtbf[station] = before / w.failureRateFactor!;
      return {
        station,
        start: model(w.start),
        end: model(w.end),
        reason: m.reason,
        ...(lowers ? { mtbfAfter: mtbf[station]! } : {}),
      };
    });
}
