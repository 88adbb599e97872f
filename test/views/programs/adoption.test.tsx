import { describe, expect, it } from 'vitest';
import type { ProgramPageData } from '../../../server/programs/programView.ts';
import { translator } from '../../../server/web/i18n.ts';
import { AdoptionSection, periodLabel } from '../../../views/programs/adoption.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
type Adoption = ProgramPageData['adoption'];

function group(groupId: string, name: string, periods: [number, number, boolean?][]): Adoption['groups'][number] {
  return {
    groupId,
    name,
    kind: 'operators',
    expectedFrequency: 'per_shift',
    total: { observed: 0, automatic: 0, expected: 0, ratio: null, status: 'not_started' },
    consecutivePeriodsBelow: 3,
    periods: periods.map(([observed, expected, partial], i) => {
      const ratio = expected > 0 ? observed / expected : null;
      return {
        start: `2026-11-${String(2 + 7 * i).padStart(2, '0')}`,
        end: `2026-11-${String(8 + 7 * i).padStart(2, '0')}`,
        partial: partial ?? false,
        observed,
        automatic: Math.floor(observed / 2),
        expected,
        ratio,
        status: ratio === null ? 'not_started' : ratio >= 1 ? 'on_track' : ratio >= 0.5 ? 'below' : 'far_below',
      };
    }),
  };
}

const view: Adoption = {
  programId: 'p1',
  period: 'week',
  from: '2026-11-02',
  to: '2026-11-25',
  shiftsFrom: 'site_schedules',
  coverage: { complete: true, leftOut: {} },
  groups: [
    group('g1', 'Shift leaders', [
      [11, 15],
      [15, 15],
      [3, 9, true],
    ]),
    group('g2', 'Plant controlling', [
      [0, 0],
      [0, 0.23],
      [1, 0.1, true],
    ]),
  ],
};

describe('AdoptionSection', () => {
  it('draws a heat map of uses against expectation per group and week, with the share written in each cell', async () => {
    const html = String(await (<AdoptionSection t={t} programId="p1" view={view} csvHref="/csv" />));
    expect(html).toContain('id="adoption-heatmap"');
    expect(html).toMatch(/<rect class="hm-below"[^>]*><\/rect><text[^>]*>73 %<\/text>/);
    expect(html).toContain('>✓ 100 %</text>');
    expect(html).toContain(
      '<title>Shift leaders, 2026-11-16 – 2026-11-22 (so far): 3 of 9 expected uses (33 %), far below (under 50 %); 1 recorded by the twin itself</title>',
    );
    expect(html).toContain('>per shift · 3 periods below in a row</text>');
    expect(html).toContain('>nothing expected</text>');
    expect(html).toContain('2 groups over 3 periods from 2026-11-02 to 2026-11-25. 1 group below expected in the latest complete period.');
    // How much of it the twin measured itself.
    const periods = view.groups.flatMap((g) => g.periods);
    const observed = periods.reduce((n, p) => n + p.observed, 0);
    const automatic = periods.reduce((n, p) => n + p.automatic, 0);
    expect(automatic).toBeGreaterThan(0);
    expect(html).toContain(`Of the ${observed} uses shown, ${automatic} the twin recorded itself`);
    // The figures behind the chart, for screen readers and print.
    expect(html).toMatch(/<details><summary>Figures<\/summary><table class="small">/);
  });

  it('switches between weeks and months in place, the chosen one marked', async () => {
    const html = String(await (<AdoptionSection t={t} programId="p1" view={{ ...view, period: 'month' }} csvHref="/csv" />));
    expect(html).toContain(
      '<a href="/programs/p1?period=month#adoption" hx-get="/programs/p1?period=month" hx-target="#adoption" hx-swap="outerHTML" hx-push-url="/programs/p1?period=month" aria-current="true">Monthly</a>',
    );
    expect(html).toMatch(/<a href="\/programs\/p1\?period=week#adoption"[^>]*>Weekly<\/a>/);
    expect(periodLabel('week', '2026-10-05')).toBe('Oct 5');
    expect(periodLabel('month', '2026-10-01')).toBe('Oct 2026');
  });

  it('says what to do without user groups, and escapes group names', async () => {
    expect(String(await (<AdoptionSection t={t} programId="p1" view={{ ...view, groups: [] }} csvHref="x" />))).toContain(
      'No user groups yet.',
    );
    const html = String(
      await (<AdoptionSection t={t} programId="p1" view={{ ...view, groups: [group('g1', HOSTILE, [[1, 2]])] }} csvHref="x" />),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
