/**
 * The simulation core's event trace as the machine events a plant would send (the README's JSON
 * event format): a station's state changes with reasons, its cycles, its energy meter, and the MES
 * count totals of the exit station per period. Pure: the same trace gives the same events.
 *
 * A station with parallel machines reports one state, the most telling of its machines' states
 * (running before down, down before setup, setup before a planned stop, then blocked, starved).
 * Several changes of one station at the same instant (a part handed on and the next one taken)
 * are reported as the state it ends in, so no two states of a station share a timestamp.
 */
import { MachineState, TRACE_FIELDS, TraceKind } from '../../wasm-core/sim.ts';

/** Reason codes the feed reports, from the site's reason tree. */
export interface FeedReasons {
  /** Unplanned stops: one is chosen per failure, spread evenly by a hash of the event. */
  failure: readonly string[];
  changeover: string;
  /** Planned stops by the calendar's reason number (`PlannedStopReason`). */
  planned: readonly string[];
}

/** Calendar reason numbers the feed gives the core (`FeedReasons.planned` is indexed by them). */
export const PlannedStopReason = { break: 0, noShift: 1, maintenance: 2 } as const;

/** The calendar reason of a planned stop's category (no order counts as no shift: nothing to make). */
export function plannedStopReason(category: string): number {
  return category === 'break'
    ? PlannedStopReason.break
    : category === 'planned_maintenance'
      ? PlannedStopReason.maintenance
      : PlannedStopReason.noShift;
}

export interface TranslateSettings {
  /** Makes event ids unique to this run of the feed. */
  idPrefix: string;
  /** Wall-clock ms of model time 0, and ms per model time unit. */
  originMs: number;
  unitMs: number;
  /** UNS path (or id) of each model station, in line order. */
  stations: readonly string[];
  /** Parallel machines per station. */
  counts: readonly number[];
  products: readonly string[];
  reasons: FeedReasons;
  /** Share of the exit station's parts found bad at final inspection (the core does not model scrap). */
  scrapRate: number;
  /** Data source (id or code) that energy readings and MES counts refresh; the station's PLC source otherwise. */
  energySource?: string;
  countSource?: string;
  /** Length of an MES count period in ms (0: no count events). */
  countPeriodMs: number;
}

export type FeedEvent = Record<string, unknown> & { id: string; kind: string; station: string; ts: string };

/** Most telling first: a station reports the highest-ranked state among its machines. */
const RANK = [
  MachineState.processing,
  MachineState.down,
  MachineState.changeover,
  MachineState.planned,
  MachineState.blocked,
  MachineState.starved,
];

