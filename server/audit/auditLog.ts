import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog, people } from '../../db/schema/index.ts';
import { anchorOf, seesSites, type Viewer } from '../access/index.ts';
import { ForbiddenError, notFound, NotFoundError } from '../core/errors.ts';
import { checkSeesEnterprise } from '../plant/index.ts';
import type { AuditEntityType } from '../core/write.ts';
import { hiddenMilestoneIds } from '../milestones/index.ts';

/** Audit subjects about people and their credentials: their own business and the admins'. */
const personalTypes = ['person', 'api_token', 'stand_in', 'session', 'password_reset'] as const;
const isPersonal = (t: AuditEntityType): t is (typeof personalTypes)[number] => (personalTypes as readonly string[]).includes(t);

// Never shown, at any depth, whatever an old snapshot holds. A webhook URL is a credential: who
// has it may post into the chat channel (Slack and Mattermost hooks carry their secret in the path).
const secretKeys = new Set(['tokenHash', 'secretHash', 'passwordHash', 'csrfToken', 'webhookUrl']);

/**
 * Whether the viewer may read an entity's trail: what they may see in the plant and its programs
 * (404 out of scope); a trail of something since deleted only with no site limit (its place is no
 * longer known). Kinds with no place in the plant — people and their credentials, stand-ins,
 * enterprises — are for admins (an enterprise they see), and a person's own trail for them.
 */
async function checkReads(db: Db, viewer: Viewer, entityType: AuditEntityType, entityId: string): Promise<void> {
  if (isPersonal(entityType)) {
    const self = entityType === 'person' && entityId === viewer.personId;
    if (viewer.role !== 'admin' && !self)
      throw new ForbiddenError('the audit trail of people and their credentials is for admins and the person');
    return;
  }
  if (entityType === 'enterprise') {
    await checkSeesEnterprise(db, viewer, entityId).catch((err: unknown) => {
      // One deleted since: as for anchored kinds, only with no site limit.
      if (!(err instanceof NotFoundError) || viewer.siteIds !== null) throw err;
    });
    if (viewer.role !== 'admin') throw new ForbiddenError('the audit trail of an enterprise is for admins');
    return;
  }
  try {
    const anchor = await anchorOf(db, entityType, entityId);
    if (!seesSites(viewer, anchor.siteIds)) throw notFound(entityType.replace('_', ' '), entityId);
  } catch (err) {
    if (!(err instanceof NotFoundError) || viewer.siteIds !== null) throw err;
  }
}

/** A value without secrets, at any depth. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !secretKeys.has(key))
      .map(([key, v]) => [key, withoutSecrets(v)]),
  );
}

/** A snapshot as the viewer may read it: no secrets, and a person's email only for admins and themselves. */
function redact(snapshot: unknown, entityType: AuditEntityType, entityId: string, viewer: Viewer): unknown {
  const out = withoutSecrets(snapshot);
  if (entityType !== 'person' || !out || typeof out !== 'object' || Array.isArray(out)) return out;
  if ('email' in out && viewer.role !== 'admin' && viewer.personId !== entityId) return { ...out, email: null };
  return out;
}

/** The audit trail of one entity the viewer may see, oldest first, with the actor's name. */
export async function auditTrail(db: Db, viewer: Viewer, entityType: AuditEntityType, entityId: string) {
  await checkReads(db, viewer, entityType, entityId);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: people.name,
      actorRole: auditLog.actorRole,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
  const hidden = entityType === 'review' ? await hiddenOfReview(db, viewer, rows) : new Set<string>();
  const shown = (snapshot: unknown) => withoutHiddenItems(redact(snapshot, entityType, entityId, viewer), hidden);
  return rows.map((r) => ({ ...r, before: shown(r.before), after: shown(r.after) }));
}

/**
 * A review records every open milestone of its program; the ones of use cases out of the viewer's
 * scope are left out of its snapshots as they are of the review itself.
 */
async function hiddenOfReview(db: Db, viewer: Viewer, rows: { after: unknown }[]): Promise<Set<string>> {
  const programId = rows.map((r) => (r.after as { programId?: unknown } | null)?.programId).find((p) => typeof p === 'string');
  return programId ? hiddenMilestoneIds(db, viewer, programId as string) : new Set();
}

function withoutHiddenItems(snapshot: unknown, hidden: Set<string>): unknown {
  if (!hidden.size || !snapshot || typeof snapshot !== 'object' || !Array.isArray((snapshot as { items?: unknown }).items)) return snapshot;
  const items = (snapshot as { items: { milestoneId?: string }[] }).items.filter((i) => !hidden.has(i.milestoneId ?? ''));
  return { ...snapshot, items };
}
