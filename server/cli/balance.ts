/**
 * `twinward balance <file.alb|file.csv> (--cycle C | --stations M) [--time-limit S] [--json]`:
 * balances a line read from Scholl's `.alb` format or a `task,time,predecessors` CSV.
 * `--cycle` solves SALBP-1 (an `.alb` file's own cycle time is the default), `--stations`
 * SALBP-2. With --json it prints one JSON object; otherwise a table of stations.
 * Exit codes: 0 solved, 1 no balance found within the time limit, 2 bad usage or input.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  BalancingInputError,
  BalancingNoSolutionError,
  balanceTable,
  parseAlb,
  parseCsv,
  solveBalancing,
  type BalancingResult,
  type BalancingTask,
} from '../balancing/index.ts';

const usage = 'usage: twinward balance <file.alb|file.csv> (--cycle C | --stations M) [--time-limit S] [--json]\n';

interface Options {
  file: string;
  cycle?: number;
  stations?: number;
  timeLimitS?: number;
  json: boolean;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (err) {
    process.stderr.write(`twinward balance: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  try {
    const problem = await readProblem(options);
    const result = solveBalancing(problem);
    process.stdout.write(options.json ? `${JSON.stringify(summary(result))}\n` : balanceTable(result));
    return 0;
  } catch (err) {
    if (err instanceof BalancingInputError || err instanceof FileError) {
      process.stderr.write(`twinward balance: ${options.file}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof BalancingNoSolutionError) {
      process.stderr.write(`twinward balance: ${options.file}: ${err.message}\n`);
      return err.reason === 'infeasible' ? 2 : 1;
    }
    throw err;
  }
}

class FileError extends Error {}

function parseArgs(args: string[]): Options {
  const options: Options = { file: '', json: false };
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    const value = (): number => {
      const text = args[++k];
      const v = Number(text);
      if (text === undefined || text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new Error(`${arg} needs a positive number`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--cycle') options.cycle = value();
    else if (arg === '--stations') options.stations = value();
    else if (arg === '--time-limit') options.timeLimitS = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new Error(files.length === 0 ? 'no input file' : 'give one input file');
  if (options.cycle !== undefined && options.stations !== undefined) throw new Error('give --cycle or --stations, not both');
  if (options.stations !== undefined && !Number.isInteger(options.stations)) throw new Error('--stations needs a whole number');
  options.file = files[0];
  return options;
}

async function readProblem(options: Options): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (err) {
    throw new FileError(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const kind = extname(options.file).toLowerCase();
  let tasks: BalancingTask[];
  let fileCycle: number | undefined;
  if (kind === '.alb') {
    const alb = parseAlb(text);
    tasks = alb.tasks;
    fileCycle = alb.cycleTime;
  } else if (kind === '.csv') {
    tasks = parseCsv(text).tasks;
  } else {
    throw new FileError('expected a .alb or .csv file');
  }
  const timeLimitMs = options.timeLimitS !== undefined ? Math.max(1, Math.round(options.timeLimitS * 1000)) : undefined;
  if (options.stations !== undefined) return { tasks, stations: options.stations, timeLimitMs };
  const cycleTime = options.cycle ?? fileCycle;
  if (cycleTime === undefined) throw new FileError('no cycle time: give --cycle C or --stations M');
  return { tasks, cycleTime, timeLimitMs };
}

/** The JSON shape of the command: stations numbered from 1, tasks in input order. */
function summary(r: BalancingResult) {
  return {
    problem: r.problem,
    cycleTime: r.cycleTime,
    stations: r.stations,
    provenOptimal: r.provenOptimal,
    lowerBound: r.lowerBound,
    assignment: r.assignment,
    elapsedMs: Math.round(r.elapsedMs * 10) / 10,
  };
}
