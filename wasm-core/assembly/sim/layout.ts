/**
 * Linear memory of the simulation core: static private records below __heap_base, and the regions
 * above it planned once per run by `configure` from the model size. Nothing is allocated
 * afterwards: every event works inside these regions.
 *
 *   __heap_base (rounded up to 16; every region starts on 16 bytes)
 *   ┌─ inputs: the host writes them after `configure`, before `start` ──────────────────────────┐
 *   │ STATIONS   K × 12 f64   count, failure mode, MTBF, repair kind/a/b, power × 6 (kW)       │
 *   │ BUFFERS    K−1 f64      capacity between station j and j+1 (parts waiting)              │
 *   │ DISTS      K × P × 3    processing time per station and product: kind, a, b             │
 *   │ SAMPLES    E f64        pooled empirical samples (DISTS holds offset and length)         │
 *   │ MIX        P f64        cumulative product proportions                                   │
 *   │ SEQUENCE   L f64        fixed product sequence (L = 0: draw from MIX)                    │
 *   │ CHANGEOVER K × P × P    changeover time at station k from product p to q                 │
 *   │ SNAP_TIMES S+1 f64      0 = t₀ < … < t_S = horizon                                       │
 *   │ CALENDAR   C × 4 f64    planned-stop boundaries by time: t, station, reason (≥ 0: begins,  │
 *   │                         −1: ends), MTBF after (> 0 at an end: the station's MTBF from then │
 *   │                         on, maintenance's effect; 0: unchanged); a station's stops are     │
 *   │                         disjoint (the host merges them)                                    │
 *   │ INITIAL    N × 4 f64    starting state per machine: state, age in it, product, last product│
 *   │                         (only with `initial`; else the line starts empty)                  │
 *   │ INIT_SLOTS slots f64    products waiting in each buffer at the start, in slot order; −1    │
 *   │                         after the last part of a buffer                                    │
 *   ├─ outputs: the host copies them after `finish` ─────────────────────────────────────────────┤
 *   │ SNAPSHOTS  (S+1) × W    cumulative accumulators at each t_i (W = 6K + 2 + P, see below)  │
 *   │ CREDITS    S × K × 2    bottleneck time per bin [t_i, t_i+1): sole, shifting             │
 *   │ WINDOWS    nW f64       cumulative energy (kW·time unit) at i × window width            │
 *   │ TRACE      T × 6 f64    event trace records (see `trace.ts`); the host drains it          │
 *   ├─ core-private ───────────────────────────────────────────────────────────────────────────────┤
 *   │ SLOTS      buffer places (product i32, entry time f64)                                   │
 *   └────────────────────────────────────────────────────────────────────────────────────────────┘
 *
 * The other core-private records (machines, queue, stations, buffers, streams, accumulators, …)
 * are static, below __heap_base, sized for the schema's largest line (MAX_*): their addresses
 * are constants, so the hot path never loads a base pointer from a global. Static data is zero
 * until written, so unused room costs address space, not memory.
 *
 * Accumulator vector (one snapshot row): [0, 5K) time per station and state (summed over its
 * machines; 5 = STATE_COUNT), [5K, 6K−1) buffer level × time, 6K−1 WIP × time, 6K departures,
 * 6K+1 lead-time sum, [6K+2, 6K+2+P) departures per product. The host mirrors these offsets in
 * `wasm-core/sim.ts`.
 */
export const R_STATIONS: i32 = 0;
export const R_BUFFERS: i32 = 1;
export const R_DISTS: i32 = 2;
export const R_SAMPLES: i32 = 3;
export const R_MIX: i32 = 4;
export const R_SEQUENCE: i32 = 5;
export const R_CHANGEOVER: i32 = 6;
export const R_SNAP_TIMES: i32 = 7;
export const R_SNAPSHOTS: i32 = 8;
export const R_CREDITS: i32 = 9;
export const R_WINDOWS: i32 = 10;
export const R_CALENDAR: i32 = 11;
/** f64 fields of a CALENDAR record: t, station, reason, MTBF after. */
export const CALENDAR_FIELDS: i32 = 4;
export const R_INITIAL: i32 = 12;
export const R_INIT_SLOTS: i32 = 13;
export const R_TRACE: i32 = 14;

