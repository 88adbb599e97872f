import { describe, expect, it } from 'vitest';
import { StackedBars } from '../../../views/charts/stackedBars.tsx';

const keys = [
  { key: 'processing', label: 'processing' },
  { key: 'starved', label: 'starved' },
  { key: 'down', label: 'down' },
];

describe('the stacked bars', () => {
  it('stacks each row’s shares end to end over the full width, with a legend and the percentages written in', async () => {
    const html = String(
      await (
        <StackedBars
          id="sb"
          title="States"
          description="Two stations"
          keys={keys}
          rows={[
            { label: 'OP10', values: { processing: 0.5, starved: 0.3, down: 0.2 } },
            { label: 'OP40', values: { processing: 0.9, starved: 0, down: 0.1 }, flag: 'bottleneck: sole 60 %' },
          ]}
        />
      ),
    );
    const widths = [...html.matchAll(/<rect class="bar-(\d)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[3]));
    // Three legend swatches (12 px), then three parts per row.
    expect(widths.slice(0, 3)).toEqual([12, 12, 12]);
    const full = widths[3] + widths[4] + widths[5];
    expect(widths[6] + widths[7] + widths[8]).toBeCloseTo(full, 6);
    expect(widths[3] / full).toBeCloseTo(0.5, 6);
    expect(html).toContain('>50 %</text>');
    expect(html).toContain('>90 %</text>');
    expect(html).toContain('class="sb-legend-text">starved</text>');
    expect(html).toContain('<title>OP10 · starved: 30.0 %</title>');
    // The flagged row says so in words and is framed.
    expect(html).toContain('class="sb-flag">bottleneck: sole 60 %</text>');
    expect(html.match(/class="sb-mark"/g)).toHaveLength(1);
    expect(html.match(/class="sb-row sb-flagged"/g)).toHaveLength(1);
  });

  it('leaves a part too narrow for its label unlabelled, and escapes labels', async () => {
    const html = String(
      await (
        <StackedBars
          id="sb"
          title="t"
          description="d"
          keys={keys}
          rows={[{ label: '<script>alert(1)</script>', values: { processing: 0.98, starved: 0.01, down: 0.01 }, flag: '<b>x</b>' }]}
        />
      ),
    );
    expect(html).toContain('>98 %</text>');
    expect(html).not.toContain('>1 %</text>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
