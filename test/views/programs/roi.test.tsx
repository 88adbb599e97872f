import { describe, expect, it } from 'vitest';
import type { ProgramPageData } from '../../../server/programs/programView.ts';
import { translator } from '../../../server/web/i18n.ts';
import { kpiValue, money, RoiSection } from '../../../views/programs/roi.tsx';

const t = translator('en');
const HOSTILE = '<script>alert(1)</script>';
type Roi = ProgramPageData['roi'];
type Row = Roi['kpis'][number];

function row(kpiId: string, kpi: string, fields: Partial<Row> = {}): Row {
  return {
    kpiId,
    kpi,
    unit: '%',
    direction: 'higher_is_better',
    useCaseId: 'u1',
    useCase: 'Next-shift constraint',
    useCaseStatus: 'operational',
    baseline: 61.8,
    current: 67.5,
    currentPeriodEnd: '2026-10-31',
    target: 70,
    targetDate: '2027-06-01',
    gapClosed: 0.695,
    trend: 'improving',
    overdue: false,
    realisedAnnualValue: 216600,
    targetAnnualValue: 311600,
    currency: 'EUR',
    ...fields,
  };
}

const roi: Roi = {
  programId: 'p1',
  programName: 'Twin',
  asOf: '2026-11-25T08:00:00.000Z',
  kpis: [
    row('k1', 'Line OEE'),
    row('k2', 'Changeover time', {
      unit: 'min',
      baseline: null,
      current: null,
      currentPeriodEnd: null,
      gapClosed: null,
      trend: 'insufficient_data',
      overdue: true,
      realisedAnnualValue: null,
      targetAnnualValue: null,
      currency: null,
    }),
    row('k3', 'Work in process', {
      unit: 'parts',
      direction: 'lower_is_better',
      baseline: 180,
      current: 184.1,
      target: 140,
      gapClosed: -0.1025,
      trend: 'worsening',
      realisedAnnualValue: null,
      targetAnnualValue: null,
      currency: null,
    }),
  ],
  totals: [{ currency: 'EUR', realisedAnnualValue: 216600, targetAnnualValue: 311600 }],
  coverage: { complete: false, leftOut: { useCases: 1, kpis: 2 } },
};
const series = new Map([
  [
    'k1',
    [
      { date: '2026-06-30', value: 62.5 },
      { date: '2026-07-31', value: 64 },
      { date: '2026-10-31', value: 67.5 },
    ],
  ],
  ['k2', []],
  [
    'k3',
    [
      { date: '2026-06-30', value: 181 },
      { date: '2026-09-30', value: 184.1 },
    ],
  ],
]);

describe('figures of the ROI table', () => {
  it('writes values with the decimals their size needs, and money in whole units of its currency', () => {
    expect(kpiValue(412.2, 'parts')).toBe('412 parts');
    expect(kpiValue(61.84, '%')).toBe('61.8 %');
    expect(kpiValue(0.354, 'h')).toBe('0.35 h');
    expect(kpiValue(null)).toBe('–');
    expect(money(357140, 'EUR')).toBe('€357,140');
    expect(money(1234.5, null)).toBe('1235');
  });
});

describe('RoiSection', () => {
  it('shows baseline → current → target, the gap closed, a trend line in words, and the yearly value', async () => {
    const html = String(await (<RoiSection t={t} roi={roi} series={series} csvHref="/csv?table=roi" />));
    expect(html).toContain('<strong class="big">€216,600</strong>');
    expect(html).toMatch(
      /<tr id="roi-k1">[\s\S]*?61\.8 %[\s\S]*?67\.5 %[\s\S]*?70\.0 %[\s\S]*?70 %[\s\S]*?<svg class="sparkline"[\s\S]*?improving[\s\S]*?€216,600/,
    );
    expect(html).toContain('<title id="spark-k1-title">Trend of Line OEE: improving</title>');
    expect(html).toContain('3 measured values from 2026-06-30 to 2026-10-31, latest 67.5 %; baseline 61.8 %, target 70.0 %.');
    // A KPI without baseline or values says so, and draws no line.
    expect(html).toMatch(/<tr id="roi-k2">[\s\S]*?no baseline[\s\S]*?not measured[\s\S]*?measurement overdue[\s\S]*?too few values/);
    expect(html).not.toContain('spark-k2');
    // A KPI gone the wrong way is marked in words, not only in red.
    expect(html).toContain('<span class="loss-text">-10 %</span>');
    expect(html).toContain('<span class="trend-word worsening">worsening</span>');
    expect(html).toContain('Total (EUR)');
    expect(html).toContain('1 use case, 2 KPIs lie outside it');
  });

  it('says what to do when there is no KPI', async () => {
    const html = String(await (<RoiSection t={t} roi={{ ...roi, kpis: [], totals: [] }} series={new Map()} csvHref="x" />));
    expect(html).toContain('No KPI yet.');
  });

  it('escapes KPI and use case names', async () => {
    const hostile = { ...roi, kpis: [row('k1', HOSTILE, { useCase: HOSTILE, unit: HOSTILE })] };
    const html = String(await (<RoiSection t={t} roi={hostile} series={series} csvHref="x" />));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
