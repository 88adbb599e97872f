/**
 * Checks that need the cycle or station target (so they run in solve.ts, after zoning), and
 * the translation of a core result without a solution into the domain's errors.
 */
import type { CoreResult } from '../../wasm-core/balance.ts';
import { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
import type { BalancingProblem } from './problemSchema.ts';
import type { Zoning } from './zoning.ts';

/** Every task, and every must-share group, has to fit into one station. */
export function checkGroupsFit(
  problem: BalancingProblem,
  ids: string[],
  zoning: Zoning,
  groupUnits: Int32Array,
  cycleUnits: number,
  cycle: number,
): void {
  const takt =
    problem.cycleTime === undefined ? ` (takt ${problem.availableTime! / problem.demand!} × utilisation ${problem.utilisation ?? 1})` : '';
  zoning.groups.forEach((members, g) => {
    if (groupUnits[g] <= cycleUnits) return;
    if (members.length === 1) {
      const j = members[0];
      throw new BalancingInputError(
        `tasks.${j}.time`,
        `task "${ids[j]}" takes ${problem.tasks[j].time}, longer than the cycle time ${cycle}${takt}; allow parallel stations (parallel.maxReplicas, on the CLI --parallel 2) or raise the cycle time`,
      );
    }
    const names = members.map((j) => `"${ids[j]}"`).join(', ');
    const total = members.reduce((sum, j) => sum + problem.tasks[j].time!, 0);
    const field = zoning.cause[g] >= 0 ? `constraints.mustShare.${zoning.cause[g]}` : 'constraints.mustShare';
    throw new BalancingInputError(
      field,
      `tasks ${names} must share a station but take ${total} together, longer than the cycle time ${cycle}${takt}`,
    );
  });
}

export function checkFixedStations(zoning: Zoning, stations: number, field: string): void {
  const worst = Math.max(0, ...zoning.fixed);
  if (worst > stations) {
    throw new BalancingInputError('constraints.fixed', `a task is fixed to station ${worst}, but ${field} is ${stations}`);
  }
}

/**
 * The error for a core result without a balance. `uncapped` is the same SALBP-1 solved without
 * `maxStations`, when the capped one was infeasible: it tells whether the cap or the zoning is to
 * blame, and how many stations the line needs.
 */
export function noSolution(
  result: Pick<CoreResult, 'status' | 'stations' | 'provenOptimal' | 'lowerBound'>,
  problem: BalancingProblem,
  salbp2: boolean,
  uncapped?: Pick<CoreResult, 'status' | 'stations' | 'provenOptimal' | 'lowerBound'>,
): Error {
  if (result.status === 'infeasible') {
    if (!salbp2 && problem.maxStations !== undefined && uncapped && uncapped.status !== 'infeasible') {
      const needed =
        uncapped.status === 'solved' && uncapped.provenOptimal
          ? `at least ${uncapped.stations} are needed`
          : `at least ${Math.max(problem.maxStations + 1, uncapped.lowerBound)} are needed`;
      return new BalancingNoSolutionError(
        'infeasible',
        `no balance fits into ${problem.maxStations} station${problem.maxStations === 1 ? '' : 's'} at this cycle time (${needed})`,
        'maxStations',
      );
    }
    return new BalancingNoSolutionError('infeasible', 'the fixed stations and must-not-share pairs cannot all be met', 'constraints');
  }
  if (result.status === 'unknown') {
    return new BalancingNoSolutionError(
      'time-limit',
      'no balance meeting the constraints was found within the time limit; raise timeLimitMs',
    );
  }
  return new Error(`balancing core rejected a validated problem (${result.status})`);
}