/** Machine states (PROCESSING … PLANNED in `machines.ts`), in accumulator and power order. */
export const STATE_COUNT: i32 = 6;

/** Station input record, in f64 fields. */
export const STATION_FIELDS: i32 = 12;
export const SF_COUNT: i32 = 0;
export const SF_FAIL_MODE: i32 = 1;
export const SF_MTBF: i32 = 2;
export const SF_REPAIR_KIND: i32 = 3;
export const SF_REPAIR_A: i32 = 4;
export const SF_REPAIR_B: i32 = 5;
export const SF_POWER: i32 = 6;

/** Trace record, in f64 fields: time, kind, station, machine slot in the station, two values. */
export const TRACE_FIELDS: i32 = 6;

/** Private records: machines (128 B), stations (64 B), buffers, streams and deque (32 B). */
export const MACHINE_SHIFT: usize = 7;
export const STATION_SHIFT: usize = 6;
export const RECORD_SHIFT: usize = 5;

/** The largest line the core holds (the schema's limits: stations, machines in total, products). */
export const MAX_STATIONS: i32 = 200;
export const MAX_MACHINES: i32 = 2000;
export const MAX_PRODUCTS: i32 = 50;
const MAX_SNAP_WIDTH: i32 = (STATE_COUNT + 1) * MAX_STATIONS + 2 + MAX_PRODUCTS;
/** Event queue levels (`queue.ts`) in whole blocks of 16 keys: 2000 keys, 125 minima, 8 minima. */
export const QUEUE_LEVEL0_KEYS: i32 = (MAX_MACHINES + 15) & ~15;
export const QUEUE_LEVEL1_KEYS: i32 = (((MAX_MACHINES + 15) >> 4) + 15) & ~15;
const QUEUE_KEYS: i32 = QUEUE_LEVEL0_KEYS + QUEUE_LEVEL1_KEYS + 16;

export const pMachines: usize = memory.data(MAX_MACHINES << <i32>MACHINE_SHIFT, 16);
export const pQueue: usize = memory.data(QUEUE_KEYS << 3, 16);
// One station record more: the sentinel of the open-period list (`periods.ts`).
export const pStationState: usize = memory.data((MAX_STATIONS + 1) << <i32>STATION_SHIFT, 16);
export const pBufferState: usize = memory.data(MAX_STATIONS << <i32>RECORD_SHIFT, 16);
export const pStreams: usize = memory.data((1 + MAX_STATIONS + 2 * MAX_MACHINES) << <i32>RECORD_SHIFT, 16);
export const pAcc: usize = memory.data(MAX_SNAP_WIDTH << 3, 16);
export const pDeque: usize = memory.data((MAX_STATIONS + 1) << <i32>RECORD_SHIFT, 16);
export const pPending: usize = memory.data(MAX_STATIONS << 2, 16);
export const pZiggurat: usize = memory.data(4 * 257 << 3, 16);
/** DISTS kinds as i32 (K × P), converted once by `start`. */
export const pDistKind: usize = memory.data(MAX_STATIONS * MAX_PRODUCTS << 2, 16);

export let nStations: i32 = 0;
export let nMachines: i32 = 0;
export let nProducts: i32 = 0;
export let nSequence: i32 = 0;
export let nSnapshots: i32 = 0;
export let nWindows: i32 = 0;
export let nCalendar: i32 = 0;
export let nTrace: i32 = 0;
export let hasInitial: bool = false;
export let snapWidth: i32 = 0;

export let pStations: usize = 0;
export let pBuffers: usize = 0;
export let pDists: usize = 0;
export let pSamples: usize = 0;
export let pMix: usize = 0;
export let pSequence: usize = 0;
export let pChangeover: usize = 0;
export let pSnapTimes: usize = 0;
export let pSnapshots: usize = 0;
export let pCredits: usize = 0;
export let pWindows: usize = 0;
export let pCalendar: usize = 0;
export let pInitial: usize = 0;
export let pInitSlots: usize = 0;
export let pTrace: usize = 0;
export let pSlotProduct: usize = 0;
export let pSlotEnter: usize = 0;

let cursor: usize = 0;

