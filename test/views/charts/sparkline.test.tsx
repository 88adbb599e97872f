import { describe, expect, it } from 'vitest';
import { Sparkline } from '../../../views/charts/sparkline.tsx';

const HOSTILE = '<script>alert(1)</script>';
const points = [
  { date: '2026-06-30', value: 61.8 },
  { date: '2026-07-31', value: 64 },
  { date: '2026-08-31', value: 67.5 },
];

describe('Sparkline', () => {
  it('draws the values as a d3 line with the target and baseline, and names itself', async () => {
    const html = String(
      await (<Sparkline id="s1" points={points} baseline={60} target={70} title="Trend of OEE: improving" description="3 values" />),
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="s1-title s1-desc"');
    expect(html).toContain('<title id="s1-title">Trend of OEE: improving</title>');
    expect(html).toMatch(/<path class="spark" d="M3,[\d.]+L[\d.,L]+"/);
    // The target is the highest level: drawn at the top, the baseline (lowest) at the bottom.
    expect(html).toContain('<line class="target" x1="3" x2="117" y1="3" y2="3"');
    expect(html).toContain('<line class="baseline" x1="3" x2="117" y1="29" y2="29"');
    // The latest value is the dot at the right end.
    expect(html).toMatch(/<circle class="spark-dot" cx="117"/);
  });

  it('draws nothing below two values', async () => {
    expect(String(await (<Sparkline id="s2" points={points.slice(0, 1)} title="t" description="d" />))).toBe('');
  });

  it('escapes its title and description', async () => {
    const html = String(await (<Sparkline id="s3" points={points} title={HOSTILE} description={HOSTILE} />));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
