import { describe, expect, it } from 'vitest';
import { labelLines, Waterfall, waterfallBars, type WaterfallStep } from '../../../views/charts/waterfall.tsx';

const steps: WaterfallStep[] = [
  { label: 'Planned busy time', value: 100, kind: 'total' },
  { label: 'Availability loss', value: 30, kind: 'loss' },
  { label: 'Speed loss', value: 10, kind: 'loss' },
  { label: 'Quality loss', value: 5, kind: 'loss' },
  { label: 'Value-adding time', value: 55, kind: 'total' },
];

describe('the waterfall chart', () => {
  it('floats each loss from the level the one before left, and draws totals from zero', () => {
    expect(waterfallBars(steps)).toEqual([
      { from: 0, to: 100 },
      { from: 100, to: 70 },
      { from: 70, to: 60 },
      { from: 60, to: 55 },
      { from: 0, to: 55 },
    ]);
    // A negative loss is a gain: it rises.
    expect(waterfallBars([steps[0], { label: 'faster', value: -5, kind: 'loss' }])[1]).toEqual({ from: 100, to: 105 });
  });

  it('writes every value on its bar, losses with their minus sign and share of the start, in a titled chart', async () => {
    const html = String(
      await (<Waterfall id="wf" title="Losses" description="Of 100 h, 55 h add value." steps={steps} format={(v) => `${v} h`} />),
    );
    expect(html).toContain('<title id="wf-title">Losses</title>');
    expect(html).toContain('<desc id="wf-desc">Of 100 h, 55 h add value.</desc>');
    expect(html).toContain('>−30 h (30.0 %)</text>');
    expect(html).toContain('>−5 h (5.0 %)</text>');
    expect(html).toContain('>55 h</text>');
    expect(html.match(/<rect class="loss"/g)).toHaveLength(3);
    expect(html.match(/<rect class="total"/g)).toHaveLength(2);
    // A label that fits under its bar stays on one line.
    expect(html).toMatch(/<tspan[^>]*>Planned busy time<\/tspan><\/text>/);
  });

  it('breaks long labels at a space, and hyphenates a long compound after its joining s', () => {
    expect(labelLines('Availability loss', 20)).toEqual(['Availability loss']);
    expect(labelLines('Planned busy time', 12)).toEqual(['Planned', 'busy time']);
    expect(labelLines('Verfügbarkeitsverlust', 20)).toEqual(['Verfügbarkeits-', 'verlust']);
    expect(labelLines('Geschwindigkeitsverlust', 20)).toEqual(['Geschwindigkeits-', 'verlust']);
    expect(labelLines('Abcdefghijklmnopqrstuv', 20)).toEqual(['Abcdefghijk-', 'lmnopqrstuv']);
  });

  it('escapes its labels', async () => {
    const html = String(
      await (
        <Waterfall
          id="wf"
          title="<script>alert(1)</script>"
          description="d"
          steps={[{ label: '<script>alert(1)</script>', value: 1, kind: 'total' }]}
          format={String}
        />
      ),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
