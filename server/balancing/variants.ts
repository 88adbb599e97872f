/**
 * The balancing variants as a domain function: mixed-model lines (MALBP), U-lines (ULBP) and
 * parallel stations, alone or together, solved exactly by the variants core. A station's load
 * is checked in several dimensions: under the strict rule every model's time; under the
 * average rule every model's time against cycle × (1 + tolerance) and the share-weighted
 * average against the cycle. Times are scaled to integers as for the classic core; the
 * weighted average is the only fractional dimension.
 */
import { performance } from 'node:perf_hooks';
import { solveVariantCost, solveVariantCycle, type VariantsProblem, type VariantsResult } from '../../wasm-core/variants.ts';
import { BalancingInputError } from './errors.ts';
import { checkFixedStations, noSolution } from './checks.ts';
import { mixedMetrics, sequenceOverload, type MixedMetrics, type SequenceCheck } from './mixed.ts';
import { indexTasks, type IndexedTasks } from './precedence.ts';
import type { BalancingProblem } from './problemSchema.ts';
import type { BalancingResult } from './solve.ts';
import { normalisedShares } from './modelShares.ts';
import { cycleToUnits, roundingNoise, timeScale, toUnits } from './scale.ts';
import { applyZoning, type Zoning } from './zoning.ts';
import { solveStationsCore, type CoreResult } from '../../wasm-core/balance.ts';
import { contractedGraph, toCoreProblem } from './coreInput.ts';

/** What a variant adds to a balancing result. */
export interface VariantResultFields extends MixedMetrics {
  layout: 'straight' | 'u';
  /** U-lines: the leg each task is done on. */
  legs?: ('front' | 'back')[];
  models?: { id: string; share: number }[];
  mixedRule?: 'strict' | 'average';
  overloadTolerance?: number;
  /** Parallel stations: workplaces per station, their sum, and the objective Σ (1 + replicaCost·(k − 1)). */
  replicas?: number[];
  workplaces?: number;
  replicaCost?: number;
  cost?: number;
  sequenceCheck?: SequenceCheck;
}

/** The line as models × tasks: model ids, normalised shares and times[model][task] in integer units. */
export interface ModelTimes {
  ids: string[];
  shares: number[];
  /** times[m][j] in units of 1/scale. */
  units: number[][];
  scale: number;
}

/** The models of a problem (one unnamed model for a single-model line) and their times in units. */
export function modelTimes(problem: BalancingProblem): ModelTimes {
  const models = problem.models ?? [{ id: '', share: 1 }];
  const raw = models.map((m) => problem.tasks.map((t) => (problem.models ? (t.times?.[m.id] ?? 0) : t.time!)));
  const n = problem.tasks.length;
  const scale = timeScale(raw.flat(), (i) => {
    const m = Math.floor(i / n);
    const j = i % n;
    return problem.models ? `tasks.${j}.times.${models[m].id}` : `tasks.${j}.time`;
  });
  return {
    ids: models.map((m) => m.id),
    shares: normalisedShares(models),
    units: raw.map((row) => row.map((t) => toUnits(t, scale))),
    scale,
  };
}

/** Whether a problem needs the variants core (anything beyond one model on a straight line without replicas). */
export function isVariant(problem: BalancingProblem): boolean {
  return problem.models !== undefined || problem.layout === 'u' || problem.parallel !== undefined;
}

