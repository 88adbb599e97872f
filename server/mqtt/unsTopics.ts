/**
 * Unified Namespace topics: `{prefix}{enterprise}/{site}/{area}/{line}/{station}/{kind}`, where
 * the five levels are the plant's UNS codes and the kind one of the event kinds.
 */
export const UNS_KINDS = ['state', 'cycle', 'energy', 'buffer', 'count'] as const;

/** The subscriptions that follow every station's events below a prefix (`''`, or `acme/` ending in `/`). */
export function unsSubscriptions(prefix: string): string[] {
  return UNS_KINDS.map((kind) => `${prefix}+/+/+/+/+/${kind}`);
}

/** The station path and kind a topic names, or undefined when it is not a UNS event topic. */
export function parseUnsTopic(topic: string, prefix: string): { station: string; kind: (typeof UNS_KINDS)[number] } | undefined {
  if (!topic.startsWith(prefix)) return undefined;
  const parts = topic.slice(prefix.length).split('/');
  if (parts.length !== 6 || parts.some((p) => p === '')) return undefined;
  const kind = parts[5] as (typeof UNS_KINDS)[number];
  if (!UNS_KINDS.includes(kind)) return undefined;
  return { station: parts.slice(0, 5).join('/'), kind };
}

/**
 * The events a payload carries: one JSON object, or an array of them (a gateway's batch). A payload
 * that is not JSON is undefined: it is counted as malformed and acknowledged, never retried.
 */
export function payloadEvents(payload: Buffer): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}
