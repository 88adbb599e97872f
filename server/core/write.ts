import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { Actor, AppDeps } from '../deps.ts';
import { jsonify } from './json.ts';

/** What a domain write needs: the transaction, who acts (null: the system), and the instant. */
export interface WriteContext {
  tx: Db;
  actor: Actor | null;
  now: Date;
}

/** A write on behalf of a person (every API request). */
export interface Write extends WriteContext {
  actor: Actor;
}

/** A write by the system itself (sweeps): audited without an actor. */
export interface SystemWrite extends WriteContext {
  actor: null;
}

/** Every kind of entity the audit log records; the audit route accepts exactly these. */
export const auditEntityTypes = [
  'enterprise',
  'site',
  'area',
  'line',
  'station',
  'person',
  'api_token',
  'stand_in',
  'session',
  'password_reset',
  'program',
  'user_group',
  'use_case',
  'decision',
  'kpi',
  'kpi_measurement',
  'milestone',
  'review',
  'usage_event',
  'escalation',
  'data_source',
  'balancing_run',
  'simulation_run',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Runs a write in one transaction: the change and its audit entries commit together or not
 * at all, so a request never leaves a partial write behind.
 */
export async function inTransaction<T>(deps: AppDeps, actor: Actor, work: (w: Write) => Promise<T>): Promise<T> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => work({ tx: tx as unknown as Db, actor, now }));
}

/** Appends an audit entry inside the write's transaction. */
export async function audit(w: WriteContext, entry: AuditEntry): Promise<void> {
  await w.tx.insert(auditLog).values({
    at: w.now,
    actorId: w.actor?.personId ?? null,
    actorRole: w.actor?.role ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    // Dates become ISO strings so the stored JSON reads the same on every driver.
    before: entry.before === undefined ? null : jsonify(entry.before),
    after: entry.after === undefined ? null : jsonify(entry.after),
  });
}
