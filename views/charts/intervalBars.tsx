/**
 * Horizontal bars of estimates with their 95 % intervals as whiskers: one row per item (a station,
 * a placement, a scenario, with a note under its label), each bar drawn from zero (to the left for a negative value), its
 * interval a line with end caps, its figures written at the end of the row. An optional reference
 * line (a plan, a limit) crosses every row; a row can carry a mark (the highest run) and a flag in
 * words (the top station, the recommendation), which frames it, so colour never carries meaning alone.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { Chart, type ChartFigures } from './chart.tsx';

export interface IntervalRow {
  label: string;
  /** A second, smaller line under the label (what kind of item it is). */
  note?: string;
  value: number;
  /** The interval's ends; left out when not finite (a single replication). */
  low: number;
  high: number;
  /** Said after the figures, in words; the row is drawn framed. */
  flag?: string;
  /** A loss or a gain is drawn in its colour (and written with its sign by `format`). */
  tone?: 'gain' | 'loss';
  /** A second figure drawn as a diamond on the row (`markLabel` names it). */
  mark?: number;
}

export interface IntervalBarsProps {
  id: string;
  title: string;
  description: string;
  rows: IntervalRow[];
  /** How a value is written (`230`, `76 %`, `−24`). */
  format: (value: number) => string;
  reference?: { value: number; label: string };
  markLabel?: string;
  /** A fixed value axis ([0, 1] for a probability); else from the figures, zero included. */
  domain?: [number, number];
  figures?: ChartFigures;
}

const WIDTH = 880;
const ROW = 32;
const MARGIN = { top: 30, right: 280, bottom: 26, left: 250 };

const finite = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** The value axis: the fixed domain, or zero, every figure and the reference, made nice. */
export function valueDomain(rows: readonly IntervalRow[], reference?: number, fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  const all = [0, ...rows.flatMap((r) => [r.value, r.low, r.high, r.mark]), reference].filter(finite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const [a, b] = scaleLinear()
    .domain(lo === hi ? [lo, lo + 1] : [lo, hi])
    .nice()
    .domain();
  return [a, b];
}

export function IntervalBars({ id, title, description, rows, format, reference, markLabel, domain, figures }: IntervalBarsProps) {
  const height = MARGIN.top + MARGIN.bottom + rows.length * ROW;
  const plotRight = WIDTH - MARGIN.right;
  const x = scaleLinear()
    .domain(valueDomain(rows, reference?.value, domain))
    .range([MARGIN.left, plotRight]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([MARGIN.top, height - MARGIN.bottom])
    .padding(0.25);
  const zero = x(Math.max(x.domain()[0], Math.min(0, x.domain()[1])));
  const interval = (r: IntervalRow) => (finite(r.low) && finite(r.high) ? ` (${format(r.low)} – ${format(r.high)})` : '');
  return (
    <Chart id={id} title={title} description={description} width={WIDTH} height={height} figures={figures}>
      <g class="axis">
        {x.ticks(5).map((v) => (
          <g>
            <line class="grid-line" x1={x(v)} x2={x(v)} y1={MARGIN.top - 4} y2={height - MARGIN.bottom} />
            <text x={x(v)} y={height - MARGIN.bottom + 16} text-anchor="middle" class="ib-tick">
              {format(v)}
            </text>
          </g>
        ))}
        <line class="ib-zero" x1={zero} x2={zero} y1={MARGIN.top - 4} y2={height - MARGIN.bottom} />
      </g>
      {rows.map((r, i) => {
        const top = y(i)!;
        const h = y.bandwidth();
        const mid = top + h / 2;
        const end = x(r.value);
        return (
          <g class={r.flag ? 'ib-row ib-flagged' : 'ib-row'}>
            <text x={MARGIN.left - 8} y={r.note ? mid - 3 : mid + 4} text-anchor="end" class="ib-label">
              {r.label}
            </text>
            {r.note && (
              <text x={MARGIN.left - 8} y={mid + 11} text-anchor="end" class="ib-note">
                {r.note}
              </text>
            )}
            <rect class={r.tone ?? 'bar-0'} x={Math.min(zero, end)} y={top} width={Math.max(1, Math.abs(end - zero))} height={h}>
              <title>{`${r.label}: ${format(r.value)}${interval(r)}`}</title>
            </rect>
            {finite(r.low) && finite(r.high) && (
              <g class="ib-whisker">
                <line x1={x(r.low)} x2={x(r.high)} y1={mid} y2={mid} />
                <line x1={x(r.low)} x2={x(r.low)} y1={mid - 6} y2={mid + 6} />
                <line x1={x(r.high)} x2={x(r.high)} y1={mid - 6} y2={mid + 6} />
              </g>
            )}
            {finite(r.mark) && (
              <path class="ib-point" d={`M${x(r.mark)},${mid - 6}l6,6l-6,6l-6,-6z`}>
                <title>{`${r.label}: ${markLabel ?? ''} ${format(r.mark)}`.trim()}</title>
              </path>
            )}
            <text x={plotRight + 10} y={r.flag ? mid - 3 : mid + 4} class="ib-value">
              {`${format(r.value)}${interval(r)}`}
            </text>
            {r.flag && (
              <text x={plotRight + 10} y={mid + 11} class="ib-flag">
                {r.flag}
              </text>
            )}
            {r.flag && (
              <rect class="ib-mark" x={MARGIN.left - 4} y={top - 3} width={plotRight - MARGIN.left + 8} height={h + 6} fill="none" />
            )}
          </g>
        );
      })}
      {reference && finite(reference.value) && (
        <g class="ib-reference">
          <line class="limit" x1={x(reference.value)} x2={x(reference.value)} y1={MARGIN.top - 8} y2={height - MARGIN.bottom} />
          <text x={x(reference.value)} y={MARGIN.top - 12} text-anchor="middle" class="ib-tick">
            {reference.label}
          </text>
        </g>
      )}
      {markLabel && rows.some((r) => finite(r.mark)) && (
        <g class="ib-legend">
          <path class="ib-point" d={`M${plotRight + 34},${height - MARGIN.bottom + 6}l6,6l-6,6l-6,-6z`} />
          <text x={plotRight + 44} y={height - MARGIN.bottom + 16} class="ib-tick">
            {markLabel}
          </text>
        </g>
      )}
    </Chart>
  );
}
