import { dateTime, figure } from '../../server/web/format.ts';
import { IntervalBars } from '../charts/intervalBars.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { machineName } from '../simulation/model.tsx';
import { signed, withRange, type Estimate, type MaintenanceAnswer, type QuestionViewContext } from './model.tsx';

type WorkOrder = MaintenanceAnswer['workOrders'][number];
type Placement = WorkOrder['placements'][number];

const hours = (x: number) => figure(x, 1);

/** A loss as the gain it is (its interval turned round). */
const negated = (e: Estimate): Estimate => ({ ...e, mean: -e.mean, ciLow: -e.ciHigh, ciHigh: -e.ciLow });

function isRecommended(a: MaintenanceAnswer, wo: WorkOrder, p: Placement): boolean {
  return a.recommended?.externalId === wo.externalId && a.recommended.start === p.start;
}

/** Where a placement lies, in words: the kind of time it takes, and whether the stop holds all of it. */
function placementWords(p: Placement, ctx: QuestionViewContext): string {
  const kind = ctx.t(`q.mt.kind.${p.kind}`);
  return p.kind !== 'production' && !p.fitsStop ? `${kind} (${ctx.t('q.mt.partial')})` : kind;
}

function LostOutputChart({ a, wo, ctx }: { a: MaintenanceAnswer; wo: WorkOrder; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const best = wo.placements[0];
  return (
    <IntervalBars
      id={`mt-lost-${wo.externalId.replace(/[^\w-]/g, '_')}`}
      title={t('q.mt.chart.title', { id: wo.externalId })}
      description={t('q.mt.chart.desc', {
        id: wo.externalId,
        start: dateTime(best.start, ctx.zone),
        kind: placementWords(best, ctx),
        lost: signed(best.lostOutput.mean),
        low: signed(best.lostOutput.ciLow),
        high: signed(best.lostOutput.ciHigh),
      })}
      rows={wo.placements.map((p) => ({
        label: dateTime(p.start, ctx.zone),
        note: t(`q.mt.kind.${p.kind}`),
        value: p.lostOutput.mean,
        low: p.lostOutput.ciLow,
        high: p.lostOutput.ciHigh,
        tone: p.lostOutput.mean < 0 ? 'gain' : 'loss',
        flag: isRecommended(a, wo, p) ? t('q.mt.recommended') : undefined,
      }))}
      format={(x) => signed(x)}
    />
  );
}

function PlacementTable({ a, wo, ctx }: { a: MaintenanceAnswer; wo: WorkOrder; ctx: QuestionViewContext }) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="answer-table">
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('q.mt.col.rank')}
            </th>
            <th scope="col">{t('q.mt.col.start')}</th>
            <th scope="col">{t('q.mt.col.kind')}</th>
            <th scope="col" class="num">
              {t('q.mt.col.lost')}
            </th>
            <th scope="col" class="num">
              {t('q.mt.col.avoided')}
            </th>
            <th scope="col" class="num">
              {t('q.mt.col.replications')}
            </th>
            <th scope="col">{t('q.mt.col.screened')}</th>
          </tr>
        </thead>
        <tbody>
          {wo.placements.map((p, i) => {
            const recommended = isRecommended(a, wo, p);
            return (
              <tr class={recommended ? 'highlight-row' : undefined}>
                <td class="num">{i + 1}</td>
                <th scope="row">
                  {dateTime(p.start, ctx.zone)}
                  {recommended && <span class="badge ok">{t('q.mt.recommended')}</span>}
                </th>
                <td>{placementWords(p, ctx)}</td>
                <td class="num">{withRange(p.lostOutput, signed)}</td>
                <td class="num">{withRange(p.downtimeAvoidedHours, hours)}</td>
                <td class="num">{p.replications}</td>
                <td>{t(p.screenedOut ? 'q.mt.screened.yes' : 'q.no')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One work order: what it is, its placements as a chart of lost output and as the ranked table. */
function WorkOrderSection({ a, wo, ctx }: { a: MaintenanceAnswer; wo: WorkOrder; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const facts =
    wo.failureRateFactor === null
      ? t('q.mt.wo.factsNoEffect', { minutes: wo.plannedMinutes })
      : t('q.mt.wo.facts', { minutes: wo.plannedMinutes, factor: wo.failureRateFactor });
  return (
    <div class="answer-part">
      <h3>{t('q.mt.wo.heading', { id: wo.externalId, station: machineName(wo.station, ctx) })}</h3>
      <p class="small muted">{facts}</p>
      {wo.placements.length ? (
        <>
          <LostOutputChart a={a} wo={wo} ctx={ctx} />
          <PlacementTable a={a} wo={wo} ctx={ctx} />
        </>
      ) : (
        <EmptyState message={t('q.mt.wo.none')} />
      )}
    </div>
  );
}

/**
 * Maintenance this week: the output of the week without the work, the recommended placement with
 * the output it costs or gains and the downtime it avoids, then per work order its placements
 * ranked, as a chart of lost output with intervals and as a table.
 */
export function MaintenanceView({ a, ctx, csvHref }: { a: MaintenanceAnswer; ctx: QuestionViewContext; csvHref: string }) {
  const { t } = ctx;
  const r = a.recommended;
  return (
    <>
      <p class="small muted">{t('q.window', { from: dateTime(a.window.start, ctx.zone), to: dateTime(a.window.end, ctx.zone) })}</p>
      <dl class="figures">
        {r && (
          <div class="figure main">
            <dt>{t('q.mt.fig.recommended')}</dt>
            <dd>{`${r.externalId} · ${dateTime(r.start, ctx.zone)}`}</dd>
          </div>
        )}
        {r && (
          <div class="figure">
            <dt>{t(r.lostOutput.mean < 0 ? 'q.mt.fig.gained' : 'q.mt.fig.lost')}</dt>
            <dd>{withRange(r.lostOutput.mean < 0 ? negated(r.lostOutput) : r.lostOutput)}</dd>
          </div>
        )}
        {r && (
          <div class="figure">
            <dt>{t('q.mt.fig.avoided')}</dt>
            <dd>{`${hours(r.downtimeAvoidedHours.mean)} h`}</dd>
          </div>
        )}
        <div class="figure">
          <dt>{t('q.mt.fig.baseline')}</dt>
          <dd>{withRange(a.baseline.output)}</dd>
        </div>
      </dl>
      <p class="small muted">{t('q.mt.sign')}</p>
      <TableTools t={t} csvHref={csvHref} />
      {a.workOrders.map((wo) => (
        <WorkOrderSection a={a} wo={wo} ctx={ctx} />
      ))}
    </>
  );
}
