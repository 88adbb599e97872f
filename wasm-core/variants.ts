/**
 * Host binding of the variants core (`assembly/variants`): mixed models, U-lines and parallel
 * stations. Inputs go in as flat typed arrays at the addresses the core exports (see
 * `assembly/variants/layout.ts`); results come back as numbers and Int32Arrays copied out.
 */
import { instantiateCore } from './index.ts';
import type { CoreStatus } from './balance.ts';

const LAYOUT_VERSION = 1;

interface VariantsExports {
  layoutVersion(): number;
  prepare(n: number, dims: number, arcs: number, conflictPairs: number): number;
  timesPtr(): number;
  factorsPtr(): number;
  predOffsetsPtr(): number;
  predTargetsPtr(): number;
  fixedStationsPtr(): number;
  conflictOffsetsPtr(): number;
  conflictTargetsPtr(): number;
  assignmentPtr(): number;
  legsPtr(): number;
  replicasPtr(): number;
  solveCost(
    cycle: number,
    uLine: number,
    maxReplicas: number,
    replicaCost: number,
    maxStations: number,
    upperBound: number,
    timeLimitMs: number,
  ): number;
  solveCycle(stations: number, uLine: number, timeLimitMs: number): number;
  resultStationsCount(): number;
  resultCostValue(): number;
  resultCycleTime(): number;
  resultBound(): number;
  resultIsProven(): number;
  resultExpandedStates(): number;
  resultStoredStates(): number;
  resultMemoryShort(): number;
}

/**
 * An instance in the variants core's terms. Each task has one time per dimension: a load
 * that every station keeps within cycle × factor (× its replicas), e.g. one model's time
 * under the strict rule, or also the share-weighted average under the average rule.
 */
export interface VariantsProblem {
  dims: number;
  /** Row-major n × dims, non-negative. */
  times: Float64Array;
  /** Capacity factor per dimension (1, or 1 + tolerance). */
  factors: Float64Array;
  predOffsets: Int32Array;
  predTargets: Int32Array;
  fixedStations?: Int32Array;
  conflictOffsets?: Int32Array;
  conflictTargets?: Int32Array;
}

export interface VariantsOptions {
  uLine?: boolean;
  /** Most workplaces a station may be replicated into (1 = no parallel stations). */
  maxReplicas?: number;
  /** Cost of each workplace beyond a station's first, relative to a station (default 1). */
  replicaCost?: number;
  timeLimitMs?: number;
}

export interface VariantsResult {
  status: CoreStatus;
  /** Station (1-based) of each task; empty unless solved. */
  assignment: Int32Array;
  /** 0 = front leg, 1 = back leg, per task. */
  legs: Int32Array;
  /** Workplaces of each station, in station order. */
  replicas: Int32Array;
  stations: number;
  /** Stations, or with replicas Σ (1 + replicaCost·(k − 1)). */
  cost: number;
  cycleTime: number;
  /** Cost (type 1) or cycle time (type 2) that no solution can beat. */
  lowerBound: number;
  provenOptimal: boolean;
  expandedStates: number;
  storedStates: number;
  outOfMemory: boolean;
}

const STATUSES: CoreStatus[] = ['solved', 'infeasible', 'unknown', 'cyclic', 'bad-input'];

/**
 * Type 1: the cheapest line at `cycleTime` (at most `maxStations` stations if given). With
 * `upperBound`, the cost of a solution the caller has, only cheaper ones are sought: then
 * 'infeasible' proves the caller's solution optimal.
 */
export function solveVariantCost(
  problem: VariantsProblem,
  cycleTime: number,
  options: VariantsOptions & { maxStations?: number; upperBound?: number } = {},
): VariantsResult {
  const core = load(problem);
  const code = core.exports.solveCost(
    cycleTime,
    options.uLine ? 1 : 0,
    options.maxReplicas ?? 1,
    options.replicaCost ?? 1,
    options.maxStations ?? 0,
    options.upperBound ?? 0,
    options.timeLimitMs ?? 0,
  );
  return collect(core, code, problem);
}

/** Type 2: the smallest integer cycle time with at most `stations` stations (no replicas). */
export function solveVariantCycle(problem: VariantsProblem, stations: number, options: VariantsOptions = {}): VariantsResult {
  const core = load(problem);
  const code = core.exports.solveCycle(stations, options.uLine ? 1 : 0, options.timeLimitMs ?? 0);
  return collect(core, code, problem);
}

function taskCount(problem: VariantsProblem): number {
  return problem.predOffsets.length - 1;
}

function load(problem: VariantsProblem) {
  const core = instantiateCore<VariantsExports>('variants');
  const e = core.exports;
  if (e.layoutVersion() !== LAYOUT_VERSION) {
    throw new Error(`wasm-core variants: layout ${e.layoutVersion()}, host expects ${LAYOUT_VERSION}`);
  }
  const n = taskCount(problem);
  const conflictTargets = problem.conflictTargets ?? new Int32Array(0);
  e.prepare(n, problem.dims, problem.predTargets.length, conflictTargets.length >> 1);
  // Views are made after prepare: memory may have grown, detaching older buffers.
  const i32 = (ptr: number, len: number) => new Int32Array(core.memory.buffer, ptr, len);
  new Float64Array(core.memory.buffer, e.timesPtr(), n * problem.dims).set(problem.times);
  new Float64Array(core.memory.buffer, e.factorsPtr(), problem.dims).set(problem.factors);
  i32(e.predOffsetsPtr(), n + 1).set(problem.predOffsets);
  i32(e.predTargetsPtr(), problem.predTargets.length).set(problem.predTargets);
  i32(e.fixedStationsPtr(), n).set(problem.fixedStations ?? new Int32Array(n));
  i32(e.conflictOffsetsPtr(), n + 1).set(problem.conflictOffsets ?? new Int32Array(n + 1));
  i32(e.conflictTargetsPtr(), conflictTargets.length).set(conflictTargets);
  return core;
}

function collect(core: ReturnType<typeof load>, code: number, problem: VariantsProblem): VariantsResult {
  const e = core.exports;
  const n = taskCount(problem);
  const status = STATUSES[code] ?? 'bad-input';
  const solved = status === 'solved';
  const stations = solved ? e.resultStationsCount() : 0;
  const copy = (ptr: number, len: number) => new Int32Array(core.memory.buffer, ptr, len).slice();
  return {
    status,
    assignment: solved ? copy(e.assignmentPtr(), n) : new Int32Array(0),
    legs: solved ? copy(e.legsPtr(), n) : new Int32Array(0),
    replicas: solved ? copy(e.replicasPtr(), stations) : new Int32Array(0),
    stations,
    cost: e.resultCostValue(),
    cycleTime: e.resultCycleTime(),
    lowerBound: e.resultBound(),
    provenOptimal: e.resultIsProven() === 1,
    expandedStates: e.resultExpandedStates(),
    storedStates: e.resultStoredStates(),
    outOfMemory: e.resultMemoryShort() === 1,
  };
}
