import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import type { RunRow, SimViewContext } from '../../../views/simulation/model.tsx';
import { RunsList } from '../../../views/simulation/runs.tsx';
import { RunStatus } from '../../../views/simulation/status.tsx';
import { ValidationSection } from '../../../views/simulation/validation.tsx';

const hostile = '<script>alert(1)</script>';
const ctx: SimViewContext = {
  t: translator('en'),
  now: new Date('2026-11-25T08:00:00Z'),
  zone: 'Europe/Prague',
  lineId: 'l1',
  stationNames: new Map([['op10', 'OP10 Turning']]),
  csrfToken: 'tok',
  mayRun: true,
};

const run = (over: Partial<RunRow>): RunRow =>
  ({
    id: 'r1',
    kind: 'simulation',
    lineId: 'l1',
    title: hostile,
    status: 'running',
    progress: 0.42,
    progressNote: 'replication 5 of 10',
    result: null,
    error: null,
    createdAt: new Date('2026-11-25T07:55:00Z'),
    finishedAt: null,
    ...over,
  }) as RunRow;

describe('the run status fragment', () => {
  it('shows a running run as a progress bar with its percentage in words that polls its own URL every second', async () => {
    const html = String(await (<RunStatus run={run({})} ctx={ctx} />));
    expect(html).toContain(
      '<section id="run-status" class="card" aria-labelledby="run-status-heading" hx-get="/lines/l1/simulate/runs/r1" hx-trigger="every 1s" hx-swap="outerHTML">',
    );
    expect(html).toContain(
      '<progress id="run-progress" value="42" max="100" aria-valuetext="42 % done: replication 5 of 10.">42 %</progress>',
    );
    expect(html).toContain('<p class="progress-words">42 % done: replication 5 of 10.</p>');
    expect(html).toContain('<span class="badge info">running</span>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(String(await (<RunStatus run={run({})} ctx={ctx} oob />))).toContain('hx-swap-oob="true"');
  });

  it('stops polling once the run is done, failed or cancelled, and says why a run failed', async () => {
    const failed = String(await (<RunStatus run={run({ status: 'failed', error: { message: 'the model is too big' } })} ctx={ctx} />));
    expect(failed).not.toContain('hx-trigger');
    expect(failed).toContain('<strong>The run failed</strong><p>the model is too big</p>');
    const cancelled = String(await (<RunStatus run={run({ status: 'cancelled' })} ctx={ctx} />));
    expect(cancelled).toContain('The run was cancelled.');
    expect(cancelled).not.toContain('<progress');
  });

  it('lists the recent runs with their status in words, or what to do when there are none', async () => {
    const html = String(
      await (
        <RunsList
          runs={[run({}), run({ id: 'r2', title: 'done one', status: 'succeeded', finishedAt: new Date('2026-11-25T07:58:00Z') })]}
          ctx={ctx}
        />
      ),
    );
    expect(html).toContain('<a href="/lines/l1/simulate?run=r2">done one</a>');
    expect(html).toContain('<span class="badge succeeded">done</span>');
    expect(html).toContain('<span class="badge info">running</span><span class="small"> 42 %</span>');
    // 07:58 UTC in Prague.
    expect(html).toContain('<td>08:58</td>');
    expect(html).not.toContain('<script>');
    expect(String(await (<RunsList runs={[]} ctx={ctx} />))).toContain('No runs of this line yet');
  });

  it('shows the twin’s validation error from a calibration, or an empty state and the form to calibrate', async () => {
    const est = (mean: number, hw: number) => ({ mean, ciHalfWidth: hw, ciLow: mean - hw, ciHigh: mean + hw, stdDev: hw, n: 10 });
    const calibration = run({
      kind: 'calibration',
      status: 'succeeded',
      title: 'cal',
      finishedAt: new Date('2026-11-25T07:59:00Z'),
      result: {
        window: { from: '2026-11-25T05:00:00.000Z', to: '2026-11-25T08:00:00.000Z', seconds: 10_800 },
        model: {},
        stations: [],
        products: [],
        validation: {
          replications: 10,
          throughputPerHour: {
            observed: 28.3,
            simulated: est(27.1, 1.2),
            relativeError: est(-0.042, 0.03),
            predictionInterval: { low: 22, high: 32, containsObserved: true },
          },
          states: [{ station: 'op10', shares: [{ state: 'processing', observed: 0.7, simulated: est(0.68, 0.01) }] }],
          maxStateShareError: 0.052,
        },
        assumptions: [hostile],
      },
    });
    const html = String(await (<ValidationSection calibration={calibration} ctx={ctx} />));
    expect(html).toContain('<dt>Throughput error of the twin</dt><dd>-4.2 ± 3.0 %</dd>');
    expect(html).toContain('<dd>5.2 percentage points</dd>');
    expect(html).toContain('<span class="badge ok">observed output inside the twin’s range</span>');
    expect(html).toContain('Fitted and checked on 06:00 to 09:00 (3.0 h of data).');
    expect(html).toContain('<td class="num">70 % / 68 %</td>');
    expect(html).toContain('<form id="calibrate-form"');
    expect(html).not.toContain('<script>');
    const none = String(await (<ValidationSection calibration={null} ctx={{ ...ctx, mayRun: false }} />));
    expect(none).toContain('The line has not been calibrated yet');
    expect(none).not.toContain('<form');
  });
});
