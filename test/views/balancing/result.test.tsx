import { describe, expect, it } from 'vitest';
import { BalanceResult } from '../../../views/balancing/result.tsx';
import { solveBalancing, type BalancingResult } from '../../../server/balancing/index.ts';
import type { BalanceRun } from '../../../server/balancing/pageModel.ts';
import { translator } from '../../../server/web/i18n.ts';
import { gearboxTasks } from '../../../server/demo/lineTasks.ts';

const t = translator('en');
const hostile = '<script>alert(1)</script>';
const tasks = gearboxTasks.map(({ id, time, predecessors }) => ({ id, time, predecessors }));
const descriptions = new Map(gearboxTasks.map((x) => [x.id, x.description]));

function run(id: string, input: Record<string, unknown>, result?: BalancingResult): BalanceRun {
  return { id, title: `Run ${id}`, createdAt: new Date('2026-11-25T08:00:00Z'), input, result: result ?? solveBalancing(input) };
}
const render = async (props: Partial<Parameters<typeof BalanceResult>[0]>) =>
  String(await (<BalanceResult t={t} zone="Europe/Prague" descriptions={descriptions} csvHref={(x) => `/csv?table=${x}`} {...props} />));

describe('the balance result', () => {
  it('says what to do when the line has no balance', async () => {
    const html = await render({});
    expect(html).toContain('This line has no balance yet. Choose a target above and run the balance.');
    expect(html).not.toContain('<svg');
  });

  it('shows the current balance beside the proposed one with the comparison, the bottleneck, idle time and proof in words', async () => {
    const current = run('c', { tasks, cycleTime: 130 });
    const proposed = run('p', { tasks, cycleTime: 105 });
    const html = await render({ current, proposed });
    expect(html).toContain('<h2 id="balance-result-heading">Proposed balance</h2>');
    expect(html).toContain('id="yamazumi-current"');
    expect(html).toContain('id="yamazumi-proposed"');
    expect(html).toMatch(/<th scope="row">Stations<\/th><td class="num">5<\/td><td class="num">7<\/td><td class="num">\+2 \(worse\)<\/td>/);
    expect(html).toContain('Proven optimal');
    expect(html).toContain('No balance needs fewer than 7 stations.');
    expect(html).toMatch(/<dt>Bottleneck<\/dt><dd><strong>Station \d<\/strong>/);
    expect(html).toContain('<a href="/csv?table=assignment" download="">');
    expect(html).toContain('<a href="/csv?table=comparison" download="">');
    // The assignment names every task with its time and description, the bottleneck row in words.
    expect(html).toContain('<strong>T07</strong> 50 s<span class="muted"> Pre-assemble output shaft</span>');
    expect(html).toMatch(/<tr class="balance-bottleneck"><th scope="row">S\d <span class="badge bad">Bottleneck<\/span>/);
    expect(html).toContain('<td>20 tasks</td>');
  });

  it('says a balance found within the time limit is not proven, with its bound', async () => {
    const solved = solveBalancing({ tasks, cycleTime: 105 });
    const html = await render({ current: run('x', { tasks, cycleTime: 105 }, { ...solved, provenOptimal: false, lowerBound: 6 }) });
    expect(html).toContain('<span class="badge warn">Best found, not proven</span>');
    expect(html).toContain('The time limit ran out: no balance needs fewer than 6 stations, this one has 7.');
    expect(html).toContain('Run a balance above to see a proposal beside the current one.');
  });

  it('draws a mixed-model U-line: a Yamazumi per model, the sequence’s overload, the legs, the back-leg tasks marked', async () => {
    const mixed = {
      models: [
        { id: 'A', share: 0.6 },
        { id: hostile, share: 0.4 },
      ],
      tasks: [
        { id: 't1', times: { A: 12, [hostile]: 15 }, predecessors: [] },
        { id: 't2', times: { A: 20, [hostile]: 8 }, predecessors: ['t1'] },
        { id: 't3', times: { A: 6, [hostile]: 0 }, predecessors: ['t1'] },
        { id: 't4', times: { A: 10, [hostile]: 14 }, predecessors: ['t2', 't3'] },
        { id: 't5', times: { A: 9, [hostile]: 11 }, predecessors: ['t4'] },
      ],
      cycleTime: 30,
      layout: 'u',
      mixedRule: 'average',
      overloadTolerance: 0.15,
      sequence: ['A', 'A', hostile],
    };
    const proposed = run('m', mixed);
    expect(proposed.result.legs).toContain('back');
    const html = await render({ proposed });
    expect(html).toContain('Per model');
    expect(html).toContain('id="yamazumi-model-A"');
    expect(html).toContain('Model A (60 % of demand');
    expect(html).toContain('Model sequence');
    expect(html).toContain('(3 units)');
    expect(html).toContain('The two legs of the U');
    expect(html).toContain('<span class="badge info">back leg</span>');
    expect(html).toContain('Tolerated 34.5 s');
    expect(html).toContain('No earlier balance of this line to compare with.');
    expect(html).not.toContain(hostile);
    expect(html).toContain('Model &lt;script&gt;alert(1)&lt;/script&gt; (s)');
    // An element id made of a model id keeps only safe characters.
    expect(html).toMatch(/id="yamazumi-model-_3cscript_3ealert_281_29_3c_2fscript_3e"/);
  });

  it('shows parallel stations with their workplaces', async () => {
    const proposed = run('r', { tasks, cycleTime: 40, parallel: { maxReplicas: 2, replicaCost: 1 } });
    const html = await render({ proposed });
    expect(html).toMatch(/<dt>Stations<\/dt><dd><strong>\d+<\/strong><span class="small"> \(\d+ workplaces\)<\/span>/);
    expect(html).toContain('<th scope="col" class="num">Workplaces</th>');
    expect(html).toContain('>×2</text>');
    expect(html).toContain('No balance needs fewer workplaces');
  });
});
