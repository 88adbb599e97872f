import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(repoRoot, 'dist', 'server', 'main.js');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Ids of the server's child processes still there (zombies included), read from /proc. */
  children(): number[];
  stop(): Promise<number | null>;
}

/** A TCP port of 127.0.0.1 nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the compiled server (`dist/`, built by `npm run build`, which `npm test` runs first) as
 * `npm start` would, and resolves once it listens.
 */
export async function startCompiledServer(
  env: Record<string, string | undefined>,
  chosenPort?: number,
  timeoutMs = 120_000,
): Promise<RunningServer> {
  if (!existsSync(entry)) throw new Error('dist/server/main.js is missing: run `npm run build`');
  // A port the system has free unless one is asked for: a fixed one fails whenever anything else
  // on the machine holds it (a service started by hand, another checkout's tests).
  const port = chosenPort ?? (await freePort());
  // A variable given as undefined is removed (e.g. DATABASE_URL, for the embedded database).
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (d) => (printed += d));
  child.stderr!.on('data', (d) => (printed += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in ${timeoutMs} ms:\n${printed}`)), timeoutMs);
    const watch = setInterval(() => {
      if (printed.includes('twinward listening on')) {
        clearTimeout(timer);
        clearInterval(watch);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(watch);
      reject(new Error(`the server exited (${code}) before listening:\n${printed}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => printed,
    children: () => readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
