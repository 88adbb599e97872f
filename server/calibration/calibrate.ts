/**
 * Calibration: a simulation model of a line built from a window of its live data, and the
 * validation of that model against the same window. Per station: processing times fitted by
 * product (`fit.ts`), failures from unplanned stops (MTBF on operating time, the repair time
 * distribution), changeovers between products; the product mix from the exit station. Machine
 * counts, buffer capacities and power come from the line's current model (data cannot show
 * them), else one machine and buffers of 5, which the result says. The model is then simulated
 * over the window's conditions (its length, and its planned stops as the core's calendar) and
 * compared with what was observed: throughput and state shares, with 95 % intervals.
 */
import type { Db } from '../../db/client.ts';
import { ruleViolation } from '../core/errors.ts';
import { eventsOf, loadLine } from '../metrics/index.ts';
import { lineStopsIn } from '../schedules/index.ts';
import { coreCalendar, parseSimulationModel, type Distribution, type SimulationModelInput } from '../simulation/index.ts';
import { STATES } from '../../wasm-core/sim.ts';
import { planRun } from '../simulation/plan.ts';
import { runJobs } from '../simulation/dispatch.ts';
import { estimate, type Estimate } from '../simulation/intervals.ts';
import { tQuantile } from '../simulation/tdist.ts';
import type { RunOptions } from '../simulation/dispatch.ts';
import { fitRepairs, fitTimes, type FitResult } from './fit.ts';
import { observeStation, type StationObservation } from './observe.ts';

/** Fewest samples of a product for a fit of its own at a station (else the station's pooled times). */
const OWN_FIT_MIN = 30;
/** Replications of the validation run. */
const VALIDATION_REPLICATIONS = 10;

export interface CalibrationInput {
  lineId: string;
  from: string;
  to: string;
}

export interface StationCalibration {
  station: string;
  cycles: number;
  processTime: { product: string | null; fit: Omit<FitResult, 'candidates'> & { candidates: FitResult['candidates'] } }[];
  failures: {
    count: number;
    operatingSeconds: number;
    mtbf: number;
    mttr: number;
    repair: 'exponential' | 'lognormal';
    repairCv: number;
    /** Relative standard error of the MTBF estimate (1/√failures). */
    relativeError: number;
  } | null;
  changeovers: { from: string; to: string; count: number; meanSeconds: number }[];
}

export interface StateComparison {
  state: (typeof STATES)[number];
  observed: number;
  simulated: Estimate;
}

export interface CalibrationResult {
  window: { from: string; to: string; seconds: number };
  model: SimulationModelInput;
  stations: StationCalibration[];
  products: { name: string; parts: number; share: number }[];
  validation: {
    replications: number;
    throughputPerHour: {
      observed: number;
      simulated: Estimate;
      /** (simulated − observed) / observed, over the replications. */
      relativeError: Estimate;
      /** The 95 % prediction interval of one replication, and whether the observed value lies in it. */
      predictionInterval: { low: number; high: number; containsObserved: boolean };
    };
    states: { station: string; shares: StateComparison[] }[];
    /** The largest |simulated − observed| state share over stations and states. */
    maxStateShareError: number;
  };
  /** What the data could not say, and what was assumed instead. */
  assumptions: string[];
}

/** The observed share of each simulated state: running and reduced speed are processing, and so on. */
function observedShares(o: StationObservation, seconds: number): Record<(typeof STATES)[number], number> {
  const s = o.seconds;
  return {
    processing: (s.running + s.reduced_speed) / seconds,
    starved: s.starved / seconds,
    blocked: s.blocked / seconds,
    down: s.unplanned_stop / seconds,
    changeover: s.setup / seconds,
    planned: s.planned_stop / seconds,
  };
}

const round = (x: number) => Number(x.toPrecision(6));

