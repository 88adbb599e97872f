import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { setPasswordDirectly } from '../sessions/index.ts';
import { checkPasswordRules } from '../sessions/passwords.ts';
import { audit, type SystemWrite } from '../core/write.ts';

const usage = 'usage: twinward create-admin --email EMAIL [--name NAME]  (password from TWINWARD_ADMIN_PASSWORD, else asked)';

/** Reads a password from the terminal without echoing it. */
async function askPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput(s: string): void };
  const write = output._writeToOutput.bind(rl);
  output._writeToOutput = (s: string) => write(s.startsWith(prompt) ? prompt : s.replace(/[^\r\n]/g, ''));
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/**
 * Creates the first administrator of a real installation (or another one), who signs in with email
 * and password, in the database the server uses (DATABASE_URL, else the embedded one in DATA_DIR).
 */
export async function run(args: string[]): Promise<number> {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  const email = values.email?.trim();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    process.stderr.write(`an --email address is needed\n${usage}\n`);
    return 2;
  }
  const password = process.env.TWINWARD_ADMIN_PASSWORD ?? (await askPassword('Password for the administrator: '));
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  try {
    const [taken] = await database.db
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.email}) = ${email.toLowerCase()}`);
    if (taken) {
      process.stderr.write(
        `${email} is already a person here; issue them a password link instead (POST /api/v1/people/{id}/password-reset)\n`,
      );
      return 1;
    }
    const id = await database.db.transaction(async (txRaw) => {
      // Made by the installation itself (audited without an actor), seeing the whole installation.
      const w: SystemWrite = { tx: txRaw as unknown as Db, now: new Date(), actor: null };
      checkPasswordRules(password, email);
      const [person] = await w.tx
        .insert(people)
        .values({ name: values.name ?? 'Administrator', email, roles: ['admin'], createdAt: w.now, updatedAt: w.now })
        .returning({ id: people.id, name: people.name, roles: people.roles });
      await audit(w, { entityType: 'person', entityId: person.id, action: 'create', after: person });
      await setPasswordDirectly(w, person.id, password, email);
      return person.id;
    });
    process.stdout.write(`created administrator ${email} (${id}); sign in with POST /api/v1/sessions\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
