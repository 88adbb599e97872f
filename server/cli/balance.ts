/**
 * `twinward balance <file.alb|file.csv> (--cycle C | --stations M) [options] [--json]`:
 * balances a line read from Scholl's `.alb` format or a `task,time,predecessors` CSV (a
 * mixed-model CSV has `time:A,time:B,…` columns). `--cycle` solves type 1 (an `.alb` file's
 * own cycle time is the default), `--stations` type 2. The variants: `--models A=0.6,B=0.4`
 * (demand shares), `--mixed-rule strict|average` with `--tolerance X`, `--sequence A,A,B`
 * (overload check), `--u-line`, `--parallel MAX[,COST]`. With --json it prints one JSON object;
 * otherwise a table of stations. Exit codes: 0 solved, 1 no balance found within the time
 * limit, 2 bad usage or input.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  BalancingInputError,
  BalancingNoSolutionError,
  balanceTable,
  parseAlb,
  parseCsv,
  parseModelShares,
  sharesForColumns,
  solveBalancing,
  type BalancingResult,
  type ProblemTask,
} from '../balancing/index.ts';

const usage = `usage: twinward balance <file.alb|file.csv> (--cycle C | --stations M) [--time-limit S] [--json]
       [--models A=0.6,B=0.4] [--mixed-rule strict|average] [--tolerance X] [--sequence A,A,B]
       [--u-line] [--parallel MAX[,COST]]
`;

interface Options {
  file: string;
  cycle?: number;
  stations?: number;
  timeLimitS?: number;
  json: boolean;
  models?: string;
  mixedRule?: string;
  tolerance?: number;
  sequence?: string[];
  uLine: boolean;
  parallel?: { maxReplicas: number; replicaCost: number };
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
  const options: Options = { file: '', json: false, uLine: false };
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    const text = (): string => {
      const t = args[++k];
      if (t === undefined || t.trim() === '' || t.startsWith('--')) throw new Error(`${arg} needs a value`);
      return t;
    };
    /** A number of the option's value: positive, or with `zero` also 0. */
    const number = (t: string, zero = false): number => {
      const v = Number(t);
      if (t.trim() === '' || !Number.isFinite(v) || v < 0 || (v === 0 && !zero)) {
        throw new Error(`${arg} needs a ${zero ? 'number ≥ 0' : 'positive number'}`);
      }
      return v;
    };
    const value = () => number(text());
    if (arg === '--json') options.json = true;
    else if (arg === '--cycle') options.cycle = value();
    else if (arg === '--stations') options.stations = value();
    else if (arg === '--time-limit') options.timeLimitS = value();
    else if (arg === '--models') options.models = text();
    else if (arg === '--mixed-rule') {
      options.mixedRule = text();
      if (!['strict', 'average'].includes(options.mixedRule)) throw new Error('--mixed-rule is strict or average');
    } else if (arg === '--tolerance') options.tolerance = number(text(), true);
    else if (arg === '--sequence')
      options.sequence = text()
        .split(/[\s,;]+/)
        .filter((m) => m !== '');
    else if (arg === '--u-line') options.uLine = true;
    else if (arg === '--parallel') {
      const [max, cost, ...more] = text().split(',');
      const maxReplicas = number(max);
      if (!Number.isInteger(maxReplicas) || maxReplicas < 2 || more.length)
        throw new Error('--parallel is MAX[,COST] with MAX a whole number ≥ 2');
      options.parallel = { maxReplicas, replicaCost: cost === undefined ? 1 : number(cost, true) };
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
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
  let tasks: ProblemTask[];
  let fileCycle: number | undefined;
  let modelIds: string[] | undefined;
  if (kind === '.alb') {
    const alb = parseAlb(text);
    tasks = alb.tasks;
    fileCycle = alb.cycleTime;
  } else if (kind === '.csv') {
    ({ tasks, modelIds } = parseCsv(text));
  } else {
    throw new FileError('expected a .alb or .csv file');
  }
  const shares = options.models !== undefined ? parseModelShares(options.models, '--models') : undefined;
  if (shares && !modelIds) throw new FileError('--models needs a CSV with a time:<model> column per model');
  const variant = {
    ...(modelIds ? { models: sharesForColumns(modelIds, shares, '--models') } : {}),
    ...(options.mixedRule !== undefined ? { mixedRule: options.mixedRule } : {}),
    ...(options.tolerance !== undefined ? { overloadTolerance: options.tolerance } : {}),
    ...(options.sequence ? { sequence: options.sequence } : {}),
    ...(options.uLine ? { layout: 'u' } : {}),
    ...(options.parallel ? { parallel: options.parallel } : {}),
  };
  const timeLimitMs = options.timeLimitS !== undefined ? Math.max(1, Math.round(options.timeLimitS * 1000)) : undefined;
  if (options.stations !== undefined) return { tasks, ...variant, stations: options.stations, timeLimitMs };
  const cycleTime = options.cycle ?? fileCycle;
  if (cycleTime === undefined) throw new FileError('no cycle time: give --cycle C or --stations M');
  return { tasks, ...variant, cycleTime, timeLimitMs };
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
    ...(r.legs ? { legs: r.legs } : {}),
    ...(r.modelLoads ? { modelLoads: r.modelLoads, horizontalImbalance: r.horizontalImbalance, lineEfficiency: r.lineEfficiency } : {}),
    ...(r.replicas ? { replicas: r.replicas, workplaces: r.workplaces, cost: r.cost } : {}),
    ...(r.sequenceCheck ? { sequenceCheck: r.sequenceCheck } : {}),
    elapsedMs: Math.round(r.elapsedMs * 10) / 10,
  };
}
