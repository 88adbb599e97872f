/**
 * The three questions on lines whose answer is known by hand: a line with one station twice as slow
 * as the others must be the next shift's constraint for its speed, with the output its cycle time
 * allows; a week where one long stop early on holds the whole job is the best place for it; and a
 * mix that keeps the power-hungry station busy crosses the site's peak limit where the other does not.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationModelInput } from '../../../server/simulation/index.ts';
import { answerNextShift, type NextShiftInput } from '../../../server/questions/nextShift.ts';
import { answerMaintenance, type MaintenanceInput } from '../../../server/questions/maintenance.ts';
import { answerMix, type MixInput } from '../../../server/questions/mix.ts';
import type { QuestionBase } from '../../../server/questions/common.ts';
import type { LiveStart } from '../../../server/questions/liveStart.ts';

const HOUR = 3_600_000;
const asOf = Date.parse('2026-12-07T06:00:00Z');
const det = (mean: number) => ({ dist: 'deterministic' as const, mean });

function base(model: SimulationModelInput, start?: Partial<LiveStart>): QuestionBase {
  const codes = model.machines.map((m) => m.name);
  return {
    lineId: 'line',
    lineName: 'Test line',
    timezone: 'UTC',
    model,
    modelSource: { kind: 'body' },
    start: {
      asOf: new Date(asOf).toISOString(),
      stations: codes.map((code) => ({ code, state: 'starved', since: null, product: null })),
      buffers: codes.slice(1).map((before) => ({ before, level: 0, basis: 'measured' as const })),
      ...start,
    },
    stationIds: codes.map((c) => `id-${c}`),
    stops: [],
    precision: { replications: 10, maxReplications: 40, relativeHalfWidth: 0.02, seed: 3 },
  };
}

describe('next-shift constraint', () => {
  const model: SimulationModelInput = {
    timeUnit: 'min',
    machines: [
      { name: 'a', processTime: det(1) },
      { name: 'b', processTime: det(2) },
      { name: 'c', processTime: det(1) },
    ],
    buffers: [2, 2],
    horizon: 1,
  };

  it('names the slow station, for its speed, with the output its cycle time allows', async () => {
    const input: NextShiftInput = {
      ...base(model),
      shift: { name: 'Early', start: asOf + HOUR, end: asOf + 9 * HOUR },
      plan: { parts: 250, basis: 'test', ordersDue: null },
    };
    const answer = await answerNextShift(input, { inline: true });
    expect(answer.top.station).toBe('b');
    expect(answer.top.cause).toBe('speed');
    expect(answer.top.probability).toBe(1);
    // b makes one part every 2 minutes once the line is full: 240 in 480 minutes (± the part in work).
    expect(answer.output.mean).toBeGreaterThanOrEqual(239);
    expect(answer.output.mean).toBeLessThanOrEqual(241);
    expect(answer.againstPlan).toBeCloseTo(answer.output.mean - 250);
    expect(answer.stations.find((s) => s.station === 'b')!.processing).toBeGreaterThan(0.99);
    expect(answer.predictions[0]).toMatchObject({ metric: 'throughput', scenario: 'forecast', stationCode: null });
    expect(answer.predictions[0].value).toBeCloseTo(30, 0);
    expect(answer.sentence).toMatch(/^b is the likely constraint of the Early shift/);
  });

  it('names a station that is down now and stays down for most of the shift, for its downtime', async () => {
    const failing: SimulationModelInput = {
      ...model,
      machines: [
        { name: 'a', processTime: det(1) },
        { name: 'b', processTime: det(1.2) },
        { name: 'c', processTime: det(1), failure: { mtbf: 100_000, mttr: 600, repair: 'lognormal', repairCv: 0.01 } },
      ],
    };
    const start = base(failing).start;
    start.stations[2] = { code: 'c', state: 'unplanned_stop', since: new Date(asOf - 10 * 60_000).toISOString(), product: null };
    const input: NextShiftInput = {
      ...base(failing, { stations: start.stations }),
      shift: { name: 'Early', start: asOf + HOUR, end: asOf + 9 * HOUR },
      plan: { parts: null, basis: 'test', ordersDue: null },
    };
    const answer = await answerNextShift(input, { inline: true });
    expect(answer.top.station).toBe('c');
    expect(answer.top.cause).toBe('downtime');
    expect(answer.top.now.state).toBe('unplanned_stop');
    expect(answer.sentence).toContain('It is down now');
    // c is back after about 600 − 10 minutes, 530 minutes into the run: the shift's first 470 minutes are lost.
    expect(answer.output.mean).toBeLessThan(20);
  });
});

describe('maintenance plan', () => {
  // b fails every hour of work on average for half an hour; the job (2 h) cuts its failures by 80 %.
  const model: SimulationModelInput = {
    timeUnit: 'min',
    machines: [
      { name: 'a', processTime: det(1) },
      { name: 'b', processTime: det(1), failure: { mtbf: 60, mttr: 30 } },
    ],
    buffers: [5],
    horizon: 1,
  };
  const week = asOf + 7 * 24 * HOUR;
  const stops = [
    // A long stop early in the week holds the whole job; short breaks later do not.
    { start: asOf + 24 * HOUR, end: asOf + 32 * HOUR, category: 'no_shift' as const, stationId: null },
    ...[2, 3, 4, 5].map((d) => ({
      start: asOf + d * 24 * HOUR,
      end: asOf + d * 24 * HOUR + 30 * 60_000,
      category: 'break' as const,
      stationId: null,
    })),
  ];

  it('recommends the early stop that holds the whole job, a gain against not doing it', async () => {
    const input: MaintenanceInput = {
      ...base(model),
      stops,
      endMs: week,
      workOrders: [
        {
          externalId: 'WO-1',
          stationCode: 'b',
          stationId: 'id-b',
          plannedMinutes: 120,
          // Starting earlier, in production, would end as the stop begins: two hours of output lost for nothing.
          earliestStart: asOf + 22 * HOUR,
          latestStart: asOf + 6 * 24 * HOUR,
          failureRateFactor: 0.2,
          source: 'inline',
        },
      ],
    };
    const answer = await answerMaintenance(input, { inline: true });
    const wo = answer.workOrders[0];
    expect(wo.placements.length).toBeGreaterThan(2);
    expect(answer.recommended).toMatchObject({ externalId: 'WO-1', kind: 'no_shift', fitsStop: true });
    expect(answer.recommended!.start).toBe(new Date(asOf + 24 * HOUR).toISOString());
    // A gain: 6 days at 80 % fewer failures of a station down a third of its time.
    expect(answer.recommended!.lostOutput.ciHigh).toBeLessThan(0);
    expect(answer.recommended!.downtimeAvoidedHours.ciLow).toBeGreaterThan(0);
    // Production time costs the job's two hours of output on top: it ranks below the stop.
    const production = wo.placements.find((p) => p.kind === 'production')!;
    expect(production.lostOutput.mean).toBeGreaterThan(answer.recommended!.lostOutput.mean);
    expect(answer.sentence).toMatch(/^Do WO-1 on b at .* \(outside the shifts\): it gains/);
    expect(answer.predictions.map((p) => p.scenario)).toContain('not doing it');
  });

  it('leaves to next week a job that only costs output this week and may wait', async () => {
    const input: MaintenanceInput = {
      ...base(model),
      endMs: week,
      workOrders: [
        {
          externalId: 'WO-3',
          stationCode: 'b',
          stationId: 'id-b',
          plannedMinutes: 240,
          earliestStart: asOf,
          latestStart: week + 48 * HOUR,
          // An inspection-like job with no effect on failures: four hours of output lost wherever it goes.
          failureRateFactor: null,
          source: 'inline',
        },
      ],
    };
    const answer = await answerMaintenance(input, { inline: true });
    expect(answer.recommended!.lostOutput.ciLow).toBeGreaterThan(0);
    expect(answer.sentence).toMatch(/^Leave WO-3 on b to next week if it can wait: this week it costs about \d+ parts/);
  });

  it('says so when no work order can start this week', async () => {
    const input: MaintenanceInput = {
      ...base(model),
      endMs: week,
      workOrders: [
        {
          externalId: 'WO-2',
          stationCode: 'b',
          stationId: 'id-b',
          plannedMinutes: 60,
          earliestStart: week + HOUR,
          latestStart: week + 2 * HOUR,
          failureRateFactor: 0.5,
          source: 'inline',
        },
      ],
    };
    const answer = await answerMaintenance(input, { inline: true });
    expect(answer.recommended).toBeNull();
    expect(answer.workOrders[0].placements).toEqual([]);
    expect(answer.assumptions.join(' ')).toContain('no feasible start this week for WO-2');
  });
});

describe('mix over 72 hours', () => {
  // s1 draws 100 kW while it works; A keeps it busy half the time, B all the time.
  const model: SimulationModelInput = {
    timeUnit: 'min',
    products: [{ name: 'A' }, { name: 'B' }],
    machines: [
      { name: 's1', processTime: { A: det(1), B: det(2) }, power: { processing: 100 } },
      { name: 's2', processTime: { A: det(2), B: det(1) }, power: { processing: 1 } },
    ],
    buffers: [4],
    horizon: 1,
  };

  it('finds the mix whose peak crosses the limit, and the trade-off', async () => {
    const input: MixInput = {
      ...base(model),
      endMs: asOf + 72 * HOUR,
      peakLimitKw: 90,
      scenarios: [
        { name: 'all A', lots: [{ product: 'A', quantity: 100 }] },
        { name: 'all B', lots: [{ product: 'B', quantity: 100 }] },
      ],
    };
    const answer = await answerMix(input, { inline: true });
    const [a, b] = answer.scenarios;
    // Each makes one part every 2 minutes at its slower station: 2160 in 72 hours.
    expect(a.output.mean).toBeGreaterThanOrEqual(2158);
    expect(a.output.mean).toBeLessThanOrEqual(2160);
    expect(b.output.mean).toBeGreaterThanOrEqual(2158);
    // A's peak is its first quarter hour, while s1 fills the buffer: 10 minutes busy, then half the time (83 kW).
    expect(a.energy!.peakKw!.max).toBeLessThanOrEqual(84);
    expect(a.energy!.overLimit).toBe(false);
    expect(b.energy!.peakKw!.max).toBeGreaterThan(99);
    expect(b.energy!.overLimit).toBe(true);
    expect(b.energy!.shareOverLimit).toBe(1);
    // Twice the energy per part for the same output: no gain in output, so no trade-off, but more kWh per part.
    expect(b.difference!.kwhPerPart!.ciLow).toBeGreaterThan(0);
    expect(b.tradeOff).toBe(false);
    expect(answer.sentence).toContain('all B');
    expect(answer.sentence).toContain('its peak crosses the limit');
    expect(answer.predictions.filter((p) => p.metric === 'energy_per_good_part').map((p) => p.scenario)).toEqual(['all A', 'all B']);
  });
});
