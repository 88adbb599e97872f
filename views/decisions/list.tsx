import { dateTime, figure } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { DecisionsModel, DecisionView, DecisionViewContext } from './model.tsx';
import { DECISIONS_ID } from './model.tsx';
import { TrackRecordDetails } from './trackRecord.tsx';

type Prediction = DecisionView['predictions'][number];

/** What a decision chose, in a line: by the kind of its choice. */
export function choiceWords(choice: DecisionView['choice']): string {
  const c = choice as Record<string, unknown>;
  switch (choice.kind) {
    case 'maintenance_placement':
      return `Maintenance ${String(c.workOrderExternalId)} placed at ${String(c.start)}`;
    case 'mix':
      return `Mix “${String(c.scenario)}”`;
    case 'sequence':
      return `Sequence “${String(c.scenario)}”: ${(c.sequence as string[]).join(' → ')}`;
    case 'buffer_change':
      return `Buffers of “${String(c.scenario)}”: ${(c.buffers as { afterStation: string; capacity: number }[]).map((b) => `after ${b.afterStation} ${b.capacity}`).join(', ')}`;
    case 'balance':
      return `Balance of run ${String(c.balancingRunId)}`;
    default:
      return String(c.text ?? '');
  }
}

const num = (x: number | null) => (x === null ? '–' : figure(x, 2));

/** A prediction's outcome: pending until due, checked (realised, inside or outside, bias), or no data; the data it used folded. */
function Outcome({ p, ctx }: { p: Prediction; ctx: DecisionViewContext }) {
  const { t } = ctx;
  const o = p.outcome;
  return (
    <>
      {o.status === 'pending' && <span class="badge queued">{t('ucd.outcome.pending', { due: dateTime(o.dueAt, ctx.zone) })}</span>}
      {o.status === 'no_data' && <span class="badge bad">{t('ucd.outcome.noData')}</span>}
      {o.status === 'checked' && (
        <>
          <span class={`badge ${o.inside ? 'ok' : 'bad'}`}>{t(o.inside ? 'ucd.outcome.inside' : 'ucd.outcome.outside')}</span>{' '}
          {t('ucd.outcome.realised', { realised: num(o.realised), unit: p.unit, bias: num(o.bias) })}
        </>
      )}
      {o.status !== 'pending' && (
        <details class="outcome-data">
          <summary>{t('ucd.outcome.data')}</summary>
          <p class="small">
            {t('ucd.outcome.measurements', {
              from: o.measurements.from,
              until: o.measurements.until,
              count: o.measurements.count,
              mean: num(o.measurements.mean),
            })}
          </p>
          {o.measurements.periods.length > 0 && (
            <ul class="small">
              {o.measurements.periods.map((m) => (
                <li>{`${m.periodStart} – ${m.periodEnd}: ${figure(m.value, 2)} ${p.unit} (${m.recordedBy})`}</li>
              ))}
            </ul>
          )}
          {o.liveData && (
            <p class="small">
              {t('ucd.outcome.live', {
                before: num(o.liveData.before?.value ?? null),
                after: num(o.liveData.after?.value ?? null),
                effect: num(o.liveData.effect ?? null),
                reason: o.liveData.reason ?? '',
              })}
            </p>
          )}
        </details>
      )}
    </>
  );
}

/** The track record of the use case's decisions, with the rule it is judged by. */
function Record({ record, ctx }: { record: DecisionsModel['record']; ctx: DecisionViewContext }) {
  return (
    <div class="track-record">
      <h3>{ctx.t('ucd.record')}</h3>
      <TrackRecordDetails t={ctx.t} record={record} />
    </div>
  );
}

/** The use case's decisions, newest first: when, who, what, on which runs, each prediction with its outcome; its track record. */
export function DecisionsSection({ model, ctx }: { model: DecisionsModel; ctx: DecisionViewContext }) {
  const { t } = ctx;
  return (
    <section id={DECISIONS_ID} class="card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t('ucd.heading')}</h2>
      {!model.decisions.length ? (
        <EmptyState message={t('ucd.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={`/use-cases/${model.useCaseId}?format=csv&table=decisions`} />
          <div class="table-wrap">
            <table aria-label={t('ucd.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('ucd.col.when')}</th>
                  <th scope="col">{t('ucd.col.choice')}</th>
                  <th scope="col">{t('ucd.col.basedOn')}</th>
                  <th scope="col">{t('ucd.col.predictions')}</th>
                </tr>
              </thead>
              <tbody>
                {model.decisions.map((d) => (
                  <tr id={`decision-${d.id}`}>
                    <th scope="row">
                      <time datetime={d.decidedAt}>{dateTime(d.decidedAt, ctx.zone)}</time>
                      <span class="small muted">
                        {' '}
                        {t('ucd.by', { who: d.decidedBy ?? '–', from: dateTime(d.effectiveFrom, ctx.zone) })}
                      </span>
                    </th>
                    <td>
                      {choiceWords(d.choice)}
                      {d.note && <p class="small muted">{d.note}</p>}
                    </td>
                    <td>
                      <ul class="plain">
                        {d.basedOn.map((r) => (
                          <li>
                            <a href={r.lineId ? runHref(r) : '#'}>{r.title}</a>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <ul class="plain">
                        {d.predictions.map((p) => (
                          <li>
                            <strong>{p.kpi}</strong>: {`${num(p.value)} ${p.unit} (${num(p.low)} – ${num(p.high)})`}{' '}
                            <span class="small muted">{t(p.source === 'run' ? 'ucd.fromRun' : 'ucd.byHand')}</span>{' '}
                            <Outcome p={p} ctx={ctx} />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Record record={model.record} ctx={ctx} />
    </section>
  );
}

const QUESTION_KINDS = ['next_shift', 'maintenance_plan', 'mix_scenario'];

/** Where a run is shown: an answer's page, or the line's simulation page. */
export function runHref(r: { id: string; kind: string; lineId: string | null }): string {
  return QUESTION_KINDS.includes(r.kind) ? `/lines/${r.lineId}/questions/runs/${r.id}` : `/lines/${r.lineId}/simulate?run=${r.id}`;
}
