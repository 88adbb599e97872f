import { describe, expect, it } from 'vitest';
import { HeatMap } from '../../../views/charts/heatmap.tsx';

const HOSTILE = '<script>alert(1)</script>';
const rows = [
  { key: 'g1', label: 'Shift leaders', note: 'per shift' },
  { key: 'g2', label: 'Planners' },
];
const columns = [
  { key: '2026-11-09', label: 'Nov 9' },
  { key: '2026-11-16', label: 'Nov 16' },
];
const cells = [
  { row: 'g1', column: '2026-11-09', band: 'below', text: '73 %', title: 'Shift leaders, Nov 9: 11 of 15' },
  { row: 'g1', column: '2026-11-16', band: 'far_below', text: '33 %', title: 'so far', partial: true },
  { row: 'g2', column: '2026-11-09', band: 'on_track', text: '✓ 120 %', title: 'Planners' },
  { row: 'g2', column: '2026-11-16', band: 'not_started', text: '–', title: 'nothing expected' },
];
const legend = [
  { band: 'on_track', label: 'on track' },
  { band: 'below', label: 'below' },
  { band: 'far_below', label: 'far below' },
];

describe('HeatMap', () => {
  it('writes each cell’s value in it, coloured by its band, with its sentence as the title', async () => {
    const html = String(
      await (<HeatMap id="hm" title="Adoption" description="2 groups" rows={rows} columns={columns} cells={cells} legend={legend} />),
    );
    expect(html.match(/<g class="hm-cell">/g)).toHaveLength(4);
    expect(html).toMatch(/<title>Shift leaders, Nov 9: 11 of 15<\/title><rect class="hm-below"/);
    expect(html).toMatch(/class="hm-value"[^>]*>✓ 120 %<\/text>/);
    expect(html).toContain('>Nov 16</text>');
    expect(html).toContain('>per shift</text>');
  });

  it('hatches a partial period and explains every band in the legend', async () => {
    const html = String(
      await (
        <HeatMap id="hm" title="t" description="d" rows={rows} columns={columns} cells={cells} legend={legend} partialLabel="so far" />
      ),
    );
    expect(html).toContain('<pattern id="hm-partial"');
    expect(html.match(/fill="url\(#hm-partial\)"/g)).toHaveLength(2); // the cell and its legend key
    expect(html.match(/class="hm-legend-text"/g)).toHaveLength(4);
    for (const label of ['on track', 'below', 'far below', 'so far']) expect(html).toContain(`>${label}</text>`);
  });

  it('escapes labels, values and titles', async () => {
    const hostile = [{ row: 'g1', column: '2026-11-09', band: 'below', text: HOSTILE, title: HOSTILE }];
    const html = String(
      await (
        <HeatMap
          id="hm"
          title={HOSTILE}
          description={HOSTILE}
          rows={[{ key: 'g1', label: HOSTILE }]}
          columns={[{ key: '2026-11-09', label: HOSTILE }]}
          cells={hostile}
          legend={[{ band: 'below', label: HOSTILE }]}
        />
      ),
    );
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)!.length).toBeGreaterThanOrEqual(6);
  });
});
