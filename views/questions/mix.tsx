import { dateTime, figure, percent } from '../../server/web/format.ts';
import { IntervalBars } from '../charts/intervalBars.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { signed, withRange, type Estimate, type MixAnswer, type QuestionViewContext } from './model.tsx';

type Scenario = MixAnswer['scenarios'][number];

const kw = (x: number) => figure(x, 0);
const perPart = (x: number) => figure(x, 2);

/** A paired difference against the first scenario, with its sign, in the scenario's unit. */
const difference = (e: Estimate | null, decimals: number) => (e ? withRange(e, (x) => signed(x, decimals)) : '–');

/** Whether a scenario makes more or fewer parts than the first, from the paired 95 % interval. */
function Verdict({ s, ctx }: { s: Scenario; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const d = s.difference?.output;
  if (!d) return <span class="muted">{t('line.sim.baseline')}</span>;
  if (d.ciLow > 0) return <span class="badge ok">{t('line.sim.verdict.higher')}</span>;
  if (d.ciHigh < 0) return <span class="badge bad">{t('line.sim.verdict.lower')}</span>;
  return <span class="badge info">{t('line.sim.verdict.unclear')}</span>;
}

function PeakChart({ a, ctx }: { a: MixAnswer; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const withPeak = a.scenarios.filter((s) => s.energy?.peakKw);
  if (!withPeak.length) return <p class="empty">{t('q.mx.noEnergy')}</p>;
  const highest = withPeak.reduce((b, s) => (s.energy!.peakKw!.max > b.energy!.peakKw!.max ? s : b));
  const values = { count: withPeak.length, name: highest.name, peak: kw(highest.energy!.peakKw!.max), minutes: a.peakIntervalMinutes };
  return (
    <IntervalBars
      id="mx-peak"
      title={t('q.mx.peak.title', { minutes: a.peakIntervalMinutes })}
      description={
        a.peakLimitKw === null ? t('q.mx.peak.descNoLimit', values) : t('q.mx.peak.desc', { ...values, limit: kw(a.peakLimitKw) })
      }
      rows={withPeak.map((s) => {
        const p = s.energy!.peakKw!;
        return {
          label: s.name,
          value: p.mean,
          low: p.ciLow,
          high: p.ciHigh,
          mark: p.max,
          tone: s.energy!.overLimit ? ('loss' as const) : undefined,
          flag: s.energy!.overLimit ? t('q.mx.overLimit.flag') : undefined,
        };
      })}
      format={kw}
      reference={a.peakLimitKw === null ? undefined : { value: a.peakLimitKw, label: t('q.mx.peak.limit', { limit: kw(a.peakLimitKw) }) }}
      markLabel={t('q.mx.peak.max')}
    />
  );
}

function EnergyCells({ s, ctx }: { s: Scenario; ctx: QuestionViewContext }) {
  const { t } = ctx;
  const e = s.energy;
  if (!e)
    return (
      <td colspan={3} class="muted">
        {t('line.sim.energy.noData')}
      </td>
    );
  return (
    <>
      <td class="num">{withRange(e.kwh, kw)}</td>
      <td class="num">{e.kwhPerPart ? withRange(e.kwhPerPart, perPart) : '–'}</td>
      <td class="num">
        {e.peakKw ? t('q.mx.peak.cell', { peak: kw(e.peakKw.mean), max: kw(e.peakKw.max) }) : '–'}
        {e.overLimit && <span class="badge bad block">{t('q.mx.overLimit', { share: percent(e.shareOverLimit ?? 0, 0) })}</span>}
      </td>
    </>
  );
}

function ScenarioTable({ a, ctx, csvHref }: { a: MixAnswer; ctx: QuestionViewContext; csvHref: string }) {
  const { t } = ctx;
  const first = a.scenarios[0]?.name ?? '';
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table class="answer-table">
          <thead>
            <tr>
              <th scope="col">{t('line.sim.col.scenario')}</th>
              <th scope="col" class="num">
                {t('q.mx.col.output')}
              </th>
              <th scope="col">{t('q.mx.col.products')}</th>
              <th scope="col" class="num">
                {t('q.mx.col.kwh')}
              </th>
              <th scope="col" class="num">
                {t('q.mx.col.kwhPerPart')}
              </th>
              <th scope="col" class="num">
                {t('q.mx.col.peak')}
              </th>
              <th scope="col">{t('q.mx.col.difference', { first })}</th>
              <th scope="col">{t('q.mx.col.tradeOff')}</th>
            </tr>
          </thead>
          <tbody>
            {a.scenarios.map((s, i) => (
              <tr class={i === 0 ? 'baseline-row' : s.tradeOff ? 'highlight-row' : undefined}>
                <th scope="row">{s.name}</th>
                <td class="num">{withRange(s.output)}</td>
                <td>
                  {s.products.map((p) => (
                    <span class="block">{`${p.name}: ${withRange(p.output)}`}</span>
                  ))}
                </td>
                <EnergyCells s={s} ctx={ctx} />
                <td>
                  <Verdict s={s} ctx={ctx} />
                  {s.difference && (
                    <ul class="plain compact small">
                      <li>{t('q.mx.diff.output', { value: difference(s.difference.output, 0) })}</li>
                      <li>{t('q.mx.diff.kwhPerPart', { value: difference(s.difference.kwhPerPart, 2) })}</li>
                      <li>{t('q.mx.diff.peak', { value: difference(s.difference.peakKw, 0) })}</li>
                    </ul>
                  )}
                </td>
                <td>
                  {s.tradeOff ? (
                    <>
                      <span class="badge bad">{t('q.mx.tradeOff')}</span> <span class="small">{s.tradeOffWhy}</span>
                    </>
                  ) : (
                    <span class="muted">{i === 0 ? '–' : t('q.mx.noTradeOff')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * The mix over 72 hours: each scenario's output (in total and per product), energy and peak
 * against the site's limit, and its paired differences against the first (the current plan),
 * with the trade-off flag; the peaks as a chart with the limit drawn across.
 */
export function MixView({ a, ctx, csvHref }: { a: MixAnswer; ctx: QuestionViewContext; csvHref: string }) {
  const { t } = ctx;
  return (
    <>
      <p class="small muted">
        {t('q.window', { from: dateTime(a.window.start, ctx.zone), to: dateTime(a.window.end, ctx.zone) })}{' '}
        {a.peakLimitKw === null ? t('q.mx.noLimit') : t('q.mx.limit', { limit: kw(a.peakLimitKw) })}
      </p>
      <h3>{t('q.mx.h.scenarios')}</h3>
      <ScenarioTable a={a} ctx={ctx} csvHref={csvHref} />
      <h3>{t('q.mx.h.peak')}</h3>
      <PeakChart a={a} ctx={ctx} />
    </>
  );
}
