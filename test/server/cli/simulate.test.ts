import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../server/cli/simulate.ts';

const minimal = {
  machines: [{ name: 'M1', processTime: { dist: 'exponential', mean: 1.0 }, failure: { mtbf: 100, mttr: 10 } }],
  buffers: [3],
  warmup: 1000,
  horizon: 100000,
  replications: 10,
  seed: 1,
};
const twoMachines = { ...minimal, machines: [...minimal.machines, { name: 'M2', processTime: { dist: 'exponential', mean: 1.2 } }] };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twinward-simulate-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(args: string[], model?: unknown | string) {
  const file = join(dir, `model-${Math.random().toString(36).slice(2)}.json`);
  if (model !== undefined) await writeFile(file, typeof model === 'string' ? model : JSON.stringify(model));
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await run(args.map((a) => (a === 'FILE' ? file : a)));
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('twinward simulate', () => {
  it('prints one JSON object with the headline results', async () => {
    const { code, stdout, stderr } = await cli(['FILE', '--json'], twoMachines);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.throughput.mean).toBeGreaterThan(0.6);
    expect(r.throughput.ciHalfWidth).toBeGreaterThan(0);
    expect(r.machines.map((m: { name: string }) => m.name)).toEqual(['M1', 'M2']);
    for (const m of r.machines) {
      for (const key of ['processing', 'blocked', 'starved', 'down']) expect(typeof m[key]).toBe('number');
    }
    expect(r.machines[0].down).toBeGreaterThan(0);
    expect(r.machines[1].down).toBe(0);
    expect(r.bottleneck).toBe('M2');
    expect(r.events).toBeGreaterThan(1e6);
    expect(r.elapsedMs).toBeGreaterThan(0);
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await cli(['FILE'], twoMachines);
    expect(code).toBe(0);
    expect(stdout).toMatch(/throughput\s+0\.\d+ ± 0\.\d+ parts\/min/);
    expect(stdout).toMatch(/bottleneck\s+M2/);
    expect(stdout).toMatch(/^M1 .*%/m);
  });

  it.each([
    [
      'a negative time',
      { ...minimal, buffers: [], machines: [{ name: 'M1', processTime: { dist: 'exponential', mean: -1 } }] },
      'machines.0.processTime.mean',
    ],
    ['a buffer list of the wrong length', minimal, 'buffers'],
    [
      'an unknown distribution',
      { ...minimal, buffers: [], machines: [{ name: 'M1', processTime: { dist: 'weibull', mean: 1 } }] },
      'machines.0.processTime.dist',
    ],
    ['a horizon that would run for hours', { ...minimal, buffers: [], horizon: 1e12 }, 'horizon'],
  ])('refuses %s with exit code 2, naming the field', async (_, model, field) => {
    const { code, stdout, stderr } = await cli(['FILE', '--json'], model);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`  ${field}: `);
  });

  it('refuses a file that is not JSON, a missing file and a missing argument', async () => {
    const notJson = await cli(['FILE'], '{"machines": [');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/is not valid JSON/);
    const missing = await cli([join(dir, 'nothing-here.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot be read/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage: twinward simulate/);
  });
});
