import { describe, expect, it } from 'vitest';
import { MilestoneTimeline, type TimelineItem } from '../../../views/charts/timeline.tsx';

const HOSTILE = '<script>alert(1)</script>';
const items: TimelineItem[] = [
  { id: 'a', label: 'Forecast live', dueBy: '2026-06-30', dueQuarter: '2026-Q2', status: 'met', statusText: 'met' },
  { id: 'b', label: 'Planners daily', dueBy: '2026-06-30', dueQuarter: '2026-Q2', status: 'at_risk', statusText: 'at risk' },
  { id: 'c', label: 'Buffer decided', dueBy: '2026-12-31', dueQuarter: '2026-Q4', status: 'planned', statusText: 'planned' },
  { id: 'd', label: 'Windows', dueBy: '2027-02-15', dueQuarter: null, status: 'missed', statusText: 'missed' },
  { id: 'e', label: 'Linz', dueBy: '2027-06-30', dueQuarter: '2027-Q2', status: 'deferred', statusText: 'deferred' },
];

function markerX(html: string, id: string): number {
  const row = html.slice(html.indexOf(`data-milestone="${id}"`));
  return Number(/class="tl-status[^"]*" x="([\d.]+)"/.exec(row)![1]) - 12;
}

describe('MilestoneTimeline', () => {
  it('draws every quarter from the first due to the last, one row per milestone, today as a line', async () => {
    const html = String(
      await (
        <MilestoneTimeline id="tl" title="Milestones" description="5 milestones" items={items} today="2026-11-25" todayText="today" />
      ),
    );
    for (const q of ['2026 Q2', '2026 Q3', '2026 Q4', '2027 Q1', '2027 Q2']) expect(html).toContain(`>${q}</text>`);
    expect(html).not.toContain('2027 Q3');
    expect(html.match(/class="tl-row"/g)).toHaveLength(5);
    expect(html).toMatch(/<line class="tl-today" x1="[\d.]+"/);
    expect(html).toContain('>today</text>');
    expect(html).toContain('<figcaption>5 milestones');
  });

  it('gives each status its own shape and its word, not only a colour', async () => {
    const html = String(await (<MilestoneTimeline id="tl" title="t" description="d" items={items} today="2026-11-25" todayText="today" />));
    for (const s of ['met', 'at_risk', 'planned', 'missed', 'deferred']) expect(html).toContain(`<g class="tl-marker tl-${s}">`);
    expect(html).toMatch(/<text class="tl-status tl-at_risk"[^>]*>at risk<\/text>/);
    expect(html).toMatch(/<text class="tl-glyph-text"[^>]*>!<\/text>/);
  });

  it('puts a quarter milestone in the middle of its quarter and a dated one on its day', async () => {
    const html = String(await (<MilestoneTimeline id="tl" title="t" description="d" items={items} today="2026-11-25" todayText="today" />));
    // Q2 2026 to the end of Q2 2027 spans five quarters over the chart's width.
    const q2 = markerX(html, 'a');
    const q4 = markerX(html, 'c');
    const dated = markerX(html, 'd');
    expect(q4).toBeGreaterThan(q2);
    expect(dated).toBeGreaterThan(q4);
    // 2027-02-15 lies in the first half of 2027 Q1, before its middle.
    const q1Middle = q4 + (q4 - q2) / 2;
    expect(dated).toBeLessThan(q1Middle);
  });

  it('escapes the labels', async () => {
    const html = String(
      await (
        <MilestoneTimeline
          id="tl"
          title={HOSTILE}
          description={HOSTILE}
          items={[{ ...items[0], label: HOSTILE }]}
          today="2026-11-25"
          todayText={HOSTILE}
        />
      ),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
