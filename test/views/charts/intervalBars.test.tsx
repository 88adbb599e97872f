import { describe, expect, it } from 'vitest';
import { IntervalBars, valueDomain } from '../../../views/charts/intervalBars.tsx';

const render = async (node: unknown) => String(await node);

describe('the interval bars', () => {
  it('draws each bar from zero with its interval as a whisker, the reference across, and the flagged row framed and said', async () => {
    const html = await render(
      <IntervalBars
        id="ib"
        title="Bottleneck chance"
        description="OP40 most likely"
        rows={[
          { label: 'OP10', value: 0.1, low: 0.05, high: 0.2 },
          { label: 'OP40', value: 0.8, low: 0.7, high: 0.9, flag: 'likely constraint' },
        ]}
        format={(x) => `${Math.round(x * 100)} %`}
        domain={[0, 1]}
        reference={{ value: 0.5, label: 'half' }}
      />,
    );
    // The plot runs from 250 to 600 px: 0.1 is 35 px wide, 0.8 is 280 px.
    expect(html).toContain('<rect class="bar-0" x="250" y=');
    expect([...html.matchAll(/<rect class="bar-0" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([35, 280]);
    expect(html).toContain('<line x1="267.5" x2="320" y1=');
    expect(html).toContain('class="ib-value">10 % (5 % – 20 %)</text>');
    expect(html).toContain('class="ib-flag">likely constraint</text>');
    expect(html.match(/class="ib-mark"/g)).toHaveLength(1);
    expect(html).toMatch(/<line class="limit" x1="425" x2="425"/);
    expect(html).toContain('>half</text>');
    expect(html).toContain('<title>OP40: 80 % (70 % – 90 %)</title>');
  });

  it('draws a negative value to the left of zero, leaves out an interval that is not finite, and escapes its texts', async () => {
    const html = await render(
      <IntervalBars
        id="ib"
        title="t"
        description="d"
        rows={[
          { label: '<script>x</script>', note: 'in a break', value: -40, low: -50, high: -30, tone: 'gain' },
          { label: 'once', value: 10, low: Number.NaN, high: Number.NaN, tone: 'loss', mark: 20 },
        ]}
        format={(x) => String(x)}
        markLabel="highest run"
      />,
    );
    expect(
      valueDomain([
        { label: '', value: -40, low: -50, high: -30 },
        { label: '', value: 10, low: 0, high: 20 },
      ]),
    ).toEqual([-50, 20]);
    const gain = /<rect class="gain" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(html)!;
    const loss = /<rect class="loss" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(html)!;
    // Both start at zero: the gain ends there, the loss begins there.
    expect(Number(gain[1]) + Number(gain[2])).toBeCloseTo(Number(loss[1]), 6);
    expect(html.match(/class="ib-whisker"/g)).toHaveLength(1);
    expect(html).toContain('class="ib-value">10</text>');
    expect(html).toContain('class="ib-note">in a break</text>');
    expect(html).toContain('>highest run</text>');
    expect(html).toContain('<title>once: highest run 20</title>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
