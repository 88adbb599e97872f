import type { Cycle } from './elements.ts';

export type BufferLevel =
  | { level: number; basis: 'measured'; at: string }
  | { level: number; basis: 'derived'; emptyAt: string; since: string }
  | { level: null; reason: 'first_station' | 'no_cycles' };

/**
 * The parts waiting before a station, derived from counts where the plant does not measure them:
 * D(t) = parts the station upstream finished − parts this station finished, from `since`. The
 * buffer was empty when D was lowest (it cannot go below empty), so the level now is
 * D(now) − min D, counted from that moment. Scrap leaves the line at the station that made it.
 */
export function derivedBuffer(upstream: readonly Cycle[], own: readonly Cycle[], since: number): BufferLevel {
  if (!upstream.length && !own.length) return { level: null, reason: 'no_cycles' };
  const steps = [...upstream.map((c) => ({ ts: c.ts, d: c.good })), ...own.map((c) => ({ ts: c.ts, d: -(c.good + c.scrap) }))].sort(
    (a, b) => a.ts - b.ts || a.d - b.d,
  );
  let d = 0;
  let min = 0;
  let emptyAt = since;
  for (const step of steps) {
    d += step.d;
    if (d <= min) {
      min = d;
      emptyAt = step.ts;
    }
  }
  return { level: d - min, basis: 'derived', emptyAt: new Date(emptyAt).toISOString(), since: new Date(since).toISOString() };
}
