export type MilestoneStatus = 'planned' | 'met' | 'missed' | 'deferred';

/** Reviews in a row, counted back from the latest, that recorded the milestone as missed. */
export function consecutiveMisses(statusesOldestFirst: (MilestoneStatus | null)[]): number {
  let streak = 0;
  for (let i = statusesOldestFirst.length - 1; i >= 0 && statusesOldestFirst[i] === 'missed'; i--) streak++;
  return streak;
}

/**
 * A milestone is at risk when its latest reviews recorded it missed two or more times in a row.
 * `statusesOldestFirst` holds its status in each of the program's reviews, null where a review
 * did not record it (which breaks the streak).
 */
export function isAtRisk(statusesOldestFirst: (MilestoneStatus | null)[], threshold = 2): boolean {
  return consecutiveMisses(statusesOldestFirst) >= threshold;
}
