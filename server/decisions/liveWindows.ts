import type { Interval } from '../core/intervals.ts';

const DAY_MS = 86_400_000;

/** The windows a prediction's live check compares, and the planned busy time each holds. */
export interface MatchedWindows {
  after: Interval;
  /** Null when the after window holds no planned time, or no window before holds as much within reach. */
  before: Interval | null;
  plannedMs: number;
}

/**
 * The matched windows of live data around a decision's effect: `after` is [effectiveFrom, dueAt),
 * and `before` the span ending at effectiveFrom that holds as much planned busy time (`busyIn`:
 * the site's shifts less breaks and planned stops), found to the second. Both then cover the same
 * production time in the same shift pattern: with a weekly schedule and no extra planned stops, a
 * week after the effect is matched by the week before it. Looked for at most `maxBackMs` back.
 */
export function matchedWindows(
  busyIn: (window: Interval) => number,
  effectiveFrom: number,
  dueAt: number,
  maxBackMs: number,
): MatchedWindows {
  const after = { start: effectiveFrom, end: dueAt };
  const plannedMs = busyIn(after);
  if (plannedMs <= 0) return { after, before: null, plannedMs };
  const holds = (start: number) => busyIn({ start, end: effectiveFrom }) >= plannedMs;
  const limit = effectiveFrom - maxBackMs;
  // A start early enough (stepping back a day at a time), then the latest such start by bisection.
  let early = Math.max(limit, effectiveFrom - (dueAt - effectiveFrom));
  let late = effectiveFrom;
  while (!holds(early)) {
    if (early <= limit) return { after, before: null, plannedMs };
    late = early;
    early = Math.max(limit, early - DAY_MS);
  }
  while (late - early > 1000) {
    const mid = Math.floor((early + late) / 2);
    if (holds(mid)) early = mid;
    else late = mid;
  }
  return { after, before: { start: early, end: effectiveFrom }, plannedMs };
}
