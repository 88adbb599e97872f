/**
 * A U-line drawn as such: the front leg runs left to right along the top, turns, and the back
 * leg returns right to left along the bottom, so each station (a column) faces both legs. A
 * station working on both (a crossover station) has a box on each leg joined by a dashed line.
 */
import { scaleBand } from 'd3-scale';
import { line } from 'd3-shape';
import type { Translate } from '../../server/web/i18n.ts';
import type { YamazumiData } from '../charts/yamazumi.tsx';
import { Chart } from '../charts/chart.tsx';
import { num } from './format.ts';

const LEFT = 90;
const RIGHT = 30;
const ROW = 64;
const FRONT_Y = 34;
const BACK_Y = FRONT_Y + ROW + 36;

/** Task ids wrapped into lines of a box `width` wide; what does not fit is counted. */
function wrap(ids: string[], width: number, maxLines = 3): string[] {
  const perLine = Math.max(4, Math.floor((width - 8) / 6.4));
  const lines: string[] = [];
  let current = '';
  let placed = 0;
  for (const id of ids) {
    const next = current ? `${current} ${id}` : id;
    if (next.length <= perLine || !current) current = next;
    else {
      if (lines.length === maxLines - 1) break;
      lines.push(current);
      current = id;
    }
    placed++;
  }
  if (current) lines.push(placed < ids.length ? `${current} +${ids.length - placed}` : current);
  return lines;
}

export function ULegs({ id, title, data, t }: { id: string; title: string; data: YamazumiData; t: Translate }) {
  const n = Math.max(1, data.stations.length);
  const column = Math.max(64, Math.min(120, 640 / n));
  const width = LEFT + column * n + RIGHT;
  const height = BACK_Y + ROW + 30;
  const x = scaleBand<number>()
    .domain(data.stations.map((s) => s.station))
    .range([LEFT, LEFT + column * n])
    .padding(0.12);
  const w = x.bandwidth();
  const flow = line()([
    [LEFT - 30, FRONT_Y + ROW / 2],
    [LEFT + column * n + 14, FRONT_Y + ROW / 2],
    [LEFT + column * n + 14, BACK_Y + ROW / 2],
    [LEFT - 30, BACK_Y + ROW / 2],
  ]);
  const arrow = `${id}-arrow`;
  const legOf = (station: number, leg: 'front' | 'back') =>
    data.stations.find((s) => s.station === station)!.segments.filter((g) => (g.leg ?? 'front') === leg);
  const crossover = data.stations.filter((s) => legOf(s.station, 'front').length && legOf(s.station, 'back').length);
  const description = t('balance.legs.desc', {
    stations: data.stations.length,
    front: data.stations.reduce((k, s) => k + legOf(s.station, 'front').length, 0),
    back: data.stations.reduce((k, s) => k + legOf(s.station, 'back').length, 0),
    crossover: crossover.length ? crossover.map((s) => s.station).join(', ') : t('balance.legs.none'),
  });
  const box = (station: number, leg: 'front' | 'back', top: number) => {
    const tasks = legOf(station, leg);
    if (!tasks.length) return null;
    const left = x(station)!;
    const time = tasks.reduce((sum, g) => sum + g.time, 0);
    return (
      <g class={`ulegs-box ulegs-${leg}`}>
        <rect x={left} y={top} width={w} height={ROW} rx="4">
          <title>{`${t('balance.chart.station', { station })} · ${t(`balance.leg.${leg}`)}: ${tasks.map((g) => g.task).join(', ')}`}</title>
        </rect>
        {wrap(
          tasks.map((g) => g.task),
          w,
        ).map((text, k) => (
          <text x={left + 4} y={top + 14 + k * 13} class="ulegs-tasks">
            {text}
          </text>
        ))}
        <text x={left + w - 4} y={top + ROW - 5} text-anchor="end" class="yz-tick">
          {`${num(time)} s`}
        </text>
      </g>
    );
  };
  return (
    <Chart id={id} title={title} description={description} width={width} height={height}>
      <defs>
        <marker id={arrow} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="ulegs-arrowhead" />
        </marker>
      </defs>
      <path d={flow ?? ''} class="ulegs-flow" marker-end={`url(#${arrow})`} />
      <text x={4} y={FRONT_Y + ROW / 2 - 6} class="ulegs-leg">
        {t('balance.legs.front')}
      </text>
      <text x={4} y={BACK_Y + ROW / 2 - 6} class="ulegs-leg">
        {t('balance.legs.back')}
      </text>
      {data.stations.map((s) => {
        const left = x(s.station)!;
        const both = crossover.includes(s);
        return (
          <g class="ulegs-station">
            <text x={left + w / 2} y={FRONT_Y - 8} text-anchor="middle" class="yz-station-label">
              {t('balance.chart.station', { station: s.station })}
              {both ? ` (${t('balance.legs.crossover')})` : ''}
            </text>
            {both && <line class="ulegs-link" x1={left + w / 2} x2={left + w / 2} y1={FRONT_Y + ROW} y2={BACK_Y} />}
            {box(s.station, 'front', FRONT_Y)}
            {box(s.station, 'back', BACK_Y)}
          </g>
        );
      })}
    </Chart>
  );
}
