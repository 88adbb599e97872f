/**
 * Up-front event estimate: how many events a replication will process, from the horizon and
 * the model's rates, so that a run that would take hours is refused before it starts and a
 * replication that runs away is stopped at a cap.
 *
 * The line cannot outrun its slowest station, so the part rate λ is at most the smallest
 * station capacity c_k = count_k / (E[T_k]·(1 + MTTR/MTBF) + E[C_k]) (operation-dependent
 * failures) or count_k · A_k / (E[T_k] + E[C_k]) with A_k = MTBF/(MTBF + MTTR) (calendar time).
 * Each part then causes one completion per station, one changeover end where it changes
 * over, and each failure two events (failure, repair end).
 */
import { availableParallelism } from 'node:os';
import { SimulationInputError } from './errors.ts';
import { distributionMean, processTimeOf, productShares } from './flatten.ts';
import type { SimulationModel } from './model.ts';
import { productNames } from './rules.ts';

/** A deliberately low single-core rate (the bench measures well above it). */
export const ASSUMED_EVENTS_PER_SECOND = 5e6;

/** Per-part changeover time and probability at station k (mix: independent draws; sequence: its cycle). */
function changeoverPerPart(model: SimulationModel, k: number, names: string[], shares: number[]): { time: number; chance: number } {
  const c = model.machines[k].changeover ?? {};
  const cost = (a: string, b: string) => (a === b ? 0 : (c[a]?.[b] ?? 0));
  let time = 0;
  let chance = 0;
  if (model.sequence) {
    const seq = model.sequence;
    seq.forEach((to, i) => {
      const t = cost(seq[(i + seq.length - 1) % seq.length], to);
      time += t / seq.length;
      chance += t > 0 ? 1 / seq.length : 0;
    });
  } else {
    names.forEach((a, i) =>
      names.forEach((b, j) => {
        const t = cost(a, b);
        time += shares[i] * shares[j] * t;
        chance += t > 0 ? shares[i] * shares[j] : 0;
      }),
    );
  }
  return { time, chance };
}

/** Upper estimate of the part rate (parts per time unit) and of events per replication. */
export function estimateEvents(model: SimulationModel): { partRate: number; eventsPerReplication: number } {
  const names = productNames(model);
  const shares = model.sequence
    ? names.map((n) => model.sequence!.filter((s) => s === n).length / model.sequence!.length)
    : productShares(model);
  const stations = model.machines.map((m, k) => {
    const work = names.reduce((sum, n, i) => sum + shares[i] * distributionMean(processTimeOf(model, k, n)), 0);
    const change = changeoverPerPart(model, k, names, shares);
    const f = m.failure;
    let capacity = m.count / (work + change.time);
    if (f?.basis === 'calendar') capacity *= f.mtbf / (f.mtbf + f.mttr);
    else if (f) capacity = m.count / (work * (1 + f.mttr / f.mtbf) + change.time);
    return { work, change, failure: f, count: m.count, capacity };
  });
  const partRate = Math.min(...stations.map((s) => s.capacity));
  let perTime = 0;
  for (const s of stations) {
    perTime += partRate * (1 + s.change.chance);
    if (s.failure?.basis === 'calendar') perTime += (2 * s.count) / (s.failure.mtbf + s.failure.mttr);
    else if (s.failure) perTime += (2 * partRate * s.work) / s.failure.mtbf;
  }
  return { partRate, eventsPerReplication: Math.ceil(perTime * model.horizon) };
}

/** Most replications a run may need (the precision cap when a precision target is set). */
export function maxReplications(model: SimulationModel): number {
  return model.precision ? model.precision.maxReplications : model.replications;
}

/**
 * Refuses work estimated to take longer than `limitSeconds` of wall time: `events` in total,
 * spread over `jobs` replications that share the cores. The error names the horizon, the
 * field that scales the work.
 */
export function checkWallTime(events: number, jobs: number, limitSeconds: number): void {
  const cores = availableParallelism();
  const seconds = events / (ASSUMED_EVENTS_PER_SECOND * Math.min(cores, jobs));
  if (seconds <= limitSeconds) return;
  throw SimulationInputError.at(
    'horizon',
    `the run would need about ${events.toExponential(2)} events in ${jobs} replications, roughly ${Math.round(seconds / 60)} minutes ` +
      `on ${cores} cores (limit ${limitSeconds} s): shorten the horizon, run fewer replications or raise limits.maxWallSeconds`,
  );
}

/** Refuses a model whose replications (up to the precision cap) would take too long. */
export function checkRunSize(model: SimulationModel): void {
  const replications = maxReplications(model);
  checkWallTime(estimateEvents(model).eventsPerReplication * replications, replications, model.limits?.maxWallSeconds ?? 600);
}

/** Events after which a replication stops with an error (default 4 × its estimate). */
export function eventCap(model: SimulationModel): number {
  return model.limits?.maxEventsPerReplication ?? Math.max(1e6, 4 * estimateEvents(model).eventsPerReplication);
}
