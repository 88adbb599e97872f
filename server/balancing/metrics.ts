/**
 * Figures a planner reads off a balance (DOMAIN.md): station loads and idle times, line
 * efficiency E = Σt / (m·c), balance delay 1 − E, and the smoothness index
 * SI = √Σ(S_max − S_k)² (0 = perfectly smooth). Loads are summed in the integer units of the
 * search and converted back once, so 0.1 + 0.2 shows as 0.3.
 */

export interface StationLoad {
  station: number;
  /** Task ids in input order. */
  tasks: string[];
  load: number;
  idle: number;
  /** Parallel workplaces of the station, when it has more than one. */
  replicas?: number;
}

export interface LineMetrics {
  stationLoads: StationLoad[];
  lineEfficiency: number;
  balanceDelay: number;
  smoothnessIndex: number;
  totalIdle: number;
}

/** Smoothness index √Σ(S_max − S_k)² of station loads (0 = perfectly smooth), in the loads' unit. */
export function smoothnessIndex(loads: readonly number[]): number {
  const max = Math.max(...loads);
  return Math.sqrt(loads.reduce((acc, l) => acc + (max - l) ** 2, 0));
}

/**
 * Metrics of an assignment (station per task, 1-based, in task order) at cycle time `cycle`
 * with `stations` stations; `units` are the task times in integer units of 1/`scale`.
 */
export function lineMetrics(
  ids: string[],
  units: number[],
  assignment: number[],
  stations: number,
  cycleUnits: number,
  scale: number,
): LineMetrics {
  const loads = new Array<number>(stations).fill(0);
  const tasks: string[][] = Array.from({ length: stations }, () => []);
  assignment.forEach((s, j) => {
    loads[s - 1] += units[j];
    tasks[s - 1].push(ids[j]);
  });
  const total = loads.reduce((a, b) => a + b, 0);
  const smoothness = smoothnessIndex(loads) / scale;
  const efficiency = total / (stations * cycleUnits);
  return {
    stationLoads: loads.map((l, k) => ({ station: k + 1, tasks: tasks[k], load: l / scale, idle: (cycleUnits - l) / scale })),
    lineEfficiency: efficiency,
    balanceDelay: 1 - efficiency,
    smoothnessIndex: smoothness,
    totalIdle: (stations * cycleUnits - total) / scale,
  };
}
