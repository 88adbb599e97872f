/**
 * A balance as plain text: one row per station with its load, idle time and tasks, then the
 * line figures. The CLI prints it; it reads like the Yamazumi chart's numbers. Mixed-model
 * lines get a column per model; U-lines mark the tasks of the back leg; parallel stations
 * show their workplaces.
 */
import type { BalancingResult } from './solve.ts';

/** Renders a result as a table (stations, loads, idle, tasks) with efficiency and smoothness. */
export function balanceTable(r: BalancingResult): string {
  const status = r.provenOptimal ? 'proven optimal' : `not proven optimal, lower bound ${fmt(r.lowerBound)}`;
  const models = r.modelLoads ? Object.keys(r.modelLoads) : [];
  const back = new Set(r.legs ? r.taskIds.filter((_, j) => r.legs![j] === 'back') : []);
  const rows = r.stationLoads.map((s, k) => [
    String(s.station),
    ...(r.replicas ? [String(s.replicas ?? 1)] : []),
    fmt(s.load),
    ...models.map((m) => fmt(r.modelLoads![m][k])),
    fmt(s.idle),
    s.tasks.map((t) => (back.has(t) ? `${t}(back)` : t)).join(' '),
  ]);
  const head = ['station', ...(r.replicas ? ['workplaces'] : []), models.length ? 'weighted' : 'load', ...models, 'idle', 'tasks'];
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < cells.length - 1 ? cell.padStart(width[c]) : cell)).join('  ');
  const what = [
    r.layout === 'u' ? 'U-line' : '',
    r.mixedRule ? `${r.mixedRule} rule${r.overloadTolerance !== undefined ? `, tolerance ${fmt(r.overloadTolerance)}` : ''}` : '',
    r.replicas ? `${r.workplaces} workplaces, cost ${fmt(r.cost!)}` : '',
  ].filter(Boolean);
  const extra = [
    r.horizontalImbalance ? `horizontal imbalance ${fmt(r.horizontalImbalance.total)}` : '',
    r.sequenceCheck
      ? `sequence of ${r.sequenceCheck.units}: overload ${fmt(r.sequenceCheck.totalOverload)} per pass (${pct(r.sequenceCheck.overloadShare)} of its work), ${r.sequenceCheck.unitsWithOverload} units affected`
      : '',
  ].filter(Boolean);
  return [
    `${r.problem}: ${r.stations} stations at cycle time ${fmt(r.cycleTime)}${what.length ? ` (${what.join('; ')})` : ''} (${status})`,
    line(head),
    ...rows.map(line),
    `line efficiency ${pct(r.lineEfficiency)}${r.modelLoads ? ' (share-weighted)' : ''}, balance delay ${pct(r.balanceDelay)}, smoothness index ${fmt(r.smoothnessIndex)}, ${Math.round(r.elapsedMs)} ms`,
    ...extra,
    '',
  ].join('\n');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/0+$/, '');
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
