import { describe, expect, it } from 'vitest';
import { SimRun, snapshotOffsets, STATES } from '../../wasm-core/sim.ts';
import { busyLine, coreInput, exponentialLine, finalTotals, runCore } from '../server/simulation/lines.ts';
import type { SimulationModelInput } from '../../server/simulation/model.ts';

const PROCESSING = 0;
const STARVED = 1;
const BLOCKED = 2;
const CHANGEOVER = 4;

describe('simulation core', () => {
  it('completes a deterministic machine on schedule', () => {
    const input = coreInput({
      machines: [{ name: 'M', processTime: { dist: 'deterministic', mean: 2 } }],
      buffers: [],
      warmup: 0,
      horizon: 100,
    });
    const totals = finalTotals(input, runCore(input));
    // Completions at 2, 4, …, 100; the event at the horizon itself is processed.
    expect(totals.departures).toBe(50);
    expect(totals.stateTime(0, PROCESSING)).toBe(100);
    expect(totals.leadTimeSum).toBe(100);
  });

  it('changes over between products of a fixed sequence', () => {
    const model: SimulationModelInput = {
      products: [{ name: 'A' }, { name: 'B' }],
      sequence: ['A', 'B'],
      machines: [{ name: 'M', processTime: { dist: 'deterministic', mean: 1 }, changeover: { A: { B: 0.5 }, B: { A: 0.25 } } }],
      buffers: [],
      warmup: 0,
      horizon: 1000,
    };
    // Replay the schedule: the first part needs no changeover.
    let t = 0;
    let done = 0;
    let change = 0;
    for (let i = 0; ; i++) {
      const c = i === 0 ? 0 : i % 2 === 1 ? 0.5 : 0.25;
      if (t + c + 1 > 1000) {
        change += Math.min(c, 1000 - t);
        break;
      }
      change += c;
      t += c + 1;
      done++;
    }
    const input = coreInput(model);
    const totals = finalTotals(input, runCore(input));
    expect(totals.departures).toBe(done);
    expect(totals.stateTime(0, CHANGEOVER)).toBeCloseTo(change, 9);
    expect(totals.productDepartures(0) - totals.productDepartures(1)).toBe(done % 2);
  });

  it('shares a station between parallel machines and blocks the feeder', () => {
    const model: SimulationModelInput = {
      machines: [
        { name: 'Feed', processTime: { dist: 'deterministic', mean: 0.5 } },
        { name: 'Pair', count: 2, processTime: { dist: 'deterministic', mean: 1.6 } },
      ],
      buffers: [5],
      warmup: 0,
      horizon: 1000,
    };
    const input = coreInput(model);
    const totals = finalTotals(input, runCore(input));
    // Two machines of 1.6 make 1.25 parts per time unit; the feeder could make 2.
    expect(Math.abs(totals.departures - 1250)).toBeLessThanOrEqual(3);
    expect(totals.stateTime(1, PROCESSING) / 2000).toBeGreaterThan(0.99);
    expect(totals.stateTime(0, BLOCKED) / 1000).toBeCloseTo(1 - 1.25 * 0.5, 2);
  });

  it('accounts every machine-moment to exactly one state at every snapshot', () => {
    const input = coreInput(busyLine);
    const out = runCore(input);
    const o = snapshotOffsets(3);
    const counts = [1, 2, 1];
    for (let i = 0; i < input.snapshotTimes.length; i++) {
      const row = out.snapshots.subarray(i * out.snapshotWidth, (i + 1) * out.snapshotWidth);
      counts.forEach((count, s) => {
        const sum = STATES.reduce((a, _, j) => a + row[o.stateTime + s * STATES.length + j], 0);
        expect(sum).toBeCloseTo(count * input.snapshotTimes[i], 6);
      });
      // Parts in the line have been there at least as long as the departed ones took.
      expect(row[o.wipArea]).toBeGreaterThanOrEqual(row[o.leadTimeSum] - 1e-6);
    }
    const totals = finalTotals(input, out);
    expect(totals.stateTime(0, CHANGEOVER)).toBeGreaterThan(0);
    expect(totals.stateTime(2, STARVED)).toBeGreaterThan(0);
    expect(totals.productDepartures(0) + totals.productDepartures(1)).toBe(totals.departures);
  });

  it('never credits more bottleneck time to a bin than the bin lasts', () => {
    const input = coreInput(busyLine, 0, 30);
    const out = runCore(input);
    for (let bin = 0; bin < 30; bin++) {
      const width = input.snapshotTimes[bin + 1] - input.snapshotTimes[bin];
      let sole = 0;
      for (let s = 0; s < 3; s++) {
        const own = out.credits[(bin * 3 + s) * 2] + out.credits[(bin * 3 + s) * 2 + 1];
        expect(own).toBeLessThanOrEqual(width + 1e-9);
        sole += out.credits[(bin * 3 + s) * 2];
      }
      // Sole periods of different stations never overlap.
      expect(sole).toBeLessThanOrEqual(width + 1e-9);
    }
  });

  it('makes a lone machine the sole bottleneck all the time, and the slow one of two mostly', () => {
    const lone = coreInput(exponentialLine([1], [], { horizon: 2000 }));
    const credits = runCore(lone).credits;
    const sole = credits.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
    expect(sole).toBeCloseTo(2000, 9);
    const pair = coreInput(exponentialLine([0.5, 1], [50], { horizon: 20_000 }), 0, 1);
    const c = runCore(pair).credits;
    expect(c[2] / 20_000).toBeGreaterThan(0.8);
    expect(c[0] / 20_000).toBeLessThan(0.1);
  });

  it('integrates energy per window to the same total as state time × power', () => {
    const input = coreInput(busyLine);
    const out = runCore(input);
    const totals = finalTotals(input, out);
    const power = [12, 3, 2, 0.5, 6, 20, 4, 4, 1, 0, 5, 1, 0, 0, 0];
    let expected = 0;
    for (let s = 0; s < 3; s++) for (let j = 0; j < 5; j++) expected += totals.stateTime(s, j) * power[s * 5 + j];
    // 15 000 is a window boundary, so the last cumulative value covers the whole horizon.
    const w = out.windowEnergy;
    expect(w.length).toBe(1001);
    expect(w[w.length - 1]).toBeCloseTo(expected, 4);
    for (let i = 0; i + 1 < w.length; i++) {
      expect(w[i + 1] - w[i]).toBeGreaterThanOrEqual(-1e-9);
      expect(w[i + 1] - w[i]).toBeLessThanOrEqual((12 + 2 * 20 + 5) * 15 + 1e-6);
    }
  });

  it('gives the same bits for the same seed and replication, other bits otherwise', () => {
    const bytes = (input = coreInput(busyLine)) => {
      const out = runCore(input);
      return Buffer.concat([out.snapshots, out.credits, out.windowEnergy].map((a) => Buffer.from(a.buffer)));
    };
    const first = bytes();
    expect(bytes().equals(first)).toBe(true);
    expect(bytes(coreInput({ ...busyLine, seed: 43 })).equals(first)).toBe(false);
    expect(bytes(coreInput(busyLine, 1)).equals(first)).toBe(false);
  });

  it('gives the same result however the run is chunked', () => {
    const input = coreInput(busyLine);
    const whole = runCore(input);
    const run = SimRun.start(input);
    for (const until of [1, 7.5, 2500, 2500, 9999.99, 15_000]) expect(run.runUntil(until, 1e12)).toBe(true);
    const chunked = run.finish();
    expect(Buffer.from(chunked.snapshots.buffer).equals(Buffer.from(whole.snapshots.buffer))).toBe(true);
    expect(Buffer.from(chunked.credits.buffer).equals(Buffer.from(whole.credits.buffer))).toBe(true);
  });

  it('stops at the event cap', () => {
    const run = SimRun.start(coreInput(busyLine));
    expect(run.runUntil(15_000, 1000)).toBe(false);
    expect(run.events).toBe(1000);
    expect(run.clock).toBeLessThan(15_000);
  });
});
