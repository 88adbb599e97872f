import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';
import { accessRole } from './enums.ts';
import { people } from './people.ts';

/** Append-only record of every write: who, when, what, and the row before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: instant().notNull(),
    actorId: uuid().references(() => people.id),
    actorRole: accessRole(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.entityType, t.entityId, t.at)],
);
