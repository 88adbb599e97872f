import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import type { RunRow, SimViewContext, SimulationResult } from '../../../views/simulation/model.tsx';
import { bottleneckText, ScenarioTable, StateShares, stateShares } from '../../../views/simulation/results.tsx';
import { scenarioRows } from '../../../views/simulation/model.tsx';

const hostile = '<script>alert(1)</script>';
const ctx: SimViewContext = {
  t: translator('en'),
  now: new Date('2026-11-25T08:00:00Z'),
  zone: 'Europe/Prague',
  lineId: 'l1',
  stationNames: new Map([
    ['op10', 'OP10 Turning'],
    ['op40', 'OP40 Induction hardening'],
  ]),
  csrfToken: 't',
  mayRun: true,
};

const est = (mean: number, hw = 0.01) => ({ mean, ciHalfWidth: hw, ciLow: mean - hw, ciHigh: mean + hw, stdDev: hw, n: 5 });
const machine = (name: string, sole: number, shifting: number) => ({
  name,
  count: 1,
  processing: 0.6,
  starved: 0.2,
  blocked: 0.1,
  down: 0.05,
  changeover: 0,
  soleBottleneck: sole,
  shiftingBottleneck: shifting,
});

/** A result in minutes: 0.5 parts a minute is 30 an hour. */
function result(throughput: number, bottleneck = 'op40', peak = 300): SimulationResult {
  return {
    replications: 5,
    timeUnit: 'min',
    throughput: est(throughput),
    machines: [machine('op10', 0.1, 0.05), machine('op40', 0.55, 0.2)],
    bottleneck,
    wip: est(20, 1),
    leadTime: est(40, 1),
    energy: {
      peakKw: { ...est(peak, 5), max: peak + 10 },
      kwhPerPart: est(8.5, 0.1),
      averageKw: est(200),
      kwh: est(1000),
      peakIntervalMinutes: 15,
    },
  } as unknown as SimulationResult;
}

const comparison = {
  kind: 'comparison',
  title: 'c',
  result: {
    replications: 5,
    seed: 1,
    peakLimitKw: 400,
    baseline: { name: 'today', result: result(0.5) },
    variants: [
      {
        name: 'buffer 20',
        result: result(0.52),
        difference: { throughput: est(0.02, 0.005), peakKw: null, kwhPerPart: null },
        raisesThroughput: true,
        peakLimitExceeded: false,
        shareOverPeakLimit: 0,
        warnings: [],
      },
      {
        name: hostile,
        result: result(0.6, 'op10', 480),
        difference: { throughput: est(0.1, 0.01), peakKw: null, kwhPerPart: null },
        raisesThroughput: true,
        peakLimitExceeded: true,
        shareOverPeakLimit: 1,
        warnings: ['peak demand up to 490 kW exceeds the site limit of 400 kW'],
      },
      {
        name: 'slower',
        result: result(0.49),
        difference: { throughput: est(-0.01, 0.02), peakKw: null, kwhPerPart: null },
        raisesThroughput: false,
        peakLimitExceeded: false,
        shareOverPeakLimit: 0,
        warnings: [],
      },
    ],
  },
} as unknown as RunRow;

describe('the simulation results', () => {
  it('compares the scenarios per hour with their intervals, a verdict in words and the energy trade-off flag', async () => {
    const html = String(await (<ScenarioTable run={comparison} ctx={ctx} csvHref="/x" />));
    expect(html).toContain('<tr class="baseline-row"><th scope="row">today</th><td class="num">30.0 ± 0.6</td><td class="num">–</td>');
    expect(html).toContain('<td class="num">+1.2 ± 0.3 (+4.0 %)</td><td><span class="badge ok">higher output</span></td>');
    expect(html).toContain('<span class="badge info">no clear difference</span>');
    expect(html).toMatch(/<span class="badge bad">more output, but peak over the limit<\/span><\/td>/);
    expect(html).toContain(
      '<li><strong>&lt;script&gt;alert(1)&lt;/script&gt;:</strong> peak demand up to 490 kW exceeds the site limit of 400 kW</li>',
    );
    expect(html).toContain('<span class="badge ok">peak within 400 kW</span>');
    expect(html).toContain('<td>OP40 Induction hardening</td>');
    expect(html).toContain('<td class="num">40 min</td>');
    expect(html).toContain('<span class="block">300 kW peak (max 310)</span><span class="block">8.50 ± 0.10 kWh per part</span>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says the bottleneck in words, sole and shifting, and that it moves when another station is close', () => {
    expect(bottleneckText(result(0.5), ctx)).toBe(
      'OP40 Induction hardening is the bottleneck: alone 55 % of the time, shifting with a neighbour 20 %.',
    );
    const close = { ...result(0.5), machines: [machine('op10', 0.3, 0.1), machine('op40', 0.4, 0.2)] } as SimulationResult;
    expect(bottleneckText(close, ctx)).toContain('It moves: OP10 Turning is the bottleneck 40 % of the time.');
  });

  it('stacks each station’s state shares, the rest of the time as planned or other, the bottleneck flagged', async () => {
    expect(stateShares(machine('x', 0, 0)).other).toBeCloseTo(0.05, 9);
    const [row] = scenarioRows(comparison);
    const html = String(await (<StateShares row={row} index={0} ctx={ctx} />));
    expect(html).toContain('<figure class="chart" id="sim-states-0">');
    expect(html).toContain('class="sb-flag">bottleneck: sole 55 %, shifting 20 %</text>');
    expect(html).toContain('class="sb-label">OP40 Induction hardening</text>');
    expect(html).toContain('<th scope="col" class="num">planned or other</th>');
    expect(html).toContain('<td class="num">55.0 %</td>');
  });

  it('reads a single simulation as one scenario', () => {
    const rows = scenarioRows({ kind: 'simulation', title: 'Crankshaft: 72 h', result: result(0.5) } as RunRow);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Crankshaft: 72 h', baseline: true });
    expect(scenarioRows({ kind: 'calibration', title: 'x', result: {} } as RunRow)).toEqual([]);
  });
});
