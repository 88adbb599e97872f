import { z } from 'zod';
import { mapState, stopClasses, type StateClass } from './stateModel.ts';

/**
 * The JSON event format, the same over HTTP and MQTT. Each event is checked on its own: a bad one
 * is rejected with the field and the reason, and the rest of its batch goes on.
 */

/** Limits of one event's fields, written down once (the README's event table quotes them). */
export const EVENT_LIMITS = {
  idLength: 200,
  stationLength: 400,
  textLength: 100,
  maxCycleSeconds: 86_400,
  maxCount: 1_000_000,
  maxKw: 1_000_000,
  maxKwh: 1e12,
} as const;

// PostgreSQL text cannot hold U+0000: refused here, per event, instead of failing the batch's insert.
const safeText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\0'), 'must not contain NUL (U+0000) characters');
const text = safeText(EVENT_LIMITS.textLength);
const count = z.number().int().min(0).max(EVENT_LIMITS.maxCount);
const instantText = z.iso.datetime({ offset: true });

const common = {
  id: z.union([safeText(EVENT_LIMITS.idLength), z.number().int().min(0).transform(String)], {
    error: `required: the sender's event id, a text of 1–${EVENT_LIMITS.idLength} characters or a whole number`,
  }),
  station: safeText(EVENT_LIMITS.stationLength),
  ts: instantText.optional(),
  /** UMH's alternative to `ts`: milliseconds since 1970. */
  timestamp_ms: z.number().int().min(0).max(8.64e15).optional(),
  source: safeText(EVENT_LIMITS.idLength).optional(),
};

const stateEvent = z.object({
  ...common,
  kind: z.literal('state'),
  state: z.union([safeText(40), z.number().int()]),
  reason: text.optional(),
});
const cycleEvent = z.object({
  ...common,
  kind: z.literal('cycle'),
  product: text.optional(),
  cycleSeconds: z.number().positive().max(EVENT_LIMITS.maxCycleSeconds).optional(),
  good: count.optional(),
  scrap: count.optional(),
});
const energyEvent = z
  .object({
    ...common,
    kind: z.literal('energy'),
    kw: z.number().min(0).max(EVENT_LIMITS.maxKw).optional(),
    kwh: z.number().min(0).max(EVENT_LIMITS.maxKwh).optional(),
  })
  .refine((e) => e.kw !== undefined || e.kwh !== undefined, {
    message: 'give kw (a power reading) or kwh (a meter reading)',
    path: ['kw'],
  });
const bufferEvent = z.object({ ...common, kind: z.literal('buffer'), level: count });
const countEvent = z.object({
  ...common,
  kind: z.literal('count'),
  system: text,
  product: text.optional(),
  /** The period's start; `ts` is its end. */
  from: instantText,
  good: count,
  scrap: count.default(0),
});

const eventSchema = z.discriminatedUnion('kind', [stateEvent, cycleEvent, energyEvent, bufferEvent, countEvent]);
export type EventInput = z.input<typeof eventSchema>;

/** An event that passed its checks, not yet tied to a station. */
export interface ParsedEvent {
  eventId: string;
  kind: 'state' | 'cycle' | 'energy' | 'buffer' | 'count';
  station: string;
  ts: Date;
  source: string | null;
  state: StateClass | null;
  stateCode: number | null;
  reason: string | null;
  product: string | null;
  cycleSeconds: number | null;
  good: number | null;
  scrap: number | null;
  kw: number | null;
  kwh: number | null;
  bufferLevel: number | null;
  system: string | null;
  periodStart: Date | null;
}

/** Why an event was not taken. */
export type RejectionReason = 'invalid' | 'unknown_state' | 'unknown_station' | 'unknown_source' | 'ts_out_of_range';

export interface Rejection {
  index: number;
  reason: RejectionReason;
  /** The field at fault, from the event's root (`ts`, `state`, `cycleSeconds`). */
  path: string;
  message: string;
}

/**
 * Checks one event and brings it into the stored form. `defaults` lets the MQTT topic give what
 * the payload leaves out (the station and the kind).
 */
export function parseEvent(raw: unknown, index: number, defaults: { station?: string; kind?: string } = {}): ParsedEvent | Rejection {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { index, reason: 'invalid', path: '', message: typeof raw === 'symbol' ? 'not JSON' : 'an event is a JSON object' };
  }
  const withDefaults = defaults.station || defaults.kind ? { ...defaults, ...(raw as object) } : raw;
  const parsed = eventSchema.safeParse(withDefaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { index, reason: 'invalid', path: issue.path.join('.'), message: issue.message };
  }
  const e = parsed.data;
  let ts: Date;
  if (e.ts !== undefined) ts = new Date(e.ts);
  else if (e.timestamp_ms !== undefined) ts = new Date(e.timestamp_ms);
  else return { index, reason: 'invalid', path: 'ts', message: 'give ts (ISO 8601 with offset) or timestamp_ms' };
  const event: ParsedEvent = {
    eventId: e.id,
    kind: e.kind,
    station: e.station,
    ts,
    source: e.source ?? null,
    state: null,
    stateCode: null,
    reason: null,
    product: null,
    cycleSeconds: null,
    good: null,
    scrap: null,
    kw: null,
    kwh: null,
    bufferLevel: null,
    system: null,
    periodStart: null,
  };
  switch (e.kind) {
    case 'state': {
      const mapped = mapState(e.state);
      if (!mapped) {
        return { index, reason: 'unknown_state', path: 'state', message: `'${e.state}' is neither a state class nor a UMH state code` };
      }
      event.state = mapped.state;
      event.stateCode = mapped.code;
      // A UMH code is its own reason when no finer one is sent.
      event.reason = e.reason ?? (mapped.code !== null && stopClasses.includes(mapped.state) ? String(mapped.code) : null);
      break;
    }
    case 'cycle':
      event.product = e.product ?? null;
      event.cycleSeconds = e.cycleSeconds ?? null;
      // A cycle makes one good part unless it says otherwise.
      event.good = e.good ?? (e.scrap === undefined ? 1 : 0);
      event.scrap = e.scrap ?? 0;
      break;
    case 'energy':
      event.kw = e.kw ?? null;
      event.kwh = e.kwh ?? null;
      break;
    case 'buffer':
      event.bufferLevel = e.level;
      break;
    case 'count': {
      const from = new Date(e.from);
      if (from.getTime() > ts.getTime()) return { index, reason: 'invalid', path: 'from', message: 'the period starts after it ends (ts)' };
      event.system = e.system;
      event.product = e.product ?? null;
      event.good = e.good;
      event.scrap = e.scrap;
      event.periodStart = from;
      break;
    }
  }
  return event;
}

export function isRejection(x: ParsedEvent | Rejection): x is Rejection {
  return 'index' in x && 'message' in x;
}
