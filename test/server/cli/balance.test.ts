import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../server/cli/balance.ts';

// A small line with known optima (checked by brute force): 5 stations at c = 6, 4 at c = 8,
// 3 at c = 10; the shortest cycle for 4 stations is 7.
const alb = `<number of tasks>\n8\n\n<cycle time>\n8\n\n<task times>\n1 3\n2 4\n3 2\n4 5\n5 1\n6 4\n7 3\n8 2\n\n<precedence relations>\n1,2\n1,3\n2,4\n3,5\n4,6\n5,6\n6,7\n6,8\n\n<end>\n`;
const csv = 'task,time,predecessors\nA,4,\nB,3,A\nC,5,A\nD,2,B;C\n';

let dir: string;
let line: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twinward-balance-'));
  line = join(dir, 'line.alb');
  await writeFile(line, alb);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await run(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('twinward balance', () => {
  it('prints one JSON object for an .alb file at its own cycle time', async () => {
    const { code, stdout, stderr } = await cli([line, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['problem', 'cycleTime', 'stations', 'provenOptimal', 'lowerBound', 'assignment', 'elapsedMs']);
    expect(result).toMatchObject({ problem: 'SALBP-1', cycleTime: 8, stations: 4, provenOptimal: true, lowerBound: 4 });
    expect(result.assignment).toHaveLength(8);
    expect(Math.min(...result.assignment)).toBe(1);
    expect(Math.max(...result.assignment)).toBe(4);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('--cycle overrides the file, --stations solves SALBP-2', async () => {
    const cycle = JSON.parse((await cli([line, '--cycle', '10', '--json'])).stdout);
    expect(cycle).toMatchObject({ problem: 'SALBP-1', cycleTime: 10, stations: 3 });
    const stations = JSON.parse((await cli([line, '--stations', '4', '--json', '--time-limit', '20'])).stdout);
    expect(stations).toMatchObject({ problem: 'SALBP-2', cycleTime: 7, provenOptimal: true, lowerBound: 7 });
  });

  it('reads CSV and prints a table without --json', async () => {
    const path = await file('line.csv', csv);
    const { code, stdout } = await cli([path, '--cycle', '6']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SALBP-1: 3 stations at cycle time 6 \(proven optimal\)/);
    expect(stdout).toMatch(/station\s+load\s+idle\s+tasks/);
    expect(stdout).toMatch(/line efficiency 77\.8 %, balance delay 22\.2 %, smoothness index 1,/);
  });

  it('names bad input on stderr and exits with 2', async () => {
    const tooLong = await cli([await file('long.csv', csv), '--cycle', '4']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/task "C" takes 5, longer than the cycle time 4/);
    const cyclic = await cli([await file('cyclic.csv', 'task,time,predecessors\nA,1,B\nB,1,A\n'), '--cycle', '4']);
    expect(cyclic.stderr).toMatch(/precedence cycle/);
    expect((await cli([await file('plain.csv', csv)])).stderr).toMatch(/no cycle time: give --cycle C or --stations M/);
    expect((await cli([await file('broken.alb', '<number of tasks>\n2\n<end>\n')])).stderr).toMatch(/task 1 has no time/);
    expect((await cli([join(dir, 'missing.alb')])).stderr).toMatch(/cannot be read \(ENOENT\)/);
    expect((await cli([await file('line.txt', csv), '--cycle', '6'])).stderr).toMatch(/expected a \.alb or \.csv file/);
    for (const args of [
      [line, '--cycle', '7', '--stations', '3'],
      [line, '--cycle', 'x'],
      [line, '--fast'],
      [],
      [line, '--stations', '2.5'],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/usage: twinward balance/);
    }
  });
});

describe('twinward balance: mixed models, U-lines, parallel stations', () => {
  const mixed = 'task,predecessors,time:A,time:B\nt1,,12,15\nt2,t1,20,8\nt3,t1,6,\nt4,t2 t3,10,14\nt5,t4,9,9\n';

  it('balances a mixed-model CSV under the average rule and checks a launch sequence', async () => {
    const path = await file('mixed.csv', mixed);
    const args = [path, '--cycle', '30', '--models', 'A=0.6,B=0.4', '--mixed-rule', 'average', '--tolerance', '0.15'];
    const { code, stdout } = await cli([...args, '--sequence', 'A,A,B', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ problem: 'MALBP-1', stations: 2, provenOptimal: true });
    expect(result.modelLoads.A).toHaveLength(2);
    expect(result.sequenceCheck).toMatchObject({ units: 3 });
    const table = await cli(args);
    expect(table.stdout).toMatch(/MALBP-1: 2 stations at cycle time 30 \(average rule, tolerance 0.15\)/);
    expect(table.stdout).toMatch(/station +weighted +A +B +idle +tasks/);
  });

  it('takes --u-line, --parallel and --stations, and refuses a mixed file without shares', async () => {
    const path = await file('mixed2.csv', mixed);
    const u = JSON.parse((await cli([path, '--cycle', '30', '--models', 'A=1,B=1', '--u-line', '--json'])).stdout);
    expect(u.legs).toHaveLength(5);
    const parallel = JSON.parse((await cli([path, '--cycle', '18', '--models', 'A=1,B=1', '--parallel', '2,1.5', '--json'])).stdout);
    expect(parallel).toMatchObject({ workplaces: 4, cost: 4.5 });
    const type2 = JSON.parse((await cli([path, '--stations', '2', '--models', 'A=1,B=1', '--json'])).stdout);
    expect(type2).toMatchObject({ problem: 'MALBP-2', cycleTime: 32, provenOptimal: true });
    const noShares = await cli([path, '--cycle', '30']);
    expect(noShares.code).toBe(2);
    expect(noShares.stderr).toMatch(/give their demand shares in --models/);
    const tooLong = await cli([path, '--cycle', '18', '--models', 'A=1,B=1']);
    expect(tooLong.stderr).toMatch(/--parallel 2/);
    expect((await cli([path, '--cycle', '18', '--parallel', '1'])).stderr).toMatch(/--parallel is MAX\[,COST\]/);
  });
});
