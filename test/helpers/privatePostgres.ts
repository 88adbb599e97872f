import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of a test's own, on its own port and data folder, that the test may stop,
 * kill and restart (never the shared server other test files use). PostgreSQL refuses to run as
 * root, so it runs as the `postgres` user through `runuser`; where that is not possible the
 * tests that need it are skipped, and say so.
 */
const bin = '/usr/lib/postgresql/15/bin';

export const privatePostgresAvailable =
  process.getuid?.() === 0 && existsSync(join(bin, 'initdb')) && existsSync('/usr/sbin/runuser') && hasUser('postgres');

function hasUser(name: string): boolean {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /** A clean, fast shutdown. */
  stop(): void;
  /** The postmaster killed outright, as in a crash. */
  kill(): void;
  /** Stops it for good and removes its data. */
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'twinward-pg-'));
  chownSync(
    dir,
    Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  );
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => void asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    stop: () => void asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    kill() {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      // Its backends follow the postmaster; wait until the port is free again.
      for (let i = 0; i < 100 && existsSync(join(data, 'postmaster.pid')); i++) {
        try {
          process.kill(pid, 0);
          execFileSync('sleep', ['0.05']);
        } catch {
          break;
        }
      }
    },
    destroy() {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
