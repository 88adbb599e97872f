import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/web/i18n.ts';
import type { LineMetrics, LineViewContext } from '../../../views/metrics/model.tsx';
import { lossWaterfall, OeeSection, waterfallSteps } from '../../../views/metrics/oee.tsx';

const ctx: LineViewContext = { t: translator('en'), now: new Date('2026-11-25T08:00:00Z'), zone: 'Europe/Prague' };

/** Two stations over a 4-hour window: 8 h planned busy time, 6 h producing, 90 % performance, 95 % quality. */
function metrics(over: Partial<LineMetrics['figures']> = {}, pbt = 8 * 3600): LineMetrics {
  const station = (name: string) => ({
    stationId: name,
    code: name.toLowerCase(),
    name,
    elements: {
      PBT: pbt / 2,
      APT: (6 * 3600) / 2,
      ADET: 1800,
      ASUT: 600,
      ADOT: 3600,
      offline: 0,
      POT: pbt / 2,
      plannedDown: 0,
      PQ: 100,
      GQ: 95,
      SQ: 5,
    },
    figures: {
      availability: { value: 0.75 },
      effectiveness: { value: 0.9 },
      quality: { value: 0.95 },
      oee: { value: 0.64125 },
      technicalEfficiency: { value: 0.9 },
    },
    reliability: { failures: 2 },
  });
  return {
    elements: { PBT: pbt, APT: 6 * 3600 },
    figures: {
      availability: { value: 0.75 },
      effectiveness: { value: 0.9 },
      quality: { value: 0.95 },
      oee: { value: 0.75 * 0.9 * 0.95 },
      technicalEfficiency: { value: 0.9 },
      ...over,
    },
    stations: [station('OP10'), station('<script>alert(1)</script>')],
  } as unknown as LineMetrics;
}

describe('the OEE loss waterfall', () => {
  it('takes availability, speed and quality losses off the planned busy time, per station', () => {
    const w = lossWaterfall(metrics(), 2)!;
    expect(w.pbt).toBe(4 * 3600);
    expect(w.availabilityLoss).toBe(3600);
    expect(w.speedLoss).toBeCloseTo(3 * 3600 * 0.1, 6);
    expect(w.qualityLoss).toBeCloseTo(3 * 3600 * 0.9 * 0.05, 6);
    // What is left is OEE × planned busy time.
    expect(w.valueAdding! / w.pbt).toBeCloseTo(0.75 * 0.9 * 0.95, 9);
    expect(waterfallSteps(w, ctx).map((s) => s.label)).toEqual([
      'Planned busy time',
      'Availability loss',
      'Speed loss',
      'Quality loss',
      'Value-adding time',
    ]);
  });

  it('stops at the production time when no ideal cycle time tells speed from quality, and has nothing without planned time', () => {
    const w = lossWaterfall(metrics({ effectiveness: { value: null, reason: 'no_ideal_cycle_time' } }), 2)!;
    expect(w.speedLoss).toBeNull();
    expect(waterfallSteps(w, ctx).map((s) => s.label)).toEqual(['Planned busy time', 'Availability loss', 'Actual production time']);
    expect(lossWaterfall(metrics({}, 0), 2)).toBeNull();
  });

  it('renders the figures, the chart and the stations, the reason in words where a figure is missing, escaped', async () => {
    const html = String(
      await (
        <OeeSection
          metrics={metrics({
            effectiveness: { value: null, reason: 'no_ideal_cycle_time' },
            oee: { value: null, reason: 'no_ideal_cycle_time' },
          })}
          ctx={ctx}
          csvHref="/x"
        />
      ),
    );
    expect(html).toContain('<dt>OEE</dt><dd>no ideal cycle time</dd>');
    expect(html).toContain('<dt>Availability</dt><dd>75.0 %</dd>');
    expect(html).toContain('speed and quality losses need an ideal cycle time');
    expect(html).toContain('<th scope="row">OP10</th>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const empty = String(await (<OeeSection metrics={metrics({}, 0)} ctx={ctx} csvHref="/x" />));
    expect(empty).toContain('No planned busy time in this shift yet');
    expect(empty).not.toContain('<figure');
  });

  it('speaks German', async () => {
    const html = String(await (<OeeSection metrics={metrics()} ctx={{ ...ctx, t: translator('de') }} csvHref="/x" />));
    expect(html).toContain('OEE dieser Schicht');
    expect(html).toContain('Wertschöpfende Zeit');
    expect(html).toContain('<dt>Verfügbarkeit</dt>');
  });
});
