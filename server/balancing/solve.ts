/**
 * Line balancing as a domain function: validate the request, contract zoning groups, call
 * the exact core (SALBP-1 for a cycle or takt time, SALBP-2 for a station count), and report
 * the assignment with the metrics a planner reads. Mixed models, U-lines and parallel
 * stations go to the variants core (variants.ts). Never hangs: the search has a time limit,
 * after which the best balance found is returned with `provenOptimal: false` and a lower
 * bound, so the gap to the optimum is known.
 */
import { performance } from 'node:perf_hooks';
import { solveCycleCore, solveStationsCore, type CoreResult } from '../../wasm-core/balance.ts';
import { checkFixedStations, checkGroupsFit, noSolution } from './checks.ts';
import { toCoreProblem } from './coreInput.ts';
import { lineMetrics, type LineMetrics } from './metrics.ts';
import { indexTasks } from './precedence.ts';
import { cycleToUnits, timeScale, toUnits } from './scale.ts';
import { parseBalancingProblem } from './problemSchema.ts';
import { applyZoning } from './zoning.ts';
import { isVariant, solveVariant, type VariantResultFields } from './variants.ts';

/** Search budget when the request names none. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

export interface BalancingResult extends LineMetrics, Partial<Omit<VariantResultFields, keyof LineMetrics>> {
  /** SALBP: one model on a straight line (parallel stations included); MALBP: mixed models; UALBP: one model on a U-line. */
  problem: 'SALBP-1' | 'SALBP-2' | 'MALBP-1' | 'MALBP-2' | 'UALBP-1' | 'UALBP-2';
  /** Cycle time balanced to (SALBP-2: the smallest found, i.e. the largest station load). */
  cycleTime: number;
  stations: number;
  provenOptimal: boolean;
  /** Stations (SALBP-1) or cycle time (SALBP-2) that no balance can beat. */
  lowerBound: number;
  taskIds: string[];
  /** Station (1-based) of each task, in input order. */
  assignment: number[];
  /** Available time ÷ demand, when balancing to takt. */
  taktTime?: number;
  utilisation?: number;
  elapsedMs: number;
  expandedStates: number;
}

/** Validates and solves a balancing request; throws BalancingInputError or BalancingNoSolutionError. */
export function solveBalancing(input: unknown): BalancingResult {
  const started = performance.now();
  const problem = parseBalancingProblem(input);
  if (isVariant(problem)) return solveVariant(problem, started);
  const tasks = indexTasks(problem.tasks);
  const times = problem.tasks.map((t) => t.time!);
  const scale = timeScale(times);
  const units = times.map((t) => toUnits(t, scale));
  const zoning = applyZoning(tasks, problem.constraints);
  const core = toCoreProblem(tasks, zoning, units);
  const timeLimitMs = problem.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const taktTime = problem.demand !== undefined ? problem.availableTime! / problem.demand : undefined;
  const salbp2 = problem.stations !== undefined;
  let cycle = 0;
  let result: CoreResult;
  if (salbp2) {
    checkFixedStations(zoning, problem.stations!, 'stations');
    result = solveCycleCore(core, problem.stations!, { timeLimitMs });
  } else {
    cycle = problem.cycleTime ?? taktTime! * (problem.utilisation ?? 1);
    const cycleUnits = cycleToUnits(cycle, scale);
    checkGroupsFit(problem, tasks.ids, zoning, core.times, cycleUnits, cycle);
    if (problem.maxStations !== undefined) checkFixedStations(zoning, problem.maxStations, 'maxStations');
    result = solveStationsCore(core, cycleUnits, { timeLimitMs, maxStations: problem.maxStations });
    if (result.status === 'infeasible' && problem.maxStations !== undefined) {
      // Infeasible under the cap: the cap, or the zoning alone? Solving without the cap says which.
      const rest = Math.max(1, timeLimitMs - (performance.now() - started));
      throw noSolution(result, problem, false, solveStationsCore(core, cycleUnits, { timeLimitMs: rest }));
    }
  }
  if (result.status !== 'solved') throw noSolution(result, problem, salbp2);
  const assignment = Array.from(zoning.groupOf, (g) => result.assignment[g]);
  const cycleTime = salbp2 ? result.cycleTime / scale : cycle;
  const metrics = lineMetrics(tasks.ids, units, assignment, result.stations, cycleTime * scale, scale);
  return {
    problem: salbp2 ? 'SALBP-2' : 'SALBP-1',
    cycleTime,
    stations: result.stations,
    provenOptimal: result.provenOptimal,
    lowerBound: salbp2 ? result.lowerBound / scale : result.lowerBound,
    taskIds: tasks.ids,
    assignment,
    ...(taktTime !== undefined ? { taktTime, utilisation: problem.utilisation ?? 1 } : {}),
    ...metrics,
    elapsedMs: performance.now() - started,
    expandedStates: result.expandedStates,
  };
}
