/**
 * Combines replication summaries into the result of a simulation: t intervals for the rates,
 * means for the per-station fractions, the active-period bottleneck, and the Little's law
 * cross-check (WIP against throughput × lead time over the same measured periods).
 */
import { estimate, type Estimate } from './intervals.ts';
import type { RunPlan } from './plan.ts';
import type { ReplicationSummary } from './replication.ts';

export interface MachineResult {
  name: string;
  count: number;
  processing: number;
  starved: number;
  blocked: number;
  down: number;
  changeover: number;
  soleBottleneck: number;
  shiftingBottleneck: number;
}

export interface EnergyResult {
  averageKw: Estimate;
  peakKw: (Estimate & { max: number }) | null;
  kwh: Estimate;
  kwhPerPart: Estimate | null;
  peakIntervalMinutes: number;
}

export interface SimulationResult {
  replications: number;
  timeUnit: string;
  horizon: number;
  warmup: { mode: 'fixed' | 'mser5'; mean: number; max: number };
  throughput: Estimate;
  products: { name: string; throughput: Estimate }[];
  machines: MachineResult[];
  bottleneck: string;
  buffers: { from: string; to: string; capacity: number; meanLevel: number }[];
  wip: Estimate;
  leadTime: Estimate | null;
  littlesLaw: { wip: number; throughputTimesLeadTime: number; relativeGap: number } | null;
  energy: EnergyResult | null;
  events: number;
  elapsedMs: number;
  perReplication: { replication: number; throughput: number; warmup: number; events: number }[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function energyResult(plan: RunPlan, runs: ReplicationSummary[]): EnergyResult | null {
  const energies = runs.map((r) => r.energy).filter((e) => e !== null);
  if (energies.length !== runs.length) return null;
  const peaks = energies.map((e) => e.peakKw);
  const perPart = energies.map((e) => e.kwhPerPart);
  return {
    averageKw: estimate(energies.map((e) => e.averageKw)),
    peakKw: peaks.every((p) => p !== null) ? { ...estimate(peaks as number[]), max: Math.max(...(peaks as number[])) } : null,
    kwh: estimate(energies.map((e) => e.kwh)),
    kwhPerPart: perPart.every((p) => p !== null) ? estimate(perPart as number[]) : null,
    peakIntervalMinutes: plan.peakIntervalMinutes,
  };
}

/** The result of a run from its replications (in replication order). */
export function aggregate(plan: RunPlan, runs: ReplicationSummary[], timeUnit: string, elapsedMs: number): SimulationResult {
  const { line } = plan;
  const machines = line.stationNames.map((name, s) => {
    const state = (j: number) => mean(runs.map((r) => r.states[s][j]));
    return {
      name,
      count: line.counts[s],
      processing: state(0),
      starved: state(1),
      blocked: state(2),
      down: state(3),
      changeover: state(4),
      soleBottleneck: mean(runs.map((r) => r.soleBottleneck[s])),
      shiftingBottleneck: mean(runs.map((r) => r.shiftingBottleneck[s])),
    };
  });
  const share = (m: MachineResult) => m.soleBottleneck + m.shiftingBottleneck;
  const bottleneck = machines.reduce((best, m) => (share(m) > share(best) ? m : best), machines[0]).name;
  const leadTimes = runs.map((r) => r.leadTime);
  const leadTime = leadTimes.every((l) => l !== null) ? estimate(leadTimes as number[]) : null;
  const wip = estimate(runs.map((r) => r.wip));
  const thLt = leadTime ? mean(runs.map((r) => r.throughput * (r.leadTime as number))) : null;
  const warmups = runs.map((r) => r.warmup);
  return {
    replications: runs.length,
    timeUnit,
    horizon: plan.horizon,
    warmup: { mode: plan.warmup === 'auto' ? 'mser5' : 'fixed', mean: mean(warmups), max: Math.max(...warmups) },
    throughput: estimate(runs.map((r) => r.throughput)),
    products: line.productNames.map((name, p) => ({ name, throughput: estimate(runs.map((r) => r.productThroughput[p])) })),
    machines,
    bottleneck,
    buffers: Array.from(line.buffers, (capacity, j) => ({
      from: line.stationNames[j],
      to: line.stationNames[j + 1],
      capacity,
      meanLevel: mean(runs.map((r) => r.bufferLevels[j])),
    })),
    wip,
    leadTime,
    littlesLaw: thLt === null ? null : { wip: wip.mean, throughputTimesLeadTime: thLt, relativeGap: Math.abs(wip.mean - thLt) / wip.mean },
    energy: energyResult(plan, runs),
    events: runs.reduce((n, r) => n + r.events, 0),
    elapsedMs,
    perReplication: runs.map((r) => ({ replication: r.replication, throughput: r.throughput, warmup: r.warmup, events: r.events })),
  };
}
