// Data freshness. A source promises new data every `expectedRefreshSeconds`, each arrival up to
// `maxLatencySeconds` late. Age is measured from the newest value's source timestamp (OPC UA:
// the SourceTimestamp, not the time we received it); a Bad or Uncertain value is stale at once.

export type FreshnessStatus = 'fresh' | 'late' | 'stale' | 'never_received';

export interface FreshnessInput {
  expectedRefreshSeconds: number;
  maxLatencySeconds: number;
  lastReceivedAt: Date | null;
  lastSourceTimestamp: Date | null;
  lastQuality: 'good' | 'uncertain' | 'bad' | null;
  /** Why the quality is not Good, when known. */
  lastQualityNote?: string | null;
}

/** Refreshes a source may miss before it is stale rather than late. */
export const MISSED_REFRESHES_BEFORE_STALE = 3;

/**
 * Fresh while the newest value is at most one refresh interval plus the latency old; late
 * until three refreshes are missed; stale beyond that or when the value's quality is not Good.
 */
export function freshness(source: FreshnessInput, now: Date): { status: FreshnessStatus; ageSeconds: number | null; reason: string } {
  const newest = source.lastSourceTimestamp ?? source.lastReceivedAt;
  if (!newest) return { status: 'never_received', ageSeconds: null, reason: 'no data has been received yet' };
  const ageSeconds = Math.max(0, (now.getTime() - newest.getTime()) / 1000);
  if (source.lastQuality === 'bad' || source.lastQuality === 'uncertain') {
    const quality = `the newest value has ${source.lastQuality === 'bad' ? 'Bad' : 'Uncertain'} quality`;
    return { status: 'stale', ageSeconds, reason: source.lastQualityNote ? `${quality}: ${source.lastQualityNote}` : quality };
  }
  const freshLimit = source.expectedRefreshSeconds + source.maxLatencySeconds;
  const staleLimit = MISSED_REFRESHES_BEFORE_STALE * source.expectedRefreshSeconds + source.maxLatencySeconds;
  const age = describeSeconds(ageSeconds);
  if (ageSeconds <= freshLimit) return { status: 'fresh', ageSeconds, reason: `newest value ${age} old` };
  if (ageSeconds <= staleLimit)
    return { status: 'late', ageSeconds, reason: `newest value ${age} old; expected within ${describeSeconds(freshLimit)}` };
  return { status: 'stale', ageSeconds, reason: `newest value ${age} old; stale after ${describeSeconds(staleLimit)}` };
}

/** "45 s", "12 min", "5.5 h", "3.2 d". */
export function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
