/**
 * Resident memory of the idle compiled server with the demo plant on the embedded database, on
 * its very first start (initdb and seed) and after a restart on the same data folder, as
 * `/healthz` reports it. Run with `npm run bench:memory` (it builds first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCompiledServer } from '../helpers/server.ts';

const IDLE_MS = Number(process.env.IDLE_SECONDS ?? 45) * 1000;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function idleRss(label: string, dataDir: string): Promise<void> {
  const started = performance.now();
  const server = await startCompiledServer({ DATA_DIR: dataDir, SEED: 'demo', DATABASE_URL: undefined });
  const ready = performance.now() - started;
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const { rss } = (await (await fetch(`${server.url}/healthz`)).json()) as { rss: number };
  const children = server.children().length;
  await server.stop();
  console.log(
    `${label}: idle RSS ${mib(rss)} (${rss} bytes) ${IDLE_MS / 1000} s after listening; listening after ${(ready / 1000).toFixed(1)} s; ${children} child process(es) left`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'twinward-bench-memory-'));
try {
  await idleRss('first start (initdb, demo seed)', dataDir);
  await idleRss('restart (existing database)   ', dataDir);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
