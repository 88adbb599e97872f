import { describe, expect, it } from 'vitest';
import { cumulativeShares, Pareto } from '../../../views/charts/pareto.tsx';

const items = [
  { label: 'Spindle or drive fault', value: 60 },
  { label: 'Tool breakage', value: 30 },
  { label: 'Hydraulics', value: 10 },
];

describe('the Pareto chart', () => {
  it('accumulates the shares from the largest cause down', () => {
    expect(cumulativeShares(items)).toEqual([0.6, 0.9, 1]);
    expect(cumulativeShares([{ label: 'none', value: 0 }])).toEqual([0]);
  });

  it('draws a bar per cause, the cumulative line with its shares, and the 80 % mark', async () => {
    const html = String(await (<Pareto id="pa" title="Stops" description="3 reasons" items={items} format={String} unit="min" />));
    expect(html.match(/<rect class="bar-0"/g)).toHaveLength(3);
    expect(html).toMatch(/<path class="spark pa-cumulative" d="M[\d.,L]+"/);
    expect(html).toContain('>60 %</text>');
    expect(html).toContain('>90 %</text>');
    expect(html).toContain('>100 %</text>');
    expect(html).toContain('class="limit pa-eighty"');
    expect(html).toContain('<title>Spindle or drive fault: 60 min (60 % cumulative)</title>');
    expect(html).toContain('>min</text>');
  });

  it('cuts long labels under a bar and keeps them whole in the bar’s title; it escapes them', async () => {
    const long = 'Waiting for parts or logistics from the warehouse';
    const html = String(
      await (
        <Pareto
          id="pa"
          title="t"
          description="d"
          items={[
            { label: long, value: 1 },
            { label: '<script>alert(1)</script>', value: 1 },
          ]}
          format={String}
          unit="min"
        />
      ),
    );
    expect(html).toMatch(/class="pa-label">Waiting for parts[^<]*…<\/text>/);
    expect(html).toContain(`<title>${long}: 1 min (50 % cumulative)</title>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
