/**
 * A balance as plain text: one row per station with its load, idle time and tasks, then the
 * line figures. The CLI prints it; it reads like the Yamazumi chart's numbers.
 */
import type { BalancingResult } from './solve.ts';

/** Renders a result as a table (stations, loads, idle, tasks) with efficiency and smoothness. */
export function balanceTable(r: BalancingResult): string {
  const status = r.provenOptimal ? 'proven optimal' : `not proven optimal, lower bound ${r.lowerBound}`;
  const rows = r.stationLoads.map((s) => [String(s.station), fmt(s.load), fmt(s.idle), s.tasks.join(' ')]);
  const head = ['station', 'load', 'idle', 'tasks'];
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 3 ? cell.padStart(width[c]) : cell)).join('  ');
  return [
    `${r.problem}: ${r.stations} stations at cycle time ${fmt(r.cycleTime)} (${status})`,
    line(head),
    ...rows.map(line),
    `line efficiency ${pct(r.lineEfficiency)}, balance delay ${pct(r.balanceDelay)}, smoothness index ${fmt(r.smoothnessIndex)}, ${Math.round(r.elapsedMs)} ms`,
    '',
  ].join('\n');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/0+$/, '');
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
