/** The question pages' tables as CSV: the line's recent answers, and each answer's main table. */
import type { CsvCell, CsvTable } from '../web/index.ts';
import type { MaintenanceAnswer, MixAnswer, NextShiftAnswer, RecentAnswer, RunRow } from '../../views/questions/model.tsx';
import { stateShares } from '../../views/simulation/results.tsx';
import { runsCsv } from '../simulation/pageCsv.ts';
import type { Estimate } from '../simulation/intervals.ts';

/** A mean and its interval's ends, as three cells. */
const cells = (e: Estimate | null | undefined): CsvCell[] => [e?.mean ?? null, e?.ciLow ?? null, e?.ciHigh ?? null];
const triple = (name: string) => [name, `${name}_ci_low`, `${name}_ci_high`];

/** The line's recent answers: the simulation page's runs table, with each answer's sentence. */
export function recentCsv(lineCode: string, answers: RecentAnswer[], now: Date): CsvTable {
  const runs = runsCsv(lineCode, answers, now);
  return {
    name: `questions-${lineCode}-${now.toISOString().slice(0, 10)}`,
    columns: [...runs.columns, 'sentence'],
    rows: runs.rows.map((row, i) => [...row, answers[i].sentence ?? answers[i].error]),
  };
}

function nextShiftRows(a: NextShiftAnswer): Pick<CsvTable, 'columns' | 'rows'> {
  return {
    columns: [
      'station',
      ...triple('bottleneck_probability'),
      'sole_bottleneck',
      'shifting_bottleneck',
      'processing',
      'starved',
      'blocked',
      'down',
      'changeover',
      'other',
      'likely_constraint',
    ],
    rows: a.stations.map((s) => {
      const shares = stateShares(s);
      return [
        s.station,
        s.probability.value,
        s.probability.low,
        s.probability.high,
        s.soleShare,
        s.shiftingShare,
        shares.processing,
        shares.starved,
        shares.blocked,
        shares.down,
        shares.changeover,
        shares.other,
        s.station === a.top.station,
      ];
    }),
  };
}

function maintenanceRows(a: MaintenanceAnswer): Pick<CsvTable, 'columns' | 'rows'> {
  return {
    columns: [
      'work_order',
      'station',
      'rank',
      'start',
      'end',
      'kind',
      'fits_stop',
      ...triple('lost_output'),
      ...triple('downtime_avoided_h'),
      'replications',
      'screened_out',
      'recommended',
    ],
    rows: a.workOrders.flatMap((wo) =>
      wo.placements.map((p, i) => [
        wo.externalId,
        wo.station,
        i + 1,
        new Date(p.start),
        new Date(p.end),
        p.kind,
        p.fitsStop,
        ...cells(p.lostOutput),
        ...cells(p.downtimeAvoidedHours),
        p.replications,
        p.screenedOut,
        a.recommended?.externalId === wo.externalId && a.recommended.start === p.start,
      ]),
    ),
  };
}

function mixRows(a: MixAnswer): Pick<CsvTable, 'columns' | 'rows'> {
  const products = [...new Set(a.scenarios.flatMap((s) => s.products.map((p) => p.name)))];
  return {
    columns: [
      'scenario',
      ...triple('output'),
      ...products.map((p) => `output_${p}`),
      ...triple('kwh'),
      ...triple('kwh_per_part'),
      ...triple('peak_kw'),
      'peak_kw_max',
      'peak_limit_kw',
      'share_over_limit',
      'over_limit',
      ...triple('difference_output'),
      ...triple('difference_kwh_per_part'),
      ...triple('difference_peak_kw'),
      'trade_off',
      'trade_off_why',
    ],
    rows: a.scenarios.map((s) => [
      s.name,
      ...cells(s.output),
      ...products.map((p) => s.products.find((x) => x.name === p)?.output.mean ?? null),
      ...cells(s.energy?.kwh),
      ...cells(s.energy?.kwhPerPart),
      ...cells(s.energy?.peakKw),
      s.energy?.peakKw?.max ?? null,
      a.peakLimitKw,
      s.energy?.shareOverLimit ?? null,
      s.energy?.overLimit ?? null,
      ...cells(s.difference?.output),
      ...cells(s.difference?.kwhPerPart),
      ...cells(s.difference?.peakKw),
      s.tradeOff,
      s.tradeOffWhy,
    ]),
  };
}

/** An answer's main table: per station (next shift), per placement (maintenance), per scenario (mix); empty until it is done. */
export function answerCsv(run: RunRow): CsvTable {
  const table = { next_shift: 'stations', maintenance_plan: 'placements', mix_scenario: 'scenarios' }[run.kind as string] ?? 'answer';
  const name = `answer-${run.id}-${table}`;
  if (run.status !== 'succeeded') return { name, columns: ['status'], rows: [[run.status]] };
  switch (run.kind) {
    case 'next_shift':
      return { name, ...nextShiftRows(run.result as NextShiftAnswer) };
    case 'maintenance_plan':
      return { name, ...maintenanceRows(run.result as MaintenanceAnswer) };
    default:
      return { name, ...mixRows(run.result as MixAnswer) };
  }
}
