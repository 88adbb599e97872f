import { figure } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { Age, siteTime, stateClass, stateWord, STOPPED_STATES, type LineLive, type LineViewContext, type LiveStation } from './model.tsx';

/** What a station is doing, in words with its badge. */
export function StateBadge({ station, ctx }: { station: LiveStation; ctx: LineViewContext }) {
  const word = station.known ? stateWord(ctx.t, station.state) : ctx.t('line.state.unknown');
  return <span class={`badge ${station.known ? stateClass(station.state) : 'offline'}`}>{word}</span>;
}

/** Since when, as a time in the site's zone and how long that is. */
function Since({ since, ctx }: { since: string | null; ctx: LineViewContext }) {
  if (!since) return <>–</>;
  return (
    <>
      {siteTime(since, ctx)}{' '}
      <span class="small muted">
        (<Age at={since} ctx={ctx} template="line.for" />)
      </span>
    </>
  );
}

function bufferText(station: LiveStation, ctx: LineViewContext): string {
  const b = station.buffer;
  if (b.level === null) return b.reason === 'first_station' ? ctx.t('line.buffer.first') : '–';
  return ctx.t(b.basis === 'measured' ? 'line.buffer.measured' : 'line.buffer.derived', { level: b.level });
}

/**
 * The stations stopped at themselves (down, in changeover, slowed, silent), longest first: the
 * first thing a planner reads at shift start. Starved and blocked stations wait on these.
 */
export function DownNow({ live, ctx }: { live: LineLive; ctx: LineViewContext }) {
  const { t } = ctx;
  const stopped = live.stations
    .filter((s) => !s.known || STOPPED_STATES.has(s.state))
    .sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
  const waiting = live.stations.filter((s) => s.known && (s.state === 'starved' || s.state === 'blocked')).length;
  if (!stopped.length)
    return (
      <p class="down-now line-ok">
        {t('line.now.allRunning', { stations: live.stations.length })} {waiting > 0 && t('line.now.waiting', { count: waiting })}
      </p>
    );
  return (
    <div class="down-now">
      <p>
        <strong>{t('line.now.stopped', { count: stopped.length, stations: live.stations.length })}</strong>{' '}
        {waiting > 0 && t('line.now.waiting', { count: waiting })}
      </p>
      <ul class="plain">
        {stopped.map((s) => (
          <li>
            <strong>{s.name}</strong> <StateBadge station={s} ctx={ctx} />
            {s.reasonName && <> {s.reasonName}</>}
            {s.reason && !s.reasonName && s.state !== 'running' && <> {s.reason}</>}
            {s.since && (
              <>
                {' · '}
                {t('line.sinceAt', { time: siteTime(s.since, ctx) })} (<Age at={s.since} ctx={ctx} template="line.for" />)
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The shift's output so far against plan. */
export function OutputLine({ live, ctx }: { live: LineLive; ctx: LineViewContext }) {
  const { t } = ctx;
  const o = live.output;
  return (
    <p class="output">
      {t('line.output', { good: o.good, scrap: o.scrap })}{' '}
      {o.planSoFar.value !== null && o.planShift.value !== null ? (
        <>
          {t('line.output.plan', { plan: o.planSoFar.value, shift: o.planShift.value })}{' '}
          <span class={`badge ${o.good >= o.planSoFar.value ? 'ok' : 'warn'}`}>
            {o.good >= o.planSoFar.value
              ? t('line.output.onPlan')
              : t('line.output.behind', {
                  parts: o.planSoFar.value - o.good,
                  share: figure((100 * o.good) / Math.max(1, o.planSoFar.value), 0),
                })}
          </span>
          <span class="small muted block">{t('line.output.basis')}</span>
        </>
      ) : (
        <span class="small muted">{t('line.output.noPlan')}</span>
      )}
    </p>
  );
}

/** Every station's state now, with its reason, since when, the parts waiting before it and the age of its newest event. */
export function StationsTable({ live, ctx, csvHref }: { live: LineLive; ctx: LineViewContext; csvHref: string }) {
  const { t } = ctx;
  if (!live.stations.length) return <EmptyState message={t('line.noStations')} />;
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('line.station')}</th>
              <th scope="col">{t('line.state')}</th>
              <th scope="col">{t('line.reason')}</th>
              <th scope="col">{t('line.since')}</th>
              <th scope="col" class="num">
                {t('line.buffer')}
              </th>
              <th scope="col">{t('line.lastEvent')}</th>
            </tr>
          </thead>
          <tbody>
            {live.stations.map((s) => (
              <tr class={STOPPED_STATES.has(s.state) || !s.known ? 'stopped' : undefined}>
                <th scope="row">{s.name}</th>
                <td>
                  <StateBadge station={s} ctx={ctx} />
                </td>
                <td>{s.state === 'running' ? '–' : (s.reasonName ?? s.reason ?? '–')}</td>
                <td>
                  <Since since={s.since} ctx={ctx} />
                </td>
                <td class="num">{bufferText(s, ctx)}</td>
                <td>{s.lastEventAt ? <Age at={s.lastEventAt} ctx={ctx} template="time.ago" /> : t('time.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
