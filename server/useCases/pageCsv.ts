import type { Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { csvResponse } from '../web/index.ts';
import { choiceWords } from '../../views/decisions/list.tsx';
import { decisionsOf, kpisOf, lifecycleOf, sourcesOf, type UseCaseRow } from './pageData.ts';

/**
 * The tables of the use-case page as CSV (`?format=csv&table=…`): its measurements (the default,
 * one KPI's with `&kpi=`), its data sources, its lifecycle steps. The same reads as the page.
 */
export async function useCaseCsv(c: Context<AppEnv>, actor: Actor, useCase: UseCaseRow, now: Date): Promise<Response> {
  const { db } = c.var.deps;
  const table = c.req.query('table') ?? 'measurements';
  const name = (what: string) => `use-case-${useCase.id}-${what}-${now.toISOString().slice(0, 10)}`;
  if (table === 'measurements') {
    const only = c.req.query('kpi');
    const kpis = (await kpisOf(db, actor, useCase, now)).filter((k) => !only || k.id === only);
    if (only && !kpis.length) throw new NotFoundError(`no KPI with id '${only}' in this use case`);
    return csvResponse(c, {
      name: name('measurements'),
      columns: ['kpi_id', 'kpi', 'unit', 'period_start', 'period_end', 'value', 'source', 'recorded_by', 'recorded_at'],
      rows: kpis.flatMap((k) =>
        k.measurements.map((m) => [k.id, k.name, k.unit, m.periodStart, m.periodEnd, m.value, m.source, m.recordedBy, m.recordedAt]),
      ),
    });
  }
  if (table === 'sources') {
    const sources = await sourcesOf(db, actor, useCase, now);
    return csvResponse(c, {
      name: name('sources'),
      columns: ['id', 'name', 'kind', 'required', 'freshness', 'reason', 'newest_value_at', 'expected_refresh_seconds', 'owner'],
      rows: sources.sources.map((s) => [
        s.id,
        s.name,
        s.kind,
        s.required,
        s.status,
        s.reason,
        s.newestAt,
        s.expectedRefreshSeconds,
        s.owner,
      ]),
    });
  }
  if (table === 'transitions') {
    const lifecycle = await lifecycleOf(db, actor, useCase, now);
    return csvResponse(c, {
      name: name('lifecycle'),
      columns: ['at', 'from', 'to', 'by', 'note'],
      rows: lifecycle.steps.map((s) => [s.at, s.from, s.to, s.actor, s.note]),
    });
  }
  if (table === 'decisions') {
    // One row per prediction: a decision predicts one or more KPIs.
    const { decisions } = await decisionsOf(db, actor, useCase.id, now);
    return csvResponse(c, {
      name: name('decisions'),
      columns: [
        'decision_id',
        'decided_at',
        'decided_by',
        'effective_from',
        'choice_kind',
        'choice',
        'based_on',
        'kpi',
        'unit',
        'predicted',
        'low',
        'high',
        'source',
        'outcome',
        'due_at',
        'realised',
        'inside',
        'bias',
      ],
      rows: decisions.flatMap((d) =>
        d.predictions.map((p) => [
          d.id,
          d.decidedAt,
          d.decidedBy,
          d.effectiveFrom,
          d.choice.kind,
          choiceWords(d.choice),
          d.basedOn.map((r) => r.id).join(' '),
          p.kpi,
          p.unit,
          p.value,
          p.low,
          p.high,
          p.source,
          p.outcome.status,
          p.outcome.dueAt,
          p.outcome.realised,
          p.outcome.inside,
          p.outcome.bias,
        ]),
      ),
    });
  }
  throw new NotFoundError(`this page has no table named '${table}' (measurements, sources, transitions, decisions)`);
}
