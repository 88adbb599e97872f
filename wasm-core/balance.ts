/**
 * Host binding of the balancing core (`assembly/balance`). Inputs go in as flat typed arrays
 * written into a fresh instance's memory at the addresses the core exports; results come
 * back as numbers and one Int32Array copied out with `.slice()`. See
 * `assembly/balance/layout.ts` for the regions.
 */
import { instantiateCore } from './index.ts';

const LAYOUT_VERSION = 2;

interface BalanceExports {
  layoutVersion(): number;
  prepare(n: number, arcs: number, conflictPairs: number): number;
  timesPtr(): number;
  predOffsetsPtr(): number;
  predTargetsPtr(): number;
  fixedStationsPtr(): number;
  conflictOffsetsPtr(): number;
  conflictTargetsPtr(): number;
  assignmentPtr(): number;
  solveStations(cycle: number, maxStations: number, timeLimitMs: number): number;
  solveCycle(stations: number, timeLimitMs: number): number;
  resultStations(): number;
  resultCycle(): number;
  resultLowerBound(): number;
  resultProven(): number;
  resultExpanded(): number;
  resultLoads(): number;
  resultStates(): number;
  resultOutOfMemory(): number;
}

/** A balancing instance in the core's terms: 0-based tasks, integer times. */
export interface CoreProblem {
  /** Task times, positive integers. */
  times: Int32Array;
  /** CSR of immediate predecessors: task j's are predTargets[predOffsets[j] .. predOffsets[j+1]). */
  predOffsets: Int32Array;
  predTargets: Int32Array;
  /** Station (1-based) each task is fixed to, 0 = free. */
  fixedStations?: Int32Array;
  /** CSR of must-not-share partners, each pair listed from both ends. */
  conflictOffsets?: Int32Array;
  conflictTargets?: Int32Array;
}

export type CoreStatus = 'solved' | 'infeasible' | 'unknown' | 'cyclic' | 'bad-input';

export interface CoreResult {
  status: CoreStatus;
  /** Station (1-based) of each task; empty unless status is 'solved'. */
  assignment: Int32Array;
  stations: number;
  cycleTime: number;
  /** Stations (SALBP-1) or cycle time (SALBP-2) that no solution can beat. */
  lowerBound: number;
  provenOptimal: boolean;
  /** States expanded by the exact search (0 when the heuristics were already optimal). */
  expandedStates: number;
  /** States stored in its memory, and station loads it examined. */
  storedStates: number;
  examinedLoads: number;
  /** The search stopped because its state table reached the memory budget. */
  outOfMemory: boolean;
}

export interface CoreOptions {
  /** Wall-clock budget for the search in ms; 0 or absent means none. */
  timeLimitMs?: number;
}

const STATUSES: CoreStatus[] = ['solved', 'infeasible', 'unknown', 'cyclic', 'bad-input'];

/** SALBP-1: the fewest stations at `cycleTime` (at most `maxStations` if given). */
export function solveStationsCore(
  problem: CoreProblem,
  cycleTime: number,
  options: CoreOptions & { maxStations?: number } = {},
): CoreResult {
  const core = load(problem);
  const code = core.exports.solveStations(cycleTime, options.maxStations ?? 0, options.timeLimitMs ?? 0);
  return collect(core, code, problem.times.length);
}

/** SALBP-2: the smallest cycle time with `stations` stations. */
export function solveCycleCore(problem: CoreProblem, stations: number, options: CoreOptions = {}): CoreResult {
  const core = load(problem);
  const code = core.exports.solveCycle(stations, options.timeLimitMs ?? 0);
  return collect(core, code, problem.times.length);
}

function load(problem: CoreProblem) {
  const core = instantiateCore<BalanceExports>('balance');
  const e = core.exports;
  if (e.layoutVersion() !== LAYOUT_VERSION) {
    throw new Error(`wasm-core balance: layout ${e.layoutVersion()}, host expects ${LAYOUT_VERSION}`);
  }
  const n = problem.times.length;
  const conflictTargets = problem.conflictTargets ?? new Int32Array(0);
  e.prepare(n, problem.predTargets.length, conflictTargets.length >> 1);
  // Views are made after prepare: memory may have grown, detaching older buffers.
  const view = (ptr: number, len: number) => new Int32Array(core.memory.buffer, ptr, len);
  view(e.timesPtr(), n).set(problem.times);
  view(e.predOffsetsPtr(), n + 1).set(problem.predOffsets);
  view(e.predTargetsPtr(), problem.predTargets.length).set(problem.predTargets);
  view(e.fixedStationsPtr(), n).set(problem.fixedStations ?? new Int32Array(n));
  view(e.conflictOffsetsPtr(), n + 1).set(problem.conflictOffsets ?? new Int32Array(n + 1));
  view(e.conflictTargetsPtr(), conflictTargets.length).set(conflictTargets);
  return core;
}

function collect(core: ReturnType<typeof load>, code: number, n: number): CoreResult {
  const e = core.exports;
  const status = STATUSES[code] ?? 'bad-input';
  const assignment = status === 'solved' ? new Int32Array(core.memory.buffer, e.assignmentPtr(), n).slice() : new Int32Array(0);
  return {
    status,
    assignment,
    stations: e.resultStations(),
    cycleTime: e.resultCycle(),
    lowerBound: e.resultLowerBound(),
    provenOptimal: e.resultProven() === 1,
    expandedStates: e.resultExpanded(),
    storedStates: e.resultStates(),
    examinedLoads: e.resultLoads(),
    outOfMemory: e.resultOutOfMemory() === 1,
  };
}
