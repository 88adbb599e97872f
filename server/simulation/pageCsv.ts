import type { CsvTable } from '../web/index.ts';
import { perHour, scenarioRows, type RunRow, type RunSummary } from '../../views/simulation/model.tsx';
import { stateShares } from '../../views/simulation/results.tsx';

/** The line's runs as CSV. */
export function runsCsv(lineCode: string, runs: RunSummary[], now: Date): CsvTable {
  return {
    name: `simulations-${lineCode}-${now.toISOString().slice(0, 10)}`,
    columns: ['id', 'title', 'kind', 'status', 'progress', 'created_at', 'finished_at'],
    rows: runs.map((r) => [r.id, r.title, r.kind, r.status, r.progress, r.createdAt, r.finishedAt]),
  };
}

/** A run's scenario comparison (`scenarios`) or its state shares per station (`states`) as CSV; rates per hour. */
export function runCsv(run: RunRow, table: 'scenarios' | 'states'): CsvTable {
  const rows = run.status === 'succeeded' ? scenarioRows(run) : [];
  if (table === 'states')
    return {
      name: `simulation-${run.id}-states`,
      columns: [
        'scenario',
        'station',
        'processing',
        'starved',
        'blocked',
        'down',
        'changeover',
        'other',
        'sole_bottleneck',
        'shifting_bottleneck',
        'bottleneck',
      ],
      rows: rows.flatMap((s) =>
        s.result.machines.map((m) => {
          const shares = stateShares(m);
          return [
            s.name,
            m.name,
            shares.processing,
            shares.starved,
            shares.blocked,
            shares.down,
            shares.changeover,
            shares.other,
            m.soleBottleneck,
            m.shiftingBottleneck,
            m.name === s.result.bottleneck,
          ];
        }),
      ),
    };
  return {
    name: `simulation-${run.id}-scenarios`,
    columns: [
      'scenario',
      'baseline',
      'throughput_per_h',
      'throughput_ci_low',
      'throughput_ci_high',
      'difference_per_h',
      'difference_ci_low',
      'difference_ci_high',
      'wip',
      'bottleneck',
      'peak_kw',
      'peak_kw_max',
      'kwh_per_part',
      'peak_limit_exceeded',
    ],
    rows: rows.map((s) => {
      const h = (x: number | undefined) => (x === undefined ? null : perHour(x, s.result.timeUnit));
      const d = s.variant?.difference.throughput;
      return [
        s.name,
        s.baseline,
        h(s.result.throughput.mean),
        h(s.result.throughput.ciLow),
        h(s.result.throughput.ciHigh),
        h(d?.mean),
        h(d?.ciLow),
        h(d?.ciHigh),
        s.result.wip.mean,
        s.result.bottleneck,
        s.result.energy?.peakKw?.mean ?? null,
        s.result.energy?.peakKw?.max ?? null,
        s.result.energy?.kwhPerPart?.mean ?? null,
        s.variant?.peakLimitExceeded ?? null,
      ];
    }),
  };
}
