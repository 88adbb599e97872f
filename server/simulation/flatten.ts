/**
 * A checked model as the flat arrays the WASM core reads (shapes in
 * `wasm-core/assembly/sim/layout.ts`). Distribution parameters are converted here once, so the
 * core never recomputes them per draw.
 */
import { DIST_FIELDS, DistKind, FailMode, STATES, STATION_FIELDS, StationField, type SimLineArrays } from '../../wasm-core/sim.ts';
import type { Distribution, SimulationModel } from './model.ts';
import { productNames } from './rules.ts';

/** The line as the core's flat arrays, plus the names needed to label results. */
export interface FlatLine extends SimLineArrays {
  stationNames: string[];
  productNames: string[];
  counts: number[];
  machineCount: number;
  /** K × STATES.length kW in core state order (STATES: processing, starved, blocked, down, changeover, planned). */
  power: Float64Array;
  hasEnergy: boolean;
}

/** Lognormal (mean m, coefficient of variation c) as the (μ, σ) of its underlying normal. */
export function lognormalParameters(mean: number, cv: number): [number, number] {
  const s2 = Math.log1p(cv * cv);
  return [Math.log(mean) - s2 / 2, Math.sqrt(s2)];
}

/** Mean of a distribution as given (the normal's mean before truncation at zero). */
export function distributionMean(d: Distribution): number {
  return d.dist === 'empirical' ? d.samples.reduce((a, b) => a + b, 0) / d.samples.length : d.mean;
}

function encode(d: Distribution, samples: number[]): [number, number, number] {
  switch (d.dist) {
    case 'deterministic':
      return [DistKind.deterministic, d.mean, 0];
    case 'exponential':
      return [DistKind.exponential, d.mean, 0];
    case 'normal':
      return d.sd === 0 ? [DistKind.deterministic, d.mean, 0] : [DistKind.normal, d.mean, d.sd];
    case 'lognormal':
      return d.cv === 0 ? [DistKind.deterministic, d.mean, 0] : [DistKind.lognormal, ...lognormalParameters(d.mean, d.cv)];
    case 'empirical': {
      const offset = samples.length;
      samples.push(...d.samples);
      return [DistKind.empirical, offset, d.samples.length];
    }
  }
}

/** Processing time distribution of station k for product p. */
export function processTimeOf(model: SimulationModel, k: number, product: string): Distribution {
  const pt = model.machines[k].processTime;
  return 'dist' in pt ? (pt as Distribution) : (pt as Record<string, Distribution>)[product];
}

/** Product shares normalised to sum 1 (equal when none are given). */
export function productShares(model: SimulationModel): number[] {
  const raw = model.products?.map((p) => p.share ?? 1) ?? [1];
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((s) => s / total);
}

/** Flattens a checked model. */
export function flattenModel(model: SimulationModel): FlatLine {
  const k = model.machines.length;
  const products = productNames(model);
  const p = products.length;
  const stations = new Float64Array(k * STATION_FIELDS);
  const power = new Float64Array(k * STATES.length);
  const distributions = new Float64Array(k * p * DIST_FIELDS);
  const changeover = new Float64Array(k * p * p);
  const samples: number[] = [];
  model.machines.forEach((m, s) => {
    const row = s * STATION_FIELDS;
    stations[row + StationField.count] = m.count;
    if (m.failure) {
      const f = m.failure;
      stations[row + StationField.failMode] = f.basis === 'calendar' ? FailMode.calendar : FailMode.operating;
      stations[row + StationField.mtbf] = f.mtbf;
      const repair =
        f.repair === 'lognormal'
          ? encode({ dist: 'lognormal', mean: f.mttr, cv: f.repairCv }, samples)
          : encode({ dist: 'exponential', mean: f.mttr }, samples);
      stations.set(repair, row + StationField.repairKind);
    }
    const kw = m.power
      ? [m.power.processing, m.power.idle, m.power.blocked, m.power.down, m.power.changeover, m.power.planned ?? m.power.idle]
      : STATES.map(() => 0);
    stations.set(kw, row + StationField.power);
    power.set(kw, s * STATES.length);
    products.forEach((name, q) => {
      distributions.set(encode(processTimeOf(model, s, name), samples), (s * p + q) * DIST_FIELDS);
      products.forEach((to, r) => {
        changeover[(s * p + q) * p + r] = m.changeover?.[name]?.[to] ?? 0;
      });
    });
  });
  const shares = productShares(model);
  let cumulative = 0;
  const mix = Float64Array.from(shares, (s, i) => (i === p - 1 ? 1 : (cumulative += s)));
  const index = new Map(products.map((n, i) => [n, i]));
  return {
    stationNames: model.machines.map((m) => m.name),
    productNames: products,
    counts: model.machines.map((m) => m.count),
    machineCount: model.machines.reduce((n, m) => n + m.count, 0),
    stations,
    buffers: Float64Array.from(model.buffers),
    distributions,
    samples: Float64Array.from(samples),
    mix,
    sequence: Float64Array.from(model.sequence ?? [], (n) => index.get(n) ?? 0),
    changeover,
    power,
    hasEnergy: power.some((w) => w > 0),
  };
}
