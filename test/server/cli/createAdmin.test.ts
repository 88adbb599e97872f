import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../server/cli/createAdmin.ts';
import { openDatabase } from '../../../db/client.ts';
import { createApp } from '../../../server/app.ts';

/** The first administrator of a real installation, made on the command line, then signing in. */
describe('twinward create-admin', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twinward-admin-'));
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dir;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], password?: string) {
    let stdout = '';
    let stderr = '';
    if (password === undefined) delete process.env.TWINWARD_ADMIN_PASSWORD;
    else process.env.TWINWARD_ADMIN_PASSWORD = password;
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      return { code: await run(args), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('creates an administrator with a password, who then signs in; refuses a bad email, a short password and a duplicate', async () => {
    expect((await cli(['--email', 'not an email'], 'long enough password')).code).toBe(2);
    const short = await cli(['--email', 'it@plant.example'], 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    const made = await cli(['--email', 'it@plant.example', '--name', 'IT'], 'long enough password');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('created administrator it@plant.example');
    const again = await cli(['--email', 'IT@plant.example'], 'long enough password');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already a person here');

    const database = await openDatabase({ dataDir: dir });
    try {
      const app = createApp({ db: database.db, dbKind: database.kind, clock: () => new Date() });
      const res = await app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'it@plant.example', password: 'long enough password' }),
      });
      expect(res.status).toBe(201);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const me = await (await app.request('/api/v1/me', { headers: { cookie } })).json();
      expect(me).toMatchObject({ name: 'IT', role: 'admin', scope: { kind: 'installation' } });
    } finally {
      await database.close();
    }
  }, 60_000);
});
