import { scaleBand } from 'd3-scale';
import { Chart, type ChartFigures } from './chart.tsx';

export interface HeatRow {
  key: string;
  label: string;
  /** A second, smaller line under the label (the expected frequency). */
  note?: string;
}

export interface HeatCell {
  row: string;
  column: string;
  /** The band the value falls in: the cell's class (`hm-<band>`), explained by the legend. */
  band: string;
  /** The value in words or figures, written in the cell. */
  text: string;
  /** The cell in a full sentence (its tooltip and its name for screen readers). */
  title: string;
  /** A period not over yet: hatched, so it does not read like a complete one. */
  partial?: boolean;
}

export interface HeatMapProps {
  id: string;
  title: string;
  description: string;
  rows: HeatRow[];
  columns: { key: string; label: string }[];
  cells: HeatCell[];
  legend: { band: string; label: string }[];
  /** The legend entry of a hatched (partial) cell. */
  partialLabel?: string;
  figures?: ChartFigures;
}

const LABEL = 220;
const HEAD = 26;
const CELL_H = 36;
const LEGEND_STEP = 200;
const LEGEND_LINE = 24;
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A heat map of rows against periods: each cell coloured by its band AND labelled with its value,
 * the bands explained in a legend with words, partial periods hatched.
 */
export function HeatMap({ id, title, description, rows, columns, cells, legend, partialLabel, figures }: HeatMapProps) {
  const cellW = Math.max(52, Math.min(84, Math.floor((760 - LABEL) / Math.max(1, columns.length))));
  const width = LABEL + cellW * columns.length + 4;
  const x = scaleBand()
    .domain(columns.map((c) => c.key))
    .range([LABEL, LABEL + cellW * columns.length])
    .paddingInner(0.06);
  const y = scaleBand()
    .domain(rows.map((r) => r.key))
    .range([HEAD, HEAD + CELL_H * rows.length])
    .paddingInner(0.08);
  const hatch = `${id}-partial`;
  const entries = [
    ...legend.map((l) => ({ ...l, partial: false })),
    ...(partialLabel ? [{ band: '', label: partialLabel, partial: true }] : []),
  ];
  // The legend wraps onto as many lines as the chart's width needs.
  const chartWidth = Math.max(width, 2 * LEGEND_STEP);
  const perLine = Math.max(1, Math.floor(chartWidth / LEGEND_STEP));
  const legendY = HEAD + CELL_H * rows.length + 14;
  const height = legendY + LEGEND_LINE * Math.ceil(entries.length / perLine);
  const at = (i: number) => ({ lx: (i % perLine) * LEGEND_STEP, ly: legendY + LEGEND_LINE * Math.floor(i / perLine) });
  return (
    <Chart id={id} title={title} description={description} width={chartWidth} height={height} figures={figures}>
      <defs>
        <pattern id={hatch} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line class="hm-hatch" x1={0} y1={0} x2={0} y2={6} />
        </pattern>
      </defs>
      {columns.map((c) => (
        <text class="hm-column" x={round((x(c.key) ?? 0) + x.bandwidth() / 2)} y={16} text-anchor="middle">
          {c.label}
        </text>
      ))}
      {rows.map((r) => {
        const top = y(r.key) ?? 0;
        return (
          <g class="hm-row">
            <text class="hm-label" x={0} y={round(top + (r.note ? 14 : 21))}>
              {r.label}
            </text>
            {r.note && (
              <text class="hm-note" x={0} y={round(top + 28)}>
                {r.note}
              </text>
            )}
          </g>
        );
      })}
      {cells.map((cell) => {
        const cx = x(cell.column);
        const cy = y(cell.row);
        if (cx === undefined || cy === undefined) return null;
        const w = round(x.bandwidth());
        const h = round(y.bandwidth());
        return (
          <g class="hm-cell">
            <title>{cell.title}</title>
            <rect class={`hm-${cell.band}`} x={round(cx)} y={round(cy)} width={w} height={h} rx={3} />
            {cell.partial && <rect x={round(cx)} y={round(cy)} width={w} height={h} rx={3} fill={`url(#${hatch})`} />}
            <text class="hm-value" x={round(cx + w / 2)} y={round(cy + h / 2 + 4)} text-anchor="middle">
              {cell.text}
            </text>
          </g>
        );
      })}
      <g class="hm-legend">
        {entries.map((l, i) => {
          const { lx, ly } = at(i);
          return (
            <g>
              <rect class={l.partial ? 'hm-partial-key' : `hm-${l.band}`} x={lx} y={ly} width={16} height={16} rx={3} />
              {l.partial && <rect x={lx} y={ly} width={16} height={16} rx={3} fill={`url(#${hatch})`} />}
              <text class="hm-legend-text" x={lx + 22} y={ly + 12}>
                {l.label}
              </text>
            </g>
          );
        })}
      </g>
    </Chart>
  );
}
