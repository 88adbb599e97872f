/**
 * `npm run bench:random [max-tasks]`: the exact balancer on random instances in the style of Otto
 * et al. (server/balancing/generator.ts), never on Scholl's: per size, how many are proven optimal
 * within the limit (10 s up to 120 tasks, 60 s at 1000), with the median and largest time, and the
 * gap between the best lower and upper bound where no proof was found. The sizes, order strengths,
 * shapes and seeds below are fixed: tune on them, and judge a change on the median of three runs.
 */
import { generateInstance, solveBalancing, timeShapes } from '../../server/balancing/index.ts';

const SIZES = [20, 40, 60, 80, 100, 120, 1000];
const ORDER_STRENGTHS = [0.2, 0.6, 0.9];
const SEED = 2026;
const maxTasks = Number(process.argv[2] ?? Infinity);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

process.stdout.write(`${'instance'.padEnd(34)} ${'stations'.padStart(8)} ${'bound'.padStart(6)} proven ${'ms'.padStart(9)}\n`);
for (const n of SIZES.filter((s) => s <= maxTasks)) {
  const limitMs = n <= 120 ? 10_000 : 60_000;
  const times: number[] = [];
  const open: string[] = [];
  let proven = 0;
  let count = 0;
  for (const os of ORDER_STRENGTHS) {
    for (const shape of timeShapes) {
      const instance = generateInstance({ tasks: n, orderStrength: os, times: shape, seed: SEED + n });
      const started = performance.now();
      const result = solveBalancing({ tasks: instance.tasks, cycleTime: instance.cycleTime, timeLimitMs: limitMs });
      const ms = performance.now() - started;
      count++;
      times.push(ms);
      if (result.provenOptimal) proven++;
      else open.push(`${instance.name} ${result.lowerBound}–${result.stations}`);
      process.stdout.write(
        `${instance.name.padEnd(34)} ${String(result.stations).padStart(8)} ${String(result.lowerBound).padStart(6)} ${(result.provenOptimal ? 'yes' : 'no').padEnd(6)} ${ms.toFixed(1).padStart(9)}\n`,
      );
    }
  }
  process.stdout.write(
    `n = ${n}: ${proven} of ${count} proven within ${limitMs / 1000} s; median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms` +
      (open.length ? `; open (lower–upper bound in stations): ${open.join(', ')}` : '') +
      '\n',
  );
}
