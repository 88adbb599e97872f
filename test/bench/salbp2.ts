/**
 * `npm run bench:salbp2 [graph-filter] [seconds-per-instance]`: SALBP-2 on Scholl's graphs
 * (../shared/benchmarks/salbp1/scholl, never copied into the repo), for the station counts that
 * the SALBP-1 data set's optima name for each graph (every distinct m of instances.csv, m ≥ 2):
 * the smallest cycle time c* found for m stations, its lower bound, whether it is proven, and the
 * proof checked independently: SALBP-1 at c* − 1 must need more than m stations.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAlb, solveBalancing } from '../../server/balancing/index.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(repoRoot, '..', 'shared', 'benchmarks', 'salbp1', 'scholl');
const filter = (process.argv[2] ?? '').toLowerCase();
const limitMs = Math.round(1000 * Number(process.argv[3] ?? 60));

const counts = new Map<string, Set<number>>();
for (const row of readFileSync(join(dataDir, 'instances.csv'), 'utf8').trim().split(/\r?\n/).slice(1)) {
  const [graph, , m] = row.split(',');
  if (!graph.toLowerCase().includes(filter) || Number(m) < 2) continue;
  counts.set(graph, (counts.get(graph) ?? new Set()).add(Number(m)));
}

let instances = 0;
let proven = 0;
let checked = 0;
let totalMs = 0;
let worst = { ms: 0, name: '' };
const failures: string[] = [];
process.stdout.write(
  `${'graph'.padEnd(10)} ${'m'.padStart(4)} ${'c*'.padStart(7)} ${'bound'.padStart(7)} proven check ${'ms'.padStart(9)}\n`,
);
for (const [graph, ms] of counts) {
  const { tasks } = parseAlb(readFileSync(join(dataDir, 'graphs', `${graph}.alb`), 'utf8'));
  for (const m of [...ms].sort((a, b) => b - a)) {
    const started = performance.now();
    const result = solveBalancing({ tasks, stations: m, timeLimitMs: limitMs });
    const elapsed = performance.now() - started;
    instances++;
    totalMs += elapsed;
    if (elapsed > worst.ms) worst = { ms: elapsed, name: `${graph} m=${m}` };
    let check = '-';
    if (result.provenOptimal) {
      proven++;
      // c* − 1 must be infeasible with m stations: SALBP-1 there needs more than m (proven).
      // Below the longest task no station count fits at all.
      const longest = Math.max(...tasks.map((t) => t.time));
      const below =
        result.cycleTime - 1 < longest ? null : solveBalancing({ tasks, cycleTime: result.cycleTime - 1, timeLimitMs: limitMs });
      const holds = below === null || below.lowerBound > m || (below.provenOptimal && below.stations > m);
      check = holds ? 'yes' : 'NO';
      if (holds) checked++;
      else failures.push(`${graph} m=${m}: c*−1 = ${result.cycleTime - 1} fits in ${below?.stations} stations`);
    }
    process.stdout.write(
      `${graph.padEnd(10)} ${String(m).padStart(4)} ${String(result.cycleTime).padStart(7)} ${String(result.lowerBound).padStart(7)} ${(result.provenOptimal ? 'yes' : 'no').padEnd(6)} ${check.padEnd(5)} ${elapsed.toFixed(1).padStart(9)}\n`,
    );
  }
}
process.stdout.write(
  `\n${instances} SALBP-2 instances: ${proven} proven optimal, ${checked} of them confirmed by SALBP-1 at c* − 1; ` +
    `total ${(totalMs / 1000).toFixed(2)} s, max ${worst.ms.toFixed(0)} ms (${worst.name}); limit ${limitMs / 1000} s per instance\n`,
);
if (failures.length) process.stdout.write(`proof check failed: ${failures.join('; ')}\n`);