/** Solves a validated variant problem; throws BalancingInputError or BalancingNoSolutionError. */
export function solveVariant(problem: BalancingProblem, started = performance.now()): BalancingResult {
  const layout = problem.layout ?? 'straight';
  const tasks = indexTasks(problem.tasks);
  const zoning = applyZoning(tasks, problem.constraints, layout);
  // Each station holds work, except empty ones bridging to a fixed station: never more stations than tasks.
  checkFixedStations(zoning, zoning.groups.length, 'the number of tasks');
  const times = modelTimes(problem);
  const rule = problem.models ? (problem.mixedRule ?? 'strict') : undefined;
  const tolerance = rule === 'average' ? problem.overloadTolerance! : 0;
  const core = toVariantsCore(tasks, zoning, times, rule, tolerance);
  const timeLimitMs = problem.timeLimitMs ?? 10_000;
  const uLine = layout === 'u';
  const type2 = problem.stations !== undefined;
  const taktTime = problem.demand !== undefined ? problem.availableTime! / problem.demand : undefined;
  const cycle = problem.cycleTime ?? (taktTime !== undefined ? taktTime * (problem.utilisation ?? 1) : 0);
  let result: VariantsResult;
  let cycleUnits: number;
  if (type2) {
    checkFixedStations(zoning, problem.stations!, 'stations');
    result = solveVariantCycle(core, problem.stations!, { uLine, timeLimitMs });
    cycleUnits = result.cycleTime;
  } else {
    cycleUnits = cycleToUnits(cycle, times.scale);
    checkTasksFit(problem, tasks, zoning, core, cycleUnits, cycle);
    if (problem.maxStations !== undefined) checkFixedStations(zoning, problem.maxStations, 'maxStations');
    const straight =
      uLine && !problem.models && !problem.parallel ? straightIncumbent(tasks, zoning, times, cycleUnits, problem, timeLimitMs / 4) : null;
    const options = { uLine, maxReplicas: problem.parallel?.maxReplicas ?? 1, replicaCost: problem.parallel?.replicaCost ?? 1 };
    const rest = () => Math.max(1, timeLimitMs - (performance.now() - started));
    result = solveVariantCost(core, cycleUnits, {
      ...options,
      maxStations: problem.maxStations,
      upperBound: straight?.stations,
      timeLimitMs: rest(),
    });
    if (straight && result.status !== 'solved') result = fromStraight(straight, result);
    if (result.status === 'infeasible' && problem.maxStations !== undefined) {
      // Infeasible under the cap: the cap, or the zoning alone? Solving without the cap says which.
      throw noSolution(result, problem, false, solveVariantCost(core, cycleUnits, { ...options, timeLimitMs: rest() }));
    }
  }
  if (result.status !== 'solved') throw noSolution(result, problem, type2);
  const assignment = Array.from(zoning.groupOf, (g) => result.assignment[g]);
  const replicas = Array.from(result.replicas);
  const cycleTime = type2 ? cycleUnits / times.scale : cycle;
  const metrics = mixedMetrics(tasks.ids, times, assignment, replicas, cycleUnits);
  const kind = problem.models ? 'MALBP' : uLine ? 'UALBP' : 'SALBP';
  const workplaces = replicas.reduce((a, b) => a + b, 0);
  return {
    problem: `${kind}-${type2 ? 2 : 1}`,
    layout,
    cycleTime,
    stations: result.stations,
    provenOptimal: result.provenOptimal,
    lowerBound: type2 ? result.lowerBound / times.scale : roundBound(result.lowerBound),
    taskIds: tasks.ids,
    assignment,
    ...(uLine ? { legs: Array.from(zoning.groupOf, (g) => (result.legs[g] === 1 ? ('back' as const) : ('front' as const))) } : {}),
    ...(problem.models ? { models: times.ids.map((id, m) => ({ id, share: times.shares[m] })), mixedRule: rule } : {}),
    ...(rule === 'average' ? { overloadTolerance: tolerance } : {}),
    ...(problem.parallel ? { replicas, workplaces, replicaCost: problem.parallel.replicaCost, cost: result.cost } : {}),
    ...(taktTime !== undefined ? { taktTime, utilisation: problem.utilisation ?? 1 } : {}),
    ...metrics,
    ...(problem.sequence ? { sequenceCheck: sequenceOverload(times, metrics, problem.sequence, cycleUnits, tolerance) } : {}),
    elapsedMs: performance.now() - started,
    expandedStates: result.expandedStates,
  };
}

/**
 * A straight balance is a U-line balance with every task on the front leg, and the classic
 * core finds one fast: it seeds the U-line search, which then looks only for fewer stations.
 */
function straightIncumbent(
  tasks: IndexedTasks,
  zoning: Zoning,
  times: ModelTimes,
  cycleUnits: number,
  problem: BalancingProblem,
  timeLimitMs: number,
) {
  const result = solveStationsCore(toCoreProblem(tasks, zoning, times.units[0]), cycleUnits, {
    timeLimitMs: Math.max(1, Math.round(timeLimitMs)),
    maxStations: problem.maxStations,
  });
  return result.status === 'solved' ? result : null;
}

