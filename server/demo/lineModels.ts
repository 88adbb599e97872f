/**
 * The demo's throughput model of crankshaft line 1 (times in minutes): induction hardening
 * (OP40) is the slowest and least reliable station and draws the most power; queued with it,
 * a 72-hour baseline run and the planners' open question — a bigger buffer before OP40.
 * The runner executes them shortly after start-up.
 */
import { setLineSimulationModel, submitComparison, submitLineSimulation } from '../simulation/index.ts';
import type { Write } from '../core/write.ts';

const station = (name: string, mean: number, cv: number, kw: [number, number], failure?: [number, number]) => ({
  name,
  processTime: { dist: 'lognormal', mean, cv },
  ...(failure ? { failure: { mtbf: failure[0], mttr: failure[1], repair: 'lognormal', repairCv: 0.8 } } : {}),
  power: { processing: kw[0], idle: kw[1], blocked: kw[1], down: kw[1] * 0.5, changeover: kw[1] },
});

export const crankshaftModel = {
  name: 'Crankshaft line 1',
  timeUnit: 'min',
  machines: [
    station('op10', 1.55, 0.12, [35, 8], [480, 18]),
    station('op20', 1.6, 0.15, [28, 7], [600, 20]),
    station('op30', 1.45, 0.1, [18, 5]),
    station('op40', 1.72, 0.08, [180, 20], [260, 28]),
    station('op50', 1.65, 0.12, [40, 10], [320, 22]),
    station('op60', 1.2, 0.1, [12, 3]),
    station('op70', 1.0, 0.2, [5, 2]),
  ],
  buffers: [8, 8, 12, 12, 6, 6],
  warmup: 240,
  horizon: 72 * 60,
  replications: 10,
  seed: 42,
  energy: { peakIntervalMinutes: 15 },
};

/**
 * Gearbox assembly (times in seconds): manual stations, the end-of-line test the slowest, and a
 * 5-minute test-rig changeover between the two gearbox types, released in batches of 35 and 15.
 */
export const gearboxModel = {
  name: 'Gearbox assembly line',
  timeUnit: 's',
  products: [{ name: 'GB6' }, { name: 'GB7' }],
  sequence: [...new Array<string>(35).fill('GB6'), ...new Array<string>(15).fill('GB7')],
  machines: [
    station('st01', 52, 0.18, [3, 1]),
    station('st02', 58, 0.1, [22, 4], [5 * 3600, 900]),
    station('st03', 55, 0.1, [18, 4], [6 * 3600, 720]),
    station('st04', 61, 0.2, [2, 1]),
    station('st05', 57, 0.12, [6, 2], [8 * 3600, 600]),
    { ...station('st06', 64, 0.08, [30, 6], [4 * 3600, 1200]), changeover: { GB6: { GB7: 300 }, GB7: { GB6: 300 } } },
  ],
  buffers: [3, 3, 3, 3, 4],
  warmup: 3600,
  horizon: 72 * 3600,
  replications: 10,
  seed: 7,
};

/** Pump line 2 in Linz (times in seconds). */
export const pumpModel = {
  name: 'Pump line 2',
  timeUnit: 's',
  machines: [
    station('p10', 40, 0.15, [4, 1]),
    station('p20', 44, 0.12, [9, 2], [3 * 3600, 600]),
    station('p30', 47, 0.2, [2, 1]),
    station('p40', 50, 0.05, [15, 3], [5 * 3600, 900]),
    station('p50', 35, 0.1, [2, 1]),
  ],
  buffers: [4, 4, 4, 4],
  warmup: 3600,
  horizon: 72 * 3600,
  replications: 10,
  seed: 11,
};

export async function seedDemoLineModels(w: Write, lineIds: Record<string, string>): Promise<void> {
  await setLineSimulationModel(w, lineIds['gearbox-assembly'], gearboxModel);
  await setLineSimulationModel(w, lineIds['pump-2'], pumpModel);
  const line = lineIds['crankshaft-1'];
  await setLineSimulationModel(w, line, crankshaftModel);
  const baseline = await submitLineSimulation(w, line, { title: 'Crankshaft line 1: next 72 hours' });
  const bigger = { ...crankshaftModel, buffers: [8, 8, 20, 12, 6, 6] };
  const spare = { ...crankshaftModel, machines: crankshaftModel.machines.map((m) => (m.name === 'op40' ? { ...m, count: 2 } : m)) };
  await submitComparison(w, {
    title: 'Buffer before OP40: 12 or 20 parts, or a second hardening cell?',
    lineId: line,
    baseline: { name: 'buffer 12 (today)', runId: baseline.id },
    variants: [
      { name: 'buffer 20', model: bigger },
      { name: 'second OP40 cell', model: spare },
    ],
    peakLimitKw: 400,
  });
}
