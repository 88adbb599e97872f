import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { Chart } from '../charts/chart.tsx';
import type { Translate } from '../../server/web/i18n.ts';
import { amount } from './numbers.tsx';
import type { KpiModel } from './model.tsx';

const W = 520;
const H = 170;
const M = { left: 52, right: 96, top: 12, bottom: 24 };
const DAY = 86_400_000;

const at = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * A KPI's measured values over time against its baseline and target, drawn on the server. The
 * lines carry their names as text, so colour is not needed to tell them apart; the measurements
 * table below the chart holds its figures.
 */
export function KpiChart({ kpi, t }: { kpi: KpiModel; t: Translate }) {
  const points = kpi.measurements;
  if (points.length < 2) return null;
  const first = at(points[0].periodEnd);
  const last = at(points[points.length - 1].periodEnd);
  const x = scaleUtc()
    .domain([new Date(first.getTime() - 5 * DAY), new Date(last.getTime() + 5 * DAY)])
    .range([M.left, W - M.right]);
  const levels = [...points.map((p) => p.value), kpi.target.value, ...(kpi.baseline ? [kpi.baseline.value] : [])];
  const y = scaleLinear()
    .domain([Math.min(...levels), Math.max(...levels)])
    .nice()
    .range([H - M.bottom, M.top]);
  const path = line<(typeof points)[number]>()
    .x((p) => x(at(p.periodEnd)))
    .y((p) => y(p.value))(points);
  const latest = points[points.length - 1];
  const unit = kpi.unit;
  const description = t('owner.kpi.chartText', {
    name: kpi.name,
    count: points.length,
    from: points[0].periodEnd,
    to: latest.periodEnd,
    latest: `${amount(latest.value)} ${unit}`,
    baseline: kpi.baseline ? `${amount(kpi.baseline.value)} ${unit}` : t('owner.kpi.none'),
    target: `${amount(kpi.target.value)} ${unit}`,
    date: kpi.target.date,
  });
  const reference = (value: number, label: string, cls: string) => (
    <g class={cls}>
      <line x1={M.left} x2={W - M.right} y1={y(value)} y2={y(value)} class={cls === 'ref-target' ? 'target' : 'grid-line'} />
      <text x={W - M.right + 4} y={y(value) + 4} class="small">
        {label} {amount(value)}
      </text>
    </g>
  );
  return (
    <Chart id={`kpi-chart-${kpi.id}`} title={t('owner.kpi.chartTitle', { name: kpi.name })} description={description} width={W} height={H}>
      <g class="axis">
        {y.ticks(4).map((v) => (
          <>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} class="grid-line" />
            <text x={M.left - 6} y={y(v) + 4} text-anchor="end">
              {amount(v)}
            </text>
          </>
        ))}
        <text x={M.left} y={H - 6}>
          {points[0].periodEnd}
        </text>
        <text x={W - M.right} y={H - 6} text-anchor="end">
          {latest.periodEnd}
        </text>
      </g>
      {kpi.baseline && reference(kpi.baseline.value, t('owner.kpi.baseline'), 'ref-baseline')}
      {reference(kpi.target.value, t('owner.kpi.target'), 'ref-target')}
      <path d={path ?? ''} class="spark" />
      {points.map((p) => (
        <circle cx={x(at(p.periodEnd))} cy={y(p.value)} r={3} class="point">
          <title>
            {p.periodStart} – {p.periodEnd}: {amount(p.value)} {unit}
          </title>
        </circle>
      ))}
    </Chart>
  );
}
