/**
 * `npm run bench:salbp [graph-filter] [seconds-per-instance]`: solves Scholl's 269 SALBP-1
 * instances (../shared/benchmarks/salbp1/scholl, never copied into the repo) through the
 * domain function, one line per instance, then a summary: optimum reached, proven, total and
 * largest time. Known optima are in instances.csv (with the Wee-mag c = 47 correction).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAlb, solveBalancing, type AlbInstance } from '../../server/balancing/index.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(repoRoot, '..', 'shared', 'benchmarks', 'salbp1', 'scholl');
const filter = process.argv[2] ?? '';
const limitMs = Math.round(1000 * Number(process.argv[3] ?? 60));

const rows = readFileSync(join(dataDir, 'instances.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((row) => row.split(','))
  .filter(([graph]) => graph.toLowerCase().includes(filter.toLowerCase()));
const graphs = new Map<string, AlbInstance>();
let optimal = 0;
let proven = 0;
let totalMs = 0;
let worst = { ms: 0, name: '' };
const misses: string[] = [];

process.stdout.write(`${'graph'.padEnd(10)} ${'c'.padStart(6)} ${'found'.padStart(5)} ${'opt'.padStart(4)} proven ${'ms'.padStart(8)}\n`);
for (const [graph, cycleText, optText] of rows) {
  if (!graphs.has(graph)) graphs.set(graph, parseAlb(readFileSync(join(dataDir, 'graphs', `${graph}.alb`), 'utf8')));
  const { tasks } = graphs.get(graph)!;
  const cycle = Number(cycleText);
  const optimum = Number(optText);
  const started = performance.now();
  const result = solveBalancing({ tasks, cycleTime: cycle, timeLimitMs: limitMs });
  const ms = performance.now() - started;
  totalMs += ms;
  if (ms > worst.ms) worst = { ms, name: `${graph} c=${cycle}` };
  if (result.stations === optimum) optimal++;
  else misses.push(`${graph} c=${cycle}: ${result.stations} vs ${optimum}`);
  if (result.provenOptimal) proven++;
  const mark = result.stations !== optimum ? '  <- not optimal' : '';
  process.stdout.write(
    `${graph.padEnd(10)} ${cycleText.padStart(6)} ${String(result.stations).padStart(5)} ${optText.padStart(4)} ${(result.provenOptimal ? 'yes' : 'no').padEnd(6)} ${ms.toFixed(1).padStart(8)}${mark}\n`,
  );
}
process.stdout.write(
  `\n${rows.length} instances: ${optimal} optimal, ${proven} proven; total ${(totalMs / 1000).toFixed(2)} s, ` +
    `max ${worst.ms.toFixed(0)} ms (${worst.name}); limit ${limitMs / 1000} s per instance\n`,
);
if (misses.length > 0) process.stdout.write(`not optimal: ${misses.join('; ')}\n`);
