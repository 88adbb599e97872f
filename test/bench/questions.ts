/**
 * Time to answer each of the three daily questions on the demo lines (PGlite, 24 hours of live
 * data fed, the feed running), from the request to the succeeded run, with the precision the
 * answer reached (the 95 % half-width of its key figure against the ±2 % aimed at) and the
 * replications it took. Run with `npm run bench:questions`; LINES narrows the lines (codes,
 * comma-separated).
 */
import { eq } from 'drizzle-orm';
import { lines, simulationRuns } from '../../db/schema/index.ts';
import { closeSimulationPool } from '../../server/simulation/index.ts';
import { startLivePlant } from '../helpers/livePlant.ts';

const plant = await startLivePlant('pglite', { backfillHours: 24 });
const { db } = plant.deps;
const codes = (process.env.LINES ?? 'crankshaft-1,gearbox-assembly,pump-2').split(',');
const questions = [
  { name: 'next-shift constraint', path: 'forecasts/next-shift' },
  { name: 'maintenance plan', path: 'maintenance-plans' },
  { name: 'mix over 72 h', path: 'mix-scenarios' },
] as const;

interface Answer {
  sentence: string;
  precision: { replications: number; target: number; achieved: number; reached: boolean };
}

async function ask(lineId: string, path: string): Promise<{ ms: number; run: typeof simulationRuns.$inferSelect }> {
  const started = performance.now();
  const res = await plant.app.request(`/api/v1/lines/${lineId}/${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer tw_demo_planner', 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 202) throw new Error(`bench:questions: ${path} answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const [run] = await db.select().from(simulationRuns).where(eq(simulationRuns.id, id));
    if (run.status !== 'queued' && run.status !== 'running') return { ms: performance.now() - started, run };
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const code of codes) {
  const [line] = await db.select().from(lines).where(eq(lines.code, code));
  if (!line) throw new Error(`bench:questions: no demo line ${code}`);
  for (const q of questions) {
    const { ms, run } = await ask(line.id, q.path);
    if (run.status !== 'succeeded') {
      console.log(`${code} ${q.name}: ${run.status} after ${(ms / 1000).toFixed(2)} s: ${JSON.stringify(run.error)}`);
      continue;
    }
    const answer = run.result as Answer;
    const p = answer.precision;
    console.log(
      `${code} ${q.name}: ${(ms / 1000).toFixed(2)} s, ${p.replications} replications, 95 % half-width ±${(100 * p.achieved).toFixed(2)} % ` +
        `(aim ±${(100 * p.target).toFixed(0)} %${p.reached ? '' : ', not reached at the cap'})`,
    );
    if (process.env.VERBOSE) console.log(`  ${answer.sentence}`);
    if (process.env.DUMP)
      (await import('node:fs')).writeFileSync(
        `${process.env.DUMP}/${code}-${q.path.replace('/', '-')}.json`,
        JSON.stringify({ input: run.input, result: run.result }, null, 1),
      );
  }
}

await plant.stop();
await closeSimulationPool();
