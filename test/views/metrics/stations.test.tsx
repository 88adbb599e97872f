import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import type { LineLive, LineViewContext, LiveStation } from '../../../views/metrics/model.tsx';
import { LivePart, newestEvent } from '../../../views/metrics/live.tsx';
import { DownNow, StationsTable } from '../../../views/metrics/stations.tsx';

const now = new Date('2026-11-25T08:00:00Z');
const ctx: LineViewContext = { t: translator('en'), now, zone: 'Europe/Prague' };
const hostile = '<script>alert(1)</script>';

function station(name: string, state: string, over: Partial<LiveStation> = {}): LiveStation {
  return {
    stationId: name,
    code: name.toLowerCase(),
    name,
    state,
    reason: null,
    reasonName: null,
    since: '2026-11-25T07:48:00.000Z',
    lastEventAt: '2026-11-25T07:48:00.000Z',
    known: true,
    buffer: { level: 3, basis: 'derived', emptyAt: '2026-11-25T07:00:00.000Z', since: '2026-11-25T05:00:00.000Z' },
    ...over,
  } as LiveStation;
}

function live(stations: LiveStation[]): LineLive {
  return {
    lineId: 'l1',
    asOf: now.toISOString(),
    timezone: 'Europe/Prague',
    stations,
    shift: { name: 'Early', start: '2026-11-25T05:00:00.000Z', end: '2026-11-25T13:00:00.000Z' },
    output: { produced: 90, good: 88, scrap: 2, planSoFar: { value: 100 }, planShift: { value: 260 }, planBasis: '' },
  } as LineLive;
}

describe('the stations of the line page', () => {
  it('lists the stations stopped at themselves, longest first, with reason and since when in the site’s zone', async () => {
    const html = String(
      await (
        <DownNow
          live={live([
            station('OP10', 'running'),
            station('OP20', 'unplanned_stop', { reason: 'E-TOOL', reasonName: 'Tool breakage', since: '2026-11-25T07:30:00.000Z' }),
            station('OP30', 'starved'),
            station('OP40', 'offline', { known: false, since: null, lastEventAt: null }),
          ])}
          ctx={ctx}
        />
      ),
    );
    expect(html).toContain('<strong>Stopped now: 2 of 4 stations.</strong> 1 waiting on a neighbour (starved or blocked).');
    // 07:30 UTC is 08:30 in Prague; the one with no data at all is listed too.
    expect(html).toMatch(
      /<strong>OP20<\/strong> <span class="badge bad">down<\/span> Tool breakage · since 08:30 \(<time data-age="true" datetime="2026-11-25T07:30:00.000Z" data-template="for \{age\}">for 30 min<\/time>\)/,
    );
    expect(html).toContain('<strong>OP40</strong> <span class="badge offline">no data yet</span>');
  });

  it('says so when nothing is stopped', async () => {
    const html = String(await (<DownNow live={live([station('OP10', 'running'), station('OP20', 'blocked')])} ctx={ctx} />));
    expect(html).toContain('No station of 2 is stopped at itself.');
  });

  it('shows each station’s state in words, its buffer and the age of its last report, escaping names and reasons', async () => {
    const html = String(
      await (
        <StationsTable
          live={live([
            station(hostile, 'unplanned_stop', { reasonName: hostile }),
            station('OP20', 'starved'),
            station('OP30', 'running', { buffer: { level: 5, basis: 'measured', at: now.toISOString() } }),
          ])}
          ctx={ctx}
          csvHref="/lines/l1?format=csv&table=stations"
        />
      ),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>');
    expect(html).toContain('<span class="badge info">starved (waiting for parts)</span>');
    expect(html).toContain('<td class="num">3 (from counts)</td>');
    expect(html).toContain('<td class="num">5 (measured)</td>');
    expect(html).toContain('data-template="{age} ago">12 min ago</time>');
    expect(html).toContain('href="/lines/l1?format=csv&amp;table=stations"');
    const empty = String(await (<StationsTable live={live([])} ctx={ctx} csvHref="/x" />));
    expect(empty).toContain('This line has no stations yet.');
  });

  it('makes a live part that polls itself every 15 s and says the age of its newest event', async () => {
    const stations = [station('OP10', 'running', { lastEventAt: '2026-11-25T07:59:00.000Z' }), station('OP20', 'starved')];
    expect(newestEvent(live(stations))).toBe('2026-11-25T07:59:00.000Z');
    const metrics = { elements: { PBT: 0, APT: 0 }, figures: {}, stations: [] } as never;
    const html = String(
      await (<LivePart lineId="l1" live={live(stations)} metrics={metrics} ctx={ctx} csv={{ stations: '/a', oee: '/b' }} />),
    );
    expect(html.startsWith('<div id="line-live" class="live" hx-get="/lines/l1" hx-trigger="every 15s" hx-swap="outerHTML">')).toBe(true);
    expect(html).toContain(
      'Shift Early, 06:00–14:00 · as of 09:00 · <time data-age="true" datetime="2026-11-25T07:59:00.000Z" data-template="data {age} old">data 60 s old</time>',
    );
  });
});
