import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { programRoi } from '../kpis/index.ts';
import { csvResponse, type CsvTable, type PageContext } from '../web/index.ts';
import type { AdoptionPeriod } from './adoption.ts';
import { adoption } from './adoptionReport.ts';
import type { ProgramSummary } from './portfolio.ts';
import { programLineOee, programMilestones } from './programView.ts';

/** The tables of the program page, each exported with `?format=csv&table=<name>`. */
export const programTables = ['milestones', 'roi', 'adoption', 'oee'] as const;
export type ProgramTable = (typeof programTables)[number];

/** The CSV link of one of the program page's tables, with the page's period kept. */
export function programCsvHref(programId: string, table: ProgramTable, period: AdoptionPeriod): string {
  return `/programs/${programId}?format=csv&table=${table}${period === 'month' ? '&period=month' : ''}`;
}

type Rows = Pick<CsvTable, 'columns' | 'rows'>;

async function milestoneRows(c: Context<AppEnv>, ctx: PageContext, id: string): Promise<Rows> {
  const { milestones } = await programMilestones(c.var.deps.db, ctx.actor, id, ctx.now);
  return {
    columns: [
      'id',
      'title',
      'useCase',
      'dueQuarter',
      'dueBy',
      'status',
      'atRisk',
      'consecutiveMisses',
      'owner',
      'lastReview',
      'lastReviewStatus',
    ],
    rows: milestones.map((m) => [
      m.id,
      m.title,
      m.useCase,
      m.dueQuarter,
      m.dueBy,
      m.status,
      m.atRisk,
      m.consecutiveMisses,
      m.owner,
      m.history.at(-1)?.heldOn,
      m.history.at(-1)?.status,
    ]),
  };
}

async function roiRows(c: Context<AppEnv>, ctx: PageContext, id: string): Promise<Rows> {
  const roi = await programRoi(c.var.deps.db, ctx.actor, id, ctx.now);
  return {
    columns: [
      'kpiId',
      'kpi',
      'useCase',
      'unit',
      'direction',
      'baseline',
      'current',
      'currentPeriodEnd',
      'target',
      'targetDate',
      'gapClosed',
      'trend',
      'measurementOverdue',
      'realisedAnnualValue',
      'targetAnnualValue',
      'currency',
    ],
    rows: roi.kpis.map((k) => [
      k.kpiId,
      k.kpi,
      k.useCase,
      k.unit,
      k.direction,
      k.baseline,
      k.current,
      k.currentPeriodEnd,
      k.target,
      k.targetDate,
      k.gapClosed,
      k.trend,
      k.overdue,
      k.realisedAnnualValue,
      k.targetAnnualValue,
      k.currency,
    ]),
  };
}

async function adoptionRows(c: Context<AppEnv>, ctx: PageContext, id: string, period: AdoptionPeriod): Promise<Rows> {
  const view = await adoption(c.var.deps.db, ctx.actor, id, { period }, ctx.now);
  return {
    columns: [
      'groupId',
      'group',
      'expectedFrequency',
      'periodStart',
      'periodEnd',
      'partial',
      'observed',
      'automatic',
      'expected',
      'ratio',
      'status',
    ],
    rows: view.groups.flatMap((g) =>
      g.periods.map((p) => [
        g.groupId,
        g.name,
        g.expectedFrequency,
        p.start,
        p.end,
        p.partial,
        p.observed,
        p.automatic,
        p.expected,
        p.ratio,
        p.status,
      ]),
    ),
  };
}

async function oeeRows(c: Context<AppEnv>, ctx: PageContext, id: string): Promise<Rows> {
  const data = await programLineOee(c.var.deps.db, ctx.actor, id, ctx.now);
  const value = (f: { value: number | null }) => f.value;
  return {
    columns: [
      'lineId',
      'line',
      'site',
      'shift',
      'from',
      'to',
      'oee',
      'availability',
      'performance',
      'quality',
      'good',
      'planSoFar',
      'newestEventAt',
    ],
    rows: data.lines.map((l) => [
      l.lineId,
      l.name,
      l.site,
      l.window.name,
      new Date(l.window.from),
      new Date(l.window.to),
      value(l.figures.oee),
      value(l.figures.availability),
      value(l.figures.effectiveness),
      value(l.figures.quality),
      l.output.good,
      l.output.planSoFar.value,
      l.newestEventAt ? new Date(l.newestEventAt) : null,
    ]),
  };
}

/** One of the program page's tables as CSV (the table the query names; the milestones by default). */
export async function programCsv(c: Context<AppEnv>, ctx: PageContext, id: string, period: AdoptionPeriod): Promise<Response> {
  const table = c.req.query('table') ?? 'milestones';
  if (!(programTables as readonly string[]).includes(table)) {
    throw new NotFoundError(ctx.t('sponsor.csv.unknownTable', { table, tables: programTables.join(', ') }));
  }
  const rows =
    table === 'roi'
      ? await roiRows(c, ctx, id)
      : table === 'adoption'
        ? await adoptionRows(c, ctx, id, period)
        : table === 'oee'
          ? await oeeRows(c, ctx, id)
          : await milestoneRows(c, ctx, id);
  return csvResponse(c, { name: `program-${table}-${ctx.now.toISOString().slice(0, 10)}`, ...rows });
}

/** The portfolio's reasons as CSV: one row per early-warning signal of each program (one empty row for a program without any). */
export function portfolioCsv(
  c: Context<AppEnv>,
  ctx: PageContext,
  programs: ProgramSummary[],
  fixHref: (s: ProgramSummary['risk']['signals'][number], programId: string) => string,
) {
  return csvResponse(c, {
    name: `portfolio-${ctx.now.toISOString().slice(0, 10)}`,
    columns: ['programId', 'program', 'riskLevel', 'score', 'signal', 'weight', 'message', 'entityType', 'entity', 'fixAt'],
    rows: programs.flatMap((p) => {
      const head = [p.program.id, p.program.name, p.risk.level, p.risk.score];
      if (!p.risk.signals.length) return [[...head, null, null, null, null, null, null]];
      return p.risk.signals.map((s) => [...head, s.code, s.weight, s.message, s.entity.type, s.entity.name, fixHref(s, p.program.id)]);
    }),
  });
}
