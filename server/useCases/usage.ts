import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, useCaseGroups, useCases, usageEvents, userGroupMembers, userGroups } from '../../db/schema/index.ts';
import { ForbiddenError, invalidInput, ruleViolation } from '../core/errors.ts';
import { checkMayChange, checkSees, type Viewer } from '../access/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { findActive } from '../core/lifecycle.ts';
import { audit, type Write } from '../core/write.ts';
import { CLOCK_SKEW_MS } from '../core/calendar.ts';

export interface UsageInput {
  personId?: string;
  groupId?: string;
  occurredAt?: string;
  note?: string;
}

/**
 * How far back a use may be dated: long enough to catch up after a terminal was offline over a
 * holiday, short enough that adoption figures already reported are not rewritten.
 */
export const USAGE_BACKDATE_DAYS = 14;

/** Roles that record uses for other people: administrators importing, integrations relaying. */
const recordsForOthers = ['admin', 'integration'];

/**
 * Records that a use case was used, by the caller (an admin or an integration token may record
 * for someone else). The group is given, or derived from the person's membership among the
 * groups the use case serves (it must be unambiguous). Never on a retired use case, never in
 * the future, never more than USAGE_BACKDATE_DAYS back.
 */
export async function recordUsage(w: Write, useCaseId: string, input: UsageInput) {
  await checkSees(w.tx, w.actor, 'use_case', useCaseId);
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  if (useCase.status === 'retired')
    throw ruleViolation(`use case '${useCase.title}' is retired: it is no longer used`, { currentStatus: 'retired' });
  const personId = input.personId ?? w.actor.personId;
  if (personId !== w.actor.personId && !recordsForOthers.includes(w.actor.role)) {
    throw new ForbiddenError('a use is recorded by the person who made it; only an admin or an integration token records for others', [
      { path: 'body.personId', message: 'not you' },
    ]);
  }
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : w.now;
  if (occurredAt.getTime() > w.now.getTime() + CLOCK_SKEW_MS) throw invalidInput('body.occurredAt', 'lies in the future');
  if (occurredAt.getTime() < w.now.getTime() - USAGE_BACKDATE_DAYS * 86_400_000) {
    throw invalidInput('body.occurredAt', `lies more than ${USAGE_BACKDATE_DAYS} days back`);
  }
  await findActive(w.tx, people, 'person', personId, { field: 'body.personId' });
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
      .where(and(eq(userGroupMembers.personId, personId), eq(useCaseGroups.useCaseId, useCaseId)));
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
    .values({ useCaseId, groupId, personId, occurredAt, note: input.note ?? '' })
    .returning();
  await audit(w, { entityType: 'usage_event', entityId: row.id, action: 'create', after: row });
  return row;
}

/** The recorded uses of a use case, newest first. */
export async function listUsage(db: Db, viewer: Viewer, useCaseId: string) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  return db
    .select()
    .from(usageEvents)
    .where(eq(usageEvents.useCaseId, useCaseId))
    .orderBy(desc(usageEvents.occurredAt), desc(usageEvents.id));
}

/** Removes a use recorded by mistake: whoever may change the use case (the audit log keeps what it was). */
export async function deleteUsage(w: Write, id: string) {
  await checkMayChange(w, 'usage_event', id);
  await findOrNotFound(w.tx, usageEvents, 'usage event', id, { forUpdate: true });
  const [before] = await w.tx.delete(usageEvents).where(eq(usageEvents.id, id)).returning();
  await audit(w, { entityType: 'usage_event', entityId: id, action: 'delete', before });
}
