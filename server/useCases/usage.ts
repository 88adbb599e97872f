import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, useCaseGroups, useCases, usageEvents, userGroupMembers, userGroups } from '../../db/schema/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { findActive } from '../core/lifecycle.ts';
import { audit, type Write } from '../core/write.ts';

export interface UsageInput {
  personId?: string;
  groupId?: string;
  occurredAt?: string;
  note?: string;
}

// Clocks on shop-floor terminals drift; a few minutes ahead is tolerated, not more.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records that a use case was used. The group is given, or derived from the person's
 * membership among the groups the use case serves (it must be unambiguous).
 */
export async function recordUsage(w: Write, useCaseId: string, input: UsageInput) {
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : w.now;
  if (occurredAt.getTime() > w.now.getTime() + FUTURE_TOLERANCE_MS) throw invalidInput('body.occurredAt', 'lies in the future');
  if (input.personId) await findActive(w.tx, people, 'person', input.personId, { field: 'body.personId' });
  let groupId = input.groupId;
  if (groupId) {
    const group = await findActive(w.tx, userGroups, 'user group', groupId, { field: 'body.groupId' });
    if (group.programId !== useCase.programId) {
      throw ruleViolation('the group belongs to another program', {}, [{ path: 'body.groupId', message: 'group of another program' }]);
    }
  } else {
    const candidates = await w.tx
      .select({ groupId: userGroupMembers.groupId })
      .from(userGroupMembers)
      .innerJoin(useCaseGroups, eq(useCaseGroups.groupId, userGroupMembers.groupId))
      .where(and(eq(userGroupMembers.personId, input.personId as string), eq(useCaseGroups.useCaseId, useCaseId)));
    if (candidates.length !== 1) {
      const why = candidates.length
        ? 'the person belongs to several groups this use case serves'
        : 'the person belongs to no group this use case serves';
      throw invalidInput('body.groupId', `${why}; say which group`);
    }
    groupId = candidates[0].groupId;
  }
  const [row] = await w.tx
    .insert(usageEvents)
    .values({ useCaseId, groupId, personId: input.personId ?? null, occurredAt, note: input.note ?? '' })
    .returning();
  await audit(w, { entityType: 'usage_event', entityId: row.id, action: 'create', after: row });
  return row;
}

/** The recorded uses of a use case, newest first. */
export async function listUsage(db: Db, useCaseId: string) {
  await findOrNotFound(db, useCases, 'use case', useCaseId);
  return db
    .select()
    .from(usageEvents)
    .where(eq(usageEvents.useCaseId, useCaseId))
    .orderBy(desc(usageEvents.occurredAt), desc(usageEvents.id));
}

/** Removes a use recorded by mistake (the audit log keeps what it was). */
export async function deleteUsage(w: Write, id: string) {
  await findOrNotFound(w.tx, usageEvents, 'usage event', id, { forUpdate: true });
  const [before] = await w.tx.delete(usageEvents).where(eq(usageEvents.id, id)).returning();
  await audit(w, { entityType: 'usage_event', entityId: id, action: 'delete', before });
}
