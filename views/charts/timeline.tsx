import { scaleUtc } from 'd3-scale';
import { Chart, type ChartFigures } from './chart.tsx';

export type TimelineStatus = 'met' | 'missed' | 'at_risk' | 'planned' | 'deferred';

export interface TimelineItem {
  id: string;
  label: string;
  /** The last day it is due by (ISO date). */
  dueBy: string;
  /** When it is due in a quarter (`2026-Q4`), it is drawn in the middle of that quarter. */
  dueQuarter: string | null;
  status: TimelineStatus;
  /** The status in words, drawn beside the marker (colour is never the only sign). */
  statusText: string;
}

export interface TimelineProps {
  id: string;
  title: string;
  description: string;
  items: TimelineItem[];
  /** Today's date (ISO) in the calendar of the plan, drawn as a line. */
  today: string;
  todayText: string;
  figures?: ChartFigures;
}

const WIDTH = 900;
const LABEL = 290;
const RIGHT = 80;
const TOP = 30;
const ROW = 30;
const round = (n: number) => Math.round(n * 10) / 10;

/** The first day of a date's quarter, as a UTC instant. */
function quarterStart(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1));
}

function nextQuarter(start: Date): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
}

function quarterName(start: Date): string {
  return `${start.getUTCFullYear()} Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

function shorten(text: string, max = 42): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The marker of a status: a distinct shape for each, so the chart reads in greyscale too. */
function Marker({ status, x, y }: { status: TimelineStatus; x: number; y: number }) {
  const cls = `tl-marker tl-${status}`;
  if (status === 'met')
    return (
      <g class={cls}>
        <circle cx={x} cy={y} r={7} />
        <path class="tl-glyph" d={`M${x - 3.5} ${y} l2.5 2.5 l4.5 -5`} />
      </g>
    );
  if (status === 'missed')
    return (
      <g class={cls}>
        <circle cx={x} cy={y} r={7} />
        <path class="tl-glyph" d={`M${x - 3} ${y - 3} l6 6 M${x + 3} ${y - 3} l-6 6`} />
      </g>
    );
  if (status === 'at_risk')
    return (
      <g class={cls}>
        <path d={`M${x} ${y - 8} L${x + 8} ${y + 6} L${x - 8} ${y + 6} Z`} />
        <text class="tl-glyph-text" x={x} y={y + 4.5} text-anchor="middle">
          !
        </text>
      </g>
    );
  if (status === 'deferred')
    return (
      <g class={cls}>
        <path d={`M${x} ${y - 7} L${x + 7} ${y} L${x} ${y + 7} L${x - 7} ${y} Z`} />
      </g>
    );
  return (
    <g class={cls}>
      <circle cx={x} cy={y} r={6} />
    </g>
  );
}

/**
 * Milestones on a quarter timeline: one row each, its marker in the quarter (or on the day) it is
 * due, with its status as a shape and in words, and today as a dashed line.
 */
export function MilestoneTimeline({ id, title, description, items, today, todayText, figures }: TimelineProps) {
  const dates = [...items.map((i) => i.dueBy), today].sort();
  const first = quarterStart(dates[0]);
  const quarters: Date[] = [];
  for (let q = first; q <= quarterStart(dates[dates.length - 1]); q = nextQuarter(q)) quarters.push(q);
  const end = nextQuarter(quarters[quarters.length - 1]);
  const x = scaleUtc()
    .domain([first, end])
    .range([LABEL, WIDTH - RIGHT]);
  const rowsEnd = TOP + ROW * items.length;
  const height = rowsEnd + 22;
  const place = (item: TimelineItem) => {
    if (!item.dueQuarter) return x(new Date(`${item.dueBy}T12:00:00Z`));
    const start = quarterStart(item.dueBy);
    return (x(start) + x(nextQuarter(start))) / 2;
  };
  const todayX = round(x(new Date(`${today}T12:00:00Z`)));
  return (
    <Chart id={id} title={title} description={description} width={WIDTH} height={height} figures={figures}>
      <g class="tl-quarters">
        {quarters.map((q, i) => (
          <g>
            <rect
              class={i % 2 ? 'tl-band alt' : 'tl-band'}
              x={round(x(q))}
              y={TOP - 6}
              width={round(x(nextQuarter(q)) - x(q))}
              height={rowsEnd - TOP + 6}
            />
            <text class="tl-quarter" x={round((x(q) + x(nextQuarter(q))) / 2)} y={16} text-anchor="middle">
              {quarterName(q)}
            </text>
          </g>
        ))}
      </g>
      {items.map((item, i) => {
        const y = TOP + ROW * i + ROW / 2;
        const mx = round(place(item));
        const leftLabel = mx > WIDTH - RIGHT - 10;
        return (
          <g class="tl-row" data-milestone={item.id}>
            <title>{`${item.label}: ${item.statusText}, due by ${item.dueBy}`}</title>
            <line class="grid-line" x1={0} x2={WIDTH} y1={y + ROW / 2} y2={y + ROW / 2} />
            <text class="tl-label" x={0} y={y + 4}>
              {shorten(item.label)}
            </text>
            <Marker status={item.status} x={mx} y={y} />
            <text
              class={`tl-status tl-${item.status}`}
              x={leftLabel ? mx - 12 : mx + 12}
              y={y + 4}
              text-anchor={leftLabel ? 'end' : 'start'}
            >
              {item.statusText}
            </text>
          </g>
        );
      })}
      <line class="tl-today" x1={todayX} x2={todayX} y1={TOP - 6} y2={rowsEnd + 6} />
      <text class="tl-today-label" x={todayX} y={height - 4} text-anchor="middle">
        {todayText}
      </text>
    </Chart>
  );
}
