/**
 * The active period method in the core against a brute-force oracle on deterministic lines,
 * where every active period follows from the departure recursion of blocking after service:
 * start_j(n) = max(D_{j−1}(n), D_j(n−1)), finish f_j(n) = start + S_j(n),
 * D_j(n) = max(f_j(n), D_{j+1}(n − b_j − 1)).
 */
import { describe, expect, it } from 'vitest';
import type { SimulationModelInput } from '../../../server/simulation/model.ts';
import { coreInput, runCore } from './lines.ts';

type Period = { station: number; start: number; end: number };

/** Active periods of a deterministic serial line releasing `sequence` cyclically. */
function activePeriods(times: number[][], buffers: number[], sequence: number[], horizon: number): Period[] {
  const k = times.length;
  const departures: number[][] = Array.from({ length: k }, () => []);
  const busy: [number, number][][] = Array.from({ length: k }, () => []);
  for (let n = 0; busy[0].at(-1)?.[0] === undefined || busy[0].at(-1)![0] < horizon; n++) {
    for (let j = 0; j < k; j++) {
      const start = Math.max(j === 0 ? 0 : departures[j - 1][n], n === 0 ? 0 : departures[j][n - 1]);
      const finish = start + times[j][sequence[n % sequence.length]];
      const blockedBy = j < k - 1 ? n - buffers[j] - 1 : -1;
      // Part n − b − 1 must have left station j + 1 before part n can move on.
      departures[j][n] = blockedBy >= 0 ? Math.max(finish, departures[j + 1][blockedBy] ?? Infinity) : finish;
      busy[j].push([start, finish]);
    }
  }
  const periods: Period[] = [];
  busy.forEach((intervals, station) => {
    for (const [s, f] of intervals) {
      if (s >= horizon) break;
      const last = periods.at(-1);
      if (last && last.station === station && last.end === s) last.end = Math.min(f, horizon);
      else periods.push({ station, start: s, end: Math.min(f, horizon) });
    }
  });
  return periods;
}

/** Sole and shifting time per station by definition: sweep every elementary interval. */
function oracle(periods: Period[], k: number): { sole: number[]; shifting: number[] } {
  const points = [...new Set(periods.flatMap((p) => [p.start, p.end]))].sort((a, b) => a - b);
  const sequence: Period[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const mid = (points[i] + points[i + 1]) / 2;
    const containing = periods.filter((p) => p.start <= mid && mid < p.end);
    if (containing.length === 0) continue;
    const longest = containing.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    if (sequence.at(-1) !== longest) sequence.push(longest);
  }
  const sole = new Array<number>(k).fill(0);
  const shifting = new Array<number>(k).fill(0);
  sequence.forEach((b, i) => {
    const prev = sequence[i - 1];
    const next = sequence[i + 1];
    const from = prev && prev.end > b.start ? Math.min(prev.end, b.end) : b.start;
    const to = next && next.start < b.end ? Math.max(next.start, b.start) : b.end;
    const soleTime = Math.max(0, to - from);
    sole[b.station] += soleTime;
    shifting[b.station] += b.end - b.start - soleTime;
  });
  return { sole, shifting };
}

describe('active period method', () => {
  it.each([
    [
      'two stations, no buffer',
      [
        [1.3, 3.1, 0.7],
        [2.9, 0.6, 1.7],
      ],
      [0],
    ],
    [
      'three stations, mixed buffers',
      [
        [1.3, 3.1, 0.7],
        [2.9, 0.6, 1.7],
        [0.9, 2.2, 2.65],
      ],
      [0, 1],
    ],
    [
      'four stations, one dominant',
      [
        [0.5, 0.6, 0.55],
        [2.1, 2.3, 1.9],
        [0.4, 1.45, 0.35],
        [1.15, 0.3, 1.35],
      ],
      [2, 0, 1],
    ],
  ])('matches the definition on a deterministic line: %s', (_, times, buffers) => {
    const horizon = 400;
    const names = ['A', 'B', 'C'];
    const model: SimulationModelInput = {
      products: names.map((name) => ({ name })),
      sequence: names,
      machines: times.map((t, j) => ({
        name: `S${j}`,
        processTime: Object.fromEntries(names.map((n, p) => [n, { dist: 'deterministic' as const, mean: t[p] }])),
      })),
      buffers,
      warmup: 0,
      horizon,
    };
    const input = coreInput(model, 0, 1);
    const credits = runCore(input).credits;
    const expected = oracle(activePeriods(times, buffers, [0, 1, 2], horizon), times.length);
    times.forEach((__, s) => {
      expect(credits[s * 2], `sole of S${s}`).toBeCloseTo(expected.sole[s], 6);
      expect(credits[s * 2 + 1], `shifting of S${s}`).toBeCloseTo(expected.shifting[s], 6);
    });
    // The case must exercise both kinds of bottleneck time.
    expect(expected.shifting.some((x) => x > 1)).toBe(true);
    expect(expected.sole.some((x) => x > 1)).toBe(true);
  });
});
