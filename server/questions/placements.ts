/**
 * Where a maintenance job could go this week: the feasible starts of a work order (inside its
 * earliest–latest window, finishing inside the week), the line's and the station's planned stops
 * first — those long enough to hold the whole job before those that are not — then production
 * time at the earliest feasible start and at the start of each shift's production after it.
 */
import type { LineStop } from '../schedules/index.ts';

export interface WorkOrderCandidate {
  externalId: string;
  stationCode: string;
  stationId: string;
  plannedMinutes: number;
  earliestStart: number;
  latestStart: number;
  /** The station's failure rate is multiplied by it once the job is done (null: no effect). */
  failureRateFactor: number | null;
}

export type PlacementKind = LineStop['category'] | 'production';

export interface Placement {
  start: number;
  end: number;
  kind: PlacementKind;
  /** The planned stop holds the whole job. */
  fitsStop: boolean;
}

/** Placements tried per work order: planned stops that hold the whole job, then ones that do not, then production time. */
export const PLACEMENTS_PER_KIND = { fits: 3, partial: 2, production: 2 } as const;

/** The planned stops of a station merged where they touch, each named by the category of the part that starts it. */
function stationStops(stops: readonly LineStop[], stationId: string): LineStop[] {
  const own = stops.filter((s) => s.stationId === null || s.stationId === stationId).sort((a, b) => a.start - b.start);
  const merged: LineStop[] = [];
  for (const s of own) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The placements to try for a work order in a window (epoch ms): the earliest planned stops that
 * hold the whole job, the earliest that hold part of it (the rest runs into production), and the
 * earliest starts in production time (the earliest feasible instant, the end of a stop); none when
 * the job cannot start and end in the window. Earlier is kept because the job's effect on the
 * failure rate lasts from its end to the end of the week.
 */
export function placementsOf(wo: WorkOrderCandidate, stops: readonly LineStop[], window: { start: number; end: number }): Placement[] {
  const duration = wo.plannedMinutes * 60_000;
  const from = Math.max(wo.earliestStart, window.start);
  const to = Math.min(wo.latestStart, window.end - duration);
  if (to < from) return [];
  const merged = stationStops(stops, wo.stationId);
  const inStops = merged
    .filter((s) => s.end > from && s.start <= to)
    .map((s) => {
      const start = Math.max(s.start, from);
      return { start, end: start + duration, kind: s.category as PlacementKind, fitsStop: s.end - start >= duration };
    });
  const inside = (t: number) => merged.some((s) => s.start <= t && t < s.end);
  const production = [from, ...merged.map((s) => s.end)]
    .filter((t) => t >= from && t <= to && !inside(t))
    .map((start) => ({ start, end: start + duration, kind: 'production' as const, fitsStop: false }));
  const picked = [
    ...inStops.filter((p) => p.fitsStop).slice(0, PLACEMENTS_PER_KIND.fits),
    ...inStops.filter((p) => !p.fitsStop).slice(0, PLACEMENTS_PER_KIND.partial),
    ...production.slice(0, PLACEMENTS_PER_KIND.production),
  ];
  const seen = new Set<number>();
  return picked.filter((p) => !seen.has(p.start) && seen.add(p.start));
}
