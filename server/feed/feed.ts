/**
 * The plant feed: runs a line's simulation model on the core with its event trace, and sends the
 * trace as machine events through an ingest path, in step with a clock. It starts in the past
 * and backfills up to now at `speedup` times real time, then keeps pace with real time, so no
 * event ever lies in the future. Each line runs in segments (a day by default): one replication
 * per segment, with the segment's planned stops as the core's calendar.
 */
import { SimRun } from '../../wasm-core/sim.ts';
import type { LineStop } from '../schedules/index.ts';
import { flattenModel } from '../simulation/flatten.ts';
import { coreCalendar, SECONDS_PER_TIME_UNIT, type SimulationModel } from '../simulation/index.ts';
import { simInput } from '../simulation/replication.ts';
import { plannedStopReason, TraceTranslator, type FeedEvent, type FeedReasons } from './translate.ts';

/** Everything the feed needs of one line. */
export interface FeedLine {
  /** Short and stable (the line's code): event ids start with it. */
  key: string;
  model: SimulationModel;
  /** UNS path (or id) of each model station, in the model's order. */
  stations: string[];
  /** Station id of each model station, in the model's order (for station-level planned stops). */
  stationIds: string[];
  /** The line's planned stops (no shift, breaks, planned maintenance) inside a window, in epoch ms. */
  plannedStops(from: number, to: number): Promise<LineStop[]>;
  reasons: FeedReasons;
  energySource?: string;
  countSource?: string;
}

/** Where events go: `POST /api/v1/ingest` (over the network or in process) or MQTT. Rejections are returned for the log. */
export interface FeedSink {
  send(events: FeedEvent[]): Promise<{ accepted: number; rejected: number }>;
  close?(): Promise<void>;
}

export interface FeedSettings {
  speedup: number;
  /** Wall-clock ms the feed starts from (now: no backfill). */
  fromMs: number;
  clock: () => number;
  tickMs?: number;
  segmentMs?: number;
  seed?: number;
  scrapRate?: number;
  countPeriodMs?: number;
  /** Energy meter readings every so many ms. */
  meterMs?: number;
  log?: (line: string) => void;
}

export interface RunningFeed {
  /** Resolves once the feed has caught up with the clock. */
  caughtUp: Promise<void>;
  counts(): { accepted: number; rejected: number; fedUntil: number };
  stop(): Promise<void>;
}

/** Most events sent in one call of the sink (the HTTP ingest's batch limit). */
const BATCH = 1000;

interface Segment {
  run: SimRun;
  translator: TraceTranslator;
  origin: number;
  end: number;
  unit: number;
}

async function openSegment(line: FeedLine, origin: number, settings: Required<Omit<FeedSettings, 'log'>>): Promise<Segment> {
  const unit = SECONDS_PER_TIME_UNIT[line.model.timeUnit] * 1000;
  const flat = flattenModel(line.model);
  const horizon = settings.segmentMs / unit;
  const stops = await line.plannedStops(origin, origin + settings.segmentMs);
  const windowWidth = settings.meterMs / unit;
  const run = SimRun.start({
    ...simInput(flat, {
      snapshotTimes: Float64Array.from([0, horizon]),
      windowWidth,
      windowCount: flat.hasEnergy ? Math.floor(horizon / windowWidth) + 1 : 0,
      seed: settings.seed,
      // One replication per segment: a day's events never repeat another day's.
      replication: Math.floor(origin / settings.segmentMs) % 2 ** 31,
    }),
    calendar: coreCalendar(stops, line.stationIds, origin, unit, plannedStopReason),
    traceCapacity: 1 << 15,
  });
  const translator = new TraceTranslator({
    idPrefix: `${line.key}-${origin.toString(36)}`,
    originMs: origin,
    unitMs: unit,
    stations: line.stations,
    counts: flat.counts,
    products: flat.productNames,
    reasons: line.reasons,
    scrapRate: settings.scrapRate,
    energySource: line.energySource,
    countSource: line.countSource,
    countPeriodMs: settings.countPeriodMs,
  });
  return { run, translator, origin, end: origin + settings.segmentMs, unit };
}

/** Starts feeding `lines` into `sink`; see the module comment. */
export function startFeed(lines: FeedLine[], sink: FeedSink, options: FeedSettings): RunningFeed {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const settings = {
    tickMs: 1000,
    segmentMs: 86_400_000,
    seed: 2026,
    scrapRate: 0.012,
    countPeriodMs: 15 * 60_000,
    meterMs: 60_000,
    ...(defined as unknown as FeedSettings),
  };
  const log = options.log ?? (() => {});
  const segments = new Map<FeedLine, Segment>();
  let fedUntil = settings.fromMs;
  let last = settings.clock();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();
  const totals = { accepted: 0, rejected: 0 };
  /** Events made but not yet taken by the sink (kept across a failing sink; nothing is dropped). */
  let pending: FeedEvent[] = [];
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  let isCaughtUp = false;

  async function advance(line: FeedLine, to: number): Promise<void> {
    let segment = segments.get(line);
    if (!segment) {
      segment = await openSegment(line, settings.fromMs, settings);
      segments.set(line, segment);
    }
    while (to >= segment.end) {
      collect(segment, (segment.end - segment.origin) / segment.unit);
      segment = await openSegment(line, segment.end, settings);
      segments.set(line, segment);
    }
    collect(segment, (to - segment.origin) / segment.unit);
  }

  function collect(segment: Segment, until: number): void {
    segment.run.runUntil(until, Number.MAX_SAFE_INTEGER);
    const events = segment.translator.translate(segment.run.takeTrace());
    for (const e of events) pending.push(e);
    for (const e of segment.translator.settle(until)) pending.push(e);
  }

  async function flush(): Promise<void> {
    while (pending.length) {
      const batch = pending.slice(0, BATCH);
      const result = await sink.send(batch);
      pending = pending.slice(batch.length);
      totals.accepted += result.accepted;
      totals.rejected += result.rejected;
      // The feed makes only valid events: a rejection is a defect to see, not to count quietly.
      if (result.rejected) log(`feed: ingest rejected ${result.rejected} of ${batch.length} events`);
    }
  }

  async function step(): Promise<void> {
    const now = settings.clock();
    // While the sink is behind (a database outage), the feed holds its place instead of piling up events.
    if (!pending.length) {
      const target = Math.min(now, fedUntil + settings.speedup * Math.max(0, now - last));
      for (const line of lines) await advance(line, target);
      fedUntil = target;
    }
    last = now;
    try {
      await flush();
    } catch (err) {
      log(`feed: the sink refused a batch, retrying (${(err as Error).message})`);
    }
    if (!isCaughtUp && fedUntil >= now && !pending.length) {
      isCaughtUp = true;
      markCaughtUp();
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      busy = step()
        .catch((err) => log(`feed: ${(err as Error).message}`))
        .finally(schedule);
    }, settings.tickMs);
  }
  busy = step()
    .catch((err) => log(`feed: ${(err as Error).message}`))
    .finally(schedule);

  return {
    caughtUp,
    counts: () => ({ ...totals, fedUntil }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await busy;
      clearTimeout(timer);
      await sink.close?.();
    },
  };
}
