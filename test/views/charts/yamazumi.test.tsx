import { describe, expect, it } from 'vitest';
import { Yamazumi, yamazumiTop, type YamazumiData } from '../../../views/charts/yamazumi.tsx';
import { translator } from '../../../server/web/i18n.ts';

const t = translator('en');
const hostile = '<script>alert(1)</script>';

const data: YamazumiData = {
  cycleTime: 60,
  taktTime: 64,
  stations: [
    {
      station: 1,
      replicas: 1,
      load: 55,
      capacity: 60,
      bottleneck: false,
      segments: [
        { task: 'A', description: 'Load', time: 30 },
        { task: 'B', time: 25 },
      ],
    },
    {
      station: 2,
      replicas: 1,
      load: 58,
      capacity: 60,
      bottleneck: true,
      segments: [
        { task: 'C', time: 40 },
        { task: 'D', time: 18, leg: 'back' },
      ],
    },
    { station: 3, replicas: 2, load: 90, capacity: 120, bottleneck: false, segments: [{ task: hostile, description: hostile, time: 90 }] },
  ],
};

describe('the Yamazumi chart', () => {
  it('stacks each station’s tasks against the cycle time, labels tasks, marks the bottleneck and the back leg in words', async () => {
    const html = String(await (<Yamazumi id="yz" title="Proposed" data={data} t={t} />));
    expect(html).toContain('<figure class="chart" id="yz">');
    expect(html).toContain('<title id="yz-title">Proposed</title>');
    // A sentence with the key figures, the same in the SVG and under it.
    expect(html).toContain(
      '3 stations against a cycle time of 60 s. Bottleneck: station 2 at 58 s (97 % of its capacity). Idle time 37 s per cycle.',
    );
    expect(html).toContain('Hatched blocks are tasks on the back leg of the U.');
    // One block per task, each with its id on it and its description and time in its tooltip.
    expect(html.match(/<g class="yz-task">/g)).toHaveLength(5);
    expect(html).toMatch(/<text[^>]*class="yz-label">A<\/text>/);
    expect(html).toContain('<title>A · Load · 30 s</title>');
    expect(html).toContain('<title>D · 18 s · back leg</title>');
    expect(html).toContain('fill="url(#yz-hatch)"');
    expect(html).toMatch(/class="yz-flag">Bottleneck<\/text>/);
    expect(html).toContain('Cycle 60 s');
    expect(html).toContain('Takt 64 s');
    // The parallel station: two workplaces, its capacity drawn.
    expect(html).toContain('>×2</text>');
    expect(html).toMatch(/<table>.*<th scope="row">S3 ×2<\/th>/);
    // Escaped, never markup.
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('puts the cycle line where the scale says, and shares the time axis when asked', async () => {
    const html = String(await (<Yamazumi id="yz" title="x" data={data} t={t} top={240} />));
    const cycle = /<line class="limit" x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(html)!;
    const zero = /<text x="[\d.]+" y="([\d.]+)" text-anchor="end" class="yz-tick">0<\/text>/.exec(html)!;
    const top = /<text x="[\d.]+" y="([\d.]+)" text-anchor="end" class="yz-tick">250<\/text>/.exec(html);
    expect(top).not.toBeNull();
    // 60 of 250 s above the axis at 0 (tick labels sit 4 px below their line).
    const axis = Number(zero[1]) - 4;
    expect(axis - Number(cycle[1])).toBeCloseTo((60 / 250) * (axis - (Number(top![1]) - 4)), 5);
    expect(yamazumiTop(data)).toBe(120);
  });
});
