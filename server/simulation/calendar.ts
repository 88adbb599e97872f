import { calendarBoundaries } from '../../wasm-core/sim.ts';
import type { LineStop } from '../schedules/index.ts';

/**
 * A line's planned stops as the simulation core's calendar: in model time from `originMs`
 * (`unitMs` per model time unit), a line-wide stop on every station, a station's stop on that
 * station (a station the model does not hold is left out), each with the reason code `reasonOf`
 * gives its category.
 */
export function coreCalendar(
  stops: readonly LineStop[],
  stationIds: readonly string[],
  originMs: number,
  unitMs: number,
  reasonOf: (category: LineStop['category']) => number,
): Float64Array {
  const index = new Map(stationIds.map((id, i) => [id, i]));
  return calendarBoundaries(
    stops.flatMap((s) =>
      (s.stationId === null ? stationIds.map((_, i) => i) : index.has(s.stationId) ? [index.get(s.stationId)!] : []).map((station) => ({
        station,
        start: (s.start - originMs) / unitMs,
        end: (s.end - originMs) / unitMs,
        reason: reasonOf(s.category),
      })),
    ),
  );
}
