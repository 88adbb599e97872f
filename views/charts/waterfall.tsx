/**
 * A waterfall: a starting total, the losses taken off it one after another as floating bars, and
 * the totals left between them drawn from zero. Every bar carries its value in text (a loss with
 * its minus sign and its share of the start), so the colour is never the only sign of a loss.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { Chart, type ChartFigures } from './chart.tsx';

export interface WaterfallStep {
  label: string;
  /** A total's level, or the size of a loss (a negative loss is a gain). */
  value: number;
  kind: 'total' | 'loss';
}

export interface WaterfallProps {
  id: string;
  title: string;
  description: string;
  steps: WaterfallStep[];
  /** How a value is written on its bar (`2.1 h`). */
  format: (value: number) => string;
  /** The figures behind the chart (a table), folded away under it. */
  figures?: ChartFigures;
}

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 34, right: 12, bottom: 48, left: 12 };

/** The floating extent of each bar: totals from zero, losses from the level before them. */
export function waterfallBars(steps: readonly WaterfallStep[]): { from: number; to: number }[] {
  let level = 0;
  return steps.map((s) => {
    if (s.kind === 'total') {
      level = s.value;
      return { from: 0, to: s.value };
    }
    const from = level;
    level -= s.value;
    return { from, to: level };
  });
}

/**
 * A word too long for a line, hyphenated: after a joining `s` near its middle where there is one
 * (German compounds: `Verfügbarkeits-verlust`), else at its middle.
 */
function hyphenated(word: string): string[] {
  const middle = word.length / 2;
  let joint: number | undefined;
  for (let i = 3; i < word.length - 4; i++) {
    if (word[i] === 's' && (joint === undefined || Math.abs(i + 1 - middle) < Math.abs(joint - middle))) joint = i + 1;
  }
  const cut = joint !== undefined && Math.abs(joint - middle) <= word.length / 3 ? joint : Math.ceil(middle);
  return [`${word.slice(0, cut)}-`, word.slice(cut)];
}

/** A label broken into at most two lines at a space near its middle, or a long single word hyphenated. */
export function labelLines(label: string, fit = 16): string[] {
  if (label.length <= fit) return [label];
  if (!label.includes(' ')) return hyphenated(label);
  const words = label.split(' ');
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const left = words.slice(0, i).join(' ').length;
    if (Math.abs(left - label.length / 2) < Math.abs(words.slice(0, best).join(' ').length - label.length / 2)) best = i;
  }
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
}

export function Waterfall({ id, title, description, steps, format, figures }: WaterfallProps) {
  const bars = waterfallBars(steps);
  const top = Math.max(1e-9, ...bars.flatMap((b) => [b.from, b.to]));
  const start = steps[0]?.kind === 'total' ? steps[0].value : 0;
  const x = scaleBand<number>()
    .domain(steps.map((_, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.28);
  const y = scaleLinear()
    .domain([0, top])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const w = x.bandwidth();
  return (
    <Chart id={id} title={title} description={description} width={WIDTH} height={HEIGHT} figures={figures}>
      <line class="baseline" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} />
      {steps.map((s, i) => {
        const b = bars[i];
        const left = x(i)!;
        const y0 = y(Math.max(b.from, b.to));
        const h = Math.max(1, Math.abs(y(b.from) - y(b.to)));
        const cls = s.kind === 'total' ? 'total' : s.value < 0 ? 'gain' : 'loss';
        const share = s.kind === 'loss' && start > 0 ? ` (${((100 * s.value) / start).toFixed(1)} %)` : '';
        const text = s.kind === 'loss' ? `${s.value < 0 ? '+' : '−'}${format(Math.abs(s.value))}${share}` : format(s.value);
        const next = bars[i + 1];
        return (
          <g class={`wf-step wf-${cls}`}>
            <rect class={cls} x={left} y={y0} width={w} height={h}>
              <title>{`${s.label}: ${text}`}</title>
            </rect>
            <text x={left + w / 2} y={y0 - 6} text-anchor="middle" class="wf-value">
              {text}
            </text>
            {next && <line class="wf-connector" x1={left + w} x2={x(i + 1)!} y1={y(b.to)} y2={y(b.to)} stroke-dasharray="3 2" />}
            <text x={left + w / 2} y={HEIGHT - MARGIN.bottom + 16} text-anchor="middle" class="wf-label">
              {labelLines(s.label, Math.floor(x.step() / 7)).map((line, k) => (
                <tspan x={left + w / 2} dy={k === 0 ? 0 : 14}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}
