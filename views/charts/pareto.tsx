/**
 * A Pareto chart: causes as bars from the largest down, against the left axis, and their
 * cumulative share as a line with points against the right axis (0–100 %), with the 80 % mark
 * dashed. Each bar's value and each point's share are written beside them.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { Chart, type ChartFigures } from './chart.tsx';

export interface ParetoItem {
  label: string;
  value: number;
}

export interface ParetoProps {
  id: string;
  title: string;
  description: string;
  /** Largest first (the chart draws them in the order given). */
  items: ParetoItem[];
  format: (value: number) => string;
  /** The unit of the left axis, written above it (`min`). */
  unit: string;
  figures?: ChartFigures;
}

const HEIGHT = 300;
const MARGIN = { top: 30, right: 44, bottom: 64, left: 44 };

/** The cumulative share (0..1) after each item. */
export function cumulativeShares(items: readonly ParetoItem[]): number[] {
  const total = items.reduce((s, i) => s + i.value, 0);
  let sum = 0;
  return items.map((i) => {
    sum += i.value;
    return total > 0 ? sum / total : 0;
  });
}

/** A label cut to what fits under a bar of `width` px (about 6.5 px a character at 12 px). */
function short(label: string, width: number): string {
  const chars = Math.max(4, Math.floor(width / 6.5));
  return label.length > chars ? `${label.slice(0, chars - 1)}…` : label;
}

export function Pareto({ id, title, description, items, format, unit, figures }: ParetoProps) {
  const width = Math.max(480, Math.min(760, MARGIN.left + MARGIN.right + items.length * 130));
  const x = scaleBand<number>()
    .domain(items.map((_, i) => i))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...items.map((i) => i.value))])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();
  const share = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const cumulative = cumulativeShares(items);
  const centre = (i: number) => x(i)! + x.bandwidth() / 2;
  const path = line<number>()
    .x((_, i) => centre(i))
    .y((c) => share(c))(cumulative);
  const right = width - MARGIN.right;
  return (
    <Chart id={id} title={title} description={description} width={width} height={HEIGHT} figures={figures}>
      <g class="axis">
        {y.ticks(4).map((v) => (
          <g>
            <line class="grid-line" x1={MARGIN.left} x2={right} y1={y(v)} y2={y(v)} />
            <text x={MARGIN.left - 6} y={y(v) + 4} text-anchor="end" class="pa-tick">
              {String(v)}
            </text>
          </g>
        ))}
        <text x={MARGIN.left - 6} y={MARGIN.top - 12} text-anchor="end" class="pa-tick">
          {unit}
        </text>
        {[0, 0.5, 1].map((v) => (
          <text x={right + 6} y={share(v) + 4} class="pa-tick">
            {`${Math.round(v * 100)} %`}
          </text>
        ))}
      </g>
      <line class="limit pa-eighty" x1={MARGIN.left} x2={right} y1={share(0.8)} y2={share(0.8)} />
      <text x={right - 2} y={share(0.8) - 4} text-anchor="end" class="pa-tick">
        80 %
      </text>
      {items.map((item, i) => (
        <g class="pa-bar">
          <rect class="bar-0" x={x(i)} y={y(item.value)} width={x.bandwidth()} height={Math.max(1, y(0) - y(item.value))}>
            <title>{`${item.label}: ${format(item.value)} ${unit} (${Math.round(cumulative[i] * 100)} % cumulative)`}</title>
          </rect>
          <text x={centre(i)} y={y(item.value) - 4} text-anchor="middle" class="pa-value">
            {format(item.value)}
          </text>
          <text x={centre(i)} y={HEIGHT - MARGIN.bottom + 16} text-anchor="middle" class="pa-label">
            {short(item.label, x.step())}
          </text>
        </g>
      ))}
      {path && <path class="spark pa-cumulative" d={path} />}
      {cumulative.map((c, i) => (
        <g class="pa-point">
          <circle class="spark-dot" cx={centre(i)} cy={share(c)} r={3.5} />
          <text x={centre(i) + 6} y={share(c) - 6} class="pa-share">
            {`${Math.round(c * 100)} %`}
          </text>
        </g>
      ))}
    </Chart>
  );
}
