/**
 * The Yamazumi chart of a line balance: per station its tasks stacked as blocks of their time,
 * against the cycle time as a dashed line (and the takt time, and under the average rule of a
 * mixed-model line the tolerated limit). Every block carries its task id (and a tooltip with the
 * description and time); the bottleneck says so in words; on a U-line the back leg's tasks are
 * hatched and labelled; a station of parallel workplaces shows its capacity and `×k`.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Translate } from '../../server/web/i18n.ts';
import { Chart } from './chart.tsx';
import { num, secs } from '../balancing/format.ts';

export interface YamazumiSegment {
  task: string;
  description?: string;
  time: number;
  leg?: 'front' | 'back';
}

export interface YamazumiStation {
  station: number;
  /** Parallel workplaces of the station (1: a single one). */
  replicas: number;
  load: number;
  /** Workplaces × cycle time. */
  capacity: number;
  segments: YamazumiSegment[];
  bottleneck: boolean;
}

export interface YamazumiData {
  cycleTime: number;
  taktTime?: number;
  /** Mixed models, average rule: cycle × (1 + tolerance), how far one model's load may reach. */
  windowTime?: number;
  stations: YamazumiStation[];
}

const MARGIN = { top: 30, right: 118, bottom: 50, left: 46 };
const PLOT_HEIGHT = 240;
const EPS = 1e-9;

/** A colour class that stays with a task from chart to chart (current and proposed look alike). */
function colourOf(task: string): string {
  let h = 0;
  for (const ch of task) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return `bar-${h % 8}`;
}

export interface YamazumiProps {
  id: string;
  title: string;
  data: YamazumiData;
  t: Translate;
  /** The top of the time axis, shared by charts shown side by side (so equal heights mean equal times). */
  top?: number;
}

/** The largest time a chart of `data` has to show: a load, a line or a parallel station's capacity. */
export function yamazumiTop(data: YamazumiData): number {
  return Math.max(
    data.cycleTime,
    data.taktTime ?? 0,
    data.windowTime ?? 0,
    ...data.stations.map((s) => Math.max(s.load, s.replicas > 1 ? s.capacity : 0)),
  );
}

