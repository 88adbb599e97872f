/**
 * The shift's OEE and its ISO 22400 loss waterfall: planned busy time (PBT), less the
 * availability loss (PBT − APT: stops, changeovers, waiting, silence), less the speed loss
 * (APT − net production time, NPT = APT × performance = ideal cycle time × produced), less the
 * quality loss (NPT × (1 − quality)), leaves the value-adding time; OEE = value-adding ÷ PBT.
 */
import { duration, percent } from '../../server/web/format.ts';
import type { MessageKey } from '../../server/web/messages/en.ts';
import { Waterfall, type WaterfallStep } from '../charts/waterfall.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import type { LineMetrics, LineViewContext } from './model.tsx';

type Figure = LineMetrics['figures']['oee'];

/** The loss waterfall in seconds per station (the line's elements are its stations' summed), or why there is none. */
export interface LossWaterfall {
  pbt: number;
  availabilityLoss: number;
  /** Null when no ideal cycle time is known: the speed and quality losses cannot be told apart. */
  speedLoss: number | null;
  qualityLoss: number | null;
  valueAdding: number | null;
  apt: number;
}

export function lossWaterfall(m: Pick<LineMetrics, 'elements' | 'figures'>, stations: number): LossWaterfall | null {
  const n = Math.max(1, stations);
  const pbt = m.elements.PBT / n;
  if (!(pbt > 0)) return null;
  const apt = m.elements.APT / n;
  const { effectiveness, quality } = m.figures;
  if (effectiveness.value === null || quality.value === null) {
    return { pbt, apt, availabilityLoss: pbt - apt, speedLoss: null, qualityLoss: null, valueAdding: null };
  }
  const npt = apt * effectiveness.value;
  const valueAdding = npt * quality.value;
  return { pbt, apt, availabilityLoss: pbt - apt, speedLoss: apt - npt, qualityLoss: npt - valueAdding, valueAdding };
}

export function waterfallSteps(w: LossWaterfall, ctx: LineViewContext): WaterfallStep[] {
  const { t } = ctx;
  const steps: WaterfallStep[] = [
    { label: t('line.wf.pbt'), value: w.pbt, kind: 'total' },
    { label: t('line.wf.availability'), value: w.availabilityLoss, kind: 'loss' },
  ];
  if (w.speedLoss === null || w.qualityLoss === null || w.valueAdding === null) {
    steps.push({ label: t('line.wf.apt'), value: w.apt, kind: 'total' });
    return steps;
  }
  steps.push(
    { label: t('line.wf.speed'), value: w.speedLoss, kind: 'loss' },
    { label: t('line.wf.quality'), value: w.qualityLoss, kind: 'loss' },
    { label: t('line.wf.value'), value: w.valueAdding, kind: 'total' },
  );
  return steps;
}

/** A figure as a percentage, or the reason it has none, in words. */
export function figureText(f: Figure, ctx: LineViewContext): string {
  return f.value === null ? ctx.t(`line.why.${f.reason}` as MessageKey) : percent(f.value);
}

function Figures({ m, ctx }: { m: Pick<LineMetrics, 'figures'>; ctx: LineViewContext }) {
  const { t } = ctx;
  const f = m.figures;
  const items: [string, Figure][] = [
    [t('line.fig.oee'), f.oee],
    [t('line.fig.availability'), f.availability],
    [t('line.fig.performance'), f.effectiveness],
    [t('line.fig.quality'), f.quality],
  ];
  return (
    <dl class="figures">
      {items.map(([label, value], i) => (
        <div class={i === 0 ? 'figure main' : 'figure'}>
          <dt>{label}</dt>
          <dd>{figureText(value, ctx)}</dd>
        </div>
      ))}
    </dl>
  );
}

function WaterfallTable({ w, stations, ctx }: { w: LossWaterfall; stations: number; ctx: LineViewContext }) {
  const { t } = ctx;
  const rows: [string, number | null][] = [
    [t('line.wf.pbt'), w.pbt],
    [t('line.wf.availability'), w.availabilityLoss],
    [t('line.wf.apt'), w.apt],
    [t('line.wf.speed'), w.speedLoss],
    [t('line.wf.quality'), w.qualityLoss],
    [t('line.wf.value'), w.valueAdding],
  ];
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('line.wf.element')}</th>
          <th scope="col" class="num">
            {t('line.wf.perStation')}
          </th>
          <th scope="col" class="num">
            {t('line.wf.summed', { stations })}
          </th>
          <th scope="col" class="num">
            {t('line.wf.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="num">{value === null ? '–' : duration(value)}</td>
            <td class="num">{value === null ? '–' : duration(value * stations)}</td>
            <td class="num">{value === null ? '–' : percent(value / w.pbt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The OEE of the shift so far, its loss waterfall, and each station's figures (where the losses are). */
export function OeeSection({ metrics, ctx, csvHref }: { metrics: LineMetrics; ctx: LineViewContext; csvHref: string }) {
  const { t } = ctx;
  const stations = metrics.stations.length;
  const w = lossWaterfall(metrics, stations);
  return (
    <section class="card" aria-labelledby="line-oee-heading">
      <h2 id="line-oee-heading">{t('line.oee')}</h2>
      {!w ? (
        <EmptyState message={t('line.oee.noPlannedTime')} />
      ) : (
        <>
          <Figures m={metrics} ctx={ctx} />
          <Waterfall
            id="line-waterfall"
            title={t('line.waterfall')}
            description={
              w.valueAdding === null
                ? t('line.wf.descNoIdeal', { pbt: duration(w.pbt), loss: duration(w.availabilityLoss), apt: duration(w.apt), stations })
                : t('line.wf.desc', {
                    pbt: duration(w.pbt),
                    stations,
                    availability: duration(w.availabilityLoss),
                    speed: duration(Math.max(0, w.speedLoss ?? 0)),
                    quality: duration(Math.max(0, w.qualityLoss ?? 0)),
                    value: duration(w.valueAdding),
                    oee: figureText(metrics.figures.oee, ctx),
                  })
            }
            steps={waterfallSteps(w, ctx)}
            format={duration}
            figures={{ label: t('chart.figures'), content: <WaterfallTable w={w} stations={stations} ctx={ctx} /> }}
          />
          <h3>{t('line.oee.byStation')}</h3>
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('line.station')}</th>
                  <th scope="col" class="num">
                    {t('line.fig.oee')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.fig.availability')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.fig.performance')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.fig.quality')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.oee.down')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.oee.waiting')}
                  </th>
                  <th scope="col" class="num">
                    {t('line.oee.failures')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {metrics.stations.map((s) => (
                  <tr>
                    <th scope="row">{s.name}</th>
                    <td class="num">{figureText(s.figures.oee, ctx)}</td>
                    <td class="num">{figureText(s.figures.availability, ctx)}</td>
                    <td class="num">{figureText(s.figures.effectiveness, ctx)}</td>
                    <td class="num">{figureText(s.figures.quality, ctx)}</td>
                    <td class="num">{duration(s.elements.ADET + s.elements.ASUT)}</td>
                    <td class="num">{duration(s.elements.ADOT)}</td>
                    <td class="num">{s.reliability.failures}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
