import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { freePort, repoRoot, startCompiledServer } from '../../helpers/server.ts';

/**
 * The embedded database (PGlite) does not survive an unclean exit reliably, so: SIGTERM keeps
 * every acknowledged write, and a damaged folder stops the start with what to do, after a copy
 * of it was kept.
 */
describe('the embedded database across stops', () => {
  const root = mkdtempSync(join(tmpdir(), 'twinward-embedded-'));
  const dataDir = join(root, 'data');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps every write acknowledged before a SIGTERM', async () => {
    const server = await startCompiledServer({ DATA_DIR: dataDir, SEED: 'none', DATABASE_URL: undefined });
    const token = /Admin token \(shown once\): (\S+)/.exec(server.output())![1];
    const acknowledged: string[] = [];
    let n = 0;
    let stopping = false;
    const writer = async () => {
      while (!stopping) {
        const email = `w${n++}@embedded.example`;
        try {
          const res = await fetch(`${server.url}/api/v1/people`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: email, email, roles: ['viewer'] }),
          });
          if (res.status === 201) acknowledged.push(email);
        } catch {
          // refused once the server stopped listening
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 1000));
    const code = server.stop();
    stopping = true;
    await Promise.all(writers);
    expect(await code).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(5);
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db.execute<{ email: string }>("select email from people where email like 'w%'" as never);
      const stored = new Set((rows as unknown as { rows: { email: string }[] }).rows.map((r) => r.email));
      for (const email of acknowledged) expect(stored.has(email), email).toBe(true);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('refuses to start on a damaged folder, keeps a copy of it and says what to do', async () => {
    writeFileSync(join(dataDir, 'global', 'pg_control'), Buffer.alloc(100, 7));
    const { DATABASE_URL: _url, ...env } = process.env;
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server', 'main.js')], {
      env: { ...env, DATA_DIR: dataDir, PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (d) => (printed += d));
    child.stderr.on('data', (d) => (printed += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(printed).toContain(`The embedded database in ${dataDir} cannot be opened`);
    expect(printed).toContain('What to do: restore the folder from your latest backup');
    const copies = readdirSync(root).filter((f) => f.startsWith('data.damaged-'));
    expect(copies).toHaveLength(1);
    expect(printed).toContain(join(root, copies[0]));
  }, 60_000);
});
