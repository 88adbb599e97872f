import { addDays, dateIn, wallTimeIn } from '../core/calendar.ts';

/** How long before its due time an escalation is "about to breach": its assignee is told this early. */
export const DUE_SOON_HOURS = 4;

/** Attempts before a notification is given up as failed. */
export const MAX_ATTEMPTS = 8;

// Waits after the 1st, 2nd, … failed attempt: quick retries for a blip, then hours for an outage
// (about 19 h from the first failure to the last attempt).
const BACKOFF_MINUTES = [1, 5, 15, 60, 120, 360, 600];

/** When a notification that failed `attempts` times is tried again. */
export function retryAt(now: Date, attempts: number): Date {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? BACKOFF_MINUTES[0];
  return new Date(now.getTime() + minutes * 60_000);
}

/**
 * The next digest time: today's `hour`:00 on the zone's wall clock if it is still ahead (or now),
 * else tomorrow's. Daylight-saving days are handled by the calendar (a skipped hour moves on).
 */
export function nextDigestAt(now: Date, hour: number, zone: string): Date {
  const today = dateIn(now, zone);
  const at = wallTimeIn(today, hour * 60, zone);
  return at.getTime() >= now.getTime() ? at : wallTimeIn(addDays(today, 1), hour * 60, zone);
}
