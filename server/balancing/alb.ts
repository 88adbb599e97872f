/**
 * Parser for Scholl's `.alb` format (sections `<number of tasks>`, `<cycle time>`, optional
 * `<order strength>`, `<task times>`, `<precedence relations>`, `<end>`; tasks numbered 1..n).
 * Tasks come back with string ids "1".."n" in task order, ready for the balancing schema.
 */
import { BalancingInputError } from './errors.ts';
import { MAX_TASKS, type BalancingTask } from './problemSchema.ts';

export interface AlbInstance {
  tasks: BalancingTask[];
  /** The file's cycle time (the smallest used with the graph in Scholl's data set). */
  cycleTime: number | undefined;
  orderStrength: number | undefined;
}

const SECTIONS = ['<number of tasks>', '<cycle time>', '<order strength>', '<task times>', '<precedence relations>', '<end>'];

/** Parses `.alb` text; throws BalancingInputError with `field` = `line N` on malformed input. */
export function parseAlb(text: string): AlbInstance {
  const lines = text.split(/\r?\n/);
  let section = '';
  let count: number | undefined;
  let cycleTime: number | undefined;
  let orderStrength: number | undefined;
  let times: (number | undefined)[] = [];
  const arcs: [number, number, number][] = [];
  let ended = false;
  for (let k = 0; k < lines.length && !ended; k++) {
    const line = lines[k].trim();
    const where = `line ${k + 1}`;
    if (line === '') continue;
    if (line.startsWith('<')) {
      section = line.toLowerCase();
      if (!SECTIONS.includes(section)) throw new BalancingInputError(where, `${where}: unknown section ${line}`);
      if (section === '<end>') ended = true;
      if (section === '<task times>' || section === '<precedence relations>') {
        if (count === undefined) throw new BalancingInputError(where, `${where}: ${line} before <number of tasks>`);
      }
      continue;
    }
    const fail = (message: string): never => {
      throw new BalancingInputError(where, `${where}: ${message}`);
    };
    switch (section) {
      case '<number of tasks>':
        count = integer(line, fail, 'number of tasks');
        if (count < 1) fail('the number of tasks must be at least 1');
        if (count > MAX_TASKS) fail(`more than ${MAX_TASKS.toLocaleString('en-US')} tasks`);
        times = new Array<number | undefined>(count).fill(undefined);
        break;
      case '<cycle time>':
        cycleTime = positive(line, fail, 'cycle time');
        break;
      case '<order strength>':
        orderStrength = Number(line.replace(',', '.'));
        if (!Number.isFinite(orderStrength)) fail(`order strength "${line}" is not a number`);
        break;
      case '<task times>': {
        const [idText, timeText, extra] = line.split(/\s+/);
        if (timeText === undefined || extra !== undefined) fail(`expected "task time", got "${line}"`);
        const id = taskNumber(idText, count!, fail);
        if (times[id - 1] !== undefined) fail(`task ${id} has two times`);
        times[id - 1] = positive(timeText, fail, `time of task ${id}`);
        break;
      }
      case '<precedence relations>': {
        const parts = line.split(/\s*,\s*|\s+/);
        if (parts.length !== 2) fail(`expected "i,j", got "${line}"`);
        arcs.push([taskNumber(parts[0], count!, fail), taskNumber(parts[1], count!, fail), k + 1]);
        break;
      }
      default:
        fail(`"${line}" outside any section`);
    }
  }
  if (count === undefined) throw new BalancingInputError('line 1', 'missing <number of tasks>');
  if (!ended) throw new BalancingInputError(`line ${lines.length}`, 'missing <end>');
  const missing = times.findIndex((t) => t === undefined);
  if (missing >= 0) throw new BalancingInputError('<task times>', `task ${missing + 1} has no time`);
  const tasks: BalancingTask[] = times.map((time, j) => ({ id: String(j + 1), time: time!, predecessors: [] }));
  for (const [from, to] of arcs) tasks[to - 1].predecessors.push(String(from));
  return { tasks, cycleTime, orderStrength };
}

function integer(text: string, fail: (m: string) => never, what: string): number {
  if (!/^[+]?\d+$/.test(text)) fail(`${what} "${text}" is not a whole number`);
  return Number(text);
}

function positive(text: string, fail: (m: string) => never, what: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`${what} "${text}" is not a positive number`);
  return value;
}

function taskNumber(text: string, count: number, fail: (m: string) => never): number {
  const id = integer(text, fail, 'task number');
  if (id < 1 || id > count) fail(`task ${id} is outside 1..${count}`);
  return id;
}
