import { OeeSection } from './oee.tsx';
import { Age, siteTime, type LineLive, type LineMetrics, type LineViewContext } from './model.tsx';
import { DownNow, OutputLine, StationsTable } from './stations.tsx';

/** The id of the live part: htmx swaps it in place every 15 s. */
export const LIVE_ID = 'line-live';
export const LIVE_POLL = 'every 15s';

/** The newest event any station reported: how old the live figures are. */
export function newestEvent(live: LineLive): string | null {
  return live.stations.reduce<string | null>(
    (newest, s) => (s.lastEventAt && (!newest || s.lastEventAt > newest) ? s.lastEventAt : newest),
    null,
  );
}

export interface LiveProps {
  lineId: string;
  live: LineLive;
  metrics: LineMetrics;
  ctx: LineViewContext;
  /** The CSV links of the stations and the per-station OEE tables. */
  csv: { stations: string; oee: string };
}

/**
 * The live part of the line page: what is stopped now and why, every station's state, the shift's
 * output and OEE with its losses. It asks for itself again every 15 s (the same URL answers this
 * fragment to htmx), and says how old its data is.
 */
export function LivePart({ lineId, live, metrics, ctx, csv }: LiveProps) {
  const { t } = ctx;
  const newest = newestEvent(live);
  return (
    <div id={LIVE_ID} class="live" hx-get={`/lines/${lineId}`} hx-trigger={LIVE_POLL} hx-swap="outerHTML">
      <p class="live-age small">
        {t('line.shift', {
          name: live.shift.name,
          start: siteTime(live.shift.start, ctx),
          end: siteTime(live.shift.end, ctx),
        })}
        {' · '}
        {t('line.asOf', { time: siteTime(live.asOf, ctx) })}
        {' · '}
        {newest ? <Age at={newest} ctx={ctx} template="live.age" /> : t('live.noData')}
      </p>
      <section class="card" aria-labelledby="line-stations-heading">
        <h2 id="line-stations-heading">{t('line.stations')}</h2>
        {live.stations.length > 0 && <DownNow live={live} ctx={ctx} />}
        {live.stations.length > 0 && <OutputLine live={live} ctx={ctx} />}
        <StationsTable live={live} ctx={ctx} csvHref={csv.stations} />
      </section>
      <OeeSection metrics={metrics} ctx={ctx} csvHref={csv.oee} />
    </div>
  );
}
