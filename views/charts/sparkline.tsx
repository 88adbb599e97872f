import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';

export interface SparkPoint {
  /** ISO date the value belongs to. */
  date: string;
  value: number;
}

export interface SparklineProps {
  /** A unique id on the page: the SVG's title and description are found by it. */
  id: string;
  points: SparkPoint[];
  baseline?: number | null;
  target?: number | null;
  /** Names the line and says its direction in words ("Trend of Line OEE: improving"). */
  title: string;
  /** The key figures in a sentence, the text alternative. */
  description: string;
  width?: number;
  height?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A word-sized trend line for a table cell: the measured values over time, the target as a dashed
 * line and the baseline as a faint one, the latest value as a dot. The row beside it carries the
 * figures and the trend in words, so the line needs no axes; it draws nothing below two values.
 */
export function Sparkline({ id, points, baseline = null, target = null, title, description, width = 120, height = 32 }: SparklineProps) {
  if (points.length < 2) return null;
  const pad = 3;
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const levels = [...points.map((p) => p.value), ...[baseline, target].filter((v): v is number => v !== null)];
  const x = scaleUtc()
    .domain([new Date(times[0]), new Date(times[times.length - 1])])
    .range([pad, width - pad]);
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const y = scaleLinear()
    .domain(low === high ? [low - 1, high + 1] : [low, high])
    .range([height - pad, pad]);
  const path = line<SparkPoint>()
    .digits(1)
    .x((_, i) => x(new Date(times[i])))
    .y((p) => y(p.value))(points);
  const last = points[points.length - 1];
  return (
    <svg
      class="sparkline"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {baseline !== null && <line class="baseline" x1={pad} x2={width - pad} y1={round(y(baseline))} y2={round(y(baseline))} />}
      {target !== null && <line class="target" x1={pad} x2={width - pad} y1={round(y(target))} y2={round(y(target))} />}
      <path class="spark" d={path ?? ''} />
      <circle class="spark-dot" cx={round(x(new Date(times[times.length - 1])))} cy={round(y(last.value))} r={2.5} />
    </svg>
  );
}
