/** Small model builders shared by the simulation tests. */
import { SimRun, snapshotOffsets, STATES, type SimInput, type SimOutput } from '../../../wasm-core/sim.ts';
import { flattenModel } from '../../../server/simulation/flatten.ts';
import { parseSimulationModel, type SimulationModelInput } from '../../../server/simulation/model.ts';
import { simInput } from '../../../server/simulation/replication.ts';

type Machine = SimulationModelInput['machines'][number];

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
