import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import { AnswerStatus } from '../../../views/questions/answer.tsx';
import type { MaintenanceAnswer, MixAnswer, NextShiftAnswer, QuestionViewContext, RunRow } from '../../../views/questions/model.tsx';
import type { Estimate } from '../../../server/simulation/intervals.ts';

const hostile = '<script>alert(1)</script>';
const ctx: QuestionViewContext = {
  t: translator('en'),
  now: new Date('2026-11-25T08:00:00Z'),
  zone: 'Europe/Prague',
  lineId: 'l1',
  stationNames: new Map([
    ['op10', 'OP10 Turning'],
    ['op20', hostile],
  ]),
  csrfToken: 'tok',
  mayRun: true,
};

const est = (mean: number, half = 1): Estimate => ({
  mean,
  ciHalfWidth: half,
  ciLow: mean - half,
  ciHigh: mean + half,
  stdDev: half,
  n: 20,
});
const precision = { replications: 400, target: 0.02, achieved: 0.031, reached: false };
const input = {
  timezone: 'Europe/Prague',
  modelSource: { kind: 'calibration', runId: 'c1' },
  precision: { replications: 20, maxReplications: 400, relativeHalfWidth: 0.02, seed: 1 },
  start: {
    asOf: '2026-11-25T08:00:00Z',
    stations: [
      { code: 'op10', state: 'running', since: '2026-11-25T07:30:00Z', product: null },
      { code: 'op20', state: 'unplanned_stop', since: '2026-11-25T07:50:00Z', product: hostile },
    ],
    buffers: [{ before: 'op20', level: 3, basis: 'measured' }],
  },
};

const run = (over: Partial<RunRow>): RunRow =>
  ({
    id: 'r1',
    lineId: 'l1',
    title: hostile,
    status: 'succeeded',
    progress: 1,
    progressNote: '',
    input,
    error: null,
    createdAt: ctx.now,
    ...over,
  }) as RunRow;
const html = async (r: RunRow) => String(await (<AnswerStatus run={r} ctx={ctx} />));

const station = (code: string, p: number) => ({
  station: code,
  probability: { value: p, low: Math.max(0, p - 0.1), high: Math.min(1, p + 0.1) },
  soleShare: p,
  shiftingShare: 0.05,
  processing: 0.7,
  starved: 0.1,
  blocked: 0.05,
  down: 0.1,
  changeover: 0,
});
const nextShift: NextShiftAnswer = {
  shift: { name: 'Late', start: '2026-11-25T13:00:00Z', end: '2026-11-25T21:00:00Z' },
  output: est(230, 5),
  plan: { parts: 261, basis: 'rule', ordersDue: null },
  againstPlan: -31,
  stations: [station('op10', 0.2), station('op20', 0.8)],
  top: { station: 'op20', probability: 0.8, cause: 'speed', downstreamStarved: 0, now: { state: 'unplanned_stop', since: null } },
  predictions: [],
  precision,
  assumptions: [hostile],
  sentence: `${hostile} is the likely constraint.`,
};

