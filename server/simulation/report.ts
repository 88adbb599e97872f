/**
 * A simulation result as plain text for a terminal: the headline rates with their intervals,
 * then one row per station and the energy figures.
 */
import type { SimulationResult } from './aggregate.ts';
import type { PrecisionOutcome } from './simulate.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number, digits = 4) => (Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(digits));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Human-readable summary of a result. */
export function summaryText(result: SimulationResult & { precision?: PrecisionOutcome }): string {
  const unit = result.timeUnit;
  const th = result.throughput;
  const lines = [
    `${result.replications} replications of ${num(result.horizon)} ${unit}, warm-up ${num(result.warmup.mean)} ${unit}` +
      (result.warmup.mode === 'mser5' ? ` (MSER-5, mean; longest ${num(result.warmup.max)})` : ' (fixed)'),
    `throughput   ${num(th.mean)} ± ${num(th.ciHalfWidth, 2)} parts/${unit} (95 % CI)`,
  ];
  if (result.precision) {
    const p = result.precision;
    lines.push(
      `precision    ${pct(p.achieved)} relative half-width (target ${pct(p.target)}${p.reached ? '' : ', not reached within the replication cap'})`,
    );
  }
  if (result.products.length > 1) {
    lines.push(...result.products.map((p) => `  ${p.name.padEnd(10)} ${num(p.throughput.mean)} ± ${num(p.throughput.ciHalfWidth, 2)}`));
  }
  lines.push(`WIP          ${num(result.wip.mean)} parts`);
  if (result.leadTime) lines.push(`lead time    ${num(result.leadTime.mean)} ± ${num(result.leadTime.ciHalfWidth, 2)} ${unit}`);
  if (result.littlesLaw)
    lines.push(`Little's law WIP ${num(result.littlesLaw.wip)} vs TH × lead time ${num(result.littlesLaw.throughputTimesLeadTime)}`);
  const b = result.machines.find((m) => m.name === result.bottleneck);
  if (b) lines.push(`bottleneck   ${b.name} (sole ${pct(b.soleBottleneck)}, shifting ${pct(b.shiftingBottleneck)})`);
  lines.push('');
  lines.push(
    table([
      ['station', 'count', 'processing', 'starved', 'blocked', 'down', 'changeover', 'sole BN', 'shifting BN'],
      ...result.machines.map((m) => [
        m.name,
        String(m.count),
        pct(m.processing),
        pct(m.starved),
        pct(m.blocked),
        pct(m.down),
        pct(m.changeover),
        pct(m.soleBottleneck),
        pct(m.shiftingBottleneck),
      ]),
    ]),
  );
  if (result.buffers.length > 0) {
    lines.push(
      '',
      table([
        ['buffer', 'capacity', 'mean level'],
        ...result.buffers.map((x) => [`${x.from} → ${x.to}`, String(x.capacity), num(x.meanLevel, 3)]),
      ]),
    );
  }
  const e = result.energy;
  if (e) {
    lines.push('');
    lines.push(`energy       average ${num(e.averageKw.mean)} kW` + (e.kwhPerPart ? `, ${num(e.kwhPerPart.mean)} kWh/part` : ''));
    lines.push(
      e.peakKw
        ? `peak demand  ${num(e.peakKw.mean)} kW (${e.peakIntervalMinutes}-min windows; highest ${num(e.peakKw.max)} kW)`
        : 'peak demand  no whole metering window after the warm-up',
    );
  }
  lines.push('', `${result.events.toLocaleString('en-US')} events in ${Math.round(result.elapsedMs)} ms`);
  return lines.join('\n');
}