export function Yamazumi({ id, title, data, t, top = yamazumiTop(data) }: YamazumiProps) {
  const n = Math.max(1, data.stations.length);
  const band = Math.max(36, Math.min(84, 560 / n));
  const plotWidth = band * n;
  const width = Math.max(320, MARGIN.left + plotWidth + MARGIN.right);
  const height = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom;
  const x = scaleBand<number>()
    .domain(data.stations.map((s) => s.station))
    .range([MARGIN.left, MARGIN.left + plotWidth])
    .padding(0.22);
  const y = scaleLinear()
    .domain([0, top * 1.08 || 1])
    .range([MARGIN.top + PLOT_HEIGHT, MARGIN.top])
    .nice();
  const w = x.bandwidth();
  const hatch = `${id}-hatch`;
  const hasBack = data.stations.some((s) => s.segments.some((g) => g.leg === 'back'));
  const bottleneck = data.stations.find((s) => s.bottleneck);
  const idle = data.stations.reduce((sum, s) => sum + Math.max(0, s.capacity - s.load), 0);
  const over = data.stations.filter((s) => s.load > s.capacity + EPS);
  const description = [
    t('balance.chart.desc', { stations: data.stations.length, cycle: secs(data.cycleTime) }),
    bottleneck
      ? t('balance.chart.descBottleneck', {
          station: bottleneck.station,
          load: secs(bottleneck.load),
          share: `${num((100 * bottleneck.load) / bottleneck.capacity, 0)} %`,
        })
      : '',
    t('balance.chart.descIdle', { idle: secs(idle) }),
    over.length ? t('balance.chart.descOver', { stations: over.map((s) => s.station).join(', ') }) : '',
    hasBack ? t('balance.chart.legendBack') : '',
  ]
    .filter(Boolean)
    .join(' ');
  // The reference lines are labelled in the right margin, pushed apart where they lie close.
  const lines = [
    { value: data.cycleTime, cls: 'limit', label: t('balance.chart.cycle', { value: secs(data.cycleTime) }) },
    ...(data.taktTime !== undefined
      ? [{ value: data.taktTime, cls: 'target', label: t('balance.chart.takt', { value: secs(data.taktTime) }) }]
      : []),
    ...(data.windowTime !== undefined
      ? [{ value: data.windowTime, cls: 'target', label: t('balance.chart.window', { value: secs(data.windowTime) }) }]
      : []),
  ]
    .map((l) => ({ ...l, at: y(l.value) + 4 }))
    .sort((a, b) => b.at - a.at);
  lines.forEach((l, k) => {
    if (k > 0 && lines[k - 1].at - l.at < 13) l.at = lines[k - 1].at - 13;
  });
  return (
    <Chart
      id={id}
      title={title}
      description={description}
      width={width}
      height={height}
      figures={{ label: t('chart.figures'), content: <FiguresTable data={data} t={t} /> }}
    >
      <defs>
        <pattern id={hatch} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" class="yz-hatch" />
        </pattern>
      </defs>
      <g class="axis">
        {y.ticks(5).map((v) => (
          <g>
            <line class="grid-line" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(v)} y2={y(v)} />
            <text x={MARGIN.left - 6} y={y(v) + 4} text-anchor="end" class="yz-tick">
              {num(v)}
            </text>
          </g>
        ))}
        <text x={MARGIN.left - 6} y={MARGIN.top - 16} text-anchor="end" class="yz-tick">
          s
        </text>
      </g>
      {data.stations.map((s) => {
        const left = x(s.station)!;
        let base = 0;
        return (
          <g class={s.bottleneck ? 'yz-station yz-bottleneck' : 'yz-station'}>
            {s.segments.map((g) => {
              const y0 = y(base);
              const y1 = y(base + g.time);
              base += g.time;
              const h = Math.max(0, y0 - y1);
              const fits = h >= 13 && g.task.length * 6.6 <= w - 4;
              const what = [g.task, g.description, secs(g.time), g.leg === 'back' ? t('balance.chart.back') : '']
                .filter(Boolean)
                .join(' · ');
              return (
                <g class="yz-task">
                  <rect class={colourOf(g.task)} x={left} y={y1} width={w} height={h}>
                    <title>{what}</title>
                  </rect>
                  {g.leg === 'back' && <rect class="yz-back" x={left} y={y1} width={w} height={h} fill={`url(#${hatch})`} />}
                  {fits && (
                    <text x={left + w / 2} y={y1 + h / 2 + 4} text-anchor="middle" class="yz-label">
                      {g.task}
                    </text>
                  )}
                </g>
              );
            })}
            {s.capacity > s.load + EPS && (
              <rect class="yz-idle" x={left} y={y(s.capacity)} width={w} height={Math.max(0, y(s.load) - y(s.capacity))}>
                <title>{t('balance.chart.idleOf', { station: s.station, idle: secs(s.capacity - s.load) })}</title>
              </rect>
            )}
            {s.bottleneck && <rect class="yz-outline" x={left} y={y(s.load)} width={w} height={Math.max(0, y(0) - y(s.load))} />}
            {s.replicas > 1 && <line class="target" x1={left - 3} x2={left + w + 3} y1={y(s.capacity)} y2={y(s.capacity)} />}
            <text x={left + w / 2} y={y(s.load) - 5} text-anchor="middle" class="yz-load">
              {num(s.load)}
              {s.load > s.capacity + EPS ? ` ${t('balance.chart.over')}` : ''}
            </text>
            <text x={left + w / 2} y={MARGIN.top + PLOT_HEIGHT + 16} text-anchor="middle" class="yz-station-label">
              {t('balance.chart.station', { station: s.station })}
            </text>
            {s.replicas > 1 && (
              <text x={left + w / 2} y={MARGIN.top + PLOT_HEIGHT + 28} text-anchor="middle" class="yz-tick">
                {t('balance.chart.replicas', { replicas: s.replicas })}
              </text>
            )}
            {s.bottleneck && (
              <text x={left + w / 2} y={MARGIN.top + PLOT_HEIGHT + (s.replicas > 1 ? 41 : 28)} text-anchor="middle" class="yz-flag">
                {t('balance.chart.bottleneck')}
              </text>
            )}
          </g>
        );
      })}
      {lines.map((l) => (
        <g class="yz-line">
          <line class={l.cls} x1={MARGIN.left} x2={MARGIN.left + plotWidth + 4} y1={y(l.value)} y2={y(l.value)} />
          <text x={MARGIN.left + plotWidth + 8} y={l.at} class={`yz-line-label yz-line-${l.cls}`}>
            {l.label}
          </text>
        </g>
      ))}
    </Chart>
  );
}

/** The chart's figures as a table: station, workplaces, tasks with their times, load and idle time. */
function FiguresTable({ data, t }: { data: YamazumiData; t: Translate }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('balance.col.station')}</th>
          <th scope="col">{t('balance.col.tasks')}</th>
          <th scope="col" class="num">
            {t('balance.col.load')}
          </th>
          <th scope="col" class="num">
            {t('balance.col.idle')}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.stations.map((s) => (
          <tr>
            <th scope="row">
              {t('balance.chart.station', { station: s.station })}
              {s.replicas > 1 ? ` ${t('balance.chart.replicas', { replicas: s.replicas })}` : ''}
              {s.bottleneck ? ` (${t('balance.chart.bottleneck')})` : ''}
            </th>
            <td>
              {s.segments.map((g) => `${g.task} ${num(g.time)}${g.leg === 'back' ? ` (${t('balance.chart.back')})` : ''}`).join(', ')}
            </td>
            <td class="num">{num(s.load)}</td>
            <td class="num">{num(s.capacity - s.load)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
