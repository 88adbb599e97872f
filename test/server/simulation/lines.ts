/** Small model builders shared by the simulation tests. */
import { SimRun, snapshotOffsets, STATES, type SimInput, type SimOutput } from '../../../wasm-core/sim.ts';
import { flattenModel } from '../../../server/simulation/flatten.ts';
import { parseSimulationModel, type SimulationModelInput } from '../../../server/simulation/model.ts';
import { simInput } from '../../../server/simulation/replication.ts';

type Machine = SimulationModelInput['machines'][number];

/** A line that exercises every feature: failures of both kinds, parallel machines, mix, changeovers, power. */
export const busyLine: SimulationModelInput = {
  products: [
    { name: 'A', share: 2 },
    { name: 'B', share: 1 },
  ],
  machines: [
    {
      name: 'Cut',
      processTime: { A: { dist: 'exponential', mean: 1 }, B: { dist: 'lognormal', mean: 1.4, cv: 0.5 } },
      failure: { mtbf: 60, mttr: 6 },
      changeover: { A: { B: 2 }, B: { A: 1 } },
      power: { processing: 12, idle: 3, blocked: 2, down: 0.5, changeover: 6, planned: 1 },
    },
    {
      name: 'Weld',
      count: 2,
      processTime: { dist: 'normal', mean: 2.2, sd: 0.6 },
      failure: { mtbf: 200, mttr: 20, basis: 'calendar', repair: 'lognormal', repairCv: 0.8 },
      power: { processing: 20, idle: 4, blocked: 4, down: 1, changeover: 0 },
    },
    { name: 'Test', processTime: { dist: 'empirical', samples: [0.8, 0.9, 1.0, 1.3, 2.1] }, power: { processing: 5, idle: 1 } },
  ],
  buffers: [3, 0],
  warmup: 0,
  horizon: 15_000,
  seed: 42,
};

/** A serial line of exponential machines with the given mean processing times. */
export function exponentialLine(means: number[], buffers: number[], extra: Partial<SimulationModelInput> = {}): SimulationModelInput {
  return {
    machines: means.map((mean, i): Machine => ({ name: `M${i + 1}`, processTime: { dist: 'exponential', mean } })),
    buffers,
    warmup: 0,
    horizon: 10_000,
    replications: 5,
    seed: 1,
    ...extra,
  };
}

/** The core's input for one replication of a model (snapshots at 0, the warm-up if any, and the horizon). */
export function coreInput(model: SimulationModelInput, replication = 0, bins = 10): SimInput {
  const m = parseSimulationModel(model);
  const line = flattenModel(m);
  const times = Array.from({ length: bins + 1 }, (_, i) => (m.horizon * i) / bins);
  const windowWidth = 15;
  return simInput(line, {
    snapshotTimes: Float64Array.from(times),
    windowWidth,
    windowCount: line.hasEnergy ? Math.floor(m.horizon / windowWidth) + 1 : 0,
    seed: m.seed,
    replication,
  });
}

/** Runs one replication of the core to the horizon. */
export function runCore(input: SimInput, maxEvents = 1e12): SimOutput {
  const run = SimRun.start(input);
  run.runUntil(input.snapshotTimes[input.snapshotTimes.length - 1], maxEvents);
  return run.finish();
}

/** Cumulative accumulators of the last snapshot, by name. */
export function finalTotals(input: SimInput, out: SimOutput) {
  const k = input.stationCount;
  const o = snapshotOffsets(k);
  const row = out.snapshots.subarray(out.snapshots.length - out.snapshotWidth);
  return {
    stateTime: (station: number, state: number) => row[o.stateTime + station * STATES.length + state],
    departures: row[o.departures],
    leadTimeSum: row[o.leadTimeSum],
    wipArea: row[o.wipArea],
    bufferArea: (j: number) => row[o.bufferArea + j],
    productDepartures: (p: number) => row[o.productDepartures + p],
  };
}