describe('an answer’s page fragment', () => {
  it('polls its own page while the run is under way, and says why a run failed', async () => {
    const busy = await html(
      run({ kind: 'next_shift', status: 'running', progress: 0.4, progressNote: 'replication 9 of 20', result: null }),
    );
    expect(busy).toContain('hx-get="/lines/l1/questions/runs/r1" hx-trigger="every 1s" hx-swap="outerHTML"');
    expect(busy).toContain('<a href="/lines/l1/questions/runs/r1">Show the latest state of this run</a>');
    expect(busy).not.toContain('answer-sentence');
    const failed = await html(run({ kind: 'mix_scenario', status: 'failed', result: null, error: { message: 'no model' } }));
    expect(failed).toContain('<strong>The run failed</strong><p>no model</p>');
  });

  it('shows the next shift: sentence first, the figures, the charts, the start it came from and a precision not reached', async () => {
    const out = await html(run({ kind: 'next_shift', result: nextShift }));
    expect(out.indexOf('class="answer-sentence"')).toBeLessThan(out.indexOf('<dl class="figures">'));
    expect(out).toContain('<dd>230 (225 – 235)</dd>');
    expect(out).toContain('<dd>−31</dd>');
    expect(out).toContain('class="ib-value">80 % (70 % – 90 %)</text>');
    expect(out).toContain('<td>processing 70 %</td>');
    expect(out).toContain('<td>down</td><td>08:50</td>');
    expect(out).toContain('<td class="num">3 (measured)</td>');
    expect(out).toContain('<span class="badge warn">not reached at the cap of 400 replications</span>');
    expect(out).toContain('Model: the twin of the line’s latest calibration (run c1).');
    expect(out).toContain('href="/lines/l1/questions/runs/r1?format=csv"');
    expect(out).not.toContain('<script>');
  });

  it('shows a work order without a placement in the week as such, and a recommended placement as a gain', async () => {
    const placement = {
      start: '2026-11-28T05:00:00Z',
      end: '2026-11-28T07:30:00Z',
      kind: 'no_shift' as const,
      fitsStop: true,
      replications: 400,
      screenedOut: false,
      output: est(4900),
      lostOutput: est(-24, 2),
      downtimeAvoidedHours: est(0.6, 0.05),
    };
    const a: MaintenanceAnswer = {
      window: { start: '2026-11-25T08:00:00Z', end: '2026-12-02T08:00:00Z' },
      baseline: { output: est(4890), stationDownHours: [] },
      workOrders: [
        { externalId: 'WO-1', station: 'op10', plannedMinutes: 90, failureRateFactor: 0.8, source: 'cmms', placements: [placement] },
        { externalId: hostile, station: 'op20', plannedMinutes: 30, failureRateFactor: null, source: 'inline', placements: [] },
      ],
      recommended: { ...placement, externalId: 'WO-1', station: 'op10' },
      predictions: [],
      precision: { ...precision, reached: true, achieved: 0.01 },
      assumptions: [],
      sentence: 'Do WO-1.',
    };
    const out = await html(run({ kind: 'maintenance_plan', result: a }));
    expect(out).toContain('<dt>Output gained in the week (95 % interval)</dt><dd>24 (22 – 26)</dd>');
    expect(out).toContain('<td class="num">−24 (−26 – −22)</td>');
    expect(out).toContain('No placement of this work order fits the week.');
    expect(out).toContain('Nothing had to be assumed.');
    expect(out).toContain('Precision reached: ±1.0 % of the key figure');
    expect(out).not.toContain('<script>');
  });

  it('shows a mix without energy data honestly, with the differences against the first scenario', async () => {
    const scenario = (name: string, output: number, difference: MixAnswer['scenarios'][number]['difference']) => ({
      name,
      output: est(output, 10),
      throughputPerHour: est(output / 72),
      products: [{ name: 'part', output: est(output, 10) }],
      energy: null,
      difference,
      tradeOff: false,
      tradeOffWhy: null,
    });
    const a: MixAnswer = {
      window: { start: '2026-11-25T08:00:00Z', end: '2026-11-28T08:00:00Z' },
      peakLimitKw: null,
      peakIntervalMinutes: 15,
      scenarios: [
        scenario('planned orders', 2000, null),
        scenario(hostile, 2100, { output: est(100, 20), kwh: null, kwhPerPart: null, peakKw: null }),
      ],
      predictions: [],
      precision,
      assumptions: [],
      sentence: 'planned orders: 2 000 parts.',
    };
    const out = await html(run({ kind: 'mix_scenario', result: a }));
    expect(out).toContain('The line’s model has no energy data: only the output is compared.');
    expect(out).toContain('<td colspan="3" class="muted">no energy data in the model</td>');
    expect(out).toContain('<span class="badge ok">higher output</span>');
    expect(out).toContain('<li>parts +100 (+80 – +120)</li>');
    expect(out).toContain('No peak limit is known for the site.');
    expect(out).not.toContain('<script>');
  });
});