/** The straight balance as the U-line answer when the U-line search found nothing with fewer stations. */
function fromStraight(straight: CoreResult, search: VariantsResult): VariantsResult {
  // 'infeasible' with the straight balance as bound: no U-line balance has fewer stations.
  const proven = search.status === 'infeasible';
  return {
    ...search,
    status: 'solved',
    assignment: straight.assignment,
    legs: new Int32Array(straight.assignment.length),
    replicas: new Int32Array(straight.stations).fill(1),
    stations: straight.stations,
    cost: straight.stations,
    provenOptimal: proven,
    lowerBound: proven ? straight.stations : search.lowerBound,
  };
}

/** A cost bound printed without float noise (the core sums f64 replica costs). */
function roundBound(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * The core's dimensions: one per model (strict: capacity = cycle; average: cycle × (1 + tolerance)),
 * and under the average rule one more for the share-weighted time (capacity = cycle). Zoning
 * groups are contracted to one node with the summed times.
 */
export function toVariantsCore(
  tasks: IndexedTasks,
  zoning: Zoning,
  times: ModelTimes,
  rule: 'strict' | 'average' | undefined,
  tolerance: number,
): VariantsProblem {
  const models = times.ids.length;
  const average = rule === 'average';
  const dims = models + (average ? 1 : 0);
  const count = zoning.groups.length;
  const values = new Float64Array(count * dims);
  for (let j = 0; j < tasks.ids.length; j++) {
    const g = zoning.groupOf[j];
    for (let m = 0; m < models; m++) values[g * dims + m] += times.units[m][j];
    if (average) values[g * dims + models] += times.units.reduce((s, row, m) => s + times.shares[m] * row[j], 0);
  }
  const factors = new Float64Array(dims).fill(average ? 1 + tolerance : 1);
  if (average) factors[models] = 1;
  return { dims, times: values, factors, ...contractedGraph(tasks, zoning), fixedStations: zoning.fixed };
}

/**
 * Every task (and must-share group) has to fit a station, or with parallel stations its most
 * replicated station. The message says what would make it fit.
 */
function checkTasksFit(
  problem: BalancingProblem,
  tasks: IndexedTasks,
  zoning: Zoning,
  core: VariantsProblem,
  cycleUnits: number,
  cycle: number,
) {
  const replicas = problem.parallel?.maxReplicas ?? 1;
  const count = zoning.groups.length;
  const integral = Array.from({ length: core.dims }, (_, d) => {
    for (let g = 0; g < count; g++) if (!Number.isInteger(core.times[g * core.dims + d])) return false;
    return true;
  });
  // As the core compares (search.ts: capacity, within): exactly in whole units, else with a hair of slack.
  const fits = (t: number, k: number, d: number) => {
    const x = k * cycleUnits * core.factors[d];
    return integral[d] ? t <= Math.floor(x + roundingNoise(x)) : t <= x * (1 + 1e-12);
  };
  for (let g = 0; g < count; g++) {
    for (let d = 0; d < core.dims; d++) {
      const t = core.times[g * core.dims + d];
      if (fits(t, replicas, d)) continue;
      let need = replicas + 1;
      while (!fits(t, need, d)) need++;
      const members = zoning.groups[g];
      const what =
        members.length === 1
          ? `task "${tasks.ids[members[0]]}"`
          : `tasks ${members.map((j) => `"${tasks.ids[j]}"`).join(', ')} (must share a station)`;
      const model =
        problem.models && d < problem.models.length
          ? ` for model ${problem.models[d].id}`
          : problem.models
            ? ' on share-weighted average'
            : '';
      const limit = core.factors[d] !== 1 ? ` × (1 + overloadTolerance)` : '';
      const hint = problem.parallel
        ? `: it needs ${need} parallel workplaces, more than parallel.maxReplicas ${replicas}`
        : '; allow parallel stations (parallel.maxReplicas, on the CLI --parallel 2) or raise the cycle time';
      throw new BalancingInputError(
        members.length === 1 ? (problem.models ? `tasks.${members[0]}.times` : `tasks.${members[0]}.time`) : 'constraints.mustShare',
        `${what} takes longer${model} than the cycle time ${cycle}${limit}${hint}`,
      );
    }
  }
}
