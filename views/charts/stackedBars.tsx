/**
 * Horizontal stacked bars of shares (0..1): one bar per row (a station), its parts stacked with
 * d3-shape's stack in the order of the keys, each part wide enough written with its percentage,
 * a legend naming every colour, and a flag in words at the end of a row (the bottleneck).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { Chart, type ChartFigures } from './chart.tsx';

export interface StackKey {
  key: string;
  label: string;
}

export interface StackRow {
  label: string;
  values: Record<string, number>;
  /** Said after the bar, in words (`bottleneck: sole 48 %`); the row is drawn marked. */
  flag?: string;
}

export interface StackedBarsProps {
  id: string;
  title: string;
  description: string;
  keys: StackKey[];
  rows: StackRow[];
  figures?: ChartFigures;
}

const WIDTH = 840;
const ROW = 30;
const MARGIN = { top: 40, right: 240, bottom: 24, left: 220 };
/** Narrowest part (px) that gets its percentage written in it. */
const LABEL_MIN = 30;

export function StackedBars({ id, title, description, keys, rows, figures }: StackedBarsProps) {
  const height = MARGIN.top + MARGIN.bottom + rows.length * ROW;
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([MARGIN.top, height - MARGIN.bottom])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, 1])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const series = stack<StackRow, string>()
    .keys(keys.map((k) => k.key))
    .value((row, key) => Math.max(0, row.values[key] ?? 0))(rows);
  // Each legend entry as wide as its label (about 6.6 px a character at 12 px), so a long one is never cut.
  const legendLeft: number[] = [];
  keys.forEach((_, j) => legendLeft.push(j === 0 ? 8 : legendLeft[j - 1] + 34 + keys[j - 1].label.length * 6.6));
  return (
    <Chart id={id} title={title} description={description} width={WIDTH} height={height} figures={figures}>
      <g class="sb-legend">
        {keys.map((k, j) => (
          <g>
            <rect class={`bar-${j % 8}`} x={legendLeft[j]} y={8} width={12} height={12} />
            <text x={legendLeft[j] + 16} y={18} class="sb-legend-text">
              {k.label}
            </text>
          </g>
        ))}
      </g>
      <g class="axis">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g>
            <line class="grid-line" x1={x(v)} x2={x(v)} y1={MARGIN.top - 4} y2={height - MARGIN.bottom} />
            <text x={x(v)} y={height - MARGIN.bottom + 14} text-anchor="middle" class="sb-tick">
              {`${v * 100} %`}
            </text>
          </g>
        ))}
      </g>
      {rows.map((row, i) => {
        const top = y(i)!;
        const h = y.bandwidth();
        return (
          <g class={row.flag ? 'sb-row sb-flagged' : 'sb-row'}>
            <text x={MARGIN.left - 8} y={top + h / 2 + 4} text-anchor="end" class="sb-label">
              {row.label}
            </text>
            {series.map((s, j) => {
              const [a, b] = s[i];
              const left = x(a);
              const w = Math.max(0, x(b) - left);
              const key = keys[j];
              const pct = `${Math.round((b - a) * 100)} %`;
              return (
                <g>
                  <rect class={`bar-${j % 8}`} x={left} y={top} width={w} height={h}>
                    <title>{`${row.label} · ${key.label}: ${((b - a) * 100).toFixed(1)} %`}</title>
                  </rect>
                  {w >= LABEL_MIN && (
                    <text x={left + w / 2} y={top + h / 2 + 4} text-anchor="middle" class="sb-part">
                      {pct}
                    </text>
                  )}
                </g>
              );
            })}
            {row.flag && (
              <>
                <rect class="sb-mark" x={MARGIN.left - 2} y={top - 2} width={x(1) - MARGIN.left + 4} height={h + 4} fill="none" />
                <text x={x(1) + 8} y={top + h / 2 + 4} class="sb-flag">
                  {row.flag}
                </text>
              </>
            )}
          </g>
        );
      })}
    </Chart>
  );
}
