/**
 * `twinward simulate <model.json> [--json]`: simulates a production line model (format in
 * the README, "Simulation model") on the worker pool and prints the result. Exit codes:
 * 0 done, 1 the run failed (e.g. its event cap), 2 bad usage or an invalid model.
 */
import { readFile } from 'node:fs/promises';
import { closeSimulationPool, simulateModel, SimulationInputError, type SimulationProgress } from '../simulation/index.ts';
import { summaryText } from '../simulation/index.ts';

const usage = 'usage: twinward simulate <model.json> [--json]\n';

function progressLine(p: SimulationProgress): void {
  process.stderr.write(`\r  ${p.replicationsDone}/${p.replicationsTotal} replications, ${Math.floor(100 * p.fraction)} %   `);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown || rest.length !== 1) {
    process.stderr.write(`${unknown ? `twinward simulate: unknown option ${unknown}\n` : ''}${usage}`);
    return 2;
  }
  const file = rest[0];
  let model: unknown;
  try {
    model = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `is not valid JSON: ${err.message}` : `cannot be read: ${(err as Error).message}`;
    process.stderr.write(`twinward simulate: ${file} ${why}\n`);
    return 2;
  }
  const showProgress = !json && process.stderr.isTTY;
  try {
    const result = await simulateModel(model, { onProgress: showProgress ? progressLine : undefined });
    if (showProgress) process.stderr.write('\r\x1b[K');
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryText(result)}\n`);
    return 0;
  } catch (err) {
    if (showProgress) process.stderr.write('\r\x1b[K');
    if (err instanceof SimulationInputError) {
      process.stderr.write(
        `twinward simulate: invalid model ${file}\n${err.issues.map((i) => `  ${i.path || '(model)'}: ${i.message}\n`).join('')}`,
      );
      return 2;
    }
    process.stderr.write(`twinward simulate: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await closeSimulationPool();
  }
}
