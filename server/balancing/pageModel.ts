/**
 * What the balance page reads off a stored run: the station bars of a Yamazumi chart (the line
 * or one model of a mixed-model line), the figures a planner looks at first (stations, the
 * bottleneck, idle time, efficiency, smoothness, whether it is proven), and the rows of the
 * assignment table. Pure functions of the run's result and input; nothing is solved here.
 */
import type { BalancingResult } from './solve.ts';
import type { YamazumiData, YamazumiStation } from '../../views/charts/yamazumi.tsx';

/** The task list of a stored run's input, as far as the page needs it (ids may be numbers in an `.alb`). */
interface RunInput {
  tasks?: { id: string | number; time?: number; times?: Record<string, number> }[];
}

/** A stored run as the page shows it. */
export interface BalanceRun {
  id: string;
  title: string;
  createdAt: Date;
  input: unknown;
  result: BalancingResult;
}

/** Each task's time in the run, in task order: the model's time, or the share-weighted time of a mixed-model line. */
export function taskTimes(run: BalanceRun, model?: string): number[] {
  const { result } = run;
  const tasks = (run.input as RunInput | null)?.tasks ?? [];
  const shares = result.models ?? [];
  return result.taskIds.map((_, j) => {
    const task = tasks[j];
    if (!task) return 0;
    if (!task.times) return task.time ?? 0;
    if (model !== undefined) return task.times[model] ?? 0;
    return shares.reduce((sum, m) => sum + m.share * (task.times![m.id] ?? 0), 0);
  });
}

/**
 * The station whose workplaces carry the most work (the first of equals): it sets the pace of
 * the line. With `model`, that model's loads of a mixed-model line.
 */
export function bottleneckOf(result: BalancingResult, model?: string): number {
  const load = (k: number) => {
    const s = result.stationLoads[k];
    return (model !== undefined ? (result.modelLoads?.[model]?.[k] ?? 0) : s.load) / (s.replicas ?? 1);
  };
  let best = 0;
  result.stationLoads.forEach((_, k) => {
    if (load(k) > load(best) + 1e-9) best = k;
  });
  return result.stationLoads[best]?.station ?? 1;
}

/**
 * The bars of a Yamazumi chart: per station its tasks stacked in task order (on a U-line the
 * front leg's first, then the back leg's), its load, its capacity (workplaces × cycle time).
 * With `model`, one model's times and loads of a mixed-model line (tasks it skips left out).
 */
export function yamazumiOf(run: BalanceRun, descriptions: ReadonlyMap<string, string>, model?: string): YamazumiData {
  const { result } = run;
  const times = taskTimes(run, model);
  const bottleneck = bottleneckOf(result, model);
  const stations: YamazumiStation[] = result.stationLoads.map((s, k) => {
    const replicas = s.replicas ?? 1;
    const segments = result.taskIds
      .map((task, j) => ({ task, j }))
      .filter(({ j }) => result.assignment[j] === s.station && times[j] > 0)
      .map(({ task, j }) => ({
        task,
        description: descriptions.get(task),
        time: times[j],
        ...(result.legs ? { leg: result.legs[j] } : {}),
      }))
      .sort((a, b) => (a.leg === b.leg ? 0 : a.leg === 'back' ? 1 : -1));
    const load = model !== undefined ? (result.modelLoads?.[model]?.[k] ?? 0) : s.load;
    return { station: s.station, replicas, load, capacity: replicas * result.cycleTime, segments, bottleneck: s.station === bottleneck };
  });
  const tolerance = model !== undefined && result.mixedRule === 'average' ? (result.overloadTolerance ?? 0) : 0;
  return {
    cycleTime: result.cycleTime,
    ...(result.taktTime !== undefined && Math.abs(result.taktTime - result.cycleTime) > 1e-9 ? { taktTime: result.taktTime } : {}),
    ...(tolerance > 0 ? { windowTime: result.cycleTime * (1 + tolerance) } : {}),
    stations,
  };
}

export type ProofStatus = 'proven' | 'bound';

/** The headline figures of a balance. */
export interface BalanceSummary {
  stations: number;
  workplaces: number;
  cycleTime: number;
  taktTime?: number;
  bottleneck: { station: number; load: number; share: number; replicas: number };
  totalIdle: number;
  lineEfficiency: number;
  smoothnessIndex: number;
  /** Proven optimal, or the best found when the search ran out of time, with the bound no balance beats. */
  proof: ProofStatus;
  /** What the bound counts: stations (type 1), the cost of workplaces (parallel stations), or the cycle time (type 2). */
  boundOf: 'stations' | 'cost' | 'cycle';
  lowerBound: number;
  /** The value the bound is set against: stations, cost or cycle time of this balance. */
  achieved: number;
  elapsedMs: number;
}

export function summaryOf(result: BalancingResult): BalanceSummary {
  const station = bottleneckOf(result);
  const s = result.stationLoads.find((x) => x.station === station)!;
  const replicas = s?.replicas ?? 1;
  const type2 = result.problem.endsWith('-2');
  const boundOf = type2 ? 'cycle' : result.replicas ? 'cost' : 'stations';
  const achieved = type2 ? result.cycleTime : boundOf === 'cost' ? (result.cost ?? result.stations) : result.stations;
  // A bound that meets the balance found proves it, whatever the search had time to say.
  const proven = result.provenOptimal || Math.abs(result.lowerBound - achieved) < 1e-9;
  return {
    stations: result.stations,
    workplaces: result.workplaces ?? result.stations,
    cycleTime: result.cycleTime,
    ...(result.taktTime !== undefined ? { taktTime: result.taktTime } : {}),
    bottleneck: { station, load: s?.load ?? 0, share: s ? s.load / (replicas * result.cycleTime) : 0, replicas },
    totalIdle: result.totalIdle,
    lineEfficiency: result.lineEfficiency,
    smoothnessIndex: result.smoothnessIndex,
    proof: proven ? 'proven' : 'bound',
    boundOf,
    lowerBound: result.lowerBound,
    achieved,
    elapsedMs: result.elapsedMs,
  };
}

/** One row of the assignment table: a station, its tasks and times, per model and in a sequence. */
export interface AssignmentRow {
  station: number;
  replicas: number;
  tasks: { id: string; description?: string; time: number; leg?: 'front' | 'back' }[];
  load: number;
  idle: number;
  bottleneck: boolean;
  modelLoads: number[];
  overload?: number;
}

/** The assignment table's rows, with the model ids of its per-model columns. */
export function assignmentOf(run: BalanceRun, descriptions: ReadonlyMap<string, string>): { models: string[]; rows: AssignmentRow[] } {
  const { result } = run;
  const times = taskTimes(run);
  const models = result.modelLoads ? Object.keys(result.modelLoads) : [];
  const bottleneck = bottleneckOf(result);
  const rows = result.stationLoads.map((s, k) => ({
    station: s.station,
    replicas: s.replicas ?? 1,
    tasks: result.taskIds.flatMap((id, j) =>
      result.assignment[j] === s.station
        ? [{ id, description: descriptions.get(id), time: times[j], ...(result.legs ? { leg: result.legs[j] } : {}) }]
        : [],
    ),
    load: s.load,
    idle: s.idle,
    bottleneck: s.station === bottleneck,
    modelLoads: models.map((m) => result.modelLoads![m][k]),
    ...(result.sequenceCheck ? { overload: result.sequenceCheck.overloadByStation[k] ?? 0 } : {}),
  }));
  return { models, rows };
}
