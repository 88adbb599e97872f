import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, people } from '../../db/schema/index.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';

/** True when nobody exists yet: the database needs a first administrator or the demo. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(people);
  return row.n === 0;
}

/**
 * Creates a person with an API token and returns the token's secret (shown once).
 * `secret` may be fixed for the demo plant, so its README tokens stay valid.
 */
export async function createPersonWithToken(
  db: Db,
  person: { name: string; email: string; roles: (typeof people.$inferInsert)['roles'] },
  role: (typeof apiTokens.$inferInsert)['role'],
  secret: string = generateToken(),
): Promise<{ personId: string; token: string }> {
  const [row] = await db.insert(people).values(person).returning({ id: people.id });
  await createToken(db, row.id, role, secret);
  return { personId: row.id, token: secret };
}

/** Stores a token with a known secret for a person (bootstrap and demo only). */
export async function createToken(db: Db, personId: string, role: (typeof apiTokens.$inferInsert)['role'], secret: string): Promise<void> {
  await db.insert(apiTokens).values({ personId, role, label: `${role} token`, tokenHash: hashToken(secret) });
}
