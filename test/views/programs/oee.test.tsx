import { describe, expect, it } from 'vitest';
import type { ProgramLineOee } from '../../../server/programs/programView.ts';
import { translator } from '../../../server/web/i18n.ts';
import { OeeSection, OeeTable } from '../../../views/programs/oee.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
const now = new Date('2026-11-25T08:00:00Z');
type Line = ProgramLineOee['lines'][number];

function line(name: string, fields: Partial<Line> = {}): Line {
  return {
    lineId: 'l1',
    code: 'crankshaft-1',
    name,
    site: 'Brno Powertrain Plant',
    timezone: 'Europe/Prague',
    window: { from: '2026-11-25T05:00:00.000Z', to: '2026-11-25T08:00:00.000Z', name: 'shift Early', timezone: 'Europe/Prague' },
    figures: {
      availability: { value: 0.9 },
      effectiveness: { value: 0.8 },
      quality: { value: 0.99 },
      oee: { value: 0.7128 },
      technicalEfficiency: { value: 0.95 },
    },
    output: { produced: 170, good: 168, scrap: 2, planSoFar: { value: 180 }, planShift: { value: 450 }, planBasis: '' },
    stations: 7,
    running: 6,
    reporting: 7,
    newestEventAt: '2026-11-25T07:58:00.000Z',
    ...fields,
  };
}

describe('OeeTable', () => {
  it('shows each line’s OEE and its factors this shift in site time, with the age of its newest data', async () => {
    const html = String(
      await (
        <OeeTable t={t} data={{ programId: 'p1', asOf: now.toISOString(), lines: [line('Crankshaft line 1')] }} now={now} csvHref="/csv" />
      ),
    );
    expect(html).toContain('<a href="/lines/l1">Crankshaft line 1</a>');
    expect(html).toContain('Early <span class="small muted">06:00–09:00</span>');
    expect(html).toContain('<td class="num">71.3 %</td>');
    expect(html).toContain('<td class="num">168 / 180</td>');
    expect(html).toContain('6 of 7');
    expect(html).toContain('<time data-age="true" datetime="2026-11-25T07:58:00.000Z" data-template="{age} ago">2 min ago</time>');
  });

  it('says why a figure is missing and when a line has sent nothing', async () => {
    const idle = line('Pump line 2', {
      figures: {
        availability: { value: 0 },
        effectiveness: { value: null, reason: 'no_production_time' },
        quality: { value: null, reason: 'no_output' },
        oee: { value: null, reason: 'no_production_time' },
        technicalEfficiency: { value: null, reason: 'no_production_time' },
      },
      newestEventAt: null,
    });
    const html = String(await (<OeeTable t={t} data={{ programId: 'p1', asOf: '', lines: [idle] }} now={now} csvHref="x" />));
    expect(html).toContain('not produced yet');
    expect(html).toContain('no output yet');
    expect(html).toContain('<span class="badge stale">no data yet</span>');
    expect(String(await (<OeeTable t={t} data={{ programId: 'p1', asOf: '', lines: [] }} now={now} csvHref="x" />))).toContain(
      'No line of this program',
    );
  });

  it('arrives by htmx, or in place when the page already has it', async () => {
    const lazy = String(await (<OeeSection t={t} programId="p1" now={now} csvHref="x" />));
    expect(lazy).toContain('<div id="oee-body" hx-get="/programs/p1" hx-trigger="load, every 60s" hx-swap="innerHTML">');
    expect(lazy).toContain('<a href="/programs/p1?oee=show#oee">Show the line OEE</a>');
    const inPlace = String(
      await (
        <OeeSection
          t={t}
          programId="p1"
          now={now}
          csvHref="x"
          data={{ programId: 'p1', asOf: '', lines: [line(HOSTILE, { site: HOSTILE })] }}
        />
      ),
    );
    expect(inPlace).toContain('hx-trigger="every 60s"');
    expect(inPlace).not.toContain('<script>');
    expect(inPlace).toContain('&lt;script&gt;');
  });
});
