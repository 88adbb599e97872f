import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startCompiledServer, type RunningServer } from '../../helpers/server.ts';

// `npm start` runs compiled JavaScript: no TypeScript loader, and no child process left behind.
describe('the compiled server on a new embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twinward-compiled-'));
  let server: RunningServer;
  let admin: string;

  beforeAll(async () => {
    server = await startCompiledServer({ DATA_DIR: dataDir, SEED: 'none', DATABASE_URL: undefined });
    admin = /Admin token \(shown once\): (\S+)/.exec(server.output())![1];
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('initialises the database in a child process that has exited, and reports its memory', async () => {
    expect(server.children()).toEqual([]);
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(health.rss).toBeGreaterThan(10 * 2 ** 20);
  });

  it('balances and simulates on worker threads of compiled code, leaving no child process', async () => {
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const problem = {
      tasks: [
        { id: 'a', time: 3 },
        { id: 'b', time: 4, predecessors: ['a'] },
        { id: 'c', time: 2 },
      ],
      cycleTime: 6,
    };
    const balance = await fetch(`${server.url}/api/v1/balancing-runs`, { method: 'POST', headers, body: JSON.stringify({ problem }) });
    expect(balance.status).toBe(201);
    expect((await balance.json()).result).toMatchObject({ stations: 2, provenOptimal: true });

    const model = {
      machines: [
        { name: 'M1', processTime: { dist: 'exponential', mean: 1 } },
        { name: 'M2', processTime: { dist: 'deterministic', mean: 0.9 } },
      ],
      buffers: [3],
      warmup: 100,
      horizon: 20_000,
      replications: 3,
      seed: 7,
    };
    const submitted = await fetch(`${server.url}/api/v1/simulations`, { method: 'POST', headers, body: JSON.stringify({ model }) });
    expect(submitted.status).toBe(202);
    const { id } = await submitted.json();
    let run: { status: string } = { status: 'queued' };
    for (let i = 0; i < 600 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await (await fetch(`${server.url}/api/v1/simulations/${id}`, { headers })).json();
    }
    expect(run.status).toBe('succeeded');
    expect(server.children()).toEqual([]);
  });
});

// SIGTERM: stop accepting, finish what is in flight, put a running simulation back in the queue.
describe('the compiled server shutting down', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twinward-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes a request in flight and returns a running simulation to the queue', async () => {
    const server = await startCompiledServer({ DATA_DIR: dataDir, SEED: 'none', DATABASE_URL: undefined });
    const admin = /Admin token \(shown once\): (\S+)/.exec(server.output())![1];
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const machine = (name: string) => ({ name, processTime: { dist: 'exponential', mean: 1 } });
    const model = { machines: [machine('a'), machine('b')], buffers: [5], warmup: 100, horizon: 20_000_000, replications: 4, seed: 3 };
    const submitted = await fetch(`${server.url}/api/v1/simulations`, { method: 'POST', headers, body: JSON.stringify({ model }) });
    const { id } = await submitted.json();
    let status = 'queued';
    for (let i = 0; i < 200 && status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await (await fetch(`${server.url}/api/v1/simulations/${id}`, { headers })).json()).status;
    }
    expect(status).toBe('running');

    // A request whose body is still arriving when SIGTERM comes.
    const body = JSON.stringify({
      problem: {
        tasks: [
          { id: 'a', time: 3 },
          { id: 'b', time: 4, predecessors: ['a'] },
        ],
        cycleTime: 6,
      },
    });
    let sendRest!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode(body.slice(10)));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${server.url}/api/v1/balancing-runs`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    const exited = server.stop();
    await new Promise((r) => setTimeout(r, 300));
    sendRest();
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: shutting down');

    const { openDatabase } = await import('../../../db/client.ts');
    const { simulationRuns } = await import('../../../db/schema/index.ts');
    const database = await openDatabase({ dataDir });
    try {
      const [run] = await database.db.select().from(simulationRuns);
      expect(run).toMatchObject({ id, status: 'queued', attempts: 0 });
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('the twinward command', () => {
  it('runs the compiled CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinward-cli-'));
    try {
      writeFileSync(join(dir, 'line.csv'), 'task,time,predecessors\na,3,\nb,4,a\nc,2,\n');
      const out = execFileSync(
        process.execPath,
        [join(repoRoot, 'server', 'cli', 'bin.mjs'), 'balance', join(dir, 'line.csv'), '--cycle', '6', '--json'],
        { encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toMatchObject({ stations: 2, provenOptimal: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