/** 32-bit FNV-1a of a string: spreads reasons and scrap evenly and reproducibly. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

export class TraceTranslator {
  private readonly machines: number[][];
  /** Per station: the state last reported and its reason (so a changed reason is reported too). */
  private readonly reported: (string | null)[];
  private readonly changed = new Set<number>();
  private readonly planReason: number[];
  /** The millisecond whose state changes are being gathered (events carry milliseconds). */
  private atMs: number;
  private seq = 0;
  private countFrom: number;
  private good = 0;
  private scrap = 0;

  constructor(private readonly s: TranslateSettings) {
    this.machines = s.counts.map((n) => new Array<number>(n).fill(MachineState.starved));
    this.reported = s.counts.map(() => null);
    this.planReason = s.counts.map(() => 0);
    this.countFrom = s.originMs;
    this.atMs = Math.round(s.originMs);
    // Every station reports where it starts.
    s.counts.forEach((_, k) => this.changed.add(k));
  }

  private msOf(t: number): number {
    return Math.round(this.s.originMs + t * this.s.unitMs);
  }

  private ts(t: number): string {
    return new Date(this.msOf(t)).toISOString();
  }

  private id(): string {
    return `${this.s.idPrefix}-${(this.seq++).toString(36)}`;
  }

  private stateEvent(k: number, ms: number): FeedEvent | null {
    const states = this.machines[k];
    const state = RANK.find((r) => states.includes(r)) ?? MachineState.starved;
    const base = { kind: 'state', station: this.s.stations[k], ts: new Date(ms).toISOString() };
    let body: Record<string, unknown>;
    switch (state) {
      case MachineState.processing:
        body = { state: 'running' };
        break;
      case MachineState.down: {
        const list = this.s.reasons.failure;
        body = { state: 'unplanned_stop', reason: list[Math.floor(hash(`${this.s.idPrefix}/${k}/${this.seq}`) * list.length)] };
        break;
      }
      case MachineState.changeover:
        body = { state: 'setup', reason: this.s.reasons.changeover };
        break;
      case MachineState.planned:
        body = { state: 'planned_stop', reason: this.s.reasons.planned[this.planReason[k]] ?? this.s.reasons.planned[0] };
        break;
      case MachineState.blocked:
        body = { state: 'blocked' };
        break;
      default:
        body = { state: 'starved' };
    }
    const key = `${body.state}/${body.reason ?? ''}`;
    // A failure's reason is drawn per stop: a second machine failing keeps the reported stop.
    if (this.reported[k] === key || (state === MachineState.down && this.reported[k]?.startsWith('unplanned_stop/'))) return null;
    this.reported[k] = key;
    return { id: this.id(), ...base, ...body };
  }

  private flush(out: FeedEvent[]): void {
    for (const k of this.changed) {
      const e = this.stateEvent(k, this.atMs);
      if (e) out.push(e);
    }
    this.changed.clear();
  }

  private counts(upToMs: number, out: FeedEvent[]): void {
    const period = this.s.countPeriodMs;
    if (!period) return;
    while (this.countFrom + period <= upToMs) {
      const end = this.countFrom + period;
      out.push({
        id: this.id(),
        kind: 'count',
        station: this.s.stations[this.s.stations.length - 1],
        ts: new Date(end).toISOString(),
        from: new Date(this.countFrom).toISOString(),
        system: 'MES',
        good: this.good,
        scrap: this.scrap,
        ...(this.s.countSource ? { source: this.s.countSource } : {}),
      });
      this.good = 0;
      this.scrap = 0;
      this.countFrom = end;
    }
  }

  /** The events of trace records (a flat array from `SimRun.takeTrace`), in time order. */
  translate(flat: Float64Array): FeedEvent[] {
    const out: FeedEvent[] = [];
    const exit = this.s.counts.length - 1;
    for (let i = 0; i + TRACE_FIELDS <= flat.length; i += TRACE_FIELDS) {
      const t = flat[i];
      // Changes within one millisecond are one: a station never reports two states with one timestamp.
      const ms = this.msOf(t);
      if (ms > this.atMs) {
        this.flush(out);
        this.counts(ms, out);
        this.atMs = ms;
      }
      const kind = flat[i + 1];
      const k = flat[i + 2];
      if (kind === TraceKind.state) {
        const state = flat[i + 4];
        this.machines[k][flat[i + 3]] = state;
        if (state === MachineState.planned) this.planReason[k] = flat[i + 5];
        this.changed.add(k);
      } else if (kind === TraceKind.cycle) {
        const product = this.s.products[flat[i + 4]];
        const id = this.id();
        const bad = k === exit && hash(id) < this.s.scrapRate;
        if (k === exit) {
          if (bad) this.scrap++;
          else this.good++;
        }
        // Milliseconds, as a PLC reports them; a time that rounds to nothing is sent without one
        // (ingest takes only positive cycle times, and a plant never measures a zero cycle).
        const cycleSeconds = Math.round(flat[i + 5] * this.s.unitMs) / 1000;
        out.push({
          id,
          kind: 'cycle',
          station: this.s.stations[k],
          ts: this.ts(t),
          ...(this.s.products.length > 1 ? { product } : {}),
          ...(cycleSeconds > 0 ? { cycleSeconds } : {}),
          good: bad ? 0 : 1,
          scrap: bad ? 1 : 0,
        });
      } else if (kind === TraceKind.energy) {
        out.push({
          id: this.id(),
          kind: 'energy',
          station: this.s.stations[k],
          ts: this.ts(t),
          kwh: Math.round(((flat[i + 4] * this.s.unitMs) / 3_600_000) * 1e6) / 1e6,
          ...(this.s.energySource ? { source: this.s.energySource } : {}),
        });
      }
    }
    return out;
  }

  /**
   * Reports what is settled once the core has run to model time `t` (the end of a chunk): the
   * next chunk starts after `t`, but may still fall in the millisecond of `t`, whose changes wait.
   */
  settle(t: number): FeedEvent[] {
    const out: FeedEvent[] = [];
    const ms = this.msOf(t);
    if (this.atMs < ms) {
      this.flush(out);
      this.atMs = ms;
    }
    this.counts(ms, out);
    return out;
  }
}
