import { causeOf, type Cause } from '../../server/questions/nextShift.ts';
import { dateTime, figure, percent } from '../../server/web/format.ts';
import { IntervalBars } from '../charts/intervalBars.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { machineName } from '../simulation/model.tsx';
import { StateSharesChart } from '../simulation/results.tsx';
import { signed, withRange, type NextShiftAnswer, type QuestionViewContext } from './model.tsx';

function OutputAgainstPlan({ a, ctx }: { a: NextShiftAnswer; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const values = { mean: figure(a.output.mean, 0), low: figure(a.output.ciLow, 0), high: figure(a.output.ciHigh, 0) };
  const plan = a.plan.parts;
  return (
    <IntervalBars
      id="ns-output"
      title={t('q.ns.output.title', { shift: a.shift.name })}
      description={plan === null ? t('q.ns.output.descNoPlan', values) : t('q.ns.output.desc', { ...values, plan })}
      rows={[
        {
          label: t('q.ns.output.row'),
          value: a.output.mean,
          low: a.output.ciLow,
          high: a.output.ciHigh,
          mark: a.plan.ordersDue ?? undefined,
        },
      ]}
      format={(x) => figure(x, 0)}
      reference={plan === null ? undefined : { value: plan, label: t('q.ns.plan.ref', { plan }) }}
      markLabel={a.plan.ordersDue === null ? undefined : t('q.ns.ordersDue')}
    />
  );
}

function BottleneckChance({ a, ctx }: { a: NextShiftAnswer; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const top = a.stations.find((s) => s.station === a.top.station)!;
  return (
    <IntervalBars
      id="ns-bottleneck"
      title={t('q.ns.prob.title')}
      description={t('q.ns.prob.desc', {
        station: machineName(top.station, ctx),
        share: percent(top.probability.value, 0),
        low: percent(top.probability.low, 0),
        high: percent(top.probability.high, 0),
        cause: t(`q.ns.cause.${a.top.cause}`),
      })}
      rows={a.stations.map((s) => ({
        label: machineName(s.station, ctx),
        value: s.probability.value,
        low: s.probability.low,
        high: s.probability.high,
        flag: s.station === a.top.station ? t('q.ns.prob.flag') : undefined,
      }))}
      format={(x) => percent(x, 0)}
      domain={[0, 1]}
    />
  );
}

function StateShares({ a, ctx }: { a: NextShiftAnswer; ctx: QuestionViewContext }) {
  const { t } = ctx;
  return (
    <StateSharesChart
      id="ns-states"
      title={t('q.ns.states.title', { shift: a.shift.name })}
      description={t('line.sim.states.desc', { stations: a.stations.length })}
      stations={a.stations.map((s) => ({
        label: machineName(s.station, ctx),
        times: s,
        sole: s.soleShare,
        shifting: s.shiftingShare,
        flag: s.station === a.top.station ? t('q.ns.prob.flag') : undefined,
      }))}
      ctx={ctx}
    />
  );
}

/** The state each cause of a constraint stands for: what most of a station's active time goes to. */
const causeKey: Record<Cause, 'processing' | 'down' | 'changeover'> = { speed: 'processing', downtime: 'down', changeovers: 'changeover' };

/** The stations' figures: the table the charts draw and the CSV exports. */
function StationTable({ a, ctx, csvHref }: { a: NextShiftAnswer; ctx: QuestionViewContext; csvHref: string }) {
  const { t } = ctx;
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table class="answer-table">
          <thead>
            <tr>
              <th scope="col">{t('line.sim.col.station')}</th>
              <th scope="col" class="num">
                {t('q.ns.col.probability')}
              </th>
              <th scope="col" class="num">
                {t('line.sim.col.sole')}
              </th>
              <th scope="col" class="num">
                {t('line.sim.col.shifting')}
              </th>
              <th scope="col">{t('q.ns.col.cause')}</th>
            </tr>
          </thead>
          <tbody>
            {a.stations.map((s) => {
              return (
                <tr class={s.station === a.top.station ? 'highlight-row' : undefined}>
                  <th scope="row">
                    {machineName(s.station, ctx)}
                    {s.station === a.top.station && <span class="badge bad">{t('q.ns.prob.flag')}</span>}
                  </th>
                  <td class="num">{`${percent(s.probability.value, 0)} (${percent(s.probability.low, 0)} – ${percent(s.probability.high, 0)})`}</td>
                  <td class="num">{percent(s.soleShare, 0)}</td>
                  <td class="num">{percent(s.shiftingShare, 0)}</td>
                  <td>{`${t(`line.sim.state.${causeKey[causeOf(s)]}`)} ${percent(s[causeKey[causeOf(s)]], 0)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * The next shift's constraint: the key figures (expected output against plan, the likely
 * constraint and why), output against plan as a bar with its interval, each station's chance to
 * be the bottleneck with its Wilson interval (the top one flagged), and its state shares.
 */
export function NextShiftView({ a, ctx, csvHref }: { a: NextShiftAnswer; ctx: QuestionViewContext; csvHref: string }) {
  const { t } = ctx;
  return (
    <>
      <p class="small muted">
        {t('q.ns.shift', { name: a.shift.name, start: dateTime(a.shift.start, ctx.zone), end: dateTime(a.shift.end, ctx.zone) })}
      </p>
      <dl class="figures">
        <div class="figure main">
          <dt>{t('q.ns.fig.output')}</dt>
          <dd>{withRange(a.output)}</dd>
        </div>
        <div class="figure">
          <dt>{t('q.ns.fig.plan')}</dt>
          <dd>{a.plan.parts === null ? '–' : figure(a.plan.parts, 0)}</dd>
        </div>
        <div class="figure">
          <dt>{t('q.ns.fig.against')}</dt>
          <dd>{a.againstPlan === null ? '–' : signed(a.againstPlan)}</dd>
        </div>
        <div class="figure">
          <dt>{t('q.ns.fig.top')}</dt>
          <dd>{`${machineName(a.top.station, ctx)} (${percent(a.top.probability, 0)})`}</dd>
        </div>
      </dl>
      <p class="small muted">{a.plan.parts === null ? t('line.output.noPlan') : t('q.ns.planBasis')}</p>
      <h3>{t('q.ns.h.output')}</h3>
      <OutputAgainstPlan a={a} ctx={ctx} />
      <h3>{t('q.ns.h.bottleneck')}</h3>
      <BottleneckChance a={a} ctx={ctx} />
      <h3>{t('q.ns.h.states')}</h3>
      <StateShares a={a} ctx={ctx} />
      <StationTable a={a} ctx={ctx} csvHref={csvHref} />
    </>
  );
}