/** Builds, simulates and compares; throws a rule violation when the window holds too little data. */
export async function calibrateLine(db: Db, input: CalibrationInput, options: RunOptions = {}): Promise<CalibrationResult> {
  const loaded = await loadLine(db, input.lineId);
  if (!loaded) throw ruleViolation('the line no longer exists');
  const window = { start: Date.parse(input.from), end: Date.parse(input.to) };
  const seconds = (window.end - window.start) / 1000;
  const stationRows = loaded.stations;
  const current = loaded.model ? parseSimulationModel(loaded.model) : null;
  const assumptions: string[] = [];
  const events = await eventsOf(
    db,
    stationRows.map((s) => s.id),
    window,
    ['state', 'cycle'],
  );
  const observed = stationRows.map((s) => observeStation(events.get(s.id)!, window));
  const exit = observed[observed.length - 1];

  const thin = stationRows.filter((_, i) => [...observed[i].cycleSeconds.values()].flat().length < 2).map((s) => s.code);
  if (thin.length) {
    throw ruleViolation(`too few cycles with a cycle time in the window at ${thin.join(', ')}: calibrate over a longer window`, {
      stations: thin,
    });
  }
  const productCounts = new Map<string, number>();
  for (const p of exit.products) productCounts.set(p, (productCounts.get(p) ?? 0) + 1);
  const named = [...productCounts.keys()].filter((p) => p !== '');
  const products = named.length ? named.sort() : [];
  if (named.length && productCounts.has('')) assumptions.push('some exit cycles name no product; the mix counts only the named ones');

  const calibrations: StationCalibration[] = [];
  const machines = stationRows.map((row, i) => {
    const o = observed[i];
    const pooled = [...o.cycleSeconds.values()].flat();
    const pooledFit = fitTimes(pooled);
    const processTime: StationCalibration['processTime'] = [];
    let time: Distribution | Record<string, Distribution>;
    if (products.length > 1) {
      const byProduct: Record<string, Distribution> = {};
      for (const p of products) {
        const own = o.cycleSeconds.get(p) ?? [];
        const fit = own.length >= OWN_FIT_MIN ? fitTimes(own) : pooledFit;
        if (own.length < OWN_FIT_MIN)
          assumptions.push(`${row.code}: ${own.length} cycles of ${p}, so its times are the station's pooled fit`);
        byProduct[p] = fit.distribution;
        processTime.push({ product: p, fit });
      }
      time = byProduct;
    } else {
      time = pooledFit.distribution;
      processTime.push({ product: products[0] ?? null, fit: pooledFit });
    }
    const operatingSeconds = o.seconds.running + o.seconds.reduced_speed;
    let failures: StationCalibration['failures'] = null;
    let failure: SimulationModelInput['machines'][number]['failure'];
    if (o.failures > 0 && o.repairSeconds.length >= 2 && operatingSeconds > 0) {
      const repair = fitRepairs(o.repairSeconds);
      const mtbf = round(operatingSeconds / o.failures);
      const repairCv = round(repair.repairCv);
      failures = {
        count: o.failures,
        operatingSeconds: round(operatingSeconds),
        mtbf,
        mttr: repair.mttr,
        repair: repair.repair,
        repairCv,
        relativeError: round(1 / Math.sqrt(o.failures)),
      };
      failure = { mtbf, mttr: repair.mttr, basis: 'operating', repair: repair.repair, repairCv };
    } else if (o.failures > 0) {
      assumptions.push(`${row.code}: ${o.failures} unplanned stop(s), too few to fit failures; the model has none`);
    }
    const pairs = new Map<string, number[]>();
    for (const c of o.changeovers) {
      const key = `${c.from}\u0000${c.to}`;
      const list = pairs.get(key) ?? [];
      if (!list.length) pairs.set(key, list);
      list.push(c.seconds);
    }
    const changeovers = [...pairs].map(([key, list]) => {
      const [from, to] = key.split('\u0000');
      return { from, to, count: list.length, meanSeconds: round(list.reduce((a, b) => a + b, 0) / list.length) };
    });
    calibrations.push({ station: row.code, cycles: pooled.length, processTime, failures, changeovers });
    const base = current?.machines.find((m) => m.name === row.code);
    const changeover: Record<string, Record<string, number>> = {};
    for (const c of changeovers)
      if (products.includes(c.from) && products.includes(c.to)) (changeover[c.from] ??= {})[c.to] = c.meanSeconds;
    return {
      name: row.code,
      count: base?.count ?? 1,
      processTime: time,
      ...(failure ? { failure } : {}),
      ...(Object.keys(changeover).length ? { changeover } : {}),
      ...(base?.power ? { power: base.power } : {}),
    };
  });
  if (!current) assumptions.push('the line has no model yet: one machine per station');
  let buffers = current?.buffers;
  if (!buffers || buffers.length !== stationRows.length - 1 || current?.machines.some((m, i) => m.name !== stationRows[i]?.code)) {
    buffers = stationRows.slice(1).map(() => 5);
    assumptions.push('buffer capacities are not in the data and the line has no matching model: 5 parts each');
  }
  const total = products.reduce((n, p) => n + (productCounts.get(p) ?? 0), 0);
  const mix = products.map((p) => ({ name: p, parts: productCounts.get(p) ?? 0, share: round((productCounts.get(p) ?? 0) / total) }));
  const model: SimulationModelInput = {
    name: `${loaded.line.name}: calibrated on ${input.from} – ${input.to}`,
    timeUnit: 's',
    machines,
    buffers,
    ...(products.length ? { products: mix.map((m) => ({ name: m.name, share: m.share })) } : {}),
    warmup: 0,
    horizon: seconds,
    replications: VALIDATION_REPLICATIONS,
    seed: 1,
  };
  const checked = parseSimulationModel(model);

  // Simulate the window's conditions: its length and its planned stops, from an empty line.
  const plan = planRun(checked);
  const stops = await lineStopsIn(db, { id: loaded.line.siteId, timezone: loaded.line.timezone }, input.lineId, window);
  plan.calendar = coreCalendar(
    stops,
    stationRows.map((s) => s.id),
    window.start,
    1000,
    () => 0,
  );
  assumptions.push('the simulated window starts from an empty line');
  const runs = await runJobs(
    Array.from({ length: VALIDATION_REPLICATIONS }, (_, replication) => ({ plan, replication })),
    options,
  );
  const hours = seconds / 3600;
  const observedRate = exit.parts / hours;
  const simulatedRates = runs.map((r) => r.departures / hours);
  const simulated = estimate(simulatedRates);
  const spread = tQuantile(0.975, simulated.n - 1) * simulated.stdDev * Math.sqrt(1 + 1 / simulated.n);
  const states = stationRows.map((row, s) => {
    const obs = observedShares(observed[s], seconds);
    return {
      station: row.code,
      shares: STATES.map((state, j) => ({ state, observed: obs[state], simulated: estimate(runs.map((r) => r.states[s][j])) })),
    };
  });
  if (observed.some((o) => o.seconds.offline > 0))
    assumptions.push('time before a station’s first known state is left out of its observed shares');
  return {
    window: { from: new Date(window.start).toISOString(), to: new Date(window.end).toISOString(), seconds },
    model,
    stations: calibrations,
    products: mix,
    validation: {
      replications: runs.length,
      throughputPerHour: {
        observed: observedRate,
        simulated,
        relativeError: estimate(simulatedRates.map((r) => (observedRate > 0 ? (r - observedRate) / observedRate : Number.NaN))),
        predictionInterval: {
          low: simulated.mean - spread,
          high: simulated.mean + spread,
          containsObserved: Math.abs(observedRate - simulated.mean) <= spread,
        },
      },
      states,
      maxStateShareError: Math.max(...states.flatMap((s) => s.shares.map((x) => Math.abs(x.simulated.mean - x.observed)))),
    },
    assumptions: [...new Set(assumptions)],
  };
}