/** Reserves `bytes` (rounded up to 16, the SIMD width) at the cursor and returns their offset. */
function take(bytes: usize): usize {
  const at = cursor;
  cursor += (bytes + 15) & ~(<usize>15);
  return at;
}

/**
 * Places every input, output and slot region for a model of the given size and grows memory to
 * hold them: `calendar` planned-stop boundaries, a trace of `trace` records (0: no trace), and
 * the starting-state regions when `initial`. Returns false when the line exceeds MAX_* or memory
 * cannot grow that far.
 */
export function plan(
  k: i32, n: i32, p: i32, l: i32, e: i32, snaps: i32, windows: i32, slots: i32, calendar: i32, trace: i32, initial: bool,
): bool {
  if (k > MAX_STATIONS || n > MAX_MACHINES || p > MAX_PRODUCTS) return false;
  nStations = k;
  nMachines = n;
  nProducts = p;
  nSequence = l;
  nSnapshots = snaps;
  nWindows = windows;
  nCalendar = calendar;
  nTrace = trace;
  hasInitial = initial;
  snapWidth = (STATE_COUNT + 1) * k + 2 + p;
  cursor = (__heap_base + 15) & ~(<usize>15);
  pStations = take(<usize>(k * STATION_FIELDS) << 3);
  pBuffers = take(<usize>k << 3);
  pDists = take(<usize>(k * p * 3) << 3);
  pSamples = take(<usize>e << 3);
  pMix = take(<usize>p << 3);
  pSequence = take(<usize>l << 3);
  pChangeover = take(<usize>(k * p * p) << 3);
  pSnapTimes = take(<usize>snaps << 3);
  pSnapshots = take(<usize>(snaps * snapWidth) << 3);
  pCredits = take(<usize>(snaps * k * 2) << 3);
  pWindows = take(<usize>windows << 3);
  pCalendar = take(<usize>(calendar * CALENDAR_FIELDS) << 3);
  pInitial = take(<usize>(initial ? n * 4 : 0) << 3);
  pInitSlots = take(<usize>(initial ? slots : 0) << 3);
  pTrace = take(<usize>(trace * TRACE_FIELDS) << 3);
  pSlotProduct = take(<usize>slots << 2);
  pSlotEnter = take(<usize>slots << 3);
  const needPages = <i32>((cursor + 0xffff) >> 16);
  const havePages = memory.size();
  if (needPages > havePages && memory.grow(needPages - havePages) < 0) return false;
  // The static records a line of this size uses start from zero (an instance may run twice).
  memory.fill(pMachines, 0, <usize>n << MACHINE_SHIFT);
  memory.fill(pStationState, 0, <usize>(k + 1) << STATION_SHIFT);
  memory.fill(pBufferState, 0, <usize>k << RECORD_SHIFT);
  memory.fill(pAcc, 0, <usize>snapWidth << 3);
  return true;
}

/** Byte offset of an input or output region (ids R_*), for the host's typed-array views. */
export function regionOffset(id: i32): usize {
  switch (id) {
    case R_STATIONS: return pStations;
    case R_BUFFERS: return pBuffers;
    case R_DISTS: return pDists;
    case R_SAMPLES: return pSamples;
    case R_MIX: return pMix;
    case R_SEQUENCE: return pSequence;
    case R_CHANGEOVER: return pChangeover;
    case R_SNAP_TIMES: return pSnapTimes;
    case R_SNAPSHOTS: return pSnapshots;
    case R_CREDITS: return pCredits;
    case R_WINDOWS: return pWindows;
    case R_CALENDAR: return pCalendar;
    case R_INITIAL: return pInitial;
    case R_INIT_SLOTS: return pInitSlots;
    case R_TRACE: return pTrace;
    default: return 0;
  }
}

/** Field `field` (SF_*) of station k's input record in STATIONS. */
@inline export function stationInput(k: i32, field: i32): f64 {
  return load<f64>(pStations + (<usize>(k * STATION_FIELDS + field) << 3));
}

/** Changes a field of station k's input during a run (a fresh instance runs each replication). */
@inline export function setStationInput(k: i32, field: i32, value: f64): void {
  store<f64>(pStations + (<usize>(k * STATION_FIELDS + field) << 3), value);
}
