/**
 * `npm run bench:des`: throughput of the discrete-event core on a 10-station line with
 * failures. Prints events and parts per second of wall time for one replication on one core
 * (in this thread), then for several replications spread over the worker pool.
 */
import { availableParallelism } from 'node:os';
import { closeSimulationPool, simulateModel, type SimulationModelInput } from '../../server/simulation/index.ts';
import { parseSimulationModel } from '../../server/simulation/model.ts';
import { planRun } from '../../server/simulation/plan.ts';
import { runReplication } from '../../server/simulation/replication.ts';

const means = [1.0, 1.1, 0.95, 1.2, 1.0, 1.05, 0.9, 1.15, 1.0, 0.98];
const line: SimulationModelInput = {
  name: 'bench: 10 stations, exponential times, operation-dependent failures, buffers of 5',
  machines: means.map((mean, i) => ({
    name: `S${i + 1}`,
    processTime: { dist: 'exponential', mean },
    failure: { mtbf: 100 + 25 * i, mttr: 5 + (i % 4) * 2 },
  })),
  buffers: new Array(9).fill(5),
  warmup: 1000,
  horizon: 1_700_000,
  replications: 2,
  seed: 1,
};

const fmt = (x: number) => `${(x / 1e6).toFixed(2)} M`;

async function singleCore(): Promise<void> {
  const plan = planRun(parseSimulationModel(line));
  // A short replication first, so the timed one runs on optimised code.
  await runReplication({ ...plan, horizon: 20_000, snapshotTimes: plan.snapshotTimes.map((t) => t / 75) }, 99);
  const started = performance.now();
  const r = await runReplication(plan, 0);
  const seconds = (performance.now() - started) / 1000;
  const parts = r.departures + r.throughput * r.warmup;
  console.log(`single core, 1 replication: ${r.events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s`);
  console.log(
    `  ${fmt(r.events / seconds)}events/s, ${fmt(parts / seconds)}parts/s (throughput ${r.throughput.toFixed(4)} parts per time unit)`,
  );
}

async function pooled(): Promise<void> {
  const threads = availableParallelism();
  const replications = Math.max(2, 2 * threads);
  await simulateModel({ ...line, horizon: 20_000, replications: threads });
  const started = performance.now();
  const r = await simulateModel({ ...line, replications });
  const seconds = (performance.now() - started) / 1000;
  const parts = r.perReplication.reduce((n, p) => n + p.throughput * line.horizon, 0);
  console.log(
    `pool of ${threads} threads, ${replications} replications: ${r.events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `  ${fmt(r.events / seconds)}events/s, ${fmt(parts / seconds)}parts/s, throughput ${r.throughput.mean.toFixed(4)} ± ${r.throughput.ciHalfWidth.toFixed(4)}`,
  );
}

console.log(line.name);
await singleCore();
await pooled();
await closeSimulationPool();
