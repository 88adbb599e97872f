/**
 * `npm run bench:variants [max-tasks]`: the exact balancer on the variants (mixed models under
 * the strict and the average rule, U-lines, parallel stations), on random instances of the
 * generator (server/balancing/generator.ts) with fixed sizes, order strengths, shapes and
 * seeds: per variant and size, how many are proven optimal within 10 s, the median and largest
 * time, and the lower–upper bound where no proof was found.
 *   mixed-strict   3 models (shares 0.5/0.3/0.2, times × U[0.6, 1.4], 15 % not needed), every model ≤ c
 *   mixed-average  the same models, share-weighted load ≤ c and each model ≤ 1.15 c
 *   u-line         the single-model instance on a U-line
 *   parallel       the single-model instance at 0.6 c, stations replicated up to 2×, a replica costing 1
 */
import { generateInstance, mixedModelInstance, solveBalancing, timeShapes } from '../../server/balancing/index.ts';

const SIZES = [20, 40, 60];
const ORDER_STRENGTHS = [0.2, 0.6, 0.9];
const SEED = 2026;
const LIMIT_MS = 10_000;
const maxTasks = Number(process.argv[2] ?? Infinity);

type Variant = 'mixed-strict' | 'mixed-average' | 'u-line' | 'parallel';
const variants: Variant[] = ['mixed-strict', 'mixed-average', 'u-line', 'parallel'];

function problemOf(variant: Variant, n: number, os: number, shape: (typeof timeShapes)[number]) {
  const base = generateInstance({ tasks: n, orderStrength: os, times: shape, seed: SEED + n });
  if (variant === 'u-line') return { name: base.name, problem: { tasks: base.tasks, cycleTime: base.cycleTime, layout: 'u' } };
  if (variant === 'parallel') {
    return {
      name: base.name,
      problem: { tasks: base.tasks, cycleTime: 0.6 * base.cycleTime, parallel: { maxReplicas: 2, replicaCost: 1 } },
    };
  }
  const mixed = mixedModelInstance(base, 3, SEED + n + 1);
  const rule = variant === 'mixed-strict' ? { mixedRule: 'strict' } : { mixedRule: 'average', overloadTolerance: 0.15 };
  return { name: mixed.name, problem: { models: mixed.models, tasks: mixed.tasks, cycleTime: mixed.cycleTime, ...rule } };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

process.stdout.write(
  `${'variant'.padEnd(14)} ${'instance'.padEnd(34)} ${'cost'.padStart(6)} ${'bound'.padStart(6)} proven ${'ms'.padStart(9)}\n`,
);
const summary: string[] = [];
for (const variant of variants) {
  for (const n of SIZES.filter((s) => s <= maxTasks)) {
    const times: number[] = [];
    const open: string[] = [];
    let proven = 0;
    for (const os of ORDER_STRENGTHS) {
      for (const shape of timeShapes) {
        const { name, problem } = problemOf(variant, n, os, shape);
        const started = performance.now();
        const result = solveBalancing({ ...problem, timeLimitMs: LIMIT_MS });
        const ms = performance.now() - started;
        times.push(ms);
        const cost = result.cost ?? result.stations;
        if (result.provenOptimal) proven++;
        else open.push(`${name} ${fmt(result.lowerBound)}–${fmt(cost)}`);
        process.stdout.write(
          `${variant.padEnd(14)} ${name.padEnd(34)} ${fmt(cost).padStart(6)} ${fmt(result.lowerBound).padStart(6)} ${(result.provenOptimal ? 'yes' : 'no').padEnd(6)} ${ms.toFixed(1).padStart(9)}\n`,
        );
      }
    }
    const line =
      `${variant} n = ${n}: ${proven} of ${times.length} proven within ${LIMIT_MS / 1000} s; median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms` +
      (open.length ? `; open (lower–upper bound): ${open.join(', ')}` : '');
    summary.push(line);
    process.stdout.write(`${line}\n`);
  }
}
process.stdout.write(`\n${summary.join('\n')}\n`);
